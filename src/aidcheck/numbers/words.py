"""Figures written in words: shares (一半, 三分之一, 两成, "one in three", "most"), full and none
(全覆盖, 所有, 无一, "all", "none") and changes (翻一番, 增长两成, "doubled", "halved").

Every one reads as a percentage of a base the text names (the counties, the hospitals, the
earlier figure), with the hedge written around it and the interval that hedge denotes, exactly
as digit figures do: 近一半 is nearly 50 % ([45, 50)), 过半 is more than 50 % and at most all of
them ((50, 100]), 翻一番 is an increase of 100 %. A change is read by its size, as 下降20% is read
as 20 %: the verb (增长, 下降, "halved") is part of the figure's span and of its `why`.

The patterns run on folded text (see `aidcheck.numbers.folding`); offsets are folded offsets.
docs/numbers.md lists every wording and how it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from aidcheck.model.quantity import HEDGE_NAMES, Hedge, Quantity
from aidcheck.model.units import Dimension, UnitTable
from aidcheck.numbers import chinese, english
from aidcheck.numbers.grammar import plain

HUNDRED = Decimal(100)
_SHARE_RESOLUTION = Decimal("0.1")  # 三分之一 → 33.33, read to a tenth of a point: [33.28, 33.38)

_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_ZH_DIGITS |= {"九": 9, "十": 10}
_EN_ORDINALS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_EN_ORDINAL_PATTERN = "|".join(_EN_ORDINALS)
_EN_SMALL = r"one|two|three|four|five|six|seven|eight|nine|ten"

# fmt: off
_ZH_FULL = {"全覆盖": 100, "全部覆盖": 100, "全部": 100, "所有": 100, "每一个": 100, "每个": 100,
            "无一例外": 100, "无一不": 100, "百分之百": 100, "无一": 0}
_ZH_MOST = ("绝大多数", "绝大部分", "大多数", "大部分", "多数")
# fmt: on

_ZH_HEDGE = rf"(?P<zh_hedge>{chinese.PREFIX_PATTERN}|过)?"
_ZH_CHANGE = r"(?P<verb>(?:增长|增加|提高|提升|上升|下降|减少|降低|缩减|减)了?)?"
_ZH_SHARE = (
    r"(?P<half>一半|半数|(?<=过)半)"
    r"|(?P<frac_den>[二两三四五六七八九十])分之(?P<frac_num>[一二两三四五六七八九])"
    r"|(?P<cheng>[一二两三四五六七八九])成(?![为功立员本就果都熟长绩交效型品年了不一二三四五六七八九])"
    rf"|(?P<most>{'|'.join(_ZH_MOST)})(?![民])"
)
_ZH_FAN = r"(?P<fan>翻了?(?P<fan_n>[一两二三])?番)"
_ZH_RE = re.compile(
    rf"(?P<full>{'|'.join(sorted(_ZH_FULL, key=len, reverse=True))})"
    rf"|{_ZH_CHANGE}{_ZH_HEDGE}(?:{_ZH_SHARE}|{_ZH_FAN})"
    r"(?P<zh_suffix>以上|以下|左右|多)?"
)
# 过半 is "more than half" unless 过 ends another word: 通过半年, 经过半天, 度过半生.
_NOT_GUO = "通经度跨越闯难错放路走"
_NOT_AFTER_HALF = "年月天日夜生小个世程场路"
_FREQUENCY = frozenset("月年日天周星季小")

_EN_HEDGE = rf"(?:(?P<en_hedge>{english.PREFIX_PATTERN})\s+)?"
_EN_BASE = (
    r"(?<!first\s)(?<!second\s)(?<!latter\s)(?<!former\s)(?<!last\s)(?<!next\s)"
    r"(?P<en_half>half)(?=\s+(?:of|the|their|its|these|those|all)\b|\Z)"
    r"(?!\s+(?:of\s+)?(?:the\s+)?(?:year|month|decade|century|[12][0-9]{3})\b)"
    rf"|(?P<en_fnum>a|one|{_EN_SMALL})[\s-]+(?P<en_fden>{_EN_ORDINAL_PATTERN}|thirds|quarters"
    r"|fifths|tenths|sixths|eighths)(?=\s+of\b|\Z)"
    rf"|(?P<en_in_num>{_EN_SMALL}|[1-9][0-9]?)\s+(?:in|out\s+of)\s+"
    rf"(?P<en_in_den>{_EN_SMALL}|[1-9][0-9]{{0,2}})(?![0-9A-Za-z])"
    r"|(?P<en_most>(?:the|a)\s+(?:vast\s+|large\s+)?majority|most)(?=\s+of\b|\Z)"
    r"(?!\s+of\s+all\b)"
)
_EN_RE = re.compile(
    r"(?i:(?<![A-Za-z0-9-])(?:"
    rf"{_EN_HEDGE}(?:{_EN_BASE})"
    r"|(?P<en_full>full\s+coverage|all|every|none)"
    r"|(?P<en_change>(?:(?P<ch_hedge>more\s+than|nearly|almost|about|roughly|over)\s+)?"
    r"(?P<en_mult>doubled|doubling|tripled|trebled|tripling|quadrupled|halved|by\s+half))"
    r")(?![A-Za-z0-9-]))"
)
# "all" and "every" count a base only as a determiner: "all 832 counties", "every county",
# not "at all", "above all", "every year" (a frequency), "all-round".
_EN_FULL_NEXT = re.compile(
    r"\s+(?!(?:but|in|right|the\s+same|along|over|too|of\s+a\s+sudden|the\s+less)\b)"
    r"[A-Za-z0-9]"
)
_EN_NOT_BEFORE_FULL = re.compile(r"(?i:\b(?:at|above|after|once|for)\s+)\Z")
_EN_NOT_AFTER_EVERY = re.compile(
    r"(?i:\s+(?:year|month|week|day|time|other|now|single|so|hour|quarter|few)s?\b)"
)
_CHANGE_SIZE = {
    "doubled": 100,
    "doubling": 100,
    "tripled": 200,
    "trebled": 200,
    "tripling": 200,
    "quadrupled": 300,
    "halved": 50,
    "by half": 50,
}
_DECREASES = ("下降", "减少", "降低", "缩减", "减", "halved", "by half")


@dataclass(frozen=True, slots=True)
class WordFigure:
    """A figure written in words; `start`/`end` are offsets into the folded text."""

    start: int
    end: int
    value: Decimal
    hedge: Hedge
    ceiling: Decimal | None
    rounded: bool
    what: str  # "share", "all", "none", "increase", "decrease"

    @property
    def why(self) -> str:
        kind = {
            "share": "a share of the base",
            "all": "all of the base",
            "none": "none of the base",
            "increase": "an increase over the earlier figure",
            "decrease": "a decrease from the earlier figure",
        }[self.what]
        top = f", at most {self.ceiling}%" if self.ceiling is not None else ""
        return f"in words: {kind}, {HEDGE_NAMES[self.hedge]} {self.value}%{top}"


def _share(numerator: int, denominator: int) -> tuple[Decimal, bool]:
    """100·n/d, to two decimals, and whether that is a rounding (1/3 is; 1/4 is not)."""
    exact = HUNDRED * numerator / denominator
    value = exact.quantize(Decimal("0.01"))
    return plain(value) if value == exact else value, value != exact


def _zh_number(ch: str) -> int:
    return _ZH_DIGITS[ch]


def _en_number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return {"a": 1, "one": 1, **{w: v for w, v in english.SMALL.items() if v <= 10}}[word]


def _hedged(hedge: Hedge, value: Decimal, what: str) -> Decimal | None:
    """The ceiling of a share: a part is at most its whole, and a fall at most 100 %."""
    if what in ("share", "decrease") and hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
        return HUNDRED
    return None


def _zh(m: re.Match[str], s: str) -> WordFigure | None:
    start, end = m.start(), m.end()
    full = m.group("full")
    if full is not None:
        if full == "无一" and s.startswith(("无一例外", "无一不"), start):
            return None
        if full in ("每个", "每一个") and s[end : end + 1] in _FREQUENCY:
            return None  # 每个月: a frequency, not all of a base
        if full == "所有" and s[end : end + 1] and s[end] in "制权者":
            return None  # 所有制, 所有权: ownership
        value = Decimal(_ZH_FULL[full])
        what = "none" if value == 0 else "all"
        return WordFigure(start, end, value, Hedge.EXACT, None, False, what)
    verb = m.group("verb")
    what = "share"
    if verb is not None:
        what = "decrease" if verb.startswith(_DECREASES) else "increase"
    rounded = False
    hedge_word = m.group("zh_hedge")
    if m.group("half") is not None:
        value = Decimal(50)
    elif m.group("frac_den") is not None:
        num, den = _zh_number(m.group("frac_num")), _zh_number(m.group("frac_den"))
        if num >= den:
            return None
        value, rounded = _share(num, den)
    elif m.group("cheng") is not None:
        value = Decimal(_zh_number(m.group("cheng")) * 10)
    elif m.group("most") is not None:
        if hedge_word is not None or m.group("zh_suffix"):
            return None
        if start > 0 and s[start - 1] in "大绝":
            return None  # the tail of a longer word the pattern did not start at
        value, hedge_word = Decimal(50), "超过"
    else:
        n = {"一": 1, "两": 2, "二": 2, "三": 3, None: 1}[m.group("fan_n")]
        value, what = Decimal(2**n - 1) * HUNDRED, "increase"
    if hedge_word == "过":
        before = s[start - 1 : start] if start else ""
        if m.group("half") is None or (before and before in _NOT_GUO):
            return None
        hedge = Hedge.MORE_THAN
    elif hedge_word is not None:
        hedge = chinese.PREFIX_HEDGES[hedge_word]
    else:
        hedge = Hedge.EXACT
    after = s[end : end + 1]
    if (
        m.group("half") == "一半"
        and hedge_word is None
        and verb is None
        and after
        and after in "年天"
    ):
        return None
    if m.group("half") == "半" and after and after in _NOT_AFTER_HALF:
        return None  # 超过半年: half a year, not a share
    suffix = m.group("zh_suffix")
    if suffix == "多":
        if m.group("cheng") is None:
            end -= 1  # 一半多 is rare; 多 belongs to what follows
        elif hedge is Hedge.EXACT:
            hedge = Hedge.ODD
    elif suffix is not None and hedge is Hedge.EXACT:
        hedge = chinese.SUFFIX_HEDGES[suffix]
    if m.group("most") is not None:
        hedge = Hedge.MORE_THAN
    return WordFigure(start, end, value, hedge, _hedged(hedge, value, what), rounded, what)


def _en(m: re.Match[str], s: str) -> WordFigure | None:
    start, end = m.start(), m.end()
    full = m.group("en_full")
    if full is not None:
        word = full.lower()
        if word in ("all", "every"):
            alone = start == 0 and end == len(s)  # the figure as a claim file types it
            if not alone and (
                _EN_FULL_NEXT.match(s, end) is None
                or _EN_NOT_BEFORE_FULL.search(s, max(0, start - 8), start)
            ):
                return None
            if word == "every" and _EN_NOT_AFTER_EVERY.match(s, end):
                return None
        if word == "none" and re.match(r"\s+the\s+(?:less|wiser)\b", s[end:], re.I):
            return None
        value = Decimal(0) if word == "none" else HUNDRED
        return WordFigure(
            start, end, value, Hedge.EXACT, None, False, "none" if value == 0 else "all"
        )
    if m.group("en_change") is not None:
        mult = " ".join(m.group("en_mult").lower().split())
        value = Decimal(_CHANGE_SIZE[mult])
        what = "decrease" if mult in _DECREASES else "increase"
        hedge_word = m.group("ch_hedge")
        hedge = english.hedge_of(hedge_word) if hedge_word else Hedge.EXACT
        return WordFigure(start, end, value, hedge, _hedged(hedge, value, what), False, what)
    hedge_word = m.group("en_hedge")
    hedge = english.hedge_of(hedge_word) if hedge_word else Hedge.EXACT
    if hedge is Hedge.RANGE:
        return None  # "between half and …" is not read
    rounded = False
    if m.group("en_half") is not None:
        value = Decimal(50)
    elif m.group("en_fden") is not None:
        den_word = m.group("en_fden").lower()
        den = _EN_ORDINALS.get(den_word) or _EN_ORDINALS[den_word[:-1]]
        num = _en_number(m.group("en_fnum"))
        if num >= den:
            return None
        value, rounded = _share(num, den)
    elif m.group("en_in_num") is not None:
        num, den = _en_number(m.group("en_in_num")), _en_number(m.group("en_in_den"))
        if not 0 < num < den:
            return None
        value, rounded = _share(num, den)
    else:
        if hedge_word is not None:
            return None
        value, hedge = Decimal(50), Hedge.MORE_THAN
    return WordFigure(start, end, value, hedge, _hedged(hedge, value, "share"), rounded, "share")


# Every wording above holds one of these; text without any is not searched (the reader runs on
# every quote, and most quotes state no figure in words). The English trigger tries each of its
# words at every character, so a text without a Latin letter, such as most Chinese quotes, skips it.
_ZH_TRIGGER = re.compile("[半成分覆部所每无番数]")
_LATIN = re.compile("(?i:[a-z])")  # with the trigger's flag: K and İ fold to k and i
_EN_TRIGGER = re.compile(
    r"(?i:half|third|quarter|fifth|sixth|eighth|tenth|\bin\b|out\s+of|most|majorit|all\b"
    r"|every|none|full|doubl|tripl|trebl|quadrupl|halved)"
)


def _triggered(folded: str, triggers: tuple[re.Pattern[str], ...]) -> bool:
    return all(trigger.search(folded) is not None for trigger in triggers)


def find(folded: str, units: UnitTable) -> list[WordFigure]:
    """Every figure in words in folded text, in order."""
    found: list[WordFigure] = []
    for triggers, pattern, read in (
        ((_ZH_TRIGGER,), _ZH_RE, _zh),
        ((_LATIN, _EN_TRIGGER), _EN_RE, _en),
    ):
        if not _triggered(folded, triggers):
            continue
        for m in pattern.finditer(folded):
            w = read(m, folded)
            if w is not None:
                found.append(w)
    found.sort(key=lambda w: (w.start, -w.end))
    kept: list[WordFigure] = []
    for w in found:
        if not kept or w.start >= kept[-1].end:
            kept.append(w)
    return kept


def whole(folded: str, units: UnitTable) -> WordFigure | None:
    """The figure in words that `folded` is, in full, or None."""
    for w in find(folded, units):
        if w.start == 0 and w.end == len(folded):
            return w
    return None


def quantity(text: str, w: WordFigure, units: UnitTable) -> Quantity:
    """The figure as a `Quantity` in percent (built without validating: the reader's output)."""
    return Quantity.model_construct(
        text=text,
        value=w.value,
        high=None,
        unit="%",
        hedge=w.hedge,
        rounded=w.rounded,
        step=Decimal(1),
        resolution=_SHARE_RESOLUTION if w.rounded else None,
        ceiling=w.ceiling,
        dimension=str(Dimension.PERCENT),
    )
