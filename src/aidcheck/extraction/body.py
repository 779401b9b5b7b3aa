"""The figures of an article's body, each in its sentence.

A figure is left out when it overlaps boilerplate, damaged, repaired or duplicated text (the
analysis of the snapshot finds those spans; a duplicated paragraph's figures are counted once,
in the copy that is kept), when it sits inside a URL, an e-mail address or a long run of digits
and separators (phone, registration and document numbers), which are never figures, or when it
is a determiner that names a population (所有贫困县, 每个县, 全部832个贫困县, "all 832
counties"): the reader reads those as 100 %, but what they state is a claim's scope
(`scope.population`), and the figure of the sentence is elsewhere in it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from aidcheck.evidence.document import SnapshotText
from aidcheck.evidence.spans import SpanKind
from aidcheck.model.quantity import Quantity
from aidcheck.model.units import UnitTable
from aidcheck.numbers import FoundFigure

SCOPE_WORDS = frozenset({"所有", "每个", "每一个", "各个", "all", "every", "each"})
LEFT_OUT_KINDS = (SpanKind.BOILERPLATE, SpanKind.DAMAGED, SpanKind.REPAIRED, SpanKind.DUPLICATE)

# Text that holds digits but never a figure: URLs, e-mail addresses, and numbers written with
# separators in the way of phones and registrations (010-65289999, 京ICP证030173号).
_NOT_FIGURES = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff5e\u4e00-\u9fff]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\+?\d[\d ()-]{8,}\d",
    re.ASCII,
)
# A sentence ends at 。！？!?；; or a line break, or at a full stop before white space (so not
# at the decimal point of 1.9).
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"')）]*|\n|\.(?=\s)")


# How far a sentence reaches either side of its figure, at most: the cost per figure is bounded
# however long a sentence (or a text without punctuation) is.
SENTENCE_CHARS = 400


@dataclass(frozen=True)
class BodyFigure:
    start: int
    end: int
    text: str
    quantity: Quantity
    sentence_start: int
    sentence_end: int
    sentence: str
    line: int
    why: str = ""
    words: bool = False


@dataclass
class Body:
    figures: list[BodyFigure] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around `text[start:end]`: from after the previous sentence end to the
    next one (inclusive of its punctuation)."""
    left = max(0, start - SENTENCE_CHARS)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end, end + SENTENCE_CHARS)
    right = after.end() if after is not None else min(len(text), end + SENTENCE_CHARS)
    if right > 0 and text[right - 1 : right] == "\n":
        right -= 1
    while left < start and (text[left].isspace() or text[left] in ",，、:：)）”’"):
        left += 1
    return left, right


def _counted_next(text: str, end: int, following: list[FoundFigure]) -> bool:
    """Whether a figure in words is followed at once by a count (全部832个贫困县, "all 832
    counties"): the words then name the set that the count counts, not a share."""
    return bool(following) and not text[end : following[0].start].strip()


class _Ranges:
    """Half-open ranges merged into disjoint ones, each with the kind of its first range, so
    that the range overlapping a figure is found by bisection, not by a scan of every span."""

    def __init__(self, ranges: Iterable[tuple[int, int, str]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kinds: list[str] = []
        for start, end, kind in sorted(ranges):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
                continue
            self.starts.append(start)
            self.ends.append(end)
            self.kinds.append(kind)

    def kind_at(self, start: int, end: int) -> str | None:
        """The kind of the range that overlaps [start, end), if any."""
        i = bisect.bisect_right(self.starts, end - 1) - 1
        if i >= 0 and self.ends[i] > start:
            return self.kinds[i]
        return None


def body_figures(snapshot: SnapshotText, units: UnitTable | None = None) -> Body:
    """The figures of the body, read with `units` (the built-in unit table by default)."""
    from aidcheck.evidence.normalize import normalize_quote
    from aidcheck.numbers import find_figures

    text = snapshot.text
    excluded = _Ranges(
        (s.start, s.end, s.kind.value) for s in snapshot.spans if s.kind in LEFT_OUT_KINDS
    )
    not_figures = _Ranges(
        (m.start(), m.end(), "code or address") for m in _NOT_FIGURES.finditer(text)
    )
    body = Body()
    figures = find_figures(text, units)
    for i, found in enumerate(figures):
        kind = excluded.kind_at(found.start, found.end) or not_figures.kind_at(
            found.start, found.end
        )
        if kind is not None:
            body.left_out[kind] += 1
            continue
        if found.words and (
            normalize_quote(text[found.start : found.end]).lower() in SCOPE_WORDS
            or _counted_next(text, found.end, figures[i + 1 : i + 2])
        ):
            body.left_out["scope word"] += 1
            continue
        left, right = sentence_bounds(text, found.start, found.end)
        body.figures.append(
            BodyFigure(
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                quantity=found.quantity,
                sentence_start=left,
                sentence_end=right,
                sentence=text[left:right],
                line=snapshot.lines.line(found.start),
                why=found.why,
                words=found.words,
            )
        )
    return body
