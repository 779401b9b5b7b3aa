"""Breakdowns (其中): a claim marked `part_of` another may not exceed it, alone or with its
siblings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import NoOptions, figure, side, skip


def _breakdowns(ctx: CheckContext) -> dict[str, list[Claim]]:
    parts: dict[str, list[Claim]] = defaultdict(list)
    for claim in ctx.repo.claims.values():
        if claim.part_of is not None and claim.part_of in ctx.repo.claims:
            parts[claim.part_of].append(claim)
    return parts


def _comparable(ctx: CheckContext, part: Claim, whole: Claim) -> bool:
    if part.period.per != whole.period.per:
        rate, total = (part, whole) if part.period.per else (whole, part)
        per = rate.period.per.value if rate.period.per else ""
        skip(
            ctx,
            f"{rate.id} {figure(rate)} is a rate per {per}, {total.id} {figure(total)} is not: "
            "a rate and a total are never added or compared",
        )
        return False
    if part.figure.dimension == whole.figure.dimension:
        return True
    skip(
        ctx,
        f"{part.id} {figure(part)} is in {part.figure.dimension}, its whole {whole.id} "
        f"{figure(whole)} in {whole.figure.dimension}",
    )
    return False


def _part_exceeds(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    breakdowns = _breakdowns(ctx)
    for whole_id, parts in breakdowns.items():
        whole = repo.claims[whole_id]
        for part in parts:
            if not _comparable(ctx, part, whole):
                continue
            exceeds = whole.figure.interval.below(part.figure.interval)
            ctx.tally(
                not exceeds,
                f"{part.id} {figure(part)} of {whole.id} {figure(whole)}" if ctx.wording else None,
            )
            if not exceeds:
                continue
            yield PART_LARGER(
                part=part.id,
                part_figure=figure(part),
                whole=whole.id,
                whole_figure=figure(whole),
                claims=[part.id, whole.id],
                locations=[
                    repo.claim_location(part.id, "figure"),
                    repo.claim_location(whole.id, "figure"),
                ],
                details={"part": side(repo, part), "whole": side(repo, whole)},
            )
    if not breakdowns:
        ctx.run.note = "no claim is marked part_of another (其中 breakdowns)"


def _sum_exceeds(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    breakdowns = _breakdowns(ctx)
    for whole_id, parts in breakdowns.items():
        whole = repo.claims[whole_id]
        same = [p for p in parts if p.figure.dimension == whole.figure.dimension]
        if len(same) < 2:
            continue
        alone = [p.id for p in same if whole.figure.interval.below(p.figure.interval)]
        if alone:
            skip(ctx, f"parts of {whole.id}: {', '.join(alone)} alone exceed(s) it (R302)")
            continue
        total = same[0].figure.interval
        for part in same[1:]:
            total = total + part.figure.interval
        listed = " + ".join(figure(p) for p in same)
        exceeds = whole.figure.interval.below(total)
        ctx.tally(
            not exceeds,
            f"parts of {whole.id}: {listed} = {total} within {figure(whole)}"
            if ctx.wording
            else None,
        )
        if not exceeds:
            continue
        yield PARTS_LARGER(
            whole=whole.id,
            total=str(total),
            parts=listed,
            whole_figure=figure(whole),
            claims=[whole.id, *(p.id for p in same)],
            locations=[repo.claim_location(c.id, "figure") for c in (whole, *same)],
            details={
                "whole": side(repo, whole),
                "parts": [side(repo, p) for p in same],
                "sum": str(total),
            },
        )
    if ctx.compared == 0 and ctx.run.note is None:
        ctx.run.note = (
            "no whole has two or more parts in its own unit dimension that each fit it"
            if breakdowns
            else "no claim is marked part_of another (其中 breakdowns)"
        )


PART_LARGER = Message(
    "R302",
    "{part} states {part_figure} as part (其中) of {whole}, which states only {whole_figure}: "
    "the part is larger than its whole, so either a figure or the reading of the breakdown is "
    "wrong",
)
PARTS_LARGER = Message(
    "R303",
    "the parts (其中) of {whole} add up to {total} ({parts}), more than the whole "
    "{whole_figure}: a figure is wrong, or the parts overlap",
)

BREAKDOWN_PART = Rule(
    code="R302",
    name="breakdown-part",
    family=Family.ROLLUP,
    title="A part (其中) is larger than the whole it belongs to",
    severity=Severity.ERROR,
    check=_part_exceeds,
    options=NoOptions,
    messages=(PART_LARGER,),
    description="""A claim with `part_of: <claim id>` states a part of another claim's figure
(其中 ..., of which ...). No part can be larger than its whole: the part exceeds it when its
interval lies entirely above the whole's. Parts in another unit dimension than their whole are
skipped, and the report says so.

Passing:

```yaml
- {id: cri-2020-funds-total, metric: funds_invested, figure: 1.9亿元, ...}
- {id: cri-2020-funds-hip-knee, metric: funds_invested, figure: 555万元,
   part_of: cri-2020-funds-total, ...}
```

Failing: 25 physicians were sent in 2020, "其中" 121 postgraduates:

```yaml
- {id: cri-2020-physicians, metric: staff_dispatched, figure: 25名, ...}
- {id: cri-2020-postgraduates, metric: staff_dispatched, figure: 121人,
   part_of: cri-2020-physicians, ...}
```

If the source means another whole (此次 may refer to the 1000余人 sent since 2017), point
`part_of` at that claim, or accept the finding with a suppression that says so.
""",
)

BREAKDOWN_SUM = Rule(
    code="R303",
    name="breakdown-sum",
    family=Family.ROLLUP,
    title="The parts (其中) of a figure add up to more than the figure",
    severity=Severity.WARNING,
    check=_sum_exceeds,
    options=NoOptions,
    messages=(PARTS_LARGER,),
    description="""When every part of a breakdown fits its whole on its own, their sum must fit
too, provided the parts do not overlap: the lower bounds of the parts are added and compared
with the upper bound of the whole. Parts that overlap (doctors of medicine are also
postgraduates) make this a question rather than an error, hence the warning; a part that alone
exceeds its whole is R302's finding, and this rule then skips the sum.

Passing: 100 + 100 + 100 + 100 + 1000 + 100 planned trainees within 2170余人 trained.

Failing:

```yaml
- {id: total, metric: trainees, figure: 500人, ...}
- {id: managers, metric: trainees, figure: 300人, part_of: total, ...}
- {id: doctors, metric: trainees, figure: 300人, part_of: total, ...}
```
""",
)

RULES = (BREAKDOWN_PART, BREAKDOWN_SUM)
