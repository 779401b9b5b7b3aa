"""Agreement: claims about the same quantity must not contradict each other.

Claims are grouped by metric, scope (region, giver, programme) and the date their figure holds
at; only claims in one group are compared, and within a group the conflicting claims are found
from the lowest upper end and the highest lower end, so a group of k claims costs O(k).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from pydantic import Field

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.base import StrictModel
from aidcheck.model.claim import Claim
from aidcheck.model.units import Dimension, DimensionName, compatible
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    NoOptions,
    bottom_key,
    cross_checkable,
    figure,
    same_quantity,
    show_period,
    show_quantity,
    show_scope,
    side,
    source_id,
    top_key,
)


def _conflict(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    for key, claims in same_quantity(ctx).items():
        metric, scope, period, _ = key
        sources = {source_id(repo, c) for c in claims}
        if len(sources) < 2:
            continue
        conflicted = _conflicted(claims, {c.id: source_id(repo, c) for c in claims})
        if ctx.wording:
            stated = "; ".join(f"{source_id(repo, c)}: {figure(c)}" for c in claims)
            ctx.tally(not conflicted, f"{show_quantity(key)}: {stated}")
        else:
            ctx.tally(not conflicted)
        if not conflicted:
            continue
        where = show_quantity(key)
        conflicted.sort(key=lambda c: bottom_key(c.figure.interval))
        says = "; ".join(f"{source_id(repo, c)} says {figure(c)}" for c in conflicted)
        yield DISAGREE(
            quantity=where,
            says=says,
            claims=[c.id for c in conflicted],
            locations=[repo.claim_location(c.id, "figure") for c in conflicted],
            details={
                "metric": metric,
                "scope": show_scope(scope),
                "period": show_period(period),
                "sides": [side(repo, c) for c in conflicted],
            },
        )


def _conflicted(claims: Sequence[Claim], source: dict[str, str]) -> list[Claim]:
    """Claims whose interval misses the interval of some claim from another source.

    Some claim from another source lies entirely below a claim exactly when the one with the
    lowest upper end among the other sources does, and likewise above; keeping the best claim of
    the two best sources on each side answers that for every claim in one pass.
    """
    lowest_top: dict[str, Claim] = {}
    highest_bottom: dict[str, Claim] = {}
    for c in claims:
        iv, src = c.figure.interval, source[c.id]
        best = lowest_top.get(src)
        if best is None or top_key(iv) < top_key(best.figure.interval):
            lowest_top[src] = c
        best = highest_bottom.get(src)
        if best is None or bottom_key(iv) > bottom_key(best.figure.interval):
            highest_bottom[src] = c
    tops = sorted(lowest_top.items(), key=lambda kv: top_key(kv[1].figure.interval))[:2]
    bottoms = sorted(
        highest_bottom.items(), key=lambda kv: bottom_key(kv[1].figure.interval), reverse=True
    )[:2]
    out = []
    for c in claims:
        iv = c.figure.interval
        below = _other(tops, source[c.id])
        above = _other(bottoms, source[c.id])
        if (below is not None and below.figure.interval.below(iv)) or (
            above is not None and iv.below(above.figure.interval)
        ):
            out.append(c)
    return out


def _other(ranked: list[tuple[str, Claim]], src: str) -> Claim | None:
    return next((claim for s, claim in ranked if s != src), None)


class UnitDriftOptions(StrictModel):
    confusable: list[tuple[DimensionName, DimensionName]] = Field(
        default_factory=lambda: [(str(Dimension.PERSONS), str(Dimension.PERSON_TIMES))],
        description="pairs of dimensions that one figure drifts between in retelling "
        "(persons vs person-times: 6万人次 retold as '60,000 personnel')",
    )


def _unit_drift(ctx: CheckContext, options: UnitDriftOptions) -> Iterator[Problem]:
    repo = ctx.repo
    pairs = {frozenset(p) for p in options.confusable if p[0] != p[1]}
    watched = set().union(*pairs) if pairs else set()
    groups: dict[tuple[str, str | None, str | None, Decimal], list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        if claim.figure.dimension in watched:
            scope = claim.scope
            groups[(scope.region, scope.giver, scope.programme, claim.figure.value)].append(claim)
    for (region, giver, programme, value), claims in groups.items():
        by_dim: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            by_dim[c.figure.dimension].append(c)
        for pair in pairs:
            a, b = sorted(pair)
            if not (by_dim.get(a) and by_dim.get(b)):
                continue
            involved = by_dim[a] + by_dim[b]
            stated = "; ".join(f"{source_id(repo, c)}: {figure(c)} ({c.metric})" for c in involved)
            where = show_scope((region, giver, programme))
            ctx.tally(
                False, f"{value} in {a} and in {b} for {where}: {stated}" if ctx.wording else None
            )
            yield UNITS_DRIFT(
                value=str(value),
                scope=where,
                unit=str(a),
                other_unit=str(b),
                stated=stated,
                claims=[c.id for c in involved],
                locations=[repo.claim_location(c.id, "figure") for c in involved],
                details={
                    "value": str(value),
                    "dimensions": [a, b],
                    "sides": [side(repo, c) for c in involved],
                },
                key=f"{a}/{b}",
            )
    if ctx.compared == 0 and groups:
        ctx.run.note = (
            f"looked for {len(groups)} figure(s) stated in {', '.join(sorted(watched))}; "
            "none is stated in two confusable units"
        )


class MetricDimensionOptions(StrictModel):
    compatible: list[tuple[DimensionName, DimensionName]] = Field(
        default_factory=lambda: [(str(Dimension.COUNT), str(Dimension.INSTITUTIONS))],
        description="pairs of dimensions accepted for each other (个 counts hospitals too)",
    )


def _metric_dimension(ctx: CheckContext, options: MetricDimensionOptions) -> Iterator[Problem]:
    repo = ctx.repo
    accepted = {frozenset(p) for p in options.compatible}
    checked = 0
    for claim in repo.claims.values():
        metric = repo.metrics.get(claim.metric)
        stated = claim.figure.dimension
        if metric is None or stated == Dimension.NONE:
            continue
        checked += 1
        ok = (
            compatible(stated, metric.dimension)
            or frozenset((stated, metric.dimension)) in accepted
        )
        ctx.tally(
            ok, None if ok else f"{claim.id}: {stated} against {metric.id} ({metric.dimension})"
        )
        if ok:
            continue
        yield DIMENSION_MISMATCH(
            claim=claim.id,
            figure=figure(claim),
            dimension=str(stated),
            metric=metric.id,
            metric_dimension=str(metric.dimension),
            claims=[claim.id],
            locations=[
                repo.claim_location(claim.id, "figure"),
                repo.claim_location(claim.id, "metric"),
            ],
            details={
                "metric": metric.id,
                "metric_dimension": metric.dimension,
                "stated_dimension": stated,
                "unit": claim.figure.unit,
            },
        )
    ctx.run.note = f"compared the unit of {checked} claim(s) with their metric's dimension"


DISAGREE = Message("A201", "{quantity}: sources disagree and cannot all be right: {says}")
UNITS_DRIFT = Message(
    "A202",
    "the same number {value} for {scope} is stated in {unit} by some claims and in "
    "{other_unit} by others: {stated}; one of them changed the unit in retelling",
)
DIMENSION_MISMATCH = Message(
    "A203",
    "{claim} states {figure}, a figure in {dimension}, but its metric {metric} counts "
    "{metric_dimension}: check the unit or the metric",
)

CONFLICT = Rule(
    code="A201",
    name="conflict",
    family=Family.AGREEMENT,
    title="Sources disagree on the same metric, scope and date",
    severity=Severity.ERROR,
    check=_conflict,
    options=NoOptions,
    messages=(DISAGREE,),
    description="""Claims on the same metric, for the same scope (region, giver, programme) and
the same period are about one quantity. The same period means the same start (`since`, or the
first day of `year`, if any) and the same end (`as_of`, the end of `year`, or else the source's
publication date). When claims from different sources state intervals that do not overlap, they
cannot all be right. Hedges count: `超过400家` (400, ∞) and `400余家` (400, 500) agree; `1180家`
and `1100家` do not. Claims whose periods differ are not compared (see T501 and T503), and 其中
parts (`part_of`) are left to the roll-up rules.

Passing (the intervals overlap):

```yaml
- {id: xinhua-hospitals, metric: county_hospitals_paired, figure: 1180家,
   scope: {region: CN}, period: {as_of: 2018-12-31}}
- {id: medsci-hospitals, metric: county_hospitals_paired, figure: 1180家,
   scope: {region: CN}, period: {as_of: 2018-12-31}}
```

Failing: the second source says `figure: 1100家` for the same scope and date. The finding names
both claims and shows each source's publisher, date, figure, interval and quote side by side.
""",
)

UNIT_DRIFT = Rule(
    code="A202",
    name="unit-drift",
    family=Family.AGREEMENT,
    title="The same number is stated in confusable units (persons vs person-times)",
    severity=Severity.WARNING,
    check=_unit_drift,
    options=UnitDriftOptions,
    messages=(UNITS_DRIFT,),
    description="""A figure retold from source to source keeps its number but may lose its unit:
`超过6万人次` (person-times) becomes "more than 60,000 personnel" (persons) in translation.
Claims for the same region, giver and programme that state the same number in two confusable
dimensions are reported together, whatever their metric and period. Programmes are kept apart:
超过8万名 doctors sent by one programme since 2005 is not a retelling of 超过8万人次 sent by
another since 2016.

Passing: `超过6万人次` in one source and `超过6万人次` (or "more than 60,000 person-times") in
another.

Failing:

```yaml
- {id: medsci-staff, metric: staff_dispatch_visits, figure: 超过6万人次, scope: {region: CN}}
- {id: english-staff, metric: staff_dispatched, figure: more than 60,000 personnel,
   scope: {region: CN}}
```
""",
)

METRIC_DIMENSION = Rule(
    code="A203",
    name="unit-metric-mismatch",
    family=Family.AGREEMENT,
    title="A claim's unit does not measure what its metric counts",
    severity=Severity.WARNING,
    check=_metric_dimension,
    options=MetricDimensionOptions,
    messages=(DIMENSION_MISMATCH,),
    description="""Each metric counts one dimension (institutions, persons, person-times, money,
...). A claim whose unit measures another dimension was recorded under the wrong metric, or its
source changed the unit. Claims without a unit are not checked.

Passing: `figure: 超过6万人次` on `staff_dispatch_visits` (person-times).

Failing: `figure: 60,000 personnel` (persons) on `staff_dispatch_visits`.
""",
)

RULES = (CONFLICT, UNIT_DRIFT, METRIC_DIMENSION)
