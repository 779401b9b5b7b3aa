"""A205: a retelling of one origin changes what a figure counts (counties → hospitals)."""

from __future__ import annotations

from typing import Any

from tests.rules.conftest import Repo, claim, findings, run_of


def quoted(ident: str, metric: str, figure: str, quote: str) -> dict[str, Any]:
    out = claim(ident, metric, figure)
    out["quote"] = quote
    return out


BRIEFING = quoted("nhc", "poor_counties_covered", "832个", "全国832个贫困县全部纳入帮扶")


def test_counties_retold_as_hospitals_by_a_derived_source_is_reported(repo: Repo) -> None:
    repo.source("briefing", [BRIEFING])
    wire = quoted("wire", "county_hospitals_paired", "832 hospitals", "832 county-level hospitals")
    repo.source("wire", [wire], derived_from=["briefing"])
    [finding] = findings(repo.verify(), "A205")
    assert sorted(finding.claims) == ["nhc", "wire"]
    assert {finding.arguments["counts"], finding.arguments["other_counts"]} == {
        "counties",
        "institutions",
    }
    assert finding.severity.value == "warning"


def test_same_origin_same_thing_counted_passes(repo: Repo) -> None:
    repo.source("briefing", [BRIEFING])
    wire = quoted("wire", "poor_counties_covered", "832 counties", "all 832 poor counties")
    repo.source("wire", [wire], derived_from=["briefing"])
    report = repo.verify()
    assert findings(report, "A205") == []
    assert run_of(report, "A205").compared == 1


def test_independent_sources_are_not_compared(repo: Repo) -> None:
    repo.source("briefing", [BRIEFING])
    other = quoted(
        "other", "county_hospitals_paired", "832 hospitals", "832 county-level hospitals"
    )
    repo.source("other", [other])
    assert findings(repo.verify(), "A205") == []


def test_sources_sharing_an_unarchived_origin_are_compared(repo: Repo) -> None:
    repo.source("briefing", [BRIEFING], derived_from=["press-conference"])
    wire = quoted("wire", "county_hospitals_paired", "832 hospitals", "832 county-level hospitals")
    repo.source("wire", [wire], derived_from=["press-conference"])
    assert len(findings(repo.verify(), "A205")) == 1
