"""`show` as a library call: find claims by id, by figure, or by text in the quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from aidcheck.evidence.view import CitationView
from aidcheck.findings import ClaimRef
from aidcheck.fullrun import claim_ref
from aidcheck.loader.repository import Repository
from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Quantity

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence


class ClaimView(BaseModel):
    """One claim in full, with the other claims on its metric."""

    claim: ClaimRef
    match: str = Field(default="id", description="how the query matched this claim")
    hedge: str
    dimension: str
    metric_name: str
    scope: dict[str, str | None]
    period: dict[str, str | None]
    source_title: str
    derived_from: list[str]
    note: str | None = None
    same_metric: list[ClaimRef] = Field(default_factory=list)
    citation: CitationView | None = Field(
        default=None, description="the quote in its passage, when the archive is available"
    )


class ShowResult(BaseModel):
    query: str
    matched_by: str
    matches: list[ClaimView] = Field(default_factory=list)


def figure_query(text: str) -> Quantity | None:
    """The figure a query states (1180, 6万, "60,000", 400多种), else None."""
    from aidcheck.numbers import FigureError, read_figure

    try:
        return read_figure(text)
    except FigureError:
        return None


def fold(text: str) -> str:
    """The normalized view a query and a quote are compared on: NFKC, traditional characters
    read as simplified, case folded, white space removed (所有國家級貧困縣 == 所有国家级贫困县)."""
    from aidcheck.evidence.normalize import normalize_quote

    return "".join(normalize_quote(text).split())


def _figure_matches(repo: Repository, query: Quantity) -> list[tuple[Claim, str]]:
    """Claims whose figure is, or may be, the query's, best first: the same figure with the
    query's hedge (1180 finds 1180家), then the same value with another hedge (超过400家 for
    400), then figures whose interval merely admits it (超过400家 admits 1180). A query with a
    unit (400多种) matches only figures that count the same thing."""
    ranked: list[tuple[int, int, Claim, str]] = []
    for order, claim in enumerate(repo.claims.values()):
        q = claim.figure
        if query.unit is not None and q.dimension is not query.dimension:
            continue
        if q.value == query.value and q.high == query.high:
            if q.hedge is query.hedge:
                ranked.append((0, order, claim, "states this figure"))
            else:
                ranked.append((1, order, claim, f"states this value, {q.hedge.value}"))
        elif q.interval.contains(query.value):
            ranked.append((2, order, claim, "interval admits this figure"))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(claim, how) for _, _, claim, how in ranked]


def find_claims(repo: Repository, text: str) -> tuple[str, list[tuple[Claim, str]]]:
    """The claims a query names, each with how it matched, and the kind of query.

    A figure query lists the claims that state that figure first, then those with its value
    under another hedge, then the claims whose interval merely admits it (超过400家 admits
    1180). Text is searched on the normalized view, so either script finds both.
    """
    if text in repo.claims:
        return "id", [(repo.claims[text], "id")]
    query = figure_query(text)
    if query is not None:
        found = _figure_matches(repo, query)
        if found:
            return "figure", found
    needle = fold(text)
    by_id = [(c, "id contains the text") for c in repo.claims.values() if needle in c.id]
    if not needle:
        return "text", []
    by_quote = [
        (c, "quote contains the text")
        for c in repo.claims.values()
        if needle not in c.id and needle in fold(c.quote)
    ]
    return "text", by_id + by_quote


def view(repo: Repository, claim: Claim, match: str, same_metric: list[Claim]) -> ClaimView:
    """A claim in full; `same_metric` are the claims on its metric (itself among them)."""
    ref = claim_ref(repo, claim.id)
    assert ref is not None
    source = repo.source_of(claim)
    metric = repo.metrics.get(claim.metric)
    others = [
        r
        for other in same_metric
        if other.id != claim.id and (r := claim_ref(repo, other.id)) is not None
    ]
    period = claim.period
    start = period.start()
    return ClaimView(
        claim=ref,
        match=match,
        hedge=claim.figure.hedge.value,
        dimension=claim.figure.dimension,
        metric_name=f"{metric.name_zh} / {metric.name_en}" if metric else claim.metric,
        scope={
            "region": claim.scope.region,
            "giver": claim.scope.giver,
            "programme": claim.scope.programme,
        },
        period={
            "since": start.isoformat() if start else None,
            "as_of": period.end(source.published).isoformat(),
            "wording": period.wording,
        },
        source_title=source.title,
        derived_from=source.derived_from,
        note=claim.note,
        same_metric=others,
    )


def show(
    repo: Repository, text: str, evidence: Evidence | None = None, citations: bool = False
) -> ShowResult:
    """The claims a query names. With `citations`, each view carries its citation: the quote
    in its passage from the archive (`evidence`), or why it was not checked."""
    how, claims = find_claims(repo, text)
    by_metric = repo.claims_by_metric()
    views = [view(repo, c, match, by_metric[c.metric]) for c, match in claims]
    if citations:
        from aidcheck.evidence.passage import citation_view

        for v, (claim, _) in zip(views, claims, strict=True):
            v.citation = citation_view(repo, evidence, claim)
    return ShowResult(query=text, matched_by=how, matches=views)
