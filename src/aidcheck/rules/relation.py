"""Relations between metrics, declared by the claim repository (`relations:` sections).

Claims of the two metrics are grouped by the fields the relation names in `same`; claims with
identical intervals collapse into one operand, so a figure repeated by five sources is compared
once and the finding names all five.

A relation that `holds: asserted` is a claim some sources make (their quote says 一对一), not a
fact by definition: it is checked on the figures of each source that asserts it (`asserts:` on
a claim), and a violation is one finding per relation, scope and period that lists every source
asserting it. Sources that report the two figures without asserting the relation are not held
to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Interval
from aidcheck.model.relations import Holds, Relation, RelationOp
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    NoOptions,
    cross_checkable,
    figure,
    figures,
    period_key,
    show_period,
    side,
    skip,
    source_id,
)

Operand = dict[str, list[Claim]]


def holds(left: Interval, op: RelationOp, right: Interval) -> bool:
    """True when some value in `left` and some value in `right` satisfy `left op right`."""
    if op is RelationOp.EQ:
        return left.overlaps(right)
    if op is RelationOp.LE:
        return not right.below(left)
    return not left.below(right)


def _key(ctx: CheckContext, relation: Relation, claim: Claim) -> tuple[Any, ...]:
    values: dict[str, Any] = {
        "region": claim.scope.region,
        "giver": claim.scope.giver,
        "programme": claim.scope.programme,
        "source": source_id(ctx.repo, claim),
    }
    return tuple(
        show_period(period_key(ctx.repo, claim)) if name == "period" else values[name]
        for name in relation.same
    )


def _applies(relation: Relation, claim: Claim) -> bool:
    where = relation.where
    if where is None:
        return True
    return all(
        getattr(where, name) is None or getattr(where, name) == getattr(claim.scope, name)
        for name in ("region", "giver", "programme")
    )


def _operands(
    ctx: CheckContext, relation: Relation, claims: list[Claim]
) -> dict[tuple[Any, ...], Operand]:
    grouped: dict[tuple[Any, ...], Operand] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if _applies(relation, claim):
            grouped[_key(ctx, relation, claim)][str(claim.figure.interval)].append(claim)
    return grouped


def _check(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    by_metric: dict[str, list[Claim]] = defaultdict(list)
    for claim in cross_checkable(ctx):
        by_metric[claim.metric].append(claim)
    for relation in repo.relations.values():
        if relation.holds is Holds.ASSERTED:
            yield from _asserted(ctx, relation, by_metric)
            continue
        lefts = _operands(ctx, relation, by_metric.get(relation.left, []))
        rights = _operands(ctx, relation, by_metric.get(relation.right, []))
        for key, left in lefts.items():
            right = rights.get(key)
            if right is None:
                continue
            for left_claims in left.values():
                for right_claims in right.values():
                    yield from _compare(ctx, relation, key, left_claims, right_claims)
    if not repo.relations:
        ctx.run.note = "the claim repository declares no relations (see docs/checks.md)"
    elif ctx.compared == 0:
        ctx.run.note = "no two claims of related metrics share the fields a relation names"


Instance = tuple[tuple[Any, ...], str]
"""Where a relation is asserted: the relation's key (its `same` fields) and the source."""


def _asserted(
    ctx: CheckContext, relation: Relation, by_metric: dict[str, list[Claim]]
) -> Iterator[Problem]:
    """Check each source's figures where that source asserts the relation; one finding per
    relation key (scope, period), naming every source whose figures break what it asserts."""
    repo = ctx.repo
    asserting: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    sides: dict[str, dict[Instance, list[Claim]]] = {"left": {}, "right": {}}
    for name, metric in (("left", relation.left), ("right", relation.right)):
        for claim in by_metric.get(metric, []):
            if not _applies(relation, claim):
                continue
            instance = (_key(ctx, relation, claim), source_id(repo, claim))
            sides[name].setdefault(instance, []).append(claim)
            if relation.id in claim.asserts:
                asserting[instance[0]].add(instance[1])
    for instance in sides["left"].keys() & sides["right"].keys():
        key, src = instance
        if src not in asserting.get(key, ()):
            skip(
                ctx,
                f"{relation.id}: {src} states both figures ({_shared(relation, key)}) but does "
                "not assert the relation",
            )
    for key in sorted(asserting, key=str):
        broken: list[tuple[str, list[Claim], list[Claim]]] = []
        for src in sorted(asserting[key]):
            left, right = sides["left"].get((key, src)), sides["right"].get((key, src))
            if not left or not right:
                skip(
                    ctx,
                    f"{relation.id}: {src} asserts it ({_shared(relation, key)}) but states "
                    f"only {relation.left if left else relation.right}",
                )
                continue
            ok = all(
                holds(lhs.figure.interval, relation.op, rhs.figure.interval.scaled(relation.factor))
                for lhs in left
                for rhs in right
            )
            ctx.tally(
                ok,
                f"{relation.id} as {src} asserts it: {_stated(relation, left, right)}"
                if ctx.wording
                else None,
            )
            if not ok:
                broken.append((src, left, right))
        if broken:
            yield _asserted_problem(ctx, relation, key, sorted(asserting[key]), broken)
    if not asserting:
        skip(ctx, f"{relation.id}: no claim asserts it (`asserts: [{relation.id}]`)")


def _shared(relation: Relation, key: tuple[Any, ...]) -> str:
    return ", ".join(f"{n} {v}" for n, v in zip(relation.same, key, strict=True) if v)


def _stated(relation: Relation, left: list[Claim], right: list[Claim]) -> str:
    factor = "" if relation.factor == 1 else f"{relation.factor} × "
    return (
        f"{relation.left} {figures(left)} {relation.op.value} {factor}{relation.right} "
        f"{figures(right)}"
    )


def _asserted_problem(
    ctx: CheckContext,
    relation: Relation,
    key: tuple[Any, ...],
    asserted_by: list[str],
    broken: list[tuple[str, list[Claim], list[Claim]]],
) -> Problem:
    repo = ctx.repo
    involved = [c for _, left, right in broken for c in (*left, *right)]
    says = "; ".join(f"{src}: {_stated(relation, left, right)}" for src, left, right in broken)
    return DOES_NOT_HOLD_ASSERTED(
        relation=relation.id,
        sources=len(broken),
        shared=_shared(relation, key),
        stated=says,
        description=relation.description,
        claims=list(dict.fromkeys(c.id for c in involved)),
        locations=[repo.claim_location(c.id, "figure") for c in involved],
        details={
            "relation": relation.id,
            "declared_at": str(repo.locate("relation", relation.id)),
            "asserted_by": asserted_by,
            "broken_by": [src for src, _, _ in broken],
            "left": [side(repo, c) for _, left, _ in broken for c in left],
            "op": relation.op.value,
            "factor": str(relation.factor),
            "right": [side(repo, c) for _, _, right in broken for c in right],
        },
        key=relation.id,
        identity="|".join([relation.id, "asserted", *map(str, key)]),
    )


def _compare(
    ctx: CheckContext,
    relation: Relation,
    key: tuple[Any, ...],
    left: list[Claim],
    right: list[Claim],
) -> Iterator[Problem]:
    repo = ctx.repo
    lhs, rhs = left[0], right[0]
    factor = "" if relation.factor == 1 else f"{relation.factor} × "
    shared = ", ".join(f"{n} {v}" for n, v in zip(relation.same, key, strict=True) if v)
    stated = (
        f"{relation.left} {figure(lhs)} {relation.op.value} {factor}{relation.right} {figure(rhs)}"
    )
    ok = holds(lhs.figure.interval, relation.op, rhs.figure.interval.scaled(relation.factor))
    ctx.tally(ok, f"{relation.id}: {stated} ({shared})" if ctx.wording else None)
    if ok:
        return
    involved = [*left, *right]
    yield DOES_NOT_HOLD(
        relation=relation.id,
        stated=stated,
        shared=shared,
        description=relation.description,
        claims=[c.id for c in involved],
        locations=[repo.claim_location(c.id, "figure") for c in involved],
        details={
            "relation": relation.id,
            "declared_at": str(repo.locate("relation", relation.id)),
            "left": [side(repo, c) for c in left],
            "op": relation.op.value,
            "factor": str(relation.factor),
            "right": [side(repo, c) for c in right],
        },
        key=relation.id,
        identity="|".join(
            [relation.id, *map(str, key), str(lhs.figure.interval), str(rhs.figure.interval)]
        ),
    )


DOES_NOT_HOLD = Message(
    "X401", "relation '{relation}' does not hold: {stated} ({shared}). {description}"
)

DOES_NOT_HOLD_ASSERTED = Message(
    "X401.asserted",
    "relation '{relation}' does not hold where {sources} source(s) assert it ({shared}): "
    "{stated}. {description}",
)

RELATION = Rule(
    code="X401",
    name="relation",
    family=Family.RELATION,
    title="A relation the claim repository declares between two metrics does not hold",
    severity=Severity.ERROR,
    check=_check,
    options=NoOptions,
    messages=(DOES_NOT_HOLD, DOES_NOT_HOLD_ASSERTED),
    description="""A `relations:` section in the claim repository declares how the figures of
two metrics compare when claims share a scope:

```yaml
relations:
  - id: one-to-one-pairing
    left: tertiary_hospitals_pairing
    op: "=="                # "==", "<=" or ">="
    right: county_hospitals_paired
    factor: 1               # optional: left op factor × right
    same: [region, giver, programme, period]   # also: source
    where: {programme: tertiary-county-pairing}  # optional filter on both sides
    holds: asserted         # or always (the default)
    description: In a one-to-one pairing each county hospital has its own tertiary hospital.
```

Claims of the two metrics are compared when they agree on every field in `same` (`period`
compares the dates the figures hold at). Figures are intervals, so a relation holds when some
value allowed by the left wording and some value allowed by the right wording satisfy it.

`holds: always` (the default) is for a fact by definition (each covered county has a paired
hospital, so hospitals >= counties): every source's figures are held to it. `holds: asserted` is
for a claim that some sources make: their quote calls the pairing 一对一. A claim records it with
`asserts: [one-to-one-pairing]`, and the relation is then checked on the figures of each
asserting source, for the scope and period of the asserting claim. A source that reports the
two counts without asserting the relation is not held to it (the rule's tally says so), and
the finding is one per relation, scope and period, listing every source whose figures break
what it asserts.

Passing: `county_hospitals_paired >= poor_counties_covered` with 1180家 and 834个.

Failing: `tertiary_hospitals_pairing == county_hospitals_paired` with 963家 and 1180家, both
stated by one source that calls the pairs "一对一" (`asserts: [one-to-one-pairing]` on either
claim).
""",
)

RULES = (RELATION,)
