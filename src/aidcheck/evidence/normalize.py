"""The normalized view of a text, with every normalized offset mapped back to the original.

Four steps, each keeping the map: NFKC (plus a small fold of quotation marks and dashes, and
lower case); removal of the pinyin annotations that some reprints glue after each character
(`實(shí)現(xiàn)` → `實現`); traditional → simplified with OpenCC (`t2s`); and white space folded
(removed next to Chinese text, one space between Latin words and digits). Quotes go through the
same steps, so a claim may quote either script and either punctuation width.

`starts[i]` and `ends[i]` give the original span that normalized character `i` came from; a
character whose annotation was removed covers its annotation too.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# Quotation marks, dashes and dots that differ only in typography between sources and quotes.
PUNCTUATION_FOLD = str.maketrans(
    {
        **dict.fromkeys("“”„‟〝〞「」『』", '"'),
        **dict.fromkeys("‘’‚‛", "'"),
        **dict.fromkeys("—–―‐‑‒−", "-"),
        **dict.fromkeys("・･•", "·"),
    }
)

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# `實(shí)`: lowercase pinyin with at least one tone mark, in parentheses, right after a character
# (white space between them allowed); several in a row go together.
PINYIN_RE = re.compile(rf"(?<=[{CJK}])(?:\s*\((?=[a-zü]*[{TONED}])[a-zü{TONED}]{{1,7}}\))+")
WHITESPACE_RE = re.compile(r"\s+")
# Characters next to which white space carries no meaning: Chinese text and its punctuation.
_WIDE_RE = re.compile(rf"[{CJK}\u3000-\u303f\uff00-\uffef\"'·\-]")


@dataclass
class NormalizationNotes:
    """What normalization changed, in counts of original characters."""

    nfkc: int = 0
    folded: int = 0
    pinyin_removed: int = 0
    simplified: int = 0
    whitespace_runs: int = 0

    def describe(self) -> list[str]:
        notes = []
        if self.nfkc:
            notes.append(f"NFKC changed {self.nfkc} character(s) (full-width forms, ligatures)")
        if self.folded:
            notes.append(f"folded {self.folded} quotation mark(s), dash(es) or capital letter(s)")
        if self.pinyin_removed:
            notes.append(f"removed {self.pinyin_removed} pinyin annotation(s) such as 實(shí)")
        if self.simplified:
            notes.append(f"converted {self.simplified} traditional character(s) to simplified")
        if self.whitespace_runs:
            notes.append(f"folded {self.whitespace_runs} run(s) of white space")
        return notes


@dataclass
class NormalizedText:
    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    notes: NormalizationNotes = field(default_factory=NormalizationNotes)

    def __post_init__(self) -> None:
        # Kept as arrays of machine integers: as lists (a pointer and an int object for each
        # character) the offset maps were most of the memory a run's snapshots took.
        code = "i" if len(self.original) < 2**31 else "q"
        if not isinstance(self.starts, array):
            self.starts = array(code, self.starts)
        if not isinstance(self.ends, array):
            self.ends = array(code, self.ends)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that normalized `text[start:end]` came from."""
        if not self.text:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(
    text: str,
    starts: list[int] | None = None,
    ends: list[int] | None = None,
    original: str | None = None,
) -> NormalizedText:
    """The normalized view of `text`.

    `starts`/`ends` map the characters of `text` to an underlying original (used for a text in
    which repaired spans replaced damaged ones); by default `text` is its own original.
    """
    notes = NormalizationNotes()
    if starts is None or ends is None:
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    out, starts, ends = _fold_characters(text, starts, ends, notes)
    out, starts, ends = _remove_pinyin(out, starts, ends, notes)
    out = _simplify(out, notes)
    out, starts, ends = _fold_whitespace(out, starts, ends, notes)
    return NormalizedText(text if original is None else original, out, starts, ends, notes)


@lru_cache(maxsize=1 << 17)
def normalize_quote(quote: str) -> str:
    """A quote in the form it is searched for in a normalized view. Cached: each quote is read
    by the figure check (C105-C108) and searched for in its snapshot (C103-C106), and the two
    read every claim's quote in turn, so a cache smaller than the repository's quotes keeps none
    of them for the second (with 16,384, a run of 30,000 claims normalized 4.6 quotes for every 1
    at 10,000)."""
    return normalize(quote).text.strip()


class Rebuild:
    """A text rebuilt from left to right, each character keeping the original span it came
    from: stretches of the text are copied with their offsets, replacements are put in for a
    span of it, and what is skipped is dropped."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends
        self.pos = 0
        self.pieces: list[str] = []
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []

    def copy(self, to: int, table: dict[int, str] | None = None) -> None:
        """Copy the text up to `to` (through a one-for-one `str.translate` table, if any)."""
        piece = self.text[self.pos : to]
        self.pieces.append(piece.translate(table) if table else piece)
        self.new_starts.extend(self.starts[self.pos : to])
        self.new_ends.extend(self.ends[self.pos : to])
        self.pos = to

    def put(self, replacement: str, start: int, end: int) -> None:
        """Put `replacement` in for the text from `start` to before `end`, and skip it."""
        self.pieces.append(replacement)
        self.new_starts.extend([self.starts[start]] * len(replacement))
        self.new_ends.extend([self.ends[end - 1]] * len(replacement))
        self.pos = end

    def skip(self, to: int, *, into_last: bool = False) -> None:
        """Drop the text up to `to`; `into_last` makes the last character kept cover it."""
        if into_last and self.new_ends:
            self.new_ends[-1] = self.ends[to - 1]
        self.pos = to

    def result(self, table: dict[int, str] | None = None) -> tuple[str, list[int], list[int]]:
        self.copy(len(self.text), table)
        return "".join(self.pieces), self.new_starts, self.new_ends


@lru_cache(maxsize=8192)
def _fold_char(cluster: str) -> str:
    folded = unicodedata.normalize("NFKC", cluster).translate(PUNCTUATION_FOLD)
    lower = folded.lower()
    return lower if len(lower) == len(folded) else folded


def _fold_characters(
    text: str, starts: list[int], ends: list[int], notes: NormalizationNotes
) -> tuple[str, list[int], list[int]]:
    """NFKC, punctuation fold and lower case, looking at each distinct character once.

    Characters that fold to one character are translated in place; only those that fold to
    several (… → ...) and combining sequences are cut out and rebuilt with their offsets.
    """
    distinct = set(text)
    changed = {ch: f for ch in distinct if (f := _fold_char(ch)) != ch}
    combining = "".join(ch for ch in distinct if unicodedata.combining(ch))
    for ch in changed:
        if unicodedata.normalize("NFKC", ch) != ch:
            notes.nfkc += text.count(ch)
        else:
            notes.folded += text.count(ch)
    if not changed and not combining:
        return text, starts, ends
    special = "".join(ch for ch, f in changed.items() if len(f) != 1)
    one_for_one = str.maketrans({ch: f for ch, f in changed.items() if len(f) == 1})
    if not special and not combining:
        return text.translate(one_for_one), starts, ends
    parts = []
    if combining:
        parts.append(f".[{re.escape(combining)}]+")
    if special:
        parts.append(f"[{re.escape(special)}]")
    cluster_re = re.compile("|".join(parts), re.DOTALL)
    out = Rebuild(text, starts, ends)
    for m in cluster_re.finditer(text):
        out.copy(m.start(), one_for_one)
        out.put(_fold_char(m.group()), m.start(), m.end())
    return out.result(one_for_one)


def _remove_pinyin(
    text: str, starts: list[int], ends: list[int], notes: NormalizationNotes
) -> tuple[str, list[int], list[int]]:
    out = Rebuild(text, starts, ends)
    for m in PINYIN_RE.finditer(text):
        out.copy(m.start())
        out.skip(m.end(), into_last=True)  # the annotated character covers its annotation
        notes.pinyin_removed += 1
    if out.pos == 0:
        return text, starts, ends
    return out.result()


_CONVERTER: list[Any] = []


def t2s(text: str) -> str:
    """Traditional → simplified with OpenCC (imported on first use)."""
    if not _CONVERTER:
        import opencc

        _CONVERTER.append(opencc.OpenCC("t2s"))
    return str(_CONVERTER[0].convert(text))


@lru_cache(maxsize=16384)
def t2s_char(ch: str) -> str:
    converted = t2s(ch)
    return converted if len(converted) == 1 else ch


def _simplify(text: str, notes: NormalizationNotes) -> str:
    """Convert with phrase context, keeping length: lines whose length would change are
    converted character by character instead."""
    if text.isascii():
        return text
    converted = t2s(text)
    if len(converted) != len(text):
        lines = text.split("\n")
        out = []
        for line in lines:
            phrase = t2s(line)
            out.append(phrase if len(phrase) == len(line) else "".join(map(t2s_char, line)))
        converted = "\n".join(out)
    if converted != text:
        notes.simplified = sum(a != b for a, b in zip(text, converted, strict=True))
    return converted


def _fold_whitespace(
    text: str, starts: list[int], ends: list[int], notes: NormalizationNotes
) -> tuple[str, list[int], list[int]]:
    out = Rebuild(text, starts, ends)
    for m in WHITESPACE_RE.finditer(text):
        a, b = m.start(), m.end()
        out.copy(a)
        notes.whitespace_runs += 1
        before = text[a - 1] if a > 0 else ""
        after = text[b] if b < len(text) else ""
        if before and after and not _WIDE_RE.match(before) and not _WIDE_RE.match(after):
            out.put(" ", a, b)
        else:
            out.skip(b)
    if out.pos == 0:
        return text, starts, ends
    return out.result()
