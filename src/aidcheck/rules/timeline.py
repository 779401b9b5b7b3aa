"""Timelines: how one quantity's figures move over time.

Claims are grouped by metric, scope, unit dimension and start of the counted span, and sorted by
the date each figure holds at; each figure is compared with the highest figure of earlier dates
(a running maximum of lower bounds), so a series of k claims costs O(k log k).
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
    period_end,
    scope_key,
    show_scope,
    side,
)

SeriesKey = tuple[str, ScopeKey, DimensionName, dt.date | None]
FigureKey = tuple[str, ScopeKey, Decimal, DimensionName, str]


def _series(ctx: CheckContext, nature: Nature) -> dict[SeriesKey, list[Claim]]:
    repo = ctx.repo
    series: dict[SeriesKey, list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        metric = repo.metrics.get(claim.metric)
        if metric is None or metric.nature is not nature:
            continue
        key = (claim.metric, scope_key(claim), claim.figure.dimension, claim.period.start())
        series[key].append(claim)
    return series


def _falls(ctx: CheckContext, nature: Nature) -> Iterator[Problem]:
    repo = ctx.repo
    series = _series(ctx, nature)
    for (metric, scope, _, since), claims in series.items():
        ends = {c.id: period_end(repo, c) for c in claims}
        if len(set(ends.values())) < 2:
            continue
        claims.sort(key=lambda c: ends[c.id])
        highest: Claim | None = None  # the earlier claim with the highest lower bound
        i = 0
        while i < len(claims):
            j = i
            while j < len(claims) and ends[claims[j].id] == ends[claims[i].id]:
                j += 1
            same_date = claims[i:j]
            if highest is not None:
                for later in same_date:
                    yield from _compare(ctx, nature, metric, scope, since, highest, later, ends)
            for c in same_date:
                if highest is None or bottom_key(c.figure.interval) > bottom_key(
                    highest.figure.interval
                ):
                    highest = c
            i = j
    if ctx.run.compared == 0:
        ctx.run.note = (
            f"no {nature.value} metric has figures for one scope at two or more dates"
            if series
            else f"no claims on {nature.value} metrics"
        )


def _compare(
    ctx: CheckContext,
    nature: Nature,
    metric: str,
    scope: ScopeKey,
    since: dt.date | None,
    earlier: Claim,
    later: Claim,
    ends: dict[str, dt.date],
) -> Iterator[Problem]:
    repo = ctx.repo
    where = f"{metric} for {show_scope(scope)}"
    if since is not None:
        where += f" since {since}"
    what = (
        f"{where}: {figure(later)} on {ends[later.id]} after {figure(earlier)} on "
        f"{ends[earlier.id]}"
    )
    fell = later.figure.interval.below(earlier.figure.interval)
    ctx.tally(not fell, what)
    if fell:
        yield FALLS[nature](
            quantity=where,
            earlier_figure=figure(earlier),
            earlier=earlier.id,
            earlier_date=ends[earlier.id].isoformat(),
            later_figure=figure(later),
            later=later.id,
            later_date=ends[later.id].isoformat(),
            claims=[earlier.id, later.id],
            locations=[
                repo.claim_location(later.id, "figure"),
                repo.claim_location(earlier.id, "figure"),
            ],
            details={"earlier": side(repo, earlier), "later": side(repo, later)},
        )


def _cumulative_falls(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    yield from _falls(ctx, Nature.CUMULATIVE)


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
        groups[(claim.metric, scope_key(claim), q.value, q.dimension, q.hedge.value)].append(claim)
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
                f"{first.id} dated it {as_of}",
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
    if ctx.run.compared == 0:
        ctx.run.note = "no undated figure repeats a figure that another claim dates earlier"


_FALLS = (
    "{quantity} falls from {earlier_figure} ({earlier}, {earlier_date}) to {later_figure} "
    "({later}, {later_date})"
)
FALLS = {
    Nature.CUMULATIVE: Message("T501", _FALLS),
    Nature.STOCK: Message("T502", _FALLS),
}
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
    messages=(FALLS[Nature.CUMULATIVE],),
    description="""A cumulative metric (a running total: staff dispatched since the programme
began, patients treated) can only grow. For one metric, scope, unit dimension and start of the
counted span (`period.since`), each figure is compared with the highest figure stated for an
earlier date; it has fallen when its whole interval lies below that figure's interval. Totals
counted from different starts (2017年以来 vs 十三五以来) are not compared, nor are the figures of
different years (`year`: a flow within each year).

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
repeated as an achievement is worth a look. Same grouping and comparison as T501.

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
