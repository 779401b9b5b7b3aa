"""The cross-references of a loaded repository: every name a claim, region, relation or
suppression uses must be defined somewhere in the files given.

Each unknown name is a load problem at the place it is written, with the closest defined names
(a typo is the usual cause), else the names that are defined (or, when none is, how to get
the registry loaded).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from aidcheck.codes import InputCode
from aidcheck.findings import Location, Message, Problem

if TYPE_CHECKING:
    from aidcheck.loader.repository import Repository

Coded = tuple[InputCode, Problem]
"""A load problem: the code of its load rule, and the problem."""

SHOWN_NAMES = 8
# Where each kind of name is defined in a claim repository.
_SECTION = {
    "metric": "metrics",
    "region": "regions",
    "programme": "programmes",
    "source": "source",
    "claim": "claims",
    "relation": "relations",
}


def unknown(
    code: InputCode,
    kind: str,
    name: str,
    known: Mapping[str, Any],
    where: Location,
    claims: list[str] | None = None,
) -> Coded:
    """The problem of a name of `kind` that `known` does not define: worded by one of the
    UNKNOWN templates (`L004.close`, `L004.known`, `L004.undefined` for a metric), with the
    closest defined names, else the names defined, else where to define one."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.8)
    variant = "close" if close else "known" if known else "undefined"
    arguments = {
        "kind": kind,
        "name": name,
        "close": " or ".join(repr(c) for c in close),
        "known": ", ".join(sorted(known)[:SHOWN_NAMES]),
        "section": _SECTION.get(kind, f"{kind}s"),
    }
    message = Message(f"{code.value}.{variant}", UNKNOWN[variant])
    return code, message.problem(arguments, locations=[where], claims=claims)


UNKNOWN = {
    "close": "unknown {kind} '{name}'; did you mean {close}? Otherwise define it in the "
    "repository's registry or use one of: {known}",
    "known": "unknown {kind} '{name}'; define it in the repository's registry or use one of: "
    "{known}",
    "undefined": "unknown {kind} '{name}'; no {kind} is defined in the files given; define it "
    "in a '{section}' section, or verify the whole repository so that its registry files are "
    "read too",
}
"""How an unknown name is worded: with the closest names, with the names defined, or with
where to define one when none is."""


def check_references(repo: Repository, known_rules: Collection[str]) -> Iterator[Coded]:
    """Every reference in the repository to a name it does not define."""
    yield from _claims(repo)
    yield from _metric_dimensions(repo)
    yield from _region_parents(repo)
    yield from _relations(repo)
    yield from _suppressions(repo, known_rules)


def _claims(repo: Repository) -> Iterator[Coded]:
    for claim in repo.claims.values():
        cid = claim.id
        if claim.metric not in repo.metrics:
            where = repo.claim_location(cid, "metric")
            yield unknown(
                InputCode.UNKNOWN_METRIC, "metric", claim.metric, repo.metrics, where, [cid]
            )
        for field in ("region", "giver"):
            region = getattr(claim.scope, field)
            if region is not None and region not in repo.regions:
                where = repo.claim_location(cid, "scope", field)
                yield unknown(
                    InputCode.UNKNOWN_REGION, "region", region, repo.regions, where, [cid]
                )
        programme = claim.scope.programme
        if programme is not None and programme not in repo.programmes:
            where = repo.claim_location(cid, "scope", "programme")
            yield unknown(
                InputCode.UNKNOWN_PROGRAMME, "programme", programme, repo.programmes, where, [cid]
            )
        cited = repo.claim_source.get(cid)
        if cited is not None and cited not in repo.sources:
            where = repo.claim_location(cid, *(("source",) if claim.source else ()))
            yield unknown(InputCode.UNKNOWN_SOURCE, "source", cited, repo.sources, where, [cid])
        for n, relation_id in enumerate(claim.asserts):
            where = repo.claim_location(cid, "asserts", n)
            relation = repo.relations.get(relation_id)
            if relation is None:
                yield unknown(
                    InputCode.UNKNOWN_RELATION,
                    "relation",
                    relation_id,
                    repo.relations,
                    where,
                    [cid],
                )
            elif claim.metric not in (relation.left, relation.right):
                problem = Problem(
                    message=f"claim '{cid}' asserts relation '{relation_id}', which is about "
                    f"{relation.left} and {relation.right}, not its metric {claim.metric}; "
                    "assert it on the claims of those metrics",
                    locations=[where],
                    claims=[cid],
                )
                yield InputCode.UNKNOWN_RELATION, problem
        if claim.part_of is not None and claim.part_of not in repo.claims:
            where = repo.claim_location(cid, "part_of")
            yield unknown(
                InputCode.UNKNOWN_CLAIM, "claim", claim.part_of, repo.claims, where, [cid]
            )


def _metric_dimensions(repo: Repository) -> Iterator[Coded]:
    """A metric counts a dimension the unit table defines (built in, or in a `units` section)."""
    known = repo.units.dimensions
    for metric in repo.metrics.values():
        if metric.dimension not in known:
            close = difflib.get_close_matches(metric.dimension, list(known), n=3, cutoff=0.6)
            hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
            problem = Problem(
                message=f"metric '{metric.id}' counts unknown dimension '{metric.dimension}'; "
                f"{hint}use one of {', '.join(sorted(known))}, or define it under 'dimensions' "
                "in a 'units' section (docs/claims.md, 'units')",
                locations=[repo.locate("metric", metric.id, "dimension")],
            )
            yield InputCode.UNKNOWN_DIMENSION, problem
        if (
            metric.minimum is not None
            and metric.maximum is not None
            and metric.minimum > metric.maximum
        ):
            problem = Problem(
                message=f"metric '{metric.id}': minimum {metric.minimum} is above maximum "
                f"{metric.maximum}; swap them or drop one",
                locations=[repo.locate("metric", metric.id, "minimum")],
            )
            yield InputCode.SCHEMA, problem


def _region_parents(repo: Repository) -> Iterator[Coded]:
    for region in repo.regions.values():
        if region.parent is not None and region.parent not in repo.regions:
            where = repo.locate("region", region.code, "parent")
            yield unknown(InputCode.UNKNOWN_REGION, "region", region.parent, repo.regions, where)


def _relations(repo: Repository) -> Iterator[Coded]:
    """Relations name known metrics, and filter on known regions and programmes."""
    for relation in repo.relations.values():
        for side in ("left", "right"):
            metric = getattr(relation, side)
            if metric not in repo.metrics:
                where = repo.locate("relation", relation.id, side)
                yield unknown(InputCode.UNKNOWN_METRIC, "metric", metric, repo.metrics, where)
        if relation.where is None:
            continue
        for field, code, kind, known in (
            ("region", InputCode.UNKNOWN_REGION, "region", repo.regions),
            ("giver", InputCode.UNKNOWN_REGION, "region", repo.regions),
            ("programme", InputCode.UNKNOWN_PROGRAMME, "programme", repo.programmes),
        ):
            value = getattr(relation.where, field)
            if value is not None and value not in known:
                where = repo.locate("relation", relation.id, "where", field)
                yield unknown(code, kind, value, known, where)


def _suppressions(repo: Repository, known_rules: Collection[str]) -> Iterator[Coded]:
    """Suppressions name known rules (by code or name, in any case) and claims."""
    for n, suppression in enumerate(repo.suppressions):
        name = suppression.rule
        if name.upper() not in known_rules and name.lower() not in known_rules:
            problem = Problem(
                message=f"suppressions: unknown rule '{suppression.rule}'; "
                "`aidcheck rules` lists the codes",
                locations=[repo.locate("suppression", str(n), "rule")],
            )
            yield InputCode.SCHEMA, problem
        for j, claim_id in enumerate(suppression.claims):
            if claim_id not in repo.claims:
                where = repo.locate("suppression", str(n), "claims", j)
                yield unknown(InputCode.UNKNOWN_CLAIM, "claim", claim_id, repo.claims, where)
