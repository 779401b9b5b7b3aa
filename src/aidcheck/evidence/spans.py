"""Spans of a snapshot that a citation must not be trusted in, and line numbers for offsets."""

from __future__ import annotations

import bisect
import re
from enum import StrEnum

from pydantic import BaseModel, Field


class SpanKind(StrEnum):
    DAMAGED = "damaged"  # mojibake or lost bytes that could not be recovered
    REPAIRED = "repaired"  # mojibake whose text was recovered from its bytes
    DUPLICATE = "duplicate"  # a paragraph whose text is repeated elsewhere in the snapshot
    BOILERPLATE = "boilerplate"  # not the article: comments, spam, related news, footers


class Span(BaseModel):
    """A half-open range `[start, end)` of original character offsets, with 1-based lines."""

    kind: SpanKind
    heuristic: str = Field(description="the name of the heuristic that found the span")
    start: int
    end: int
    line: int = 1
    end_line: int = 1
    note: str = ""
    repaired: str | None = Field(default=None, description="the recovered text (repaired only)")

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


_NEWLINE = re.compile("\n")


class LineIndex:
    """1-based line and column of an offset into a text."""

    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def column(self, offset: int) -> int:
        line = self.line(offset)
        start = self.newlines[line - 2] + 1 if line > 1 else 0
        return offset - start + 1

    def place(self, span: Span) -> Span:
        """The span with its line numbers filled in."""
        last = max(span.start, span.end - 1)
        return span.model_copy(update={"line": self.line(span.start), "end_line": self.line(last)})
