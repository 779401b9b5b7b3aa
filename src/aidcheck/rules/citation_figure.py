"""Citation rules, part 3: the quote must state the claim's figure, with its hedge and unit.

These compare a claim with its own quote, so they need no archive and run on every verify.
"""

from __future__ import annotations

from collections.abc import Iterator

from aidcheck.evidence.figures import FigureCheck, FigureVerdict, describe
from aidcheck.findings import Argument, Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.citation import short
from aidcheck.rules.common import NoOptions


def _checks(ctx: CheckContext) -> Iterator[tuple[Claim, FigureCheck]]:
    """Each claim with its figure check; the three rules read the same checks, made once per
    run."""
    checks = ctx.facts.figure_checks
    for claim in ctx.repo.claims.values():
        yield claim, checks[claim.id]


def _problem(
    ctx: CheckContext, claim: Claim, check: FigureCheck, message: Message, **arguments: Argument
) -> Problem:
    return message.problem(
        arguments,
        claims=[claim.id],
        locations=[
            ctx.repo.claim_location(claim.id, "figure"),
            ctx.repo.claim_location(claim.id, "quote"),
        ],
        details={
            "claimed": describe(check.claimed),
            "stated": [describe(q) for q in check.stated],
            "quote": claim.quote,
        },
    )


def _value(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    for claim, check in _checks(ctx):
        bad = check.verdict in (FigureVerdict.VALUE, FigureVerdict.NO_FIGURE)
        ctx.tally(
            not bad, f"{claim.id}: {check.claimed.value} in the quote" if ctx.wording else None
        )
        if not bad:
            continue
        quote, claimed = short(claim.quote), describe(check.claimed)
        if check.verdict is FigureVerdict.NO_FIGURE:
            yield _problem(ctx, claim, check, NO_FIGURE, quote=quote, claimed=claimed)
        else:
            stated = ", ".join(q.text or str(q.value) for q in check.stated)
            yield _problem(
                ctx, claim, check, OTHER_FIGURE, quote=quote, claimed=claimed, stated=stated
            )


def _hedge(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    for claim, check in _checks(ctx):
        if check.verdict in (FigureVerdict.VALUE, FigureVerdict.NO_FIGURE):
            continue
        bad = check.verdict is FigureVerdict.HEDGE
        ctx.tally(not bad, f"{claim.id}: hedge of {check.claimed.value}" if ctx.wording else None)
        if bad and check.closest is not None:
            yield _problem(
                ctx,
                claim,
                check,
                HEDGE_DIFFERS,
                claimed=describe(check.claimed),
                stated=describe(check.closest),
            )


_UNIT_VERDICTS = (
    FigureVerdict.UNIT,
    FigureVerdict.STATED,
    FigureVerdict.UNIT_UNREAD,
    FigureVerdict.NO_UNIT,
)


def _unit(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    unread: list[str] = []
    unstated = 0
    for claim, check in _checks(ctx):
        if check.verdict not in _UNIT_VERDICTS:
            continue
        bad = check.verdict is FigureVerdict.UNIT
        what = f"{claim.id}: unit of {check.claimed.value}"
        if check.verdict is FigureVerdict.UNIT_UNREAD:
            unread.append(f"{claim.id} ({check.noun!r})")
            what += f" not compared: the quote's unit {check.noun!r} is not in the unit table"
        elif check.verdict is FigureVerdict.NO_UNIT:
            unstated += 1
            what += " not compared: the quote states no unit"
        ctx.tally(not bad, what)
        if bad and check.closest is not None:
            yield _problem(
                ctx,
                claim,
                check,
                UNIT_DIFFERS,
                unit=check.claimed.unit or "(none)",
                dimension=str(check.claimed.dimension),
                quote_unit=check.closest.unit or "(none)",
                quote_dimension=str(check.closest.dimension),
                stated=describe(check.closest),
            )
    notes = []
    if unread:
        notes.append(
            f"{len(unread)} quote(s) state a unit the unit table does not know, so the unit "
            f"was not compared: {', '.join(unread[:5])}; define it in a 'units' section"
        )
    if unstated:
        notes.append(f"{unstated} quote(s) state no unit with the figure")
    if notes:
        ctx.run.note = "; ".join(notes)


NO_FIGURE = Message(
    "C105.no-figure",
    "the quote {quote!r} does not state {claimed}: it states no figure the number reader can "
    "find; quote the passage that states the figure, or correct the figure",
)
OTHER_FIGURE = Message(
    "C105.other-figure",
    "the quote {quote!r} does not state {claimed}: it states {stated}; quote the passage that "
    "states the figure, or correct the figure",
)
HEDGE_DIFFERS = Message(
    "C107",
    "the claim says {claimed} where the quote says {stated}; write the figure with the "
    "quote's hedge",
)
UNIT_DIFFERS = Message(
    "C108",
    "the claim's unit {unit} ({dimension}) is not the quote's {quote_unit} ({quote_dimension}): "
    "{stated}; persons and person-times are different counts",
)

FIGURE_VALUE = Rule(
    code="C105",
    name="figure-not-quoted",
    family=Family.CITATION,
    title="The quote does not state the claim's value",
    severity=Severity.ERROR,
    check=_value,
    options=NoOptions,
    messages=(NO_FIGURE, OTHER_FIGURE),
    description="""The figures in the quote are read with the number reader (docs/numbers.md),
in digits and in words (全覆盖, 近一半, 三分之一, "doubled", "one in three"); one of them must have
the claim's value (and upper bound, for a range). A share in words states every value within its
own rounding (三分之一: 33.3 or 33.33, not 33 or 40). A figure in words the reader does not read
passes when its `text` occurs in the quote.

Passing: `figure: 1180家` with `quote: …的1180家县级医院建立“一对一”帮扶关系`. Failing: `figure:
1181家` with that quote, or a quote that states no figure at all.
""",
)

FIGURE_HEDGE = Rule(
    code="C107",
    name="figure-hedge-differs",
    family=Family.CITATION,
    title="The claim's hedge is not the quote's (exact vs 超过, 余, 近, 约 …)",
    severity=Severity.ERROR,
    check=_hedge,
    options=NoOptions,
    messages=(HEDGE_DIFFERS,),
    description="""A hedge changes the interval a figure denotes: 超过6万 is (60000, ∞), 6万 is
[55000, 65000). The claim must carry the hedge the quote states.

Passing: `figure: 超过6万人次` with `quote: 派出超过6万人次医务人员`. Failing: `figure: 60000人次`
or `figure: {value: 60000, unit: 人次, hedge: exact}` with that quote.
""",
)

FIGURE_UNIT = Rule(
    code="C108",
    name="figure-unit-differs",
    family=Family.CITATION,
    title="The claim's unit measures something other than the quote's (人 vs 人次)",
    severity=Severity.ERROR,
    check=_unit,
    options=NoOptions,
    messages=(UNIT_DIFFERS,),
    description="""Units are compared by what they count (their dimension, from the unit table:
docs/claims.md, 'units'): 家 and 所 both count institutions, 人 and 名 persons, 人次
person-times, and a generic 个 or 项 agrees with any count of things. A claim in persons citing a
quote in person-times has silently changed the quantity. When the quote's figure is followed by
words the unit table does not know ("3,700 key widgetries"), or by no unit at all, the unit is
not compared: the rule's tally notes it instead of reporting an error.

Passing: `figure: 超过6万人次` with `quote: 派出超过6万人次医务人员`. Failing: `figure: 超过6万人`
with that quote.
""",
)

RULES = (FIGURE_VALUE, FIGURE_HEDGE, FIGURE_UNIT)
