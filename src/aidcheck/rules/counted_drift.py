"""What is counted drifts in retelling: 832个贫困县 (counties) becomes "832 county-level
hospitals" in a translation of the same briefing.

Each claim counts a dimension: its unit's (县, hospitals), or, for a generic classifier such as
个, what the quote's noun counts (832个贫困县 counts counties) or else what its metric counts.
Claims that share an origin (one derives from the other, or both from one press conference)
and state the same number for the same region and giver, in dimensions that cannot be the same
quantity, are reported. Persons vs person-times is A202's and is left to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Hedge
from aidcheck.model.units import Dimension, compatible
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import NoOptions, figure, side, source_id
from aidcheck.rules.provenance import root_origins

_A202 = frozenset({Dimension.PERSONS, Dimension.PERSON_TIMES})


def counted(ctx: CheckContext, claim: Claim) -> str:
    """What a claim counts: its unit's dimension, made specific by its quote or its metric when
    the unit is a generic classifier (个, 项)."""
    own = claim.figure.dimension
    if own not in (Dimension.COUNT, Dimension.NONE):
        return own
    check = ctx.facts.figure_checks.get(claim.id)
    if check is not None and check.ok and check.closest is not None:
        read = check.closest.dimension
        if read not in (Dimension.COUNT, Dimension.NONE) and compatible(read, own):
            return read
    metric = ctx.repo.metrics.get(claim.metric)
    if own == Dimension.COUNT and metric is not None and compatible(metric.dimension, own):
        return metric.dimension
    return own


def _check(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    origins = root_origins(repo)
    groups: dict[tuple[str, str | None, Decimal], list[Claim]] = defaultdict(list)
    for claim in ctx.facts.cross_checkable:
        if claim.figure.hedge is not Hedge.RANGE:
            groups[(claim.scope.region, claim.scope.giver, claim.figure.value)].append(claim)
    for (region, giver, value), claims in groups.items():
        if len(claims) < 2:
            continue
        kinds = {c.id: counted(ctx, c) for c in claims}
        reported: set[frozenset[str]] = set()
        for i, a in enumerate(claims):
            for b in claims[i + 1 :]:
                sa, sb = source_id(repo, a), source_id(repo, b)
                if sa == sb or not (origins.get(sa, {sa}) & origins.get(sb, {sb})):
                    continue
                da, db = kinds[a.id], kinds[b.id]
                if Dimension.NONE in (da, db) or {da, db} <= _A202:
                    continue
                ok = compatible(da, db)
                pair = frozenset({a.id, b.id})
                ctx.tally(
                    ok, f"{a.id} ({da}) and {b.id} ({db}) retell {value}" if ctx.wording else None
                )
                if ok or pair in reported:
                    continue
                reported.add(pair)
                yield COUNTED_DIFFERS(
                    source=sa,
                    other_source=sb,
                    value=str(value),
                    where=region + (f" given by {giver}" if giver else ""),
                    claim=a.id,
                    figure=figure(a),
                    counts=da,
                    other_claim=b.id,
                    other_figure=figure(b),
                    other_counts=db,
                    claims=[a.id, b.id],
                    locations=[
                        repo.claim_location(a.id, "figure"),
                        repo.claim_location(b.id, "figure"),
                    ],
                    details={
                        "value": str(value),
                        "dimensions": [da, db],
                        "sides": [side(repo, a), side(repo, b)],
                    },
                    key=f"{da}/{db}",
                )
    if ctx.compared == 0:
        ctx.run.note = "no two sources of one origin state the same number for one region"


COUNTED_DIFFERS = Message(
    "A205",
    "{source} and {other_source} share an origin and state the same number {value} for "
    "{where}, but {claim} {figure} counts {counts} and {other_claim} {other_figure} counts "
    "{other_counts}: one retelling changed what is counted; check both quotes against the "
    "origin",
)

COUNTED_DRIFT = Rule(
    code="A205",
    name="counted-drift",
    family=Family.AGREEMENT,
    title="A retelling of the same origin changes what a figure counts (counties → hospitals)",
    severity=Severity.WARNING,
    check=_check,
    options=NoOptions,
    messages=(COUNTED_DIFFERS,),
    description="""A figure keeps its number from an origin to the sources derived from it,
but a translation or a rewrite may change what it counts: 832个贫困县 (832 poor counties)
becomes "832 county-level hospitals". What a claim counts is its unit's dimension (the unit
table: docs/claims.md, 'units'); for a generic classifier (个, 项) it is what the noun after it
in the quote counts (贫困县: counties), or else its metric's dimension. Two claims are compared
when their sources share an origin (`derived_from`, followed to its roots), they state the same
number for the same region and giver, and their dimensions cannot be one quantity. Persons vs
person-times is reported by A202.

Passing: the briefing's `832个` (quote 832个贫困县) and the wire story's "832 poor counties".

Failing:

```yaml
# nhc-briefing.yaml: quote 全国832个贫困县全部纳入帮扶
- {id: nhc-counties, metric: poor_counties_covered, figure: 832个, scope: {region: CN}}
# wire-story.yaml (derived_from: [nhc-briefing]): quote "832 county-level hospitals"
- {id: wire-hospitals, metric: county_hospitals_paired, figure: 832 hospitals,
   scope: {region: CN}}
```
""",
)

RULES = (COUNTED_DRIFT,)
