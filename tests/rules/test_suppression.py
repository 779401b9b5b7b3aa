from __future__ import annotations

from typing import Any

from tests.rules.conftest import Repo, claim, findings, run_of

HOSPITALS = "county_hospitals_paired"
REASON = "different as-of dates: medsci counts the hospitals paired in 2017 only"


def _conflict(repo: Repo) -> Repo:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    return repo.source("medsci", [claim("m", HOSPITALS, "1100家", as_of="2018-12-31")])


def _suppress(repo: Repo, *entries: dict[str, Any]) -> Repo:
    return repo.add("suppressions.yaml", {"suppressions": list(entries)})


def test_a_suppressed_finding_stays_in_the_report_with_its_reason(repo: Repo) -> None:
    _suppress(_conflict(repo), {"rule": "A201", "claims": ["x", "m"], "reason": REASON})
    report = repo.verify()
    [finding] = findings(report, "A201")
    assert finding.suppressed == REASON
    assert report.active() == [f for f in report.findings if f.code != "A201"]
    assert report.summary.suppressed == 1
    assert report.summary.exit_code == 0
    assert findings(report, "S001") == []
    assert run_of(report, "S001").passed == 1


def test_a_rule_may_be_named_instead_of_its_code(repo: Repo) -> None:
    _suppress(_conflict(repo), {"rule": "conflict", "claims": ["x", "m"], "reason": REASON})
    assert findings(repo.verify(), "A201")[0].suppressed == REASON


def test_a_finding_that_involves_a_claim_not_named_is_not_suppressed(repo: Repo) -> None:
    _conflict(repo).source("third", [claim("t", HOSPITALS, "1100家", as_of="2018-12-31")])
    _suppress(repo, {"rule": "A201", "claims": ["x", "m"], "reason": REASON})
    report = repo.verify()
    [finding] = findings(report, "A201")
    assert finding.suppressed is None
    assert report.summary.exit_code == 1
    [unused] = findings(report, "S001")
    assert unused.severity == "warning"


def test_a_suppression_without_a_reason_is_an_input_error_at_its_line(repo: Repo) -> None:
    _conflict(repo).add(
        "suppressions.yaml",
        "suppressions:\n  - rule: A201\n    claims: [x, m]\n",
    )
    report = repo.verify()
    assert report.summary.exit_code == 2
    [error] = [f for f in report.findings if f.code == "L003"]
    assert "reason" in error.message
    assert (error.locations[0].path, error.locations[0].line) == ("claims/suppressions.yaml", 2)


def test_an_empty_reason_is_an_input_error(repo: Repo) -> None:
    _suppress(_conflict(repo), {"rule": "A201", "claims": ["x", "m"], "reason": "  "})
    report = repo.verify()
    assert report.summary.exit_code == 2
    [error] = [f for f in report.findings if f.code == "L003"]
    assert "why" in error.message


def test_unknown_claims_and_rules_are_input_errors_at_their_lines(repo: Repo) -> None:
    _conflict(repo).add(
        "suppressions.yaml",
        "suppressions:\n"
        "  - rule: A201\n"
        "    claims: [x, nope]\n"
        "    reason: r\n"
        "  - rule: Z999\n"
        "    claims: [x]\n"
        "    reason: r\n",
    )
    report = repo.verify()
    assert report.summary.exit_code == 2
    by_code = {f.code: f for f in report.findings}
    assert by_code["L009"].locations[0].line == 3 and "nope" in by_code["L009"].message
    assert by_code["L003"].locations[0].line == 5 and "Z999" in by_code["L003"].message


def test_a_suppression_that_matches_nothing_is_reported_at_its_place(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    _suppress(repo, {"rule": "A201", "claims": ["x"], "reason": REASON})
    report = repo.verify()
    [finding] = findings(report, "S001")
    assert finding.claims == ["x"]
    assert (finding.locations[0].path, finding.locations[0].line) == (
        "claims/suppressions.yaml",
        2,
    )
    assert report.summary.exit_code == 0  # a warning does not fail at the default fail_on


def test_a_suppression_of_a_rule_that_did_not_run_is_not_judged(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    _suppress(repo, {"rule": "A201", "claims": ["x"], "reason": REASON})
    repo.config += 'ignore = ["A201"]\n'
    report = repo.verify()
    assert findings(report, "S001") == []
    assert any("did not run" in c for c in run_of(report, "S001").comparisons)
