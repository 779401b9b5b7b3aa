"""Guessing a figure's period from the words before it: 截至2018年底, 2017年以来, 4年来,
"十三五"以来, "by the end of 2020", "since 2017", "over the past four years".

The guess is the nearest period phrase before the figure in its paragraph (a briefing states
截至2018年底 once and then lists figures), else none. It is always a guess: stub claims mark it
for review. Chinese in either script is read on the normalized view's characters, so 截至2018
年底 and 截至2018年底 read alike; numerals in words (两, 四, four) are read too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ZH_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_ZH_NUM |= {"九": 9, "十": 10}
_EN_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_EN_NUM |= {"nine": 9, "ten": 10}
_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_Y = r"((?:19|20)\d{2})"
_N = r"(\d{1,2}|[一二两三四五六七八九十]|two|three|four|five|six|seven|eight|nine|ten)"
_MONTH_NAMES = "|".join(_EN_MONTHS)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("as_of_day", re.compile(rf"(?:截至|截止|到){_Y}年(\d{{1,2}})月(\d{{1,2}})日")),
    ("as_of_month", re.compile(rf"(?:截至|截止|到){_Y}年(\d{{1,2}})月(?:底|末)?")),
    ("as_of_year", re.compile(rf"(?:截至|截止|到){_Y}年(?:底|末)")),
    ("as_of_year", re.compile(rf"{_Y}年(?:底|末)")),
    ("since_year", re.compile(rf"(?:自|从){_Y}年(?:以来|起|开始)|{_Y}年(?:以来|起)")),
    ("since_plan", re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?(?:以来|期间)")),
    ("since_years_ago", re.compile(rf"(?:近|过去){_N}年(?:来|以来|间)?|(?<!\d){_N}年(?:来|以来)")),
    ("year", re.compile(rf"(?<![\d\-~～—–至到较比]){_Y}年(?![底末以起开来\d])")),
    ("as_of_year", re.compile(rf"(?i)\b(?:by|as of|at) the end of {_Y}\b|\bend-{_Y}\b")),
    (
        "as_of_month_en",
        re.compile(rf"(?i)\b(?:by|as of|at) the end of ({_MONTH_NAMES}),? {_Y}\b"),
    ),
    ("since_year", re.compile(rf"(?i)\bsince {_Y}\b")),
    ("since_years_ago", re.compile(rf"(?i)\b(?:over|in) the (?:past|last) {_N} years\b")),
    ("year", re.compile(rf"(?i)\bin {_Y}\b")),
]


@dataclass(frozen=True)
class PeriodGuess:
    period: dict[str, dt.date | int | str]  # as a claim file writes it: {as_of: …, wording: …}
    wording: str
    start: int  # where the wording is in the text searched


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return _ZH_NUM.get(token) or _EN_NUM.get(token.lower(), 0)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read(kind: str, m: re.Match[str], published: dt.date) -> dict[str, dt.date | int | str] | None:
    groups = [g for g in m.groups() if g is not None]
    try:
        if kind == "as_of_day":
            return {"as_of": dt.date(int(groups[0]), int(groups[1]), int(groups[2]))}
        if kind == "as_of_month":
            return {"as_of": _month_end(int(groups[0]), int(groups[1]))}
        if kind == "as_of_month_en":
            return {"as_of": _month_end(int(groups[1]), _EN_MONTHS[groups[0].lower()])}
        if kind == "as_of_year":
            return {"as_of": dt.date(int(groups[0]), 12, 31)}
        if kind == "since_year":
            return {"since": dt.date(int(groups[0]), 1, 1)}
        if kind == "since_plan":
            return {"since": dt.date(_PLANS[groups[0]], 1, 1)}
        if kind == "since_years_ago":
            years = _number(groups[0])
            return {"since": dt.date(published.year - years, 1, 1)} if 0 < years < 50 else None
        if kind == "year":
            return {"year": int(groups[0])}
    except (ValueError, KeyError):
        return None
    return None


def guess_period(before: str, published: dt.date) -> PeriodGuess | None:
    """The period stated by the last period phrase in `before` (the paragraph up to the
    figure), or None."""
    best: tuple[int, PeriodGuess] | None = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(before):
            period = _read(kind, m, published)
            if period is None:
                continue
            if kind in ("since_year", "since_plan", "since_years_ago") and "since" in period:
                since = period["since"]
                if isinstance(since, dt.date) and since > published:
                    continue
            wording = m.group(0).strip(" ,，。;；")
            period["wording"] = wording
            if best is None or m.end() > best[0]:
                best = (m.end(), PeriodGuess(period, wording, m.start()))
    return best[1] if best else None
