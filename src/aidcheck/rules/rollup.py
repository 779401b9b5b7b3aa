"""Roll-ups along the region hierarchy and the givers: no part may exceed its whole.

A *whole* is a claim on an additive metric; a *part* is a claim on the same metric whose scope
lies inside the whole's: its region is the whole's region or one inside it, its giver is one
inside the whole's giver (any giver when the whole names none), and its programme is one the
whole's programme covers. Parts are compared with the nearest compatible whole, and parts
that cannot overlap (regions that do not enclose each other, or givers none of which lies inside
another) are summed. Each part looks up at most a few candidate wholes (its enclosing regions ×
givers × covering programmes) in an index, so the rule is linear in the claims. Interval
arithmetic: a part exceeds its whole only when every value the part's wording allows lies above
every value the whole's wording allows.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from pydantic import Field

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.base import StrictModel
from aidcheck.model.claim import Claim
from aidcheck.model.registry import Nature
from aidcheck.model.units import DimensionName
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    bottom_key,
    cross_checkable,
    figure,
    lineage,
    side,
    skip,
    top_key,
)

if TYPE_CHECKING:
    from aidcheck.loader.repository import Repository

WholeKey = tuple[str, str, str | None, str | None, DimensionName, str | None]


class RollupOptions(StrictModel):
    programmes: dict[str, list[str]] = Field(
        default_factory=dict,
        description="for a whole's programme, the other programmes whose figures it includes "
        "(e.g. tertiary-county-pairing = [east-west-collaboration])",
    )
    stock_days_after_whole: int = Field(
        default=0,
        ge=0,
        description="how many days after the whole's date a part of a stock metric may be dated "
        "and still be compared (a cumulative part is never compared with an earlier whole)",
    )
    sum_siblings: bool = Field(default=True, description="also compare sums of sibling parts")


@dataclass
class _Wholes:
    """The wholes of one key: for each date, the tightest claim (lowest upper end)."""

    dates: list[dt.date] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def _index(repo_claims: list[Claim], ends: dict[str, dt.date]) -> dict[WholeKey, _Wholes]:
    tightest: dict[WholeKey, dict[dt.date, Claim]] = defaultdict(dict)
    for c in repo_claims:
        scope = c.scope
        key = (c.metric, scope.region, scope.giver, scope.programme, c.figure.dimension, _per(c))
        at = tightest[key]
        best = at.get(ends[c.id])
        if best is None or top_key(c.figure.interval) < top_key(best.figure.interval):
            at[ends[c.id]] = c
    index: dict[WholeKey, _Wholes] = {}
    for key, by_date in tightest.items():
        dates = sorted(by_date)
        index[key] = _Wholes(dates, [by_date[d] for d in dates])
    return index


class _Enclosing:
    """What encloses a scope, worked out once per region, giver and programme of a run (a run
    has far fewer of those than claims)."""

    def __init__(self, repo: Repository, options: RollupOptions) -> None:
        self._repo = repo
        self._options = options
        self._umbrellas = [p.id for p in repo.programmes.values() if p.umbrella]
        self._lineages: dict[str | None, list[str]] = {}
        self._programmes: dict[str | None, list[str | None]] = {}

    def regions(self, code: str | None) -> list[str]:
        """The region and each region enclosing it, its own first (`lineage`)."""
        found = self._lineages.get(code)
        if found is None:
            found = self._lineages[code] = lineage(self._repo, code)
        return found

    def programmes(self, programme: str | None) -> list[str | None]:
        """The programme, none, every umbrella programme, and each the options say covers it."""
        found = self._programmes.get(programme)
        if found is None:
            listed: list[str | None] = [programme, None, *self._umbrellas]
            listed += [
                whole for whole, parts in self._options.programmes.items() if programme in parts
            ]
            found = self._programmes[programme] = list(dict.fromkeys(listed))
        return found


def _whole_keys(enclosing: _Enclosing, part: Claim) -> Iterator[WholeKey]:
    """Where a part's wholes are indexed: each enclosing region (its own first) × each giver
    enclosing its giver, or none × each programme covering its programme; not its own scope."""
    scope = part.scope
    givers = [*enclosing.regions(scope.giver), None] if scope.giver else [None]
    programmes = enclosing.programmes(scope.programme)
    own = (scope.region, scope.giver, scope.programme)
    metric, dimension, per = part.metric, part.figure.dimension, _per(part)
    for region, giver, programme in product(enclosing.regions(scope.region), givers, programmes):
        if (region, giver, programme) != own:
            yield (metric, region, giver, programme, dimension, per)


def _per(claim: Claim) -> str | None:
    """A rate's span (per year): rates are compared and added only with rates of that span,
    never with totals."""
    per = claim.period.per
    return per.value if per is not None else None


def _check(ctx: CheckContext, options: RollupOptions) -> Iterator[Problem]:
    repo = ctx.repo
    claims = [c for c in cross_checkable(ctx) if _additive(repo, c)]
    periods = ctx.facts.periods
    ends = {c.id: periods[c.id][1] for c in claims}
    index = _index(claims, ends)
    parts_of: dict[str, list[Claim]] = defaultdict(list)
    wholes: dict[str, Claim] = {}
    enclosing = _Enclosing(repo, options)
    for part in claims:
        for key in _whole_keys(enclosing, part):
            candidates = index.get(key)
            if candidates is None:
                other = index.get((*key[:-1], None if key[-1] else "year"))
                if other is not None:
                    skip(
                        ctx,
                        f"{part.id} vs {other.claims[-1].id}: a rate per "
                        f"{key[-1] or 'year'} and a total are never added or compared",
                    )
                continue
            whole = _pick(ctx, part, candidates, ends, options)
            if whole is None or whole.id == part.id:
                continue
            problem = _compare(ctx, part, whole, ends)
            parts_of[whole.id].append(part)
            wholes[whole.id] = whole
            if problem is not None:
                yield problem
    if options.sum_siblings:
        for whole_id, parts in parts_of.items():
            yield from _sums(ctx, wholes[whole_id], parts, ends)
    if ctx.compared == 0:
        ctx.run.note = (
            f"no part found a compatible whole among {len(claims)} claim(s) on additive metrics "
            "(same metric and unit dimension, enclosing scope, covering programme, "
            "compatible date)"
        )


def _additive(repo: Repository, claim: Claim) -> bool:
    metric = repo.metrics.get(claim.metric)
    return metric is not None and metric.additive and metric.nature is not Nature.RATE


def _pick(
    ctx: CheckContext,
    part: Claim,
    wholes: _Wholes,
    ends: dict[str, dt.date],
    options: RollupOptions,
) -> Claim | None:
    """The whole a part is compared with: the earliest one dated on or after the part; for a
    stock, failing that, the latest one before it if it is within the tolerance."""
    end = ends[part.id]
    i = bisect.bisect_left(wholes.dates, end)
    if i < len(wholes.dates):
        whole = wholes.claims[i]
    else:
        whole = wholes.claims[-1]
        nature = ctx.repo.metrics[part.metric].nature
        late = (end - ends[whole.id]).days
        if nature is not Nature.STOCK:
            skip(
                ctx,
                f"{part.id} ({end}) vs {whole.id} ({ends[whole.id]}): a {nature.value} "
                "part dated after its whole may have grown since",
            )
            return None
        if late > options.stock_days_after_whole:
            skip(
                ctx,
                f"{part.id} ({end}) vs {whole.id} ({ends[whole.id]}): the part is {late} "
                f"days later, beyond stock_days_after_whole = {options.stock_days_after_whole}",
            )
            return None
    repo = ctx.repo
    periods = ctx.facts.periods
    part_start, whole_start = periods[part.id][0], periods[whole.id][0]
    if part_start is not None and whole_start is not None and part_start < whole_start:
        skip(ctx, f"{part.id} counts from {part_start}, before {whole.id} starts ({whole_start})")
        return None
    if part_start is None and whole_start is not None and _cumulative(repo, part):
        skip(
            ctx,
            f"{part.id} gives no start and may count from before {whole.id} starts "
            f"({whole_start}): give it a `since`, or its programme a `started` date",
        )
        return None
    return whole


def _cumulative(repo: Repository, claim: Claim) -> bool:
    metric = repo.metrics.get(claim.metric)
    return metric is not None and metric.nature is Nature.CUMULATIVE


def _compare(
    ctx: CheckContext, part: Claim, whole: Claim, ends: dict[str, dt.date]
) -> Problem | None:
    repo = ctx.repo
    late = (ends[part.id] - ends[whole.id]).days
    when = f"; part dated {late} days after the whole" if late > 0 else ""
    what = (
        f"{part.metric}: {_scope(part)} {figure(part)} ({ends[part.id]}) within "
        f"{_scope(whole)} {figure(whole)} ({ends[whole.id]}){when}"
        if ctx.wording
        else None
    )
    exceeds = whole.figure.interval.below(part.figure.interval)
    ctx.tally(not exceeds, what)
    if not exceeds:
        return None
    return PART_EXCEEDS(
        part=part.id,
        part_scope=_scope(part),
        part_figure=figure(part),
        whole_scope=_scope(whole),
        whole=whole.id,
        whole_figure=figure(whole),
        metric=part.metric,
        when=when,
        claims=[part.id, whole.id],
        locations=[repo.claim_location(part.id, "figure"), repo.claim_location(whole.id, "figure")],
        details={
            "metric": part.metric,
            "part": side(repo, part),
            "whole": side(repo, whole),
            "days_after_whole": late,
        },
        key="part",
    )


def _sums(
    ctx: CheckContext, whole: Claim, parts: list[Claim], ends: dict[str, dt.date]
) -> Iterator[Problem]:
    """Sum the parts of one whole that cannot overlap, as the metric is additive over regions
    and givers: the whole's giver in regions none of which encloses another, or givers none of
    which lies inside another. A region's or giver's contribution is at least the highest lower
    bound among its figures (whatever their programme), and those are what is added."""
    repo = ctx.repo
    families: dict[str, dict[str, Claim]] = defaultdict(dict)
    for part in parts:
        if part.scope.giver == whole.scope.giver:
            kind, member = "regions", part.scope.region
        elif part.scope.giver is not None:
            kind, member = "givers", part.scope.giver
        else:
            continue
        family = families[kind]
        best = family.get(member)
        if best is None or bottom_key(part.figure.interval) > bottom_key(best.figure.interval):
            family[member] = part
    for kind, members in families.items():
        outermost = [
            c
            for code, c in members.items()
            if not any(a in members for a in lineage(repo, code)[1:])
        ]
        if len(outermost) < 2:
            continue
        outermost.sort(key=lambda c: c.id)
        total = outermost[0].figure.interval
        for c in outermost[1:]:
            total = total + c.figure.interval
        listed = " + ".join(figure(c) for c in outermost)
        what = (
            f"{whole.metric}: sum of {len(outermost)} {kind} ({listed} = {total}) within "
            f"{_scope(whole)} {figure(whole)}"
            if ctx.wording
            else None
        )
        exceeds = whole.figure.interval.below(total)
        ctx.tally(not exceeds, what)
        if exceeds:
            yield SUM_EXCEEDS(
                kind=kind,
                whole_scope=_scope(whole),
                whole=whole.id,
                metric=whole.metric,
                parts=listed,
                total=str(total),
                whole_figure=figure(whole),
                claims=[whole.id, *(c.id for c in outermost)],
                locations=[repo.claim_location(c.id, "figure") for c in (whole, *outermost)],
                details={
                    "metric": whole.metric,
                    "whole": side(repo, whole),
                    "parts": [side(repo, c) for c in outermost],
                    "sum": str(total),
                },
                key=f"sum:{kind}",
            )


def _scope(claim: Claim) -> str:
    scope = claim.scope
    out = scope.region + (f" given by {scope.giver}" if scope.giver else "")
    return out + (f" [{scope.programme}]" if scope.programme else "")


PART_EXCEEDS = Message(
    "R301.part",
    "{part} ({part_scope}: {part_figure}) exceeds the figure for the whole {whole_scope} in "
    "{whole} ({whole_figure}) on {metric}{when}",
)
SUM_EXCEEDS = Message(
    "R301.sum",
    "the {kind} inside {whole_scope} add up to more than {whole} says for the whole on "
    "{metric}: {parts} = {total} against {whole_figure}",
)

REGION_ROLLUP = Rule(
    code="R301",
    name="region-rollup",
    family=Family.ROLLUP,
    title="A regional or giver's figure exceeds the figure for the whole that contains it",
    severity=Severity.ERROR,
    check=_check,
    options=RollupOptions,
    messages=(PART_EXCEEDS, SUM_EXCEEDS),
    description="""On an additive metric, the figure for a part of a scope cannot exceed the
figure for the whole: a province's count is at most the national one, one giver's count at most
the count for all givers. A claim is a part of another when its region is the other's region or
lies inside it (the `parent` chain of the region registry), its giver lies inside the other's
giver (any giver when the other names none), and the other's programme covers its own (the same
programme, no programme, a programme marked `umbrella: true` in the programme registry, or one
listed in the `programmes` option). Parts that cannot overlap are also summed, as the metric is
additive: regions none of which encloses another (with the whole's giver), or givers none of
which lies inside another; for each region or giver the highest lower bound among its figures is
added.

Dates: a part is compared with the earliest whole dated on or after it. A part dated after every
whole is compared only for a stock metric and only within `stock_days_after_whole` days (a
cumulative total may have grown past an older whole). The report lists every comparison made
and every one skipped, with the reason.

Passing: Tianjin's tertiary hospitals pair with the county hospitals of 42 poor counties
(`{region: CN, giver: CN-TJ}`, 42个) within the national 834 poor counties (`{region: CN}`).

Failing:

```yaml
- {id: national, metric: poor_counties_covered, figure: 834个, scope: {region: CN}}
- {id: tianjin, metric: poor_counties_covered, figure: 842个,
   scope: {region: CN, giver: CN-TJ}}
```
""",
)

RULES = (REGION_ROLLUP,)
