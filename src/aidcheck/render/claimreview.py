"""schema.org ClaimReview JSON-LD for the claims that findings involve, for search engines and
fact-check aggregators.

One `ClaimReview` per claim that an active finding names. `claimReviewed` is the claim's quote;
`itemReviewed` is a `Claim` whose `author` is the publisher, with the source document as its
`appearance` and `firstAppearance` (the earliest of the documents that repeat the figure, when
a single-origin finding groups them); `reviewRating` is a `Rating` on a scale of 1 (worst) to 5
(best) whose `alternateName` says what is wrong in words an editor would publish
("Inconsistent with the 新华网 figure"), and `reviewBody` gives the findings in full.

The rating follows the worst finding: an error rates 1, a warning 2, information 3. A claim with
no finding is not reviewed here: aidcheck checks consistency and citation, not truth, and says
nothing about a claim it found no problem with.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aidcheck.findings import ClaimRef, Finding, Report, Severity, SourceSummary
from aidcheck.render.common import ordered, rule_info

RATING = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
BEST, WORST = 5, 1

# What each check's finding means for the claim, in words an editor would publish.
VERDICTS: dict[str, str] = {
    "A202": "Stated in a unit that is easily confused with another's",
    "A203": "Its unit does not measure what the figure is about",
    "A204": "The same figure, stated over a different population",
    "A205": "Counts something other than its origin does",
    "C101": "The cited source's text is not available",
    "C102": "The cited source's text has changed",
    "C103": "Not found in the cited source",
    "C104": "The quote occurs more than once in the source",
    "C105": "The figure is not what the cited source says",
    "C106": "Quoted from damaged or non-article text",
    "C107": "Hedged differently from the cited source",
    "C108": "In a different unit from the cited source",
    "R301": "Exceeds the total of the area that contains it",
    "R302": "A part larger than the total it belongs to",
    "R303": "Its parts add up to more than the total",
    "X401": "Contradicts a related figure",
    "X402": "An impossible value",
    "T501": "Lower than an earlier cumulative total",
    "T502": "Lower than an earlier figure",
    "T503": "An old figure repeated as current",
    "P601": "Repeated from a single origin, not independently confirmed",
}


@dataclass(frozen=True)
class ReviewOptions:
    author: str  # who publishes the review
    date: str  # ISO date the review is published
    url: str | None = None  # the page that publishes the review


def verdict(report: Report, finding: Finding, ref: ClaimRef) -> str:
    if finding.code == "A201":
        others = [report.claims[c] for c in finding.claims if c != ref.id and c in report.claims]
        publishers = list(dict.fromkeys(o.publisher for o in others if o.source != ref.source))
        if len(publishers) == 1:
            return f"Inconsistent with the {publishers[0]} figure"
        if publishers:
            return f"Inconsistent with the figures of {', '.join(publishers)}"
        return "Inconsistent with another figure of the same source"
    return VERDICTS.get(finding.code) or rule_info(finding.code, report).title


def _organization(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def _document(source: SourceSummary | None, ref: ClaimRef) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = source.url if source is not None else ref.url
    if url:
        work["url"] = url
    if source is not None:
        work["headline"] = source.title
    work["datePublished"] = ref.published if source is None else source.published
    work["publisher"] = _organization(source.publisher if source is not None else ref.publisher)
    return work


def _repeats(report: Report, findings: list[Finding]) -> dict[str, set[str]]:
    """For each claim, the sources of the claims a single-origin finding (P601) groups it
    with: the documents that repeat its figure."""
    repeats: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.code != "P601":
            continue
        sources = {report.claims[c].source for c in finding.claims if c in report.claims}
        for c in finding.claims:
            repeats[c] |= sources
    return repeats


def reviews(report: Report, options: ReviewOptions) -> list[dict[str, Any]]:
    active = ordered([f for f in report.active() if f.claims])
    by_claim: dict[str, list[Finding]] = defaultdict(list)
    for finding in active:
        for claim_id in finding.claims:
            if claim_id in report.claims:
                by_claim[claim_id].append(finding)
    sources = {s.id: s for s in report.sources}
    repeats = _repeats(report, active)
    out = []
    for claim_id in sorted(by_claim):
        ref = report.claims[claim_id]
        findings = by_claim[claim_id]  # most severe first
        worst = findings[0]
        appearing = sorted(
            {ref.source} | repeats.get(claim_id, set()),
            key=lambda s: (sources[s].published if s in sources else "", s),
        )
        appearance = [
            _document(sources.get(s), ref if s == ref.source else _stand_in(report, s, ref))
            for s in appearing
        ]
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "datePublished": options.date,
            "author": _organization(options.author),
            "claimReviewed": ref.quote,
            "itemReviewed": {
                "@type": "Claim",
                "author": _organization(ref.publisher),
                "datePublished": ref.published,
                "appearance": appearance,
                "firstAppearance": appearance[0],
            },
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING[worst.severity],
                "bestRating": BEST,
                "worstRating": WORST,
                "alternateName": verdict(report, worst, ref),
            },
            "reviewBody": "\n".join(f"{f.code} {f.rule}: {f.message}" for f in findings),
            "identifier": claim_id,
        }
        if options.url:
            review["url"] = options.url
        out.append(review)
    return out


def _stand_in(report: Report, source_id: str, ref: ClaimRef) -> ClaimRef:
    """A claim of `source_id` among the report's claims (for its publisher and date)."""
    return next((c for c in report.claims.values() if c.source == source_id), ref)


def render(report: Report, options: ReviewOptions) -> str:
    document = {"@context": "https://schema.org", "@graph": reviews(report, options)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
