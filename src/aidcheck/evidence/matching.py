"""Finding a quote in a snapshot's normalized view, and choosing among repeated occurrences.

A quote is found when its normalized form occurs in the normalized view (`exact`), or, failing
that, when it occurs with punctuation ignored and its numbers written identically
(`punctuation`), or in the view whose damaged spans were replaced by their repair (`repaired`).
Nothing fuzzier is ever accepted: for a quote that is not found, the closest passage is shown,
with a warning when its numbers differ from the quote's.

Choosing among occurrences: the claim's anchor (`before`/`after` text within
`ANCHOR_WINDOW` characters, then the 1-based `occurrence` among those left) decides. Without
`occurrence`, a copy inside a duplicated paragraph and a copy in boilerplate do not count when
the article states the quote elsewhere.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from aidcheck.evidence.document import SnapshotText
from aidcheck.evidence.normalize import NormalizedText, normalize_quote
from aidcheck.evidence.spans import SpanKind
from aidcheck.model.claim import Anchor

ANCHOR_WINDOW = 50
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


class MatchKind(StrEnum):
    EXACT = "exact"
    PUNCTUATION = "punctuation"
    REPAIRED = "repaired"


@dataclass(frozen=True)
class Occurrence:
    start: int  # original offsets
    end: int


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    start: int
    end: int
    text: str
    similarity: float
    numbers_differ: bool


@dataclass
class QuoteMatch:
    quote: str  # normalized
    kind: MatchKind | None = None
    occurrences: list[Occurrence] = field(default_factory=list)
    counted: list[Occurrence] = field(default_factory=list)
    chosen: Occurrence | None = None
    anchor_problem: str | None = None
    closest: Passage | None = None

    @property
    def found(self) -> bool:
        return bool(self.occurrences)

    @property
    def ambiguous(self) -> bool:
        return self.found and self.chosen is None


def numbers(text: str) -> list[str]:
    return NUMBER_RE.findall(text)


def find_quote(
    snapshot: SnapshotText, quote: str, anchor: Anchor | None = None, *, closest: bool = True
) -> QuoteMatch:
    needle = normalize_quote(quote)
    match = QuoteMatch(quote=needle)
    if not needle:
        return match
    for kind, view in _views(snapshot):
        if kind is MatchKind.PUNCTUATION:
            spans = _find_skeleton(view, needle)
        else:
            spans = _find_all(view, needle)
        if spans:
            match.kind = kind
            match.occurrences = [Occurrence(*view.to_original(a, b)) for a, b in spans]
            _choose(snapshot, view, spans, match, anchor)
            return match
    if closest:
        match.closest = closest_passage(snapshot.view, needle)
    return match


def _views(snapshot: SnapshotText) -> list[tuple[MatchKind, NormalizedText]]:
    views = [(MatchKind.EXACT, snapshot.view), (MatchKind.PUNCTUATION, snapshot.view)]
    repaired = snapshot.repaired_view
    if repaired is not None:
        views.append((MatchKind.REPAIRED, repaired))
    return views


def _find_all(view: NormalizedText, needle: str) -> list[tuple[int, int]]:
    found = []
    at = view.text.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = view.text.find(needle, at + 1)
    return found


@lru_cache(maxsize=64)
def _skeleton(text: str) -> tuple[str, list[int]]:
    """Letters, digits and `.`/`%` of a text, with the index of each in the text."""
    keep = [i for i, ch in enumerate(text) if ch.isalnum() or ch in ".%"]
    return "".join(text[i] for i in keep), keep


def _find_skeleton(view: NormalizedText, needle: str) -> list[tuple[int, int]]:
    """Occurrences with punctuation ignored, kept only when their numbers read the same."""
    bare, _ = _skeleton(needle)
    if len(bare) < 4:
        return []
    hay, index = _skeleton(view.text)
    found = []
    at = hay.find(bare)
    while at >= 0:
        a, b = index[at], index[at + len(bare) - 1] + 1
        if numbers(view.text[a:b]) == numbers(needle):
            found.append((a, b))
        at = hay.find(bare, at + 1)
    return found


def _choose(
    snapshot: SnapshotText,
    view: NormalizedText,
    spans: list[tuple[int, int]],
    match: QuoteMatch,
    anchor: Anchor | None,
) -> None:
    candidates = list(zip(spans, match.occurrences, strict=True))
    if anchor is not None and anchor.before:
        before = normalize_quote(anchor.before)
        candidates = [
            c
            for c in candidates
            if before in view.text[max(0, c[0][0] - ANCHOR_WINDOW - len(before)) : c[0][0]]
        ]
    if anchor is not None and anchor.after:
        after = normalize_quote(anchor.after)
        candidates = [
            c
            for c in candidates
            if after in view.text[c[0][1] : c[0][1] + ANCHOR_WINDOW + len(after)]
        ]
    if not candidates:
        match.anchor_problem = "the anchor's before/after text is not next to any occurrence"
        return
    counted = [occ for _, occ in candidates]
    if anchor is not None and anchor.occurrence is not None:
        match.counted = counted
        if anchor.occurrence > len(counted):
            match.anchor_problem = (
                f"the anchor asks for occurrence {anchor.occurrence}, but the quote occurs "
                f"{len(counted)} time(s)"
            )
            return
        match.chosen = counted[anchor.occurrence - 1]
        return
    counted = _drop_copies(snapshot, counted)
    match.counted = counted
    if len(counted) == 1:
        match.chosen = counted[0]


def _drop_copies(snapshot: SnapshotText, occurrences: list[Occurrence]) -> list[Occurrence]:
    """Without copies in duplicated paragraphs, then in boilerplate, while any remain."""
    for kind in (SpanKind.DUPLICATE, SpanKind.BOILERPLATE):
        spans = snapshot.spans_of(kind)
        kept = [o for o in occurrences if not any(s.overlaps(o.start, o.end) for s in spans)]
        if kept:
            occurrences = kept
    return occurrences


CLOSEST_CHARS = 400


def closest_passage(view: NormalizedText, needle: str) -> Passage | None:
    """The passage of the view most like the quote: seeded by shared character pairs, then
    aligned with difflib. None when nothing is even half alike."""
    text = view.text
    needle = needle[:CLOSEST_CHARS]  # difflib is quadratic: align a bounded head of the quote
    n = len(needle)
    if n < 2 or not text:
        return None
    pairs = {needle[i : i + 2] for i in range(n - 1)}
    hits = [1 if text[i : i + 2] in pairs else 0 for i in range(len(text) - 1)]
    window = max(n, 2)
    best_start, best_hits, running = 0, -1, sum(hits[:window])
    for i in range(max(1, len(hits) - window + 1)):
        if i:
            running += (hits[i + window - 1] if i + window - 1 < len(hits) else 0) - hits[i - 1]
        if running > best_hits:
            best_start, best_hits = i, running
    lo = max(0, best_start - n // 2)
    hi = min(len(text), best_start + n + n // 2)
    matcher = difflib.SequenceMatcher(None, needle, text[lo:hi], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    a, b = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
    similarity = difflib.SequenceMatcher(None, needle, text[a:b], autojunk=False).ratio()
    if similarity < 0.5:
        return None
    start, end = view.to_original(a, b)
    return Passage(
        start=start,
        end=end,
        text=view.original[start:end],
        similarity=round(similarity, 3),
        numbers_differ=numbers(text[a:b]) != numbers(needle),
    )
