"""Duplicated paragraphs: text a snapshot states twice, which must not count as two sources.

Heuristic `repeated-paragraph`: a paragraph (a line of at least `MIN_CHARS` normalized
characters, outside boilerplate) whose normalized text occurs in the rest of the article with
paragraph breaks removed. That covers a paragraph repeated verbatim and a truncated lead
(摘要) that repeats the first paragraph and the start of the next. Paragraphs are taken in order
and each one judged against the paragraphs not yet marked, so of two copies exactly one is
marked: the earlier one, whose text the rest of the article states in full.
"""

from __future__ import annotations

from aidcheck.evidence.normalize import NormalizedText
from aidcheck.evidence.spans import Span, SpanKind

MIN_CHARS = 20


def paragraph_ranges(view: NormalizedText) -> list[tuple[int, int]]:
    """Normalized ranges of the original's non-blank lines."""
    original = view.original
    line_starts = [0] + [i + 1 for i, ch in enumerate(original) if ch == "\n"]
    ranges: list[tuple[int, int]] = []
    j = 0
    n = len(view.text)
    for k, line_start in enumerate(line_starts):
        line_end = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(original)
        while j < n and view.starts[j] < line_start:
            j += 1
        a = j
        while j < n and view.starts[j] < line_end:
            j += 1
        if view.text[a:j].strip():
            ranges.append((a, j))
    return ranges


def find_duplicates(view: NormalizedText, boilerplate: list[Span]) -> list[Span]:
    paragraphs = [
        (a, b)
        for a, b in paragraph_ranges(view)
        if b - a >= MIN_CHARS and not any(s.overlaps(*view.to_original(a, b)) for s in boilerplate)
    ]
    texts = [view.text[a:b].strip() for a, b in paragraphs]
    marked: set[int] = set()
    spans: list[Span] = []
    for i, text in enumerate(texts):
        others = [k for k in range(len(texts)) if k != i and k not in marked]
        rest = "".join(texts[k] for k in others)
        at = rest.find(text)
        if at < 0:
            continue
        marked.add(i)
        start, end = view.to_original(*paragraphs[i])
        copy_start, _ = view.to_original(*paragraphs[_paragraph_at(texts, others, at)])
        line = view.original.count("\n", 0, copy_start) + 1
        how = "verbatim" if any(texts[k] == text for k in others) else "within longer text"
        spans.append(
            Span(
                kind=SpanKind.DUPLICATE,
                heuristic="repeated-paragraph",
                start=start,
                end=end,
                note=f"stated again, {how}, from line {line}",
            )
        )
    return spans


def _paragraph_at(texts: list[str], order: list[int], offset: int) -> int:
    """The paragraph (of those in `order`, joined) that holds character `offset`."""
    pos = 0
    for k in order:
        pos += len(texts[k])
        if offset < pos:
            return k
    return order[-1]
