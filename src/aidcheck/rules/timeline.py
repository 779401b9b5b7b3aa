"""Timelines: how one quantity's figures move over time.

Stocks (T502): claims are grouped by metric, scope, unit dimension, start of the counted span
and rate, and sorted by the date each figure holds at; each figure is compared with the highest
figure of earlier dates (a running maximum of lower bounds), so a series of k claims costs
O(k log k).

Running totals (T501): a total over a period that contains another period can never be
smaller, for the same metric, scope and unit dimension. Claims are grouped by those, and each
claim is compared with the highest figure among the claims whose period lies inside its own
(start no earlier, end no later): sorted by start (latest first) and end, with a Fenwick tree of
the best figure by end date, a group of k claims costs O(k log k). A total with no `since`
counts from its programme's `started` date; one whose start nothing records is compared only
with others like it. Rates (`period.per`) are not totals and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.base import StrictModel
from aidcheck.model.claim import Claim
from aidcheck.model.registry import Nature
from aidcheck.model.units import DimensionName
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    NoOptions,
    ScopeKey,
    bottom_key,
    cross_checkable,
    figure,
    figures,
    scope_key,
    show_scope,
    side,
    skip,
)

SeriesKey = tuple[str, ScopeKey, DimensionName, dt.date | None, str | None]
Span = tuple[dt.date, dt.date]
FigureKey = tuple[str, ScopeKey, Decimal, DimensionName, str]


def _series(ctx: CheckContext, nature: Nature) -> dict[SeriesKey, list[Claim]]:
    repo = ctx.repo
    series: dict[SeriesKey, list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        metric = repo.metrics.get(claim.metric)
        if metric is None or metric.nature is not nature:
            continue
        per = claim.period.per
        key = (
            claim.metric,
            scope_key(claim),
            claim.figure.dimension,
            claim.period.start(),
            per.value if per else None,
        )
        series[key].append(claim)
    return series


def _falls(ctx: CheckContext, nature: Nature) -> Iterator[Problem]:
    series = _series(ctx, nature)
    for (metric, scope, _, since, _), claims in series.items():
        ends = {c.id: ctx.facts.periods[c.id][1] for c in claims}
        if len(set(ends.values())) < 2:
            continue
        claims.sort(key=lambda c: ends[c.id])
        highest: Claim | None = None  # the earlier claim with the highest lower bound
        # one fall repeated by several sources is one finding: by earlier claim and later figure
        falls: dict[tuple[str, str], tuple[Claim, list[Claim]]] = {}
        i = 0
        while i < len(claims):
            j = i
            while j < len(claims) and ends[claims[j].id] == ends[claims[i].id]:
                j += 1
            same_date = claims[i:j]
            if highest is not None:
                for later in same_date:
                    if _fell(ctx, metric, scope, since, highest, later, ends):
                        group = (highest.id, str(later.figure.interval))
                        falls.setdefault(group, (highest, []))[1].append(later)
            for c in same_date:
                if highest is None or bottom_key(c.figure.interval) > bottom_key(
                    highest.figure.interval
                ):
                    highest = c
            i = j
        for earlier, repeats in falls.values():
            yield _fall(ctx, nature, metric, scope, since, earlier, repeats, ends)
    if ctx.compared == 0:
        ctx.run.note = (
            f"no {nature.value} metric has figures for one scope at two or more dates"
            if series
            else f"no claims on {nature.value} metrics"
        )


def _where(metric: str, scope: ScopeKey, since: dt.date | None) -> str:
    where = f"{metric} for {show_scope(scope)}"
    return where + (f" since {since}" if since is not None else "")


def _fell(
    ctx: CheckContext,
    metric: str,
    scope: ScopeKey,
    since: dt.date | None,
    earlier: Claim,
    later: Claim,
    ends: dict[str, dt.date],
) -> bool:
    what = (
        f"{_where(metric, scope, since)}: {figure(later)} on {ends[later.id]} after "
        f"{figure(earlier)} on {ends[earlier.id]}"
        if ctx.wording
        else None
    )
    fell = later.figure.interval.below(earlier.figure.interval)
    ctx.tally(not fell, what)
    return fell


def _fall(
    ctx: CheckContext,
    nature: Nature,
    metric: str,
    scope: ScopeKey,
    since: dt.date | None,
    earlier: Claim,
    later: list[Claim],
    ends: dict[str, dt.date],
) -> Problem:
    """One fall from `earlier`, to one figure that one or more later claims repeat. Its
    identity is the fall (earlier claim, later interval), so a further repetition joins it."""
    repo = ctx.repo
    dates = sorted({ends[c.id] for c in later})
    when = str(dates[0]) if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    return FALLS[nature](
        quantity=_where(metric, scope, since),
        earlier_figure=figure(earlier),
        earlier=earlier.id,
        earlier_date=ends[earlier.id].isoformat(),
        later_figure=figures(later),
        later=", ".join(c.id for c in later),
        later_date=when,
        claims=[earlier.id, *(c.id for c in later)],
        locations=[
            *(repo.claim_location(c.id, "figure") for c in later),
            repo.claim_location(earlier.id, "figure"),
        ],
        details={
            "earlier": side(repo, earlier),
            "later": side(repo, later[0]),
            "repeated_by": [side(repo, c) for c in later],
        },
        identity="|".join(
            ["fall", metric, *map(str, scope), earlier.id, str(later[0].figure.interval)]
        ),
    )


def _cumulative_falls(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    groups: dict[tuple[str, ScopeKey, DimensionName], list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        declared = repo.metrics.get(claim.metric)
        if declared is None or declared.nature is not Nature.CUMULATIVE:
            continue
        if claim.period.per is not None:
            skip(ctx, f"{claim.id}: a rate per {claim.period.per.value}, not a running total")
            continue
        groups[(claim.metric, scope_key(claim), claim.figure.dimension)].append(claim)
    for (metric, scope, _), claims in groups.items():
        starts = {c.id: ctx.facts.periods[c.id][0] for c in claims}
        dated = [c for c in claims if starts[c.id] is not None]
        undated = [c for c in claims if starts[c.id] is None]
        if dated and undated:
            for c in undated:
                skip(
                    ctx,
                    f"{c.id}: no start (no `since`, and programme "
                    f"{c.scope.programme or '(none)'} records no `started`), so it is not "
                    f"compared with the {len(dated)} total(s) of {metric} from a known start",
                )
        spans: dict[str, Span] = {}
        for c in claims:
            start = starts[c.id]
            spans[c.id] = (start if start is not None else dt.date.min, ctx.facts.periods[c.id][1])
        for part in (dated, undated):
            if len(part) > 1:
                yield from _nested(ctx, metric, scope, part, spans)
    if ctx.compared == 0:
        ctx.run.note = (
            "no cumulative metric has two figures for one scope whose periods nest"
            if groups
            else "no claims on cumulative metrics"
        )


def _nested(
    ctx: CheckContext, metric: str, scope: ScopeKey, claims: list[Claim], spans: dict[str, Span]
) -> Iterator[Problem]:
    """Compare each claim with the highest figure among the claims whose period its own
    contains (and is not equal to: equal periods are the agreement rules' business)."""
    ends = sorted({spans[c.id][1] for c in claims})
    rank = {end: i + 1 for i, end in enumerate(ends)}
    tree: list[Claim | None] = [None] * (len(ends) + 1)

    def better(a: Claim | None, b: Claim | None) -> Claim | None:
        if a is None or b is None:
            return a or b
        return a if bottom_key(a.figure.interval) >= bottom_key(b.figure.interval) else b

    def insert(claim: Claim) -> None:
        i = rank[spans[claim.id][1]]
        while i <= len(ends):
            tree[i] = better(tree[i], claim)
            i += i & -i

    def best_ending_by(end: dt.date) -> Claim | None:
        i, found = rank[end], None
        while i > 0:
            found = better(found, tree[i])
            i -= i & -i
        return found

    ordered = sorted(claims, key=lambda c: (-spans[c.id][0].toordinal(), spans[c.id][1], c.id))
    i = 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and spans[ordered[j].id] == spans[ordered[i].id]:
            j += 1
        batch = ordered[i:j]
        for outer in batch:
            inner = best_ending_by(spans[outer.id][1])
            if inner is not None:
                yield from _compare_nested(ctx, metric, scope, inner, outer, spans)
        for claim in batch:
            insert(claim)
        i = j


def _show_span(span: Span) -> str:
    start, end = span
    return str(end) if start == dt.date.min else f"{start} to {end}"


def _compare_nested(
    ctx: CheckContext,
    metric: str,
    scope: ScopeKey,
    inner: Claim,
    outer: Claim,
    spans: dict[str, Span],
) -> Iterator[Problem]:
    """`outer` counts over a period that contains `inner`'s: it may not be smaller."""
    repo = ctx.repo
    (inner_start, inner_end), (outer_start, outer_end) = spans[inner.id], spans[outer.id]
    where = f"{metric} for {show_scope(scope)}"
    if inner_start == outer_start:
        if inner_start != dt.date.min:
            where += f" since {inner_start}"
        inner_when, outer_when = str(inner_end), str(outer_end)
    else:
        inner_when, outer_when = _show_span(spans[inner.id]), _show_span(spans[outer.id])
    what = (
        f"{where}: {figure(outer)} ({outer_when}) contains {figure(inner)} ({inner_when})"
        if ctx.wording
        else None
    )
    fell = outer.figure.interval.below(inner.figure.interval)
    ctx.tally(not fell, what)
    if not fell:
        return
    message = FALLS[Nature.CUMULATIVE] if inner_start == outer_start else SMALLER_OVER_LONGER
    yield message(
        quantity=where,
        earlier_figure=figure(inner),
        earlier=inner.id,
        earlier_date=inner_when,
        later_figure=figure(outer),
        later=outer.id,
        later_date=outer_when,
        claims=[inner.id, outer.id],
        locations=[
            repo.claim_location(outer.id, "figure"),
            repo.claim_location(inner.id, "figure"),
        ],
        details={"earlier": side(repo, inner), "later": side(repo, outer)},
    )


def _stock_falls(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    yield from _falls(ctx, Nature.STOCK)


class StaleOptions(StrictModel):
    max_age_days: int = Field(
        default=365,
        ge=0,
        description="how long after an earlier source dated a figure it may be repeated as "
        "current (with no date of its own) before it is reported as stale",
    )


def _stale(ctx: CheckContext, options: StaleOptions) -> Iterator[Problem]:
    """A figure repeated as current long after an earlier source gave it with an as-of date."""
    repo = ctx.repo
    groups: dict[FigureKey, list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        q = claim.figure
        per = claim.period.per.value if claim.period.per else ""
        groups[(claim.metric, scope_key(claim), q.value, q.dimension, q.hedge.value + per)].append(
            claim
        )
    for (metric, scope, *_), claims in groups.items():
        dated = [c for c in claims if c.period.as_of is not None]
        current = [c for c in claims if c.period.as_of is None and c.period.year is None]
        if not dated or not current:
            continue
        first = min(dated, key=lambda c: (c.period.as_of, c.id))
        as_of = first.period.as_of
        assert as_of is not None
        for claim in current:
            published = repo.source_of(claim).published
            if published <= as_of:
                continue
            age = (published - as_of).days
            ok = age <= options.max_age_days
            ctx.tally(
                ok,
                f"{claim.id} repeats {figure(claim)} on {published}, {age} days after "
                f"{first.id} dated it {as_of}"
                if ctx.wording
                else None,
            )
            if ok:
                continue
            yield STALE_FIGURE(
                claim=claim.id,
                figure=figure(claim),
                metric=metric,
                scope=show_scope(scope),
                published=published.isoformat(),
                dated=first.id,
                as_of=as_of.isoformat(),
                days=age,
                claims=[claim.id, first.id],
                locations=[
                    repo.claim_location(claim.id, "figure"),
                    repo.claim_location(first.id, "period"),
                ],
                details={
                    "current": side(repo, claim),
                    "dated": side(repo, first),
                    "age_days": age,
                    "max_age_days": options.max_age_days,
                },
            )
    if ctx.compared == 0:
        ctx.run.note = "no undated figure repeats a figure that another claim dates earlier"


_FALLS = (
    "{quantity} falls from {earlier_figure} ({earlier}, {earlier_date}) to {later_figure} "
    "({later}, {later_date})"
)
FALLS = {
    Nature.CUMULATIVE: Message("T501", _FALLS),
    Nature.STOCK: Message("T502", _FALLS),
}
SMALLER_OVER_LONGER = Message(
    "T501.nested",
    "{quantity}: {later_figure} ({later}, {later_date}) is smaller than {earlier_figure} "
    "({earlier}, {earlier_date}), a total over a period that lies inside its own",
)
STALE_FIGURE = Message(
    "T503",
    "{claim} states {figure} for {metric} in {scope} as current on {published}, but {dated} "
    "already gave this figure as of {as_of}, {days} days earlier: it is probably stale; give "
    "the claim the as-of date the figure has",
)

CUMULATIVE_FALLS = Rule(
    code="T501",
    name="cumulative-falls",
    family=Family.TIMELINE,
    title="A cumulative total falls over time",
    severity=Severity.ERROR,
    check=_cumulative_falls,
    options=NoOptions,
    messages=(FALLS[Nature.CUMULATIVE], SMALLER_OVER_LONGER),
    description="""A cumulative metric (a running total: staff dispatched since the programme
began, patients treated) can only grow, so a total over a period that contains another period
can never be smaller. For one metric, scope and unit dimension, each figure is compared with the
highest figure stated for a period inside its own: the same start and an earlier end (截至2018年底
inside 截至2019年底), or a later start and no later end (2017年以来 inside 十三五以来 to the same
date, the year 2020 inside 2016-2020). It is reported when its whole interval lies below that
figure's interval.

A figure with no `since` counts from its programme's start (`started` in the programmes
registry), so 截至2018年底 on a programme started in 2016 nests with 十三五以来 totals. When the
programme records no start, the figure is compared only with others that give no start either,
and the rule's tally says which were left out. Rates (`period.per`: 每年, "each year") are not
running totals and are not compared; nor are figures with equal periods (see A201).

Passing: `超过6万人次` as of 2018-12-31, then `超过8万人次` as of 2019-12-31.

Failing:

```yaml
- {id: a, metric: staff_dispatch_visits, figure: 超过6万人次, scope: {region: CN},
   period: {as_of: 2018-12-31}}
- {id: b, metric: staff_dispatch_visits, figure: 5万人次, scope: {region: CN},
   period: {as_of: 2019-12-31}}
```
""",
)

STOCK_FALLS = Rule(
    code="T502",
    name="stock-falls",
    family=Family.TIMELINE,
    title="A stock falls over time (information: stocks may fall)",
    severity=Severity.INFO,
    check=_stock_falls,
    options=NoOptions,
    messages=(FALLS[Nature.STOCK],),
    description="""A stock (hospitals paired at a date, staff on site) may rise or fall, so a
fall is not an error; it is reported as information because a fall in a figure that is usually
repeated as an achievement is worth a look. Each figure is compared with the highest figure
stated for an earlier date (same metric, scope, unit dimension and start). One fall repeated by
several sources (1180家 at the end of 2018, then 1172家 in five outlets in 2020) is one finding
naming them all.

Passing: 1180家 county hospitals paired in 2018, 1180家 in 2019.

Failing (information): 1180家 as of 2018-12-31, then 1007家 as of 2019-12-31.
""",
)

STALE = Rule(
    code="T503",
    name="stale-figure",
    family=Family.TIMELINE,
    title="A figure is repeated as current long after an earlier source dated it",
    severity=Severity.WARNING,
    check=_stale,
    options=StaleOptions,
    messages=(STALE_FIGURE,),
    description="""A claim with no date of its own (no `as_of`, no `year`) holds as of its
source's publication. When it repeats a figure (same metric, scope, value, unit dimension and
hedge) that an earlier claim gave as of a date more than `max_age_days` earlier, the figure is
probably an old one repeated as current.

Passing: a report of 2019-02-14 repeats `1180家`, which another source dated 2018-12-31.

Failing: a report of 2021-06-01 says `1180家` with no date; another source gave `1180家` as of
2018-12-31.
""",
)

RULES = (CUMULATIVE_FALLS, STOCK_FALLS, STALE)
