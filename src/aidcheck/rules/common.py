"""What the cross-checks share: grouping keys, interval order, and how a claim is shown.

Cross-checks never compare all pairs of claims: they group claims by a key first (metric, scope,
period) and compare within a group, so that a repository of 100,000 claims is checked in time
close to linear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aidcheck.model.base import StrictModel
from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Interval
from aidcheck.model.registry import Nature
from aidcheck.model.units import DimensionName
from aidcheck.rules.base import COMPARISONS_KEPT, CheckContext

if TYPE_CHECKING:
    from aidcheck.loader.repository import Repository

INFINITY = Decimal("Infinity")

ScopeKey = tuple[str, str | None, str | None]


class NoOptions(StrictModel):
    """The options of a rule that has none: any key in its configuration table is an error."""


def scope_key(claim: Claim) -> ScopeKey:
    return (claim.scope.region, claim.scope.giver, claim.scope.programme)


def show_scope(key: ScopeKey) -> str:
    region, giver, programme = key
    extra = [f"given by {giver}" if giver else "", programme or ""]
    inner = ", ".join(e for e in extra if e)
    return f"{region} ({inner})" if inner else region


def period_end(repo: Repository, claim: Claim) -> dt.date:
    """The date a claim's figure holds at (its source's publication date when it gives none)."""
    return claim.period.end(repo.source_of(claim).published)


PeriodKey = tuple[dt.date | None, dt.date, str | None]


def period_start(repo: Repository, claim: Claim) -> dt.date | None:
    """The start of the span a figure counts: `since`, the first day of `year`, or, for a
    running total (a cumulative metric) with neither, the start its programme records
    (`started`): 截至2018年底 on a programme started in 2016 counts from 2016. None when
    nothing says."""
    period = claim.period
    start = period.start()
    if start is not None or period.per is not None or claim.scope.programme is None:
        return start
    metric = repo.metrics.get(claim.metric)
    if metric is None or metric.nature is not Nature.CUMULATIVE:
        return None
    programme = repo.programmes.get(claim.scope.programme)
    return programme.started if programme is not None else None


def period_key(repo: Repository, claim: Claim) -> PeriodKey:
    """What makes two periods the same: the start of the counted span (`period_start`), the
    date the figure holds at, and the span a rate is stated per. A running total since 2017 and
    one since 2012 are different quantities even on the same date, and 900 a year is not 900."""
    per = claim.period.per
    return (period_start(repo, claim), period_end(repo, claim), per.value if per else None)


def show_period(key: PeriodKey) -> str:
    start, end, per = key
    span = f"{start} to {end}" if start is not None else str(end)
    return f"{span}, per {per}" if per else span


def source_id(repo: Repository, claim: Claim) -> str:
    return repo.claim_source[claim.id]


def cross_checkable(ctx: CheckContext) -> list[Claim]:
    """Claims that stand for their metric and scope (`RunFacts.cross_checkable`)."""
    return ctx.facts.cross_checkable


QuantityKey = tuple[str, ScopeKey, PeriodKey, DimensionName | None]


def same_quantity(
    ctx: CheckContext, *, by_dimension: bool = True
) -> dict[QuantityKey, tuple[Claim, ...]]:
    """Cross-checkable claims grouped by what makes them claims about one quantity: metric,
    scope, period and, unless `by_dimension` is False, the dimension of their unit (None in the
    key then). Grouped once per run (`RunFacts`) and shared by the rules that compare within
    these groups."""
    return ctx.facts.quantities if by_dimension else ctx.facts.quantities_any_dimension


def show_quantity(key: QuantityKey) -> str:
    """`county_hospitals_paired for CN (tertiary-county-pairing) at 2018-12-31`"""
    metric, scope, period, _ = key
    return f"{metric} for {show_scope(scope)} at {show_period(period)}"


def agreeing(
    ctx: CheckContext, *, by_dimension: bool = True
) -> Iterator[tuple[QuantityKey, list[Claim]]]:
    """Each run of two or more claims about one quantity (`same_quantity`) that agree."""
    for key, claims in same_quantity(ctx, by_dimension=by_dimension).items():
        if len(claims) < 2:
            continue
        for cluster in agreeing_clusters(claims):
            if len(cluster) >= 2:
                yield key, cluster


def agreeing_clusters(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Split claims into runs that share a common value: sorted by lower end, a claim joins the
    current run while it overlaps the intersection of the run so far."""
    ordered = sorted(claims, key=lambda c: bottom_key(c.figure.interval))
    clusters: list[list[Claim]] = []
    common: Interval | None = None
    for claim in ordered:
        iv = claim.figure.interval
        if common is not None and common.overlaps(iv):
            clusters[-1].append(claim)
            if top_key(iv) < top_key(common):
                common = common.model_copy(update={"high": iv.high, "high_open": iv.high_open})
            common = common.model_copy(update={"low": iv.low, "low_open": iv.low_open})
        else:
            clusters.append([claim])
            common = iv
    return clusters


def figure(claim: Claim) -> str:
    """A claim's figure as stated, with the interval it denotes unless it is exact:
    `超过6万人次 (60000, ∞)`, `1180家`."""
    text = claim.figure.text or f"{claim.figure.value}{claim.figure.unit or ''}"
    iv = claim.figure.interval
    return text if iv.low is not None and iv.low == iv.high else f"{text} {iv}"


def figures(claims: Iterable[Claim]) -> str:
    """The figures of several claims, each once: `超过400家 (400, ∞), 400余家 (400, 500)`."""
    return ", ".join(dict.fromkeys(figure(c) for c in claims))


def top_key(iv: Interval) -> tuple[Decimal, int]:
    """Orders intervals by their upper end; an open end sorts below a closed one."""
    return (INFINITY if iv.high is None else iv.high, 0 if iv.high_open else 1)


def bottom_key(iv: Interval) -> tuple[Decimal, int]:
    """Orders intervals by their lower end; an open end sorts above a closed one."""
    return (-INFINITY if iv.low is None else iv.low, 1 if iv.low_open else 0)


def side(repo: Repository, claim: Claim) -> dict[str, Any]:
    """One claim as a column of a side-by-side comparison: who said what, where and when."""
    source = repo.source_of(claim)
    return {
        "claim": claim.id,
        "source": source.id,
        "publisher": source.publisher,
        "published": source.published.isoformat(),
        "period_end": period_end(repo, claim).isoformat(),
        "figure": claim.figure.text or str(claim.figure.value),
        "unit": claim.figure.unit,
        "dimension": claim.figure.dimension,
        "interval": str(claim.figure.interval),
        "quote": claim.quote,
        "location": str(repo.claim_location(claim.id, "figure")),
    }


def skip(ctx: CheckContext, what: str) -> None:
    """Record a comparison the rule could not make, and why; it is not counted as made."""
    if len(ctx.run.comparisons) < COMPARISONS_KEPT:
        ctx.run.comparisons.append(f"skip: {what}")


def lineage(repo: Repository, code: str | None) -> list[str]:
    """A region and every region that encloses it, innermost first (cycles are cut)."""
    out: list[str] = []
    while code is not None and code not in out:
        out.append(code)
        region = repo.regions.get(code)
        code = region.parent if region is not None else None
    return out
