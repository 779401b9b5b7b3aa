"""Does the quote state the claim's figure? Value, hedge and unit, compared one at a time.

The quote is normalized (so 萬, full-width digits and pinyin annotations read as usual) and read
with `aidcheck.numbers.find_figures`. The claim's figure is stated by the quote when some figure
in it has the same value (and upper bound, for a range), the same hedge, and a unit of the same
dimension (家 and 所 both count institutions; 人 and 人次 do not measure the same thing).
When no figure matches all three, the verdict names the first aspect that no candidate with
the right value satisfies: value, then hedge, then unit.

A figure stated in words that the number reader does not read (全覆盖 typed as 100%, 近一半
typed as nearly 50%) is stated when its `text` occurs in the quote: the typed value is the
claim author's reading, which no quote can confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Hedge, Quantity

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
    NO_FIGURE = "no-figure"  # the quote states no figure at all


@dataclass
class FigureCheck:
    verdict: FigureVerdict
    claimed: Quantity
    stated: list[Quantity] = field(default_factory=list)
    closest: Quantity | None = None

    @property
    def ok(self) -> bool:
        return self.verdict in (FigureVerdict.STATED, FigureVerdict.IN_WORDS)


def describe(q: Quantity) -> str:
    text = q.text or f"{q.value}{q.unit or ''}"
    return (
        f"{text} ({HEDGE_WORDS[q.hedge]} {q.value}{'–' + str(q.high) if q.high else ''}, "
        f"{q.dimension.value})"
    )


def check_figure(claim: Claim) -> FigureCheck:
    from aidcheck.evidence.normalize import normalize_quote
    from aidcheck.numbers import FigureError, find_figures, read_figure

    claimed = claim.figure
    quote = normalize_quote(claim.quote)
    stated = [f.quantity for f in find_figures(quote)]
    words = normalize_quote(claimed.text) if claimed.text else ""
    if words and words in quote:
        try:
            read_figure(words)
        except FigureError:
            return FigureCheck(FigureVerdict.IN_WORDS, claimed, stated)
    if not stated:
        return FigureCheck(FigureVerdict.NO_FIGURE, claimed)
    same_value = [q for q in stated if q.value == claimed.value and q.high == claimed.high]
    if not same_value:
        return FigureCheck(FigureVerdict.VALUE, claimed, stated)
    same_hedge = [q for q in same_value if q.hedge is claimed.hedge]
    if not same_hedge:
        return FigureCheck(FigureVerdict.HEDGE, claimed, stated, same_value[0])
    same_unit = [q for q in same_hedge if q.dimension is claimed.dimension]
    if not same_unit:
        return FigureCheck(FigureVerdict.UNIT, claimed, stated, same_hedge[0])
    return FigureCheck(FigureVerdict.STATED, claimed, stated, same_unit[0])
