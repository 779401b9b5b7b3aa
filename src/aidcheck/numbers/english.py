"""English number words, hedges, scale words and the context words that mark a number as a date
or a label."""

from __future__ import annotations

import re
from decimal import Decimal

from aidcheck.model.quantity import Hedge

SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
SCALE_PATTERN = "|".join(SCALES)

# Written before the number, lower case with single spaces. "between" opens a range.
PREFIX_HEDGES: dict[str, Hedge] = {
    "more than": Hedge.MORE_THAN,
    "over": Hedge.MORE_THAN,
    "above": Hedge.MORE_THAN,
    "in excess of": Hedge.MORE_THAN,
    "upwards of": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST,
    "no fewer than": Hedge.AT_LEAST,
    "no less than": Hedge.AT_LEAST,
    "not less than": Hedge.AT_LEAST,
    "a minimum of": Hedge.AT_LEAST,
    "nearly": Hedge.NEARLY,
    "almost": Hedge.NEARLY,
    "close to": Hedge.NEARLY,
    "just under": Hedge.NEARLY,
    "about": Hedge.ABOUT,
    "around": Hedge.ABOUT,
    "approximately": Hedge.ABOUT,
    "approx.": Hedge.ABOUT,
    "roughly": Hedge.ABOUT,
    "some": Hedge.ABOUT,
    "an estimated": Hedge.ABOUT,
    "up to": Hedge.AT_MOST,
    "at most": Hedge.AT_MOST,
    "no more than": Hedge.AT_MOST,
    "not more than": Hedge.AT_MOST,
    "a maximum of": Hedge.AT_MOST,
    "less than": Hedge.LESS_THAN,
    "fewer than": Hedge.LESS_THAN,
    "under": Hedge.LESS_THAN,
    "below": Hedge.LESS_THAN,
    "between": Hedge.RANGE,
}
PREFIX_PATTERN = "|".join(
    word.replace(".", r"\.").replace(" ", r"\s+")
    for word in sorted(PREFIX_HEDGES, key=len, reverse=True)
)

# Written after the number and unit: "500 or more", "900 or so".
SUFFIX_HEDGES: dict[str, Hedge] = {
    "or more": Hedge.AT_LEAST,
    "or above": Hedge.AT_LEAST,
    "and above": Hedge.AT_LEAST,
    "and over": Hedge.AT_LEAST,
    "or less": Hedge.AT_MOST,
    "or fewer": Hedge.AT_MOST,
    "and below": Hedge.AT_MOST,
    "or so": Hedge.ABOUT,
}
SUFFIX_PATTERN = "|".join(word.replace(" ", r"\s+") for word in SUFFIX_HEDGES)

# fmt: off
SMALL: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# fmt: on
_WORD = "|".join([*SCALES, "hundred", "dozen", *TENS, *sorted(SMALL, key=len, reverse=True)])
# A cardinal in words: "three", "twenty-five", "two hundred and fifty", "a dozen", "1.9 million"
# is digits and is read elsewhere. "a"/"an" counts only before hundred, thousand, … or dozen.
WORDS_PATTERN = (
    rf"(?<![A-Za-z-])(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:{_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD}))*(?![A-Za-z-])"
)
# "tens of thousands", "hundreds of", …: a vague count, read as the range of its order of size.
VAGUE_PATTERN = (
    r"(?<![A-Za-z-])(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:dozens|hundreds|thousands|millions)(?=\s+of\s))(?![A-Za-z-])"
)
VAGUE: dict[str, tuple[int, int]] = {
    "dozens": (24, 100),
    "hundreds": (100, 1000),
    "thousands": (1000, 10**4),
    "tens of thousands": (10**4, 10**5),
    "hundreds of thousands": (10**5, 10**6),
    "millions": (10**6, 10**7),
    "tens of millions": (10**7, 10**8),
    "hundreds of millions": (10**8, 10**9),
    "tens of billions": (10**10, 10**11),
    "hundreds of billions": (10**11, 10**12),
}


def words_value(text: str) -> tuple[Decimal, bool] | None:
    """The number a run of English number words denotes, and whether it ends in a scale word
    (so is rounded, as "3 million" is); None when the words do not make one number ("three
    four", "hundred million thousand")."""
    words = re.split(r"\s+and\s+|\s+|-", text.lower().strip())
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    total = current = 0
    last_scale = 10**12
    previous = ""  # "small", "tens", "hundred", "scale"
    for word in words:
        if word in SMALL or word in TENS:
            kind = "small" if word in SMALL else "tens"
            if previous == "small" or (previous == "tens" and kind == "tens"):
                return None
            if previous == "tens" and SMALL.get(word, 10) >= 10:
                return None
            current += SMALL.get(word) or TENS[word]
            previous = kind
        elif word == "dozen":
            if previous not in ("small", "") or current >= 10 or len(words) > 2:
                return None
            current = (current or 1) * 12
            previous = "scale"
        elif word == "hundred":
            if current >= 100 or previous == "hundred":
                return None
            current = (current or 1) * 100
            previous = "hundred"
        elif word in SCALES:
            scale = SCALES[word]
            if scale >= last_scale or current == 0:
                return None
            total += current * scale
            current, last_scale, previous = 0, scale, "scale"
        else:
            return None
    value = total + current
    if value == 0:
        return None
    return Decimal(value), words[-1] in SCALES


MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec"
MONTH_PATTERN = rf"(?:{MONTHS})[a-z]*\.?"

# A number right after one of these words is a label: "No. 3", "Grade 2", "Article 5".
LABEL_PATTERN = (
    r"no|nos|number|article|section|chapter|page|pp?|figure|fig|table|phase|grade|level|"
    r"class|tier|room|route|line|vol|volume|item|version|covid"
)

# A number right before one of these counts time, which no metric here measures.
# fmt: off
TIME_WORDS = frozenset({
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "minutes", "minute", "seconds", "second", "decades", "decade", "centuries", "century", "am",
    "pm", "a.m.", "p.m.", "o'clock",
})
# fmt: on


def hedge_of(words: str) -> Hedge:
    """The hedge a matched English prefix denotes, whatever its spacing and case."""
    return PREFIX_HEDGES[" ".join(words.lower().split())]


def suffix_hedge_of(words: str) -> Hedge:
    return SUFFIX_HEDGES[" ".join(words.lower().split())]
