"""The grammar of one stated figure: hedge, number, range, 余/多, unit and trailing hedge.

`figure_at` reads the figure around one number found by `AMOUNT_RE` in folded text. With
`strict=True` (running text) it also applies the context rules that keep dates, ordinals, codes and
set phrases out; with `strict=False` (a figure typed on its own) the caller checks the span instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from aidcheck.model.quantity import Hedge
from aidcheck.model.units import Dimension, UnitTable
from aidcheck.numbers import chinese, english
from aidcheck.numbers.lookback import Lookback

AMOUNT_RE = re.compile(
    r"(?P<ar>(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?)"
    rf"(?:(?P<odd>[余多])?(?P<scale>{chinese.SCALE_PATTERN})"
    rf"|\s+(?P<en>(?i:{english.SCALE_PATTERN}))\b)?"
    rf"|(?P<cn>[{chinese.NUMERAL_CHARS}]+)"
    rf"|(?P<ew>(?i:{english.WORDS_PATTERN}))"
    rf"|(?P<vague>(?i:{english.VAGUE_PATTERN}))"
)
# Where a number can start: a digit, a Chinese numeral, or the first letter of an English word
# (the word alternatives of AMOUNT_RE all open with the same look-behind, under the same flag).
# Scanning for these first runs the whole pattern only where it can match, not at every character.
_AMOUNT_START_RE = re.compile(rf"[0-9{chinese.NUMERAL_CHARS}]|(?i:(?<![A-Za-z-])[a-z])")
_LOOKBACK = 32
# A hedge, a currency and 百分之 before the number; the empty match when there is none.
PREFIX = Lookback(
    rf"(?P<h>(?P<zh>{chinese.PREFIX_PATTERN})有?\s?"  # 至少有一家
    rf"|(?<![A-Za-z])(?P<en>(?i:{english.PREFIX_PATTERN}))\s+)?"
    r"(?P<cur>[¥$€£]\s?|(?<![A-Za-z])(?i:RMB|CNY)\s?)?"
    r"(?P<pct>百分之)?\Z",
    rf"[{''.join(sorted({word[-1] for word in chinese.PREFIX_HEDGES}))}有¥$€£之\s]|(?i:[by])",
    _LOOKBACK,
)
_PERCENT_RE = re.compile(r"\s?%|\s+(?i:per\s?cent)\b")
_RANGE_SEP_RE = re.compile(r"\s*[-–—~至到]\s*|\s+(?i:to)\s+")
_AND_RE = re.compile(r"\s+(?i:and)\s+")
FROM = Lookback(r"(?:(?<![A-Za-z])(?i:from)\s+|从|由)\Z", r"[\s从由]", 8)
_ODD_RE = re.compile(r"[余多](?!于)|-(?i:odd)\b")
_OF_RE = re.compile(r"[ \t]+of(?=[ \t])")
_EN_WORD_RE = re.compile(r"[ \t]+(?P<w>[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*)(?![A-Za-z0-9-])")
# Words that end the noun phrase after a number: the unit is never past one of these.
# fmt: off
_EN_STOP = frozenset({
    "of", "the", "a", "an", "and", "or", "in", "to", "from", "for", "with", "by", "on", "at",
    "as", "were", "was", "are", "is", "be", "been", "have", "has", "had", "that", "which",
    "who", "this", "these", "those", "than", "more", "less", "per", "each", "across", "into",
    "over", "under", "between", "among", "since", "while", "but", "not", "their", "its",
    "last", "next", "so", "far", "now", "ago", "alone", "annually", "yearly",
    "respectively", "nationwide", "altogether", "overall", "combined", "apiece", "earlier",
    "later", "during", "through", "until", "after", "before", "when", "where", "if",
})
# fmt: on
EN_BEFORE = Lookback(
    r"(?<![A-Za-z-])(?P<w>[A-Za-z]+(?:-[A-Za-z]+)*)[ \t]+(?P<v>(?i:exceeded|topped|surpassed"
    r"|reached|totall?ed|numbered|stood[ \t]+at|amounted[ \t]+to|rose[ \t]+to|climbed[ \t]+to"
    r"|hit))[ \t]+\Z",
    r"[ \t]",
    40,
)
_EN_MORE_THAN_VERBS = ("exceeded", "topped", "surpassed")
_GENERIC_CLASSIFIERS = frozenset({"个", "项"})  # 832个贫困县: what is counted is the noun after
_ATTRIBUTIVE = 3  # words between the number and its noun: "more than 60,000 medical personnel"
_SUFFIX_RE = re.compile(
    rf"(?P<zh>{'|'.join(chinese.SUFFIX_HEDGES)})|\s+(?P<en>(?i:{english.SUFFIX_PATTERN}))\b"
)
LABEL = Lookback(
    rf"(?<![A-Za-z])(?i:{english.LABEL_PATTERN})\.?\s*\Z", r"[.\s]|(?i:[a-z])", _LOOKBACK
)
MONTH_BEFORE = Lookback(rf"(?<![A-Za-z])(?i:{english.MONTH_PATTERN})\s+\Z", r"\s", _LOOKBACK)
_MONTH_RE = re.compile(rf"(?i:{english.MONTH_PATTERN})\Z")
_WORD_AFTER_RE = re.compile(r"\s+(?P<w>[A-Za-z][A-Za-z.']*)")
_DASHES = "-–—~"
_JOINERS = ".,:/·・"  # between digits: 1.2.3, 17:15, 8·15, 3/5
_BOUND_SUFFIXES = ("以上", "以下", "以内")


# Amount and Figure are named tuples rather than frozen dataclasses: the reader builds two for
# every number of every text it reads, and a frozen dataclass costs several times more to build.


class Amount(NamedTuple):
    """One number as written, scaled to units: 9.32万 → 93200, 两万 → 20000."""

    start: int
    end: int
    value: Decimal
    scale: int
    rounded: bool
    chinese: bool
    odd: bool  # 余/多 between digits and scale word: 3000多万
    digits: str  # the Arabic digits without separators; "" for a Chinese numeral
    scale_word: str | None
    words: bool = False  # English number words: "three", "a dozen", "tens of thousands"
    high: Decimal | None = None  # the top of a vague count: "tens of thousands" < 100000


class Figure(NamedTuple):
    """A figure read from folded text; `start`/`end` are folded offsets."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    hedge: Hedge
    rounded: bool
    step: Decimal
    resolution: Decimal
    dimension: str = Dimension.NONE
    noun: str | None = None  # words after the number that are not a known unit
    words: bool = False


def next_amount(s: str, pos: int = 0) -> re.Match[str] | None:
    """The first number in `s` at or after `pos`: what `AMOUNT_RE.search(s, pos)` finds."""
    while (start := _AMOUNT_START_RE.search(s, pos)) is not None:
        m = AMOUNT_RE.match(s, start.start())
        if m is not None:
            return m
        pos = start.start() + 1
    return None


def amounts(s: str) -> Iterator[re.Match[str]]:
    """Every number in `s`, left to right: what `AMOUNT_RE.finditer(s)` finds."""
    pos = 0
    while (m := next_amount(s, pos)) is not None:
        yield m
        pos = m.end()  # a number is never empty


def amount_of(m: re.Match[str]) -> Amount | None:
    if m.group("ew") is not None:
        read = english.words_value(m.group("ew"))
        if read is None:
            return None
        value, rounded = read
        return Amount(m.start(), m.end(), value, 1, rounded, False, False, "", None, words=True)
    if m.group("vague") is not None:
        low, high = english.VAGUE[" ".join(m.group("vague").lower().split())]
        return Amount(
            m.start(), m.end(), Decimal(low), 1, False, False, False, "", None, True, Decimal(high)
        )
    numeral = m.group("cn")
    if numeral is not None:
        count = chinese.chinese_value(numeral)
        if count is None:
            return None
        scaled = chinese.is_scaled(numeral)
        return Amount(m.start(), m.end(), Decimal(count), 1, scaled, True, False, "", None)
    digits = m.group("ar").replace(",", "")
    word = m.group("scale") or m.group("en")
    scale = 1
    if word is not None:
        scale = chinese.SCALES.get(word) or english.SCALES[word.lower()]
    rounded = "." in digits or word is not None
    odd = m.group("odd") is not None
    value = Decimal(digits) * scale
    return Amount(m.start(), m.end(), value, scale, rounded, False, odd, digits, word)


def plain(x: Decimal) -> Decimal:
    """A decimal without exponent or trailing zeros: 93200, 11.7, 0.01."""
    if x == x.to_integral_value():
        return Decimal(int(x))
    return x.normalize()


def step_of(x: Decimal) -> Decimal:
    """One unit of the last non-zero digit: 400 → 100, 93200 → 100, 11.7 → 0.1, 0 → 1."""
    if x == 0:
        return Decimal(1)
    exponent = x.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return plain(Decimal(10) ** exponent)


def resolution_of(a: Amount) -> Decimal:
    """One unit of the last digit written: 90 → 1, 9.32万 → 100, 6万 → 10000.

    Unlike `step_of`, trailing zeros count, because they were written: "90%" is read to the
    unit, not to the ten. A Chinese numeral has no written zeros to count, so it uses the step.
    """
    if a.chinese or not a.digits:
        return step_of(a.value)
    _, _, decimals = a.digits.partition(".")
    return plain(Decimal(a.scale) * Decimal(10) ** -len(decimals))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _glued_before(s: str, a: Amount) -> bool:
    """A1, PK10, 2+X, id=38, COVID-19, the 14 of 2019-02-14: part of a code, not a figure."""
    if a.start == 0:
        return False
    prev = s[a.start - 1]
    before = s[a.start - 2] if a.start > 1 else ""
    if _is_letter(prev) or prev in "+*×=^#_":
        return True
    if prev in _JOINERS + _DASHES and (before.isdigit() or _is_letter(before)):
        return True
    if prev == " " and before.isdigit():
        return True  # 6 34万: a number split by damage, or 60 000
    return not a.chinese and prev in chinese.NUMERAL_CHARS


def _glued_after(s: str, a: Amount) -> bool:
    if a.end >= len(s):
        return False
    nxt = s[a.end]
    after = s[a.end + 1] if a.end + 1 < len(s) else ""
    if _is_letter(nxt) or nxt.isdigit() or nxt in "+*×=^_":
        return True
    if nxt in _JOINERS + _DASHES + " " and after.isdigit():
        return True  # 17:15, 1.2.3, 2019-2-14, 1-2-3
    if nxt in _DASHES and _is_letter(after):
        return s[a.end + 1 : a.end + 4].lower() != "odd"
    return not a.chinese and nxt in chinese.NUMERAL_CHARS


def _code_like(s: str, a: Amount) -> bool:
    """010, 13996277388: a leading zero or ten ungrouped digits make a phone number or an id."""
    whole = a.digits.split(".")[0]
    leading_zero = len(whole) > 1 and whole[0] == "0"
    return leading_zero or (len(whole) >= 10 and "," not in s[a.start : a.end])


def _year_like(a: Amount) -> bool:
    return (
        len(a.digits) == 4 and a.digits.isdigit() and a.scale == 1 and 1900 <= int(a.digits) <= 2100
    )


def figure_at(s: str, m: re.Match[str], strict: bool, units: UnitTable) -> Figure | None:
    """The figure around the number matched by `m`, or None when it is not one."""
    a = amount_of(m)
    if a is None or _glued_before(s, a):
        return None
    if a.scale_word == "千" and s[a.end : a.end + 1] in chinese.METRIC_AFTER_QIAN:
        return None
    p = PREFIX.search(s, a.start)
    assert p is not None  # the pattern can match the empty string at a.start
    start, hedge, between = p.start(), Hedge.EXACT, False
    if p.group("zh"):
        hedge = chinese.PREFIX_HEDGES[p.group("zh")]
    elif p.group("en"):
        hedge = english.hedge_of(p.group("en"))
        between = hedge is Hedge.RANGE
        hedge = Hedge.EXACT if between else hedge
    cur = (p.group("cur") or "").strip().upper()
    if cur in {"$", "€", "£"}:
        return None
    unit: str | None = {"": None, "¥": "元"}.get(cur, "rmb")
    percent = p.group("pct") is not None
    if strict and (_code_like(s, a) or not _context_before_ok(s, a, p.start() == a.start)):
        return None

    pos, last, high = a.end, a, None
    if a.high is not None:
        high, hedge = a.high, Hedge.RANGE
    elif (pm := _PERCENT_RE.match(s, pos)) is not None:
        percent, pos = True, pm.end()
    sep = None if a.high is not None else (_AND_RE if between else _RANGE_SEP_RE).match(s, pos)
    if sep is not None and not (a.odd or (not between and _from_before(s, start))):
        bm = AMOUNT_RE.match(s, sep.end())
        b = amount_of(bm) if bm is not None else None
        low = a.value
        if b is not None and a.scale == 1 and b.scale > 1 and not a.chinese:
            low = a.value * b.scale
        if b is not None and strict and _code_like(s, b):
            return None
        if b is not None and not b.odd and b.value >= low and not _glued_after(s, b):
            a = a._replace(value=low, scale=b.scale, rounded=a.rounded or b.rounded)
            last, high, hedge, pos = b, b.value, Hedge.RANGE, b.end
            if (pm := _PERCENT_RE.match(s, pos)) is not None:
                percent, pos = True, pm.end()
        elif sep.group().strip() in _DASHES and s[sep.end() : sep.end() + 1].isdigit():
            return None  # 2019-02-14, 010-65363056: a date or a code, not a range
    if between and high is None:
        start = p.end("h")
    if _glued_after(s, last):
        return None

    odd = a.odd
    if high is None and not percent and (om := _ODD_RE.match(s, pos)) is not None:
        odd, pos = True, om.end()
    dimension: str = Dimension.NONE
    noun: str | None = None
    if percent:
        unit, dimension = "%", Dimension.PERCENT
    elif unit is None:
        after_of = _OF_RE.match(s, pos) if a.high is not None else None  # tens of thousands of
        unit, dimension, end, noun = _unit_at(s, after_of.end() if after_of else pos, False, units)
        if unit is None and after_of is None and last.chinese:
            noun = None  # words after a Chinese numeral are not an English noun
        pos = end if unit is not None else pos
    else:
        dimension = units.dimension_of(unit)
    suffix = None
    if (sm := _SUFFIX_RE.match(s, pos)) is not None:
        zh = sm.group("zh")
        suffix = chinese.SUFFIX_HEDGES[zh] if zh else english.suffix_hedge_of(sm.group("en"))
        pos = sm.end()
    nxt = s[pos] if pos < len(s) else ""
    if unit is None and noun is None and not last.chinese and not (_is_cjk(nxt) or nxt.isalnum()):
        before = _unit_before(s, start, units)
        if before is not None:
            unit, dimension, start, verb_hedge = before
            if hedge is Hedge.EXACT and verb_hedge is not None:
                hedge = verb_hedge
    if hedge is Hedge.EXACT:
        hedge = suffix or (Hedge.ODD if odd else Hedge.EXACT)
    if strict and not _context_after_ok(s, start, pos, unit, hedge, a, last):
        return None
    step = step_of(a.value) if high is None else min(step_of(a.value), step_of(high))
    resolution = resolution_of(a) if high is None else min(resolution_of(a), resolution_of(last))
    return Figure(
        start=start,
        end=pos,
        value=plain(a.value),
        high=None if high is None else plain(high),
        unit=unit,
        hedge=hedge,
        rounded=a.rounded or last.rounded or percent,
        step=step,
        resolution=resolution,
        dimension=dimension,
        noun=noun,
        words=a.words,
    )


def _from_before(s: str, start: int) -> bool:
    """从3到5家, from 3 to 5: a change between two figures, not a range."""
    return FROM.search(s, start) is not None


UnitRead = tuple[str | None, str, int, str | None]
"""The unit, its dimension, where the figure ends, and the words that could not be read."""


def _unit_at(s: str, pos: int, after_chinese: bool, units: UnitTable) -> UnitRead:
    patterns = units.patterns
    zm = patterns.zh.match(s, pos)
    if zm is not None:
        word = s[zm.start() : zm.end() + 1]
        if word in chinese.NOT_UNIT_WORDS and not s.startswith(_BOUND_SUFFIXES, zm.end()):
            return None, Dimension.NONE, pos, None  # 二人民医院, 名单; but 1所以上 is 所 + 以上
        unit = patterns.zh_table[zm.group()]
        dimension = unit.dimension
        if unit.name in _GENERIC_CLASSIFIERS:
            dimension = _counted_noun(s, zm.end(), units) or dimension
        return zm.group(), dimension, zm.end(), None
    if after_chinese:
        return None, Dimension.NONE, pos, None
    return _english_unit(s, pos, units)


def _counted_noun(s: str, pos: int, units: UnitTable) -> str | None:
    """What a generic classifier counts, from the noun after it: 832个贫困县 counts counties.

    The head of a Chinese noun phrase is its last noun, so the last registered noun in the run
    of Chinese characters after the classifier (up to 的 or 8 characters) decides.
    """
    end = pos
    while end < len(s) and end - pos < 8 and _is_cjk(s[end]) and s[end] != "的":
        end += 1
    found = None
    for nm in units.patterns.nouns.finditer(s, pos, end):
        found = units.patterns.noun_table[nm.group()].dimension
    return found


def _english_unit(s: str, pos: int, units: UnitTable) -> UnitRead:
    """The noun after an English number, past up to three attributive words ("60,000 medical
    personnel", "1,007 top-level hospitals", "55 million outpatient visits")."""
    found: tuple[str, str, int] | None = None
    first: str | None = None
    at = pos
    for i in range(_ATTRIBUTIVE + 1):
        wm = _EN_WORD_RE.match(s, at)
        if wm is None:
            break
        word = wm.group("w")
        lowered = word.lower()
        if lowered in _EN_STOP or lowered in english.TIME_WORDS:
            break
        unit = units.lookup(word)
        if unit is not None:
            found = (lowered, unit.dimension, wm.end())
            if lowered != singular_of(lowered):
                break  # a plural noun ends the phrase: "doctors visit …"
        elif found is not None:
            break
        if first is None and i == 0:
            first = word
        at = wm.end()
    if found is not None:
        return found[0], found[1], found[2], None
    return None, Dimension.NONE, pos, first


def singular_of(word: str) -> str:
    from aidcheck.model.units import singular

    return singular(word)


def _unit_before(s: str, start: int, units: UnitTable) -> tuple[str, str, int, Hedge | None] | None:
    """A unit written before the figure: 门诊诊疗人次超过3000万, "outpatient visits exceeded 30
    million". Returns the unit, its dimension, the new start and a hedge the verb states."""
    head = max(0, start - 16)
    at = start
    for verb in chinese.VERBS_BEFORE:
        if s.startswith(verb, start - len(verb)) and start - len(verb) >= head:
            at = start - len(verb)
            break
    before = s[at - 1] if at > 0 else ""
    zm = units.patterns.zh_before.search(s, head, at) if _is_cjk(before) else None
    if zm is not None:
        unit = units.patterns.before_table[zm.group()]
        return unit.name, unit.dimension, zm.start(), None
    if before not in (" ", "\t"):
        return None  # an English verb is separated from the number by a space
    em = EN_BEFORE.search(s, start)
    if em is not None:
        word, at = em.group("w"), em.start()
        subject = _en_subject(s, at, units)
        if subject is not None:
            word, at = subject
        found = units.lookup(word)
        if found is not None and found.dimension != Dimension.PERCENT:
            verb = em.group("v").lower()
            hedge = Hedge.MORE_THAN if verb in _EN_MORE_THAN_VERBS else None
            return word.lower(), found.dimension, at, hedge
    return None


_EN_PREPOSITIONS = frozenset(
    {"at", "in", "of", "for", "from", "across", "among", "under", "by", "with", "on", "to"}
)
_EN_CLAUSE_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|[^A-Za-z\s]")


def _en_subject(s: str, verb_word: int, units: UnitTable) -> tuple[str, int] | None:
    """The head noun of a subject that a prepositional phrase separates from its verb:
    "outpatient visits at the assisted county hospitals exceeded 36 million" counts visits,
    not hospitals. Looks back over the clause (to the last punctuation, at most 80
    characters) for the first preposition; a unit noun just before it is the subject's head."""
    head = max(0, verb_word - 80)
    words = [(m.group(), m.start()) for m in _EN_CLAUSE_RE.finditer(s, head, verb_word)]
    cut = max((i for i, (w, _) in enumerate(words) if not w[0].isalpha()), default=-1)
    clause = words[cut + 1 :]
    first = next((i for i, (w, _) in enumerate(clause) if w.lower() in _EN_PREPOSITIONS), None)
    if first is None or first == 0:
        return None
    word, at = clause[first - 1]
    return (word, at) if units.lookup(word) is not None else None


def _context_before_ok(s: str, a: Amount, bare: bool) -> bool:
    """Ordinals (第二), vague counts (数十), slogans (“三个代表”), labels (No. 3)."""
    if not bare:
        return True
    prev = s[a.start - 1] if a.start else ""
    if prev == "第":
        return False
    if a.chinese:
        numeral = s[a.start : a.end]
        if numeral == "一" or prev in chinese.NOT_A_COUNT_BEFORE or prev in chinese.OPENING_QUOTES:
            return False
        return not any(s.startswith(phrase, a.start) for phrase in chinese.SET_PHRASES)
    return LABEL.search(s, a.start) is None


def _context_after_ok(
    s: str, start: int, end: int, unit: str | None, hedge: Hedge, a: Amount, last: Amount
) -> bool:
    """A figure (`s[start:end]`) without a unit must stand apart from words, and not be a year,
    date or label. Checked before the figure is built: most numbers in a text fail it."""
    if a.chinese and unit == "面":
        return False  # 四面八方, 两面: set phrases, not counts of banners
    if unit is not None:
        return True
    if a.chinese or last.chinese or (a.words and not a.rounded):
        return False  # 三百, "three", "tens of thousands" count something only with a unit
    nxt = s[end] if end < len(s) else ""
    prev = s[start - 1] if start else ""
    if _is_cjk(nxt) or nxt.isalnum():
        return False
    hedged = hedge is not Hedge.EXACT
    if not hedged and (_is_cjk(prev) or prev.isalnum()):
        return False
    zh_hedged = hedged and _is_cjk(s[start])
    if not zh_hedged and (_year_like(a) or _year_like(last)):
        return False
    if MONTH_BEFORE.search(s, start):
        return False
    wm = _WORD_AFTER_RE.match(s, end)
    if wm is not None:
        word = wm.group("w").lower()
        if word in english.TIME_WORDS or _MONTH_RE.match(word):
            return False
    if not hedged:
        if prev in "([【" and nxt in ")]】":
            return False  # (5): a count in a heading or a list marker
        line_start = s.rfind("\n", max(0, start - 8), start) + 1
        at_line_start = (line_start > 0 or start < 8) and not s[line_start:start].strip()
        if at_line_start and nxt in ".、)":
            return False  # 1. / 1、 / 1) list numbering
    return True
