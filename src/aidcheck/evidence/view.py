"""What `aidcheck show` says of a claim's citation, as a typed model (JSON-ready).

Kept apart from `passage`, which builds it, so that the lookup can name the type without
loading the archive code.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ClosestPassage(BaseModel):
    """The passage most like a quote that was not found."""

    text: str
    line: int | None
    similarity: float
    numbers_differ: bool


class CitationView(BaseModel):
    status: str = Field(description="verified, not verified, or not checked")
    verified: bool
    problems: list[str] = Field(default_factory=list)
    file: str | None = Field(default=None, description="the snapshot file")
    closest: ClosestPassage | None = Field(
        default=None, description="when the quote was not found: the most alike passage"
    )
    line: int | None = Field(default=None, description="where the quote is in the snapshot")
    column: int | None = None
    match: str | None = Field(default=None, description="how the quote matched")
    occurrences: int = 0
    before: str = Field(default="", description="the text before the quote on its line")
    quote: str | None = Field(default=None, description="the quote as the snapshot has it")
    after: str = ""
    figures: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end) offsets of the claim's figure in quote"
    )
    repaired: list[str] = Field(default_factory=list)
