"""A source: one published document, and where its archived text lives."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from aidcheck.model.base import Date, StrictModel

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Snapshot(StrictModel):
    """A plain-text snapshot of the source in the evidence archive."""

    file: str = Field(min_length=1)
    sha256: Sha256


class Source(StrictModel):
    id: Identifier
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    published: Date
    url: str | None = None
    language: Literal["zh-Hans", "zh-Hant", "en"] = "zh-Hans"
    author: str | None = None
    # What this document repeats: another source's id, or an origin such as a press conference
    # that no archived source records. Agreement among sources of one origin is repetition.
    derived_from: list[Identifier] = Field(default_factory=list)
    snapshot: Snapshot | None = None
    note: str | None = None
