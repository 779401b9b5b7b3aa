from __future__ import annotations

from typing import Any

from tests.rules.conftest import Repo, claim, findings, run_of

COVERAGE = "coverage"


def covered(ident: str, figure: str, population: str | None) -> dict[str, Any]:
    out = claim(ident, COVERAGE, figure, programme="counterpart-support")
    if population is not None:
        out["scope"]["population"] = population
    return out


def test_same_figure_over_different_populations_is_scope_drift(repo: Repo) -> None:
    repo.source("xinhua", [covered("x", "100%", "所有贫困县")])
    repo.source("medsci", [covered("m", "100%", "所有国家级贫困县")])
    report = repo.verify()
    [finding] = findings(report, "A204")
    assert finding.severity.value == "warning"
    assert sorted(finding.claims) == ["m", "x"]
    assert finding.message_id == "A204"
    assert finding.arguments["populations"] == "所有国家级贫困县 vs 所有贫困县"
    assert all(loc.path.endswith(".yaml") for loc in finding.locations)
    assert report.summary.exit_code == 0  # a warning does not fail by default
    run = run_of(report, "A204")
    assert (run.compared, run.passed) == (1, 0)  # the failed comparison is not counted a pass


def test_a_stated_population_differs_from_none(repo: Repo) -> None:
    repo.source("a", [covered("a1", "100%", None)])
    repo.source("b", [covered("b1", "100%", "所有国家级贫困县")])
    [finding] = findings(repo.verify(), "A204")
    assert finding.arguments["populations"] == "(not stated) vs 所有国家级贫困县"


def test_same_population_or_disagreeing_figures_pass(repo: Repo) -> None:
    repo.source("a", [covered("a1", "100%", "所有贫困县"), covered("a2", "50%", "所有县")])
    repo.source("b", [covered("b1", "100%", "所有贫困县")])
    report = repo.verify()
    assert findings(report, "A204") == []
    run = run_of(report, "A204")
    assert run.compared == 1 and run.passed == 1


def test_nothing_to_compare_says_so(repo: Repo) -> None:
    repo.source("a", [covered("a1", "100%", "所有贫困县")])
    run = run_of(repo.verify(), "A204")
    assert run.compared == 0
    assert run.note is not None and "no two claims" in run.note


def test_script_case_and_width_are_not_a_difference(repo: Repo) -> None:
    repo.source("hk", [covered("t", "100%", "所有國家級貧困縣")])
    repo.source("cn", [covered("s", "100%", "所有国家级贫困县")])
    repo.source("en", [covered("e1", "100%", "All Poor Counties")])
    repo.source("en2", [covered("e2", "100%", "all poor counties")])
    report = repo.verify()
    [finding] = findings(report, "A204")
    # the two scripts read as one population, the two cases as another: one drift, two wordings
    assert sorted(finding.claims) == ["e1", "e2", "s", "t"]
    assert str(finding.arguments["populations"]).count(" vs ") == 1


def test_traditional_and_simplified_alone_pass(repo: Repo) -> None:
    repo.source("hk", [covered("t", "100%", "所有國家級貧困縣")])
    repo.source("cn", [covered("s", "100%", "所有国家级贫困县")])
    report = repo.verify()
    assert findings(report, "A204") == []
    assert run_of(report, "A204").passed == 1
