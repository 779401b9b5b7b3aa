"""Mojibake: GBK bytes read one byte out of step, and recovering the text where the bytes allow.

When a decoder loses one byte of a double-byte text, every following pair of bytes straddles two
characters and decodes to unrelated ones (`”马伟杭` → `!甭砦昂妓`) until an ASCII byte or a
replacement `?` brings it back in step. The shifted pairs still hold the original bytes, so
encoding the garbled span again (GB18030, which also maps the user-defined area that the shift
lands in) and dropping its first byte recovers the text, bar a character at either edge.

Heuristic `gbk-shift`: a run of text bounded by white space, `?` or U+FFFD (lost bytes), or a
sub-run of it cut at punctuation or ASCII, that holds at least one suspicious character (private
use area, kana, Greek, Cyrillic, bopomofo, box drawing, symbols, or a rare character found nowhere
else in the snapshot), and whose shifted decoding reads much more plausibly than the run itself.
Heuristic `lost-bytes`: two or more private-use or U+FFFD characters close together that no
shift explains; reported as damaged, without a repair.

Plausibility is a per-character score: the 3755 common characters of GB2312 (level 1) score
highest, the 3008 rarer ones (level 2) lower, characters outside GB2312 and symbols lowest, with
a bonus for characters the snapshot uses elsewhere.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from aidcheck.evidence.normalize import t2s_char
from aidcheck.evidence.spans import Span, SpanKind

_BOUNDARY_RE = re.compile(r"[\s?\ufffd]+")
_COMMON_PUNCT = frozenset("，。、；：？！“”‘’（）《》—…·,.;:!()%")
_SUSPICIOUS_RANGES = (
    (0xE000, 0xF8FF),  # private use: the GBK user-defined area
    (0x3040, 0x30FF),  # kana
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x3100, 0x312F),  # bopomofo
    (0x2500, 0x257F),  # box drawing
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics
)
# How these were chosen: by running the detector over the five snapshots of the bundled archive
# (000-004), which hold six garbled runs (five in 001, one in 000), and placing each threshold
# between what the garbled runs and the clean text score. Measured there:
# - a garbled run, shifted, scores at least 0.875 and gains at least 0.335 (`”马伟杭` gains 0.42);
#   a worse cut of 000's garbled run reaches only 0.817, and is rightly not taken;
# - clean text, shifted, never gains (its best shifted reading loses 0.01 to 0.10), however high
#   the shifted reading scores (up to 1.49).
# So MIN_GAIN (0.3) keeps clean text out with a wide margin and MIN_SCORE (0.85) separates a
# good cut from a poor one. They depend on the GBK/GB2312 character tables, not on the
# article, so they are constants rather than options; a snapshot they misjudge is a case for the
# tests (tests/evidence/test_mojibake.py), not for a setting.
MIN_GAIN = 0.3
MIN_SCORE = 0.85
MIN_HANZI = 3  # a shifted reading needs three hanzi to be judged at all: two are too often chance
CLUSTER_GAP = 8  # suspicious characters this close belong to one garbled stretch
NEAREST_CUTS = 4  # sub-runs tried: the 4 nearest cut points on each side of a cluster (16 at most)
MAX_RUN = 400  # bounds the work per run; a garbled stretch in the archive is at most 20 characters
MAX_ASCII_VARIANTS = 4
# How much total gain a repair may lose when it gives back a clean edge character: half of a
# common character's score (a garbled character's shift gains about one whole character).
EDGE_TOLERANCE = 0.5  # bounds the variants per run: 2**4 readings of its ASCII bytes


def _pairs(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


class Familiar:
    """What the snapshot uses outside the run being judged: characters and character pairs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = Counter(text)
        self._pairs: Counter[str] | None = None

    @property
    def pairs(self) -> Counter[str]:
        if self._pairs is None:
            self._pairs = _pairs(self.text)
        return self._pairs


class Elsewhere:
    """How often a character, or a pair, occurs in the snapshot outside one run."""

    def __init__(self, familiar: Familiar, run: str) -> None:
        self.familiar = familiar
        self.run = Counter(run)
        self.run_text = run
        self._run_pairs: Counter[str] | None = None

    def __getitem__(self, ch: str) -> int:
        return self.familiar.chars[ch] - self.run[ch]

    def pair(self, pair: str) -> int:
        if self._run_pairs is None:
            self._run_pairs = _pairs(self.run_text)
        return self.familiar.pairs[pair] - self._run_pairs[pair]


@dataclass(frozen=True)
class Repair:
    start: int
    end: int
    text: str
    gain: float


@lru_cache(maxsize=16384)
def _level(ch: str) -> int:
    """1 or 2 for GB2312 level-1/level-2 hanzi (after t2s), 3 for other hanzi, 0 otherwise."""
    cp = ord(ch)
    if not (0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF):
        return 0
    try:
        lead = t2s_char(ch).encode("gb2312")[0]
    except UnicodeEncodeError:
        return 3
    return 1 if lead <= 0xD7 else 2


@lru_cache(maxsize=16384)
def _suspicious_class(ch: str) -> bool:
    cp = ord(ch)
    return any(low <= cp <= high for low, high in _SUSPICIOUS_RANGES)


def _score(text: str, elsewhere: Elsewhere) -> float:
    if not text:
        return 0.0
    total = 0.0
    previous = ""
    for ch in text:
        level = _level(ch)
        if level:
            total += {1: 1.0, 2: 0.4, 3: 0.1}[level] + (0.5 if elsewhere[ch] > 0 else 0.0)
            if previous and elsewhere.pair(previous + ch) > 0:
                total += 0.5
            previous = ch
            continue
        previous = ""
        if ch in _COMMON_PUNCT:
            total += 0.8
        elif ch.isascii() and ch.isalnum():
            total += 0.5
    return total / len(text)


def _is_suspect(ch: str, elsewhere: Elsewhere) -> bool:
    return _suspicious_class(ch) or (_level(ch) >= 2 and elsewhere[ch] == 0)


def _variants(run: str) -> list[bytes]:
    """The byte strings the run may have come from: each ASCII character was either a raw
    byte of the stream or a full-width form that the snapshot folded to ASCII."""
    ascii_at = [i for i, ch in enumerate(run) if ch.isascii()]
    if len(ascii_at) > MAX_ASCII_VARIANTS:
        choices: list[tuple[bool, ...]] = [(False,) * len(ascii_at), (True,) * len(ascii_at)]
    else:
        choices = list(itertools.product((False, True), repeat=len(ascii_at)))
    out = []
    for choice in choices:
        if ascii_at and ascii_at[0] == 0 and not choice[0]:
            continue  # dropping a one-byte character is no shift at all
        chars = list(run)
        for i, wide in zip(ascii_at, choice, strict=True):
            if wide and 0x21 <= ord(chars[i]) <= 0x7E:
                chars[i] = chr(ord(chars[i]) + 0xFEE0)
        try:
            out.append("".join(chars).encode("gb18030"))
        except UnicodeEncodeError:
            continue
    return out


def _shifted(data: bytes) -> str:
    return data[1:].decode("gbk", errors="replace")


def best_repair(run: str, elsewhere: Elsewhere) -> tuple[str, float] | None:
    """The most plausible shifted reading of `run` and its gain, if it beats the run."""
    before = _score(run, elsewhere)
    best: tuple[str, float] | None = None
    for data in _variants(run):
        text = _shifted(data)
        hanzi = sum(1 for ch in text if _level(ch))
        if hanzi < MIN_HANZI or text.count("\ufffd") > 1 + len(text) // 10:
            continue
        after = _score(text, elsewhere)
        gain = after - before
        if after >= MIN_SCORE and gain >= MIN_GAIN and (best is None or gain > best[1]):
            best = (text, gain)
    return best


def _cuts(run: str) -> list[int]:
    """Where a sub-run may start or end: the run's edges, and around punctuation or ASCII."""
    cuts = {0, len(run)}
    for i, ch in enumerate(run):
        if ch.isascii() or ch in _COMMON_PUNCT or not ch.isalnum():
            cuts.update((i, i + 1))
    return sorted(cuts)


def _clusters(suspects: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in suspects:
        if out and i - out[-1][1] <= CLUSTER_GAP:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _repair_run(run: str, offset: int, elsewhere: Elsewhere) -> list[Repair]:
    """The repairs in one run: the whole run, or else the best sub-run around each cluster of
    suspicious characters (ranked by total gain, so a longer plausible repair wins)."""
    suspects = [i for i, ch in enumerate(run) if _is_suspect(ch, elsewhere)]
    if not suspects:
        return []
    if sum(1 for ch in run if not ch.isascii()) >= MIN_HANZI and (
        whole := best_repair(run, elsewhere)
    ):
        a, b, text = _tighten(run, 0, len(run), whole, elsewhere)
        return [Repair(offset + a, offset + b, text, whole[1])]
    cuts = _cuts(run)
    repairs: list[Repair] = []
    for first, last in _clusters(suspects):
        starts = [c for c in cuts if c <= first][-NEAREST_CUTS:]
        ends = [c for c in cuts if c > last][:NEAREST_CUTS]
        best: Repair | None = None
        for a, b in itertools.product(starts, ends):
            sub = run[a:b]
            if sum(1 for ch in sub if not ch.isascii()) < MIN_HANZI:
                continue
            found = best_repair(sub, elsewhere)
            if found is not None and (best is None or found[1] * (b - a) > best.gain):
                best = Repair(offset + a, offset + b, found[0], found[1] * (b - a))
        if best is not None:
            a, b, text = _tighten(
                run,
                best.start - offset,
                best.end - offset,
                (best.text, best.gain / (best.end - best.start)),
                elsewhere,
            )
            best = Repair(offset + a, offset + b, text, best.gain)
        if best is not None and not (repairs and repairs[-1].end > best.start):
            repairs.append(best)
    return repairs


def _tighten(
    run: str, a: int, b: int, found: tuple[str, float], elsewhere: Elsewhere
) -> tuple[int, int, str]:
    """Give back the clean characters at either edge of a repair of `run[a:b]`.

    A repair may reach past the garbled text into the clean characters next to it: shifting
    them gains nothing, so a longer repair scores as well as the exact one. An edge character
    that is not suspicious is dropped while the repair of what remains gains at least as much
    in total (within `EDGE_TOLERANCE` of one character's score); a garbled character's shift is
    worth far more than that, so the repair stops at the damage. Dropping a leading wide
    character keeps the byte alignment of the shift (GBK characters are two bytes)."""
    text, per_char = found
    total = per_char * (b - a)
    while b - a > MIN_HANZI and not _is_suspect(run[b - 1], elsewhere):
        shorter = best_repair(run[a : b - 1], elsewhere)
        if shorter is None or shorter[1] * (b - 1 - a) < total - EDGE_TOLERANCE:
            break
        b, text, total = b - 1, shorter[0], shorter[1] * (b - 1 - a)
    while b - a > MIN_HANZI and not run[a].isascii() and not _is_suspect(run[a], elsewhere):
        shorter = best_repair(run[a + 1 : b], elsewhere)
        if shorter is None or shorter[1] * (b - a - 1) < total - EDGE_TOLERANCE:
            break
        a, text, total = a + 1, shorter[0], shorter[1] * (b - a - 1)
    return a, b, text


def find_mojibake(text: str) -> list[Span]:
    """Repaired (`gbk-shift`) and damaged (`lost-bytes`) spans; line numbers are left at 1."""
    spans: list[Span] = []
    candidates = {ch for ch in set(text) if _suspicious_class(ch) or _level(ch) >= 2}
    if candidates:
        suspect_re = re.compile("[" + "".join(re.escape(ch) for ch in sorted(candidates)) + "]")
        familiar = Familiar(text)
        for start, end in _runs(text):
            run = text[start:end]
            if not 2 <= len(run) <= MAX_RUN or suspect_re.search(run) is None:
                continue
            elsewhere = Elsewhere(familiar, run)
            repairs = _repair_run(run, start, elsewhere)
            spans.extend(_repaired_span(text, r) for r in repairs)
            if not repairs and sum(1 for ch in run if 0xE000 <= ord(ch) <= 0xF8FF) >= 2:
                # from the first to the last suspicious character: not the clean text around
                suspects = [i for i, ch in enumerate(run) if _is_suspect(ch, elsewhere)]
                spans.append(
                    Span(
                        kind=SpanKind.DAMAGED,
                        heuristic="lost-bytes",
                        start=start + suspects[0],
                        end=start + suspects[-1] + 1,
                        note="private-use characters that no byte shift explains",
                    )
                )
    spans.extend(_replacement_runs(text, spans))
    spans.extend(_lost_characters(text, spans))
    return sorted(spans, key=lambda s: s.start)


def _runs(text: str) -> list[tuple[int, int]]:
    """The stretches between white space and lost-byte marks (`?`, U+FFFD)."""
    out = []
    pos = 0
    for m in _BOUNDARY_RE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _repaired_span(text: str, repair: Repair) -> Span:
    start, end = repair.start, repair.end
    while start > 0 and text[start - 1] in "?\ufffd":
        start -= 1
    while end < len(text) and text[end] in "?\ufffd":
        end += 1
    return Span(
        kind=SpanKind.REPAIRED,
        heuristic="gbk-shift",
        start=start,
        end=end,
        note="GBK bytes read one byte out of step; recovered by re-encoding and shifting",
        repaired=repair.text,
    )


_CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A `?` between Chinese characters, or between a Chinese character and a digit: a character the
# snapshot could not encode (特色?400個), not a question mark, unless a question particle
# (吗, 呢, …) comes before it.
_LOST_CHAR_RE = re.compile(
    rf"(?<=[{_CJK_CHAR}])(?<![吗呢么吧啊嘛嗎麼])\?(?=[{_CJK_CHAR}0-9])"
    rf"|(?<=[0-9])\?(?=[{_CJK_CHAR}])"
)
_QUESTION_RE = re.compile(
    r"什么|什麼|怎么|怎麼|为何|為何|哪|谁|誰|多少|几|幾|是否|how|what|why", re.I
)
_SENTENCE_END_RE = re.compile(r"[。！？!;；\n]")


def _lost_characters(text: str, known: list[Span]) -> list[Span]:
    """A lone `?` standing for a lost character inside a sentence that states a number: the
    figure's own sentence is damaged, so a quote of it is not the source's text."""
    out = []
    for m in _LOST_CHAR_RE.finditer(text):
        if any(s.overlaps(m.start(), m.end()) for s in known):
            continue
        if _QUESTION_RE.search(text, max(0, m.start() - 8), m.start()):
            continue  # 为什么? 有多少? : a question after all
        start = max((e.end() for e in _SENTENCE_END_RE.finditer(text, 0, m.start())), default=0)
        end_match = _SENTENCE_END_RE.search(text, m.end())
        end = end_match.start() if end_match else len(text)
        if not any(ch.isdigit() for ch in text[start:end]):
            continue
        out.append(
            Span(
                kind=SpanKind.DAMAGED,
                heuristic="lost-character",
                start=m.start(),
                end=m.end(),
                note="a character the snapshot lost, shown as '?', in a sentence with a figure",
            )
        )
    return out


def _replacement_runs(text: str, known: list[Span]) -> list[Span]:
    """Runs of U+FFFD (bytes the snapshot could not decode) outside the spans found so far."""
    out = []
    for m in re.finditer("\ufffd+", text):
        if not any(s.overlaps(m.start(), m.end()) for s in known):
            out.append(
                Span(
                    kind=SpanKind.DAMAGED,
                    heuristic="lost-bytes",
                    start=m.start(),
                    end=m.end(),
                    note="bytes that could not be decoded (U+FFFD)",
                )
            )
    return out
