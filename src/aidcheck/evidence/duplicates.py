"""Duplicated paragraphs: text a snapshot states twice, which must not count as two sources.

Heuristic `repeated-paragraph`: a paragraph (a line of at least `MIN_CHARS` normalized
characters, outside boilerplate) whose normalized text occurs in the rest of the article with
paragraph breaks removed. That covers a paragraph repeated verbatim and a truncated lead
(摘要) that repeats the first paragraph and the start of the next. Paragraphs are taken in order
and each one judged against the paragraphs not yet marked, so of two copies exactly one is
marked: the earlier one, whose text the rest of the article states in full.

The search is near-linear: the paragraphs' text is indexed by short grams taken at every
`gram`-th offset of each paragraph, and a paragraph is compared only where one of its grams
occurs elsewhere. Every copy of a paragraph has a stretch of at least `2 * gram - 1` characters
inside one paragraph, so it holds an indexed gram and is found. A snapshot is untrusted input, so
the comparisons are bounded: at most `PER_PARAGRAPH` looked-up candidates for one paragraph and
`PER_SNAPSHOT_BASE + PER_SNAPSHOT_FACTOR * paragraphs` in all. Past the budget a paragraph is
only checked for an exact, verbatim copy (a dictionary look-up), which still costs nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aidcheck.evidence.normalize import NormalizedText
from aidcheck.evidence.spans import LineIndex, Span, SpanKind

MIN_CHARS = 20
MAX_GRAM = 8
PER_PARAGRAPH = 256
PER_SNAPSHOT_BASE = 20_000
PER_SNAPSHOT_FACTOR = 24
_NEWLINE = re.compile("\n")


@dataclass
class Work:
    """What a search cost: candidates looked at, and whether the budget ran out."""

    candidates: int = 0
    exhausted: bool = False


def paragraph_ranges(view: NormalizedText) -> list[tuple[int, int]]:
    """Normalized ranges of the original's non-blank lines.

    The view's characters come from the original in order (`starts` never decreases), so each
    line's range is found by bisection rather than by stepping through the view.
    """
    original = view.original
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(original))]
    ranges: list[tuple[int, int]] = []
    j = 0
    n = len(view.text)
    for k, line_start in enumerate(line_starts):
        line_end = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(original)
        a = bisect.bisect_left(view.starts, line_start, j, n)
        j = bisect.bisect_left(view.starts, line_end, a, n)
        if view.text[a:j].strip():
            ranges.append((a, j))
    return ranges


def find_duplicates(view: NormalizedText, boilerplate: list[Span]) -> list[Span]:
    return search_duplicates(view, boilerplate)[0]


def search_duplicates(view: NormalizedText, boilerplate: list[Span]) -> tuple[list[Span], Work]:
    """The duplicate spans, and the work it took to find them."""
    outside = _Outside(boilerplate)
    paragraphs = [
        (a, b)
        for a, b in paragraph_ranges(view)
        if b - a >= MIN_CHARS and not outside.overlaps(*view.to_original(a, b))
    ]
    texts = [view.text[a:b].strip() for a, b in paragraphs]
    search = _Search(texts)
    lines = LineIndex(view.original)
    spans: list[Span] = []
    for i, text in enumerate(texts):
        found = search.first_copy(i)
        if found is None:
            continue
        verbatim = search.unmarked_copies(text) > 1
        search.mark(i)
        start, end = view.to_original(*paragraphs[i])
        copy_start, _ = view.to_original(*paragraphs[found])
        line = lines.line(copy_start)
        how = "verbatim" if verbatim else "within longer text"
        spans.append(
            Span(
                kind=SpanKind.DUPLICATE,
                heuristic="repeated-paragraph",
                start=start,
                end=end,
                note=f"stated again, {how}, from line {line}",
            )
        )
    return spans, search.work


class _Outside:
    """Whether a range overlaps any of a list of spans, in logarithmic time."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach: list[int] = []
        furthest = -1
        for s in ordered:
            furthest = max(furthest, s.end)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


class _Postings:
    """Gram -> the keys (positions or paragraphs) where it is indexed, in ascending order.

    Keys of marked paragraphs stay in the lists. Marked paragraphs all precede the one being
    judged, so most of them form a prefix of a list, which `live` skips for good; one that sits
    after an unmarked key is skipped each time, and that costs the caller's budget.
    """

    def __init__(self, paragraph_of: Callable[[int], int], marked: list[bool]) -> None:
        self.lists: dict[str, list[int]] = {}
        self.first: dict[str, int] = {}
        self.paragraph_of = paragraph_of
        self.marked = marked

    def add(self, gram: str, key: int) -> None:
        self.lists.setdefault(gram, []).append(key)

    def live(self, gram: str) -> Iterator[int]:
        keys = self.lists.get(gram)
        if not keys:
            return
        at = self.first.get(gram, 0)
        while at < len(keys) and self.marked[self.paragraph_of(keys[at])]:
            at += 1
        self.first[gram] = at
        for x in range(at, len(keys)):
            yield keys[x]


class _OverBudget(Exception):
    pass


class _Search:
    """The paragraphs joined in order, less those marked, searched through a gram index.

    "The rest" for paragraph `i` is every unmarked paragraph but `i`, joined in order; a place
    in it is a pair (paragraph, offset). Marked paragraphs all come before the one being judged.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        shortest = min((len(t) for t in texts), default=MAX_GRAM * 4)
        self.gram = max(1, min(MAX_GRAM, shortest // 4))
        self.offsets: list[int] = []
        self.marked = [False] * len(texts)
        # Not the bound method: the search would hold itself in a cycle, which reference
        # counting cannot free while a run has the collector paused (aidcheck/collector.py).
        offsets = self.offsets
        self.index = _Postings(lambda pos: bisect.bisect_right(offsets, pos) - 1, self.marked)
        self.heads = _Postings(int, self.marked)  # the first gram of each paragraph
        self.tails = _Postings(int, self.marked)  # the last gram of each paragraph
        self.copies: dict[str, int] = {}
        self.best: tuple[int, int] | None = None
        self.spent = 0
        self.same_after = [-1] * len(texts)  # the next paragraph with the very same text
        last: dict[str, int] = {}
        pos = 0
        for text in texts:
            self.offsets.append(pos)
            for o in range(0, len(text) - self.gram + 1, self.gram):
                self.index.add(text[o : o + self.gram], pos + o)
            if len(text) >= self.gram:
                k = len(self.offsets) - 1
                self.heads.add(text[: self.gram], k)
                self.tails.add(text[-self.gram :], k)
            self.copies[text] = self.copies.get(text, 0) + 1
            if text in last:
                self.same_after[last[text]] = len(self.offsets) - 1
            last[text] = len(self.offsets) - 1
            pos += len(text)
        self.left = pos  # characters in unmarked paragraphs
        n = len(texts)
        self.before = list(range(n))  # union-find: nearest unmarked paragraph at or before
        self.after = list(range(n + 1))  # nearest unmarked paragraph at or after
        self.work = Work()
        self.budget = PER_SNAPSHOT_BASE + PER_SNAPSHOT_FACTOR * n

    def _paragraph_at(self, pos: int) -> int:
        return bisect.bisect_right(self.offsets, pos) - 1

    def unmarked_copies(self, text: str) -> int:
        return self.copies.get(text, 0)

    def mark(self, i: int) -> None:
        text = self.texts[i]
        self.left -= len(text)
        self.copies[text] -= 1
        self.marked[i] = True
        self.before[i] = i - 1
        self.after[i] = i + 1

    def _find(self, links: list[int], k: int) -> int:
        root = k
        while 0 <= root < len(self.marked) and links[root] != root:
            root = links[root]
        while 0 <= k < len(self.marked) and links[k] != root:
            links[k], k = root, links[k]
        return root

    def _previous(self, k: int, i: int) -> int:
        """The paragraph before `k` in the rest of `i` (-1 if none)."""
        k = self._find(self.before, k - 1)
        return self._find(self.before, k - 1) if k == i else k

    def _next(self, k: int, i: int) -> int:
        """The paragraph after `k` in the rest of `i` (len(texts) if none)."""
        k = self._find(self.after, k + 1)
        return self._find(self.after, k + 1) if k == i else k

    def _place(self, k: int, off: int, i: int) -> tuple[int, int] | None:
        """(paragraph, offset) of offset `off` of paragraph `k`, moved back across the rest."""
        while off < 0:
            k = self._previous(k, i)
            if k < 0:
                return None
            off += len(self.texts[k])
        return k, off

    def _holds(self, k: int, off: int, i: int) -> bool:
        """Whether the rest of `i` reads paragraph `i`'s text from (k, off)."""
        text = self.texts[i]
        piece = self.texts[k][off : off + len(text)]
        if not text.startswith(piece):
            return False
        parts = [piece]
        got = len(piece)
        while got < len(text):
            k = self._next(k, i)
            if k >= len(self.texts):
                return False
            part = self.texts[k][: len(text) - got]
            if not text.startswith(part, got):
                return False
            parts.append(part)
            got += len(part)
        return True

    def first_copy(self, i: int) -> int | None:
        """The paragraph where the first copy of paragraph `i` in its rest begins, if any.

        A copy inside one paragraph holds, for one residue of `j` modulo `gram`, every indexed
        gram of `i` at offset `j`: the rarest of each residue is looked up. A copy that runs
        across paragraphs starts a paragraph with at least `gram` characters of `i`, or ends
        one with them: each paragraph's first and last gram are indexed for that.
        """
        text = self.texts[i]
        g = self.gram
        last = len(text) - g
        if last < 0 or 2 * len(text) > self.left:
            return None  # the rest is too short to hold a copy
        postings = self.index.lists
        grams = [text[j : j + g] for j in range(last + 1)]  # the gram at each offset
        sizes = [len(postings.get(gram, ())) for gram in grams]
        anchors = [
            min(range(r, last + 1, g), key=sizes.__getitem__) for r in range(min(g, last + 1))
        ]
        anchors.sort(key=sizes.__getitem__)
        self.best = None
        self.spent = 0
        try:
            for j in anchors:
                for pos in self.index.live(grams[j]):
                    k = self._paragraph_at(pos)
                    if self._try(i, k, pos - self.offsets[k] - j) == "stop":
                        break
            heads, tails = self.heads.lists, self.tails.lists
            for m in range(1, last + 1):
                if grams[m] not in heads:
                    continue
                for k in self.heads.live(grams[m]):
                    if self._try(i, k, -m) == "stop":
                        break
            for m in range(g, len(text)):
                if grams[m - g] not in tails:
                    continue
                for k in self.tails.live(grams[m - g]):
                    if self._try(i, k, len(self.texts[k]) - m) == "stop":
                        break
        except _OverBudget:
            self.work.exhausted = True
            if self.best is None:
                return self._verbatim(i)
        return None if self.best is None else self.best[0]

    def _try(self, i: int, k: int, off: int) -> str:
        """Check whether the rest of `i` holds its text from offset `off` of paragraph `k`.

        "stop" when a later candidate of the same list can only be further on.
        """
        if self.spent >= PER_PARAGRAPH or self.work.candidates >= self.budget:
            raise _OverBudget
        self.spent += 1
        self.work.candidates += 1
        if k == i or self.marked[k]:
            return ""
        place = self._place(k, off, i)
        if place is None:
            return ""
        if self.best is not None and place >= self.best:
            return "stop"
        if self._holds(*place, i):
            self.best = place
            return "stop"
        return ""

    def _verbatim(self, i: int) -> int | None:
        """Past the budget: the next paragraph with the very same text, if any.

        Earlier copies are all marked by now: each found this one, unmarked, in its rest.
        """
        k = self.same_after[i]
        return k if k >= 0 else None
