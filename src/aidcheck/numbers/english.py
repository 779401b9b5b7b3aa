"""English hedges, scale words and the context words that mark a number as a date or a label."""

from __future__ import annotations

from aidcheck.model.quantity import Hedge
from aidcheck.model.units import ENGLISH_UNITS

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

UNITS = frozenset(u for u in ENGLISH_UNITS if " " not in u and u not in {"percent"})

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
