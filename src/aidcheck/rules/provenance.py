"""Provenance: repetition is not corroboration.

Each source is resolved to its root origins by following `derived_from` through other sources;
a source that derives from nothing is its own origin, and an id that names no source (a press
conference, a wire story nobody archived) is an origin. Claims that agree (same metric, scope
and date, overlapping intervals) are then counted by independent origins, not by sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from aidcheck.findings import Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import (
    NoOptions,
    agreeing,
    figures,
    show_quantity,
    side,
    source_id,
)

if TYPE_CHECKING:
    from aidcheck.loader.repository import Repository


def root_origins(repo: Repository) -> dict[str, frozenset[str]]:
    """For every source, the origins it ultimately derives from (memoised, cycle-safe).

    A depth-first walk with its own stack, so a `derived_from` chain of any length is followed
    without recursion; a parent already on the walk's path (a cycle) counts as an origin."""
    memo: dict[str, frozenset[str]] = {}

    def parents(ident: str) -> list[str]:
        source = repo.sources.get(ident)
        return source.derived_from if source is not None else []

    for start in repo.sources:
        if start in memo:
            continue
        stack: list[tuple[str, Iterator[str], list[frozenset[str]]]] = [
            (start, iter(parents(start)), [])
        ]
        on_path = {start}
        while stack:
            ident, pending, parts = stack[-1]
            parent = next(pending, None)
            if parent is None:
                stack.pop()
                on_path.discard(ident)
                found = frozenset().union(*parts) if parents(ident) else frozenset({ident})
                memo[ident] = found
                if stack:
                    stack[-1][2].append(found)
            elif parent in on_path:
                parts.append(frozenset({parent}))
            elif parent in memo:
                parts.append(memo[parent])
            else:
                stack.append((parent, iter(parents(parent)), []))
                on_path.add(parent)
    return {ident: memo[ident] for ident in repo.sources}


def _check(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    origins = root_origins(repo)
    by_origin: dict[str, list[tuple[str, list[Claim], list[str]]]] = defaultdict(list)
    for key, cluster in agreeing(ctx):
        sources = sorted({source_id(repo, c) for c in cluster})
        if len(sources) < 2:
            continue
        roots = sorted(frozenset().union(*(origins[s] for s in sources)))
        where = show_quantity(key)
        ctx.tally(
            len(roots) > 1,
            f"{where}: {figures(cluster)} stated by {len(sources)} sources, "
            f"{len(roots)} independent origin(s): {', '.join(roots)}"
            if ctx.wording
            else None,
        )
        if len(roots) > 1:
            continue
        by_origin[roots[0]].append((where, cluster, sources))
    for origin, repeated in by_origin.items():
        yield _one_origin(ctx, origin, repeated, origins)
    if ctx.compared == 0:
        ctx.run.note = "no figure is stated by two or more sources for one metric, scope and date"


def _one_origin(
    ctx: CheckContext,
    origin: str,
    repeated: list[tuple[str, list[Claim], list[str]]],
    origins: dict[str, frozenset[str]],
) -> Problem:
    """One finding per origin: every figure its derived sources repeat, with those sources.
    Its identity is the origin, so a new repetition joins the finding without changing it."""
    repo = ctx.repo
    claims = [c for _, cluster, _ in repeated for c in cluster]
    sources = sorted({s for _, _, srcs in repeated for s in srcs})
    details = {
        "origins": [origin],
        "sources": {s: sorted(origins[s]) for s in sources},
        "sides": [side(repo, c) for c in claims],
        "quantities": [
            {"quantity": where, "figures": figures(cluster), "sources": srcs}
            for where, cluster, srcs in repeated
        ],
    }
    common = {
        "claims": [c.id for c in claims],
        "locations": [repo.claim_location(c.id, "figure") for c in claims],
        "details": details,
        "identity": f"origin|{origin}",
    }
    if len(repeated) == 1:
        where, cluster, srcs = repeated[0]
        return ONE_ORIGIN(
            quantity=where,
            figures=figures(cluster),
            count=len(srcs),
            sources=", ".join(srcs),
            origin=origin,
            **common,  # type: ignore[arg-type]
        )
    listed = "; ".join(f"{where}: {figures(cluster)}" for where, cluster, _ in repeated)
    return ONE_ORIGIN_MANY(
        origin=origin,
        quantities=len(repeated),
        count=len(sources),
        sources=", ".join(sources),
        listed=listed,
        **common,  # type: ignore[arg-type]
    )


ONE_ORIGIN = Message(
    "P601",
    "{quantity}: {figures} is stated by {count} sources ({sources}) that all derive from one "
    "origin, {origin}: repetition, not corroboration",
)

ONE_ORIGIN_MANY = Message(
    "P601.origin",
    "{quantities} figures are stated only by sources that all derive from one origin, "
    "{origin} ({count} sources: {sources}): repetition, not corroboration: {listed}",
)

SINGLE_ORIGIN = Rule(
    code="P601",
    name="single-origin",
    family=Family.PROVENANCE,
    title="A figure stated by several sources rests on one origin",
    severity=Severity.INFO,
    check=_check,
    options=NoOptions,
    messages=(ONE_ORIGIN, ONE_ORIGIN_MANY),
    description="""Sources record what they derive from (`derived_from`: another source's id, or
the id of an origin such as `nhc-press-conference-2019-02-13`). Each source is traced back to its
root origins. For every group of agreeing claims (same metric, scope and date, overlapping
intervals) from two or more sources, the report counts the independent origins behind the
figure; a figure whose sources all lead back to one origin is repetition, not corroboration.
The figures one origin's sources repeat are one finding per origin (however many outlets and
figures), so a briefing retold by fourteen outlets is one entry listing figures and sources.

Passing: two sources that derive from different origins (or from nothing) state `1180家`.

Failing (information):

```yaml
# xinhua-2019-02-14.yaml
source: {id: xinhua-2019-02-14, derived_from: [nhc-press-conference-2019-02-13], ...}
claims: [{id: xinhua-hospitals, figure: 1180家, ...}]
# medsci-2019-02-14.yaml
source: {id: medsci-2019-02-14, derived_from: [nhc-press-conference-2019-02-13], ...}
claims: [{id: medsci-hospitals, figure: 1180家, ...}]
```
""",
)

RULES = (SINGLE_ORIGIN,)
