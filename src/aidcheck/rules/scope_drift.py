"""Scope drift: one figure, retold over a different population of the same region.

A wire story says 所有贫困县 where the briefing said 所有国家级贫困县; the number is the same,
the claim is not. Claims are grouped by metric, region, giver, programme and period; within a
group, agreeing claims whose `scope.population` differs are reported. Grouping first keeps this
linear in the number of claims.
"""

from __future__ import annotations

from collections.abc import Iterator

from aidcheck.findings import Message, Problem, Severity
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    NoOptions,
    agreeing,
    figures,
    show_quantity,
    side,
)

UNSTATED = "(not stated)"


def _reading(population: str | None) -> str:
    """What a population's wording says, apart from script and typography: 所有國家級貧困縣 and
    所有国家级贫困县 are one population; the normalized view of the quotes is used."""
    if population is None:
        return ""
    from aidcheck.evidence.normalize import normalize_quote

    return "".join(normalize_quote(population).split())


def _check(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    for key, cluster in agreeing(ctx, by_dimension=False):
        by_reading: dict[str, str] = {}
        for c in sorted(cluster, key=lambda c: c.id):
            by_reading.setdefault(_reading(c.scope.population), c.scope.population or UNSTATED)
        wordings = sorted(by_reading.values())
        where = show_quantity(key)
        ctx.tally(
            len(wordings) == 1,
            f"{where}: population {' / '.join(wordings)}" if ctx.wording else None,
        )
        if len(wordings) == 1:
            continue
        yield POPULATIONS_DIFFER(
            quantity=where,
            figures=figures(cluster),
            populations=" vs ".join(wordings),
            claims=[c.id for c in cluster],
            locations=[repo.claim_location(c.id, "scope") for c in cluster],
            details={
                "populations": {c.id: c.scope.population for c in cluster},
                "sides": [side(repo, c) for c in cluster],
            },
        )
    if ctx.compared == 0:
        ctx.run.note = "no two claims agree on one metric, scope and date"


POPULATIONS_DIFFER = Message(
    "A204",
    "{quantity}: {figures} is stated over different populations ({populations}); the same "
    "figure cannot hold for both unless one population contains the other with nothing left "
    "over",
)

SCOPE_DRIFT = Rule(
    code="A204",
    name="scope-drift",
    family=Family.AGREEMENT,
    title="The same figure is stated over different populations",
    severity=Severity.WARNING,
    check=_check,
    options=NoOptions,
    messages=(POPULATIONS_DIFFER,),
    description="""Claims on one metric, region, giver, programme and period whose figures agree
but whose `scope.population` differs: the figure was re-scoped in the retelling. A claim that
states no population differs from one that does. Populations are compared on the normalized
view (NFKC, traditional characters read as simplified, case folded), so a reprint in the other
script is not a difference.

Passing: two claims of `全覆盖` for region CN, both with `population: 所有国家级贫困县`.

Failing (warning):

```yaml
# xinhua: 目前已实现所有贫困县县医院远程医疗全覆盖
scope: {region: CN, programme: remote-medicine, population: 所有贫困县}
# medsci: 已实现所有国家级贫困县县医院远程医疗全覆盖
scope: {region: CN, programme: remote-medicine, population: 所有国家级贫困县}
```
""",
)

RULES = (SCOPE_DRIFT,)
