"""Bounds: a figure its metric cannot take. Coverage above 100 %, a negative count.

A metric may declare `minimum` (default 0: nothing it counts can be negative) and `maximum`
(100 for a share or a coverage in percent). A claim whose whole interval lies outside them is
wrong whatever the source says: 全覆盖 typed as 200 %, or as "more than 100 %", cannot be a
coverage. A claim whose interval only reaches past a bound (超过90% on [0, 100]) is fine.
Claims stated in another dimension than their metric's are left to A203.
"""

from __future__ import annotations

from collections.abc import Iterator

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.quantity import Interval
from aidcheck.model.registry import Metric
from aidcheck.model.units import Dimension, compatible
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import NoOptions, figure


def _bounds(metric: Metric) -> tuple[Interval, Interval | None, Interval | None]:
    """A metric's bounds as intervals: both, [minimum, ∞) and (-∞, maximum]."""
    return (
        Interval(low=metric.minimum, high=metric.maximum),
        None if metric.minimum is None else Interval(low=metric.minimum, high=None),
        None if metric.maximum is None else Interval(low=None, high=metric.maximum),
    )


def _check(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    of_metric: dict[str, tuple[Interval, Interval | None, Interval | None]] = {}
    for claim in repo.claims.values():
        metric = repo.metrics.get(claim.metric)
        if metric is None or (metric.minimum is None and metric.maximum is None):
            continue
        stated = claim.figure.dimension
        if stated != Dimension.NONE and not compatible(stated, metric.dimension):
            continue
        if metric.id not in of_metric:
            of_metric[metric.id] = _bounds(metric)
        bounds, at_least, at_most = of_metric[metric.id]
        iv = claim.figure.interval
        below = at_least is not None and iv.below(at_least)
        above = at_most is not None and at_most.below(iv)
        ctx.tally(
            not (below or above),
            f"{claim.id}: {figure(claim)} within {bounds}" if ctx.wording else None,
        )
        if not (below or above):
            continue
        side, bound = ("minimum", metric.minimum) if below else ("maximum", metric.maximum)
        yield OUT_OF_BOUNDS(
            claim=claim.id,
            figure=figure(claim),
            where="below" if below else "above",
            side=side,
            bound=str(bound),
            metric=metric.id,
            metric_name=metric.name_en,
            bounds=str(bounds),
            claims=[claim.id],
            locations=[
                repo.claim_location(claim.id, "figure"),
                repo.locate("metric", metric.id),
            ],
            details={
                "metric": metric.id,
                "bound": side,
                "minimum": None if metric.minimum is None else str(metric.minimum),
                "maximum": None if metric.maximum is None else str(metric.maximum),
                "interval": str(iv),
            },
        )
    if ctx.compared == 0:
        ctx.run.note = "no claim's metric declares bounds"


OUT_OF_BOUNDS = Message(
    "X402",
    "{claim} states {figure}, which lies entirely {where} the {side} {bound} of its metric "
    "{metric} ({metric_name}, bounds {bounds}); no source can be right about that: check the "
    "value and hedge against the quote, or the metric's bounds",
)

BOUNDS = Rule(
    code="X402",
    name="out-of-bounds",
    family=Family.RELATION,
    title="A figure lies outside the bounds its metric declares (coverage above 100%, a "
    "negative count)",
    severity=Severity.ERROR,
    check=_check,
    options=NoOptions,
    messages=(OUT_OF_BOUNDS,),
    description="""A metric may declare the least and the most any of its figures can be:

```yaml
metrics:
  - id: remote_medicine_coverage
    dimension: percent
    nature: rate
    additive: false
    maximum: 100          # a share or coverage in percent
  - id: specialists_per_county
    dimension: persons
    nature: stock
    additive: false
    minimum: 1            # 每个县至少有一名
```

`minimum` defaults to 0 (counts cannot be negative); write `minimum: null` for a metric that
may fall below zero (a change). A claim is reported when its whole interval lies outside the
bounds; one that only reaches past them (超过90% on [0, 100]) is not. Claims whose unit counts
another dimension than the metric are left to A203.

Passing: `figure: 全覆盖` (100%) on a metric with `maximum: 100`.

Failing: `figure: {text: 全覆盖, value: 200, unit: "%"}`, or `{text: 全覆盖, value: 100,
unit: "%", hedge: more_than}`, on that metric: (100, ∞) lies entirely above 100.
""",
)

RULES = (BOUNDS,)
