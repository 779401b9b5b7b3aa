"""Does the quote state the claim's figure? Value, hedge and unit, compared one at a time.

The quote is normalized (so 萬, full-width digits and pinyin annotations read as usual) and read
with `aidcheck.numbers.find_figures`. The claim's figure is stated by the quote when some figure
in it has the same value (and upper bound, for a range), the same hedge, and a unit of the same
dimension (家 and 所 both count institutions; 人 and 人次 do not measure the same thing).
When no figure matches all three, the verdict names the first aspect that no candidate with
the right value satisfies: value, then hedge, then unit.

Figures in words (全覆盖, 近一半, "doubled") are read too and compared in the same way; a
figure in words the reader does not read is stated when its `text` occurs in the quote: the typed
value is then the claim author's reading, which no quote can confirm. When the quote's figure
has no unit, or a noun the unit table does not know ("3,700 key specialities"), the unit cannot
be compared: the verdict says which, and C108 notes it rather than reporting it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Hedge, Quantity, interval_of
from aidcheck.model.units import Dimension, UnitTable, compatible

if TYPE_CHECKING:
    from aidcheck.numbers import FoundFigure

HEDGE_WORDS = {
    Hedge.EXACT: "exactly",
    Hedge.MORE_THAN: "more than (超过)",
    Hedge.AT_LEAST: "at least (至少/以上)",
    Hedge.ODD: "-odd (余/多)",
    Hedge.NEARLY: "nearly (近)",
    Hedge.ABOUT: "about (约)",
    Hedge.AT_MOST: "at most (以内)",
    Hedge.LESS_THAN: "less than (不到)",
    Hedge.RANGE: "a range",
}


class FigureVerdict(StrEnum):
    STATED = "stated"
    IN_WORDS = "in-words"  # stated in words the number reader does not read; text found
    VALUE = "value"  # no figure in the quote has the claim's value
    HEDGE = "hedge"  # the value is there, with another hedge
    UNIT = "unit"  # the value and hedge are there, in another dimension
    UNIT_UNREAD = "unit-unread"  # … followed by words the unit table does not know
    NO_UNIT = "no-unit"  # … with no unit at all: the claim's unit is its author's reading
    NO_FIGURE = "no-figure"  # the quote states no figure at all


@dataclass
class FigureCheck:
    verdict: FigureVerdict
    claimed: Quantity
    stated: list[Quantity] = field(default_factory=list)
    closest: Quantity | None = None
    noun: str | None = None  # the words after the closest figure that were not read as a unit

    @property
    def ok(self) -> bool:
        return self.verdict in (
            FigureVerdict.STATED,
            FigureVerdict.IN_WORDS,
            FigureVerdict.UNIT_UNREAD,
            FigureVerdict.NO_UNIT,
        )


def describe(q: Quantity) -> str:
    text = q.text or f"{q.value}{q.unit or ''}"
    return (
        f"{text} ({HEDGE_WORDS[q.hedge]} {q.value}{'–' + str(q.high) if q.high else ''}, "
        f"{q.dimension})"
    )


def _states_value(found: FoundFigure, claimed: Quantity) -> bool:
    """A figure states the claim's value when the numbers are equal; a share in words
    (三分之一 = 33.33 %) when the claim's value lies within the words' own rounding, so that
    33.3 % and 33.33 % both state 三分之一 and 40 % does not."""
    q = found.quantity
    if (q.high is None) != (claimed.high is None):
        return False
    if not (found.words and q.dimension == Dimension.PERCENT):
        return q.value == claimed.value and q.high == claimed.high  # "three million" too
    point = interval_of(q.model_copy(update={"hedge": Hedge.EXACT, "ceiling": None}))
    return point.contains(claimed.value)


def check_figure(claim: Claim, units: UnitTable | None = None) -> FigureCheck:
    from aidcheck.evidence.normalize import normalize_quote
    from aidcheck.numbers import FigureError, find_figures, read_figure

    claimed = claim.figure
    quote = normalize_quote(claim.quote)
    found = find_figures(quote, units)
    stated = [f.quantity for f in found]
    words = normalize_quote(claimed.text) if claimed.text else ""
    if words and words in quote:
        try:
            read_figure(words, units)
        except FigureError:
            return FigureCheck(FigureVerdict.IN_WORDS, claimed, stated)
    if not stated:
        return FigureCheck(FigureVerdict.NO_FIGURE, claimed)
    same_value = [f for f in found if _states_value(f, claimed)]
    if not same_value:
        return FigureCheck(FigureVerdict.VALUE, claimed, stated)
    same_hedge = [f for f in same_value if f.quantity.hedge is claimed.hedge]
    if not same_hedge:
        return FigureCheck(FigureVerdict.HEDGE, claimed, stated, same_value[0].quantity)
    for f in same_hedge:
        if compatible(f.quantity.dimension, claimed.dimension):
            return FigureCheck(FigureVerdict.STATED, claimed, stated, f.quantity)
    for f in same_hedge:
        if f.quantity.unit is None and claimed.unit is not None:
            verdict = FigureVerdict.NO_UNIT if f.noun is None else FigureVerdict.UNIT_UNREAD
            return FigureCheck(verdict, claimed, stated, f.quantity, f.noun)
    return FigureCheck(FigureVerdict.UNIT, claimed, stated, same_hedge[0].quantity)
