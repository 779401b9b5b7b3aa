"""The cross-checks on the bundled claim repository: what the issue asks `verify` to report."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck.engine import NOTHING_COMPARED
from aidcheck.findings import Report
from aidcheck.verify import VerifyOptions, verify
from tests.rules.conftest import findings, run_of

ROOT = Path(__file__).resolve().parents[2]
NHC = "nhc-press-conference-2019-02-13"


@pytest.fixture(scope="module")
def report() -> Report:
    return verify(VerifyOptions(cwd=ROOT)).report


def _metric(report: Report, claim_id: str) -> str:
    return report.claims[claim_id].metric


def test_the_one_to_one_pairing_of_963_with_1180_hospitals_is_reported(report: Report) -> None:
    [finding] = [
        f for f in findings(report, "X401") if f.details["relation"] == "one-to-one-pairing"
    ]
    figures = {report.claims[c].figure for c in finding.claims}
    assert figures == {"963家", "1180家"}
    assert {report.claims[c].source for c in finding.claims} >= {"xinhua-2019-02-14"}


def test_the_002_breakdown_exceeding_its_whole_is_reported(report: Report) -> None:
    exceeding = findings(report, "R302")
    parts = {report.claims[f.claims[0]].figure for f in exceeding}
    assert parts == {"121人", "76名"}
    assert all(report.claims[f.claims[1]].figure == "25名" for f in exceeding)


def test_figures_shared_by_001_and_003_are_single_origin_repetition(report: Report) -> None:
    # one finding for the briefing, naming every figure its two write-ups repeat
    [briefing] = [f for f in findings(report, "P601") if f.details["origins"] == [NHC]]
    assert briefing.message_id == "P601.origin"
    stated = {report.claims[c].figure for c in briefing.claims}
    assert {"1180家", "超过6万人次", "332种", "1914种", "90%"} <= stated
    sources = {report.claims[c].source for c in briefing.claims}
    assert sources == {"xinhua-2019-02-14", "medsci-2019-02-14"}
    assert briefing.arguments["quantities"] == len(briefing.details["quantities"])
    assert len(briefing.details["quantities"]) >= 5


def test_national_vs_regional_roll_ups_are_made_and_pass(report: Report) -> None:
    run = run_of(report, "R301")
    assert findings(report, "R301") == []
    assert run.compared >= 4 and run.passed == run.compared
    made = [c for c in run.comparisons if c.startswith("pass:")]
    for giver in ("CN-TJ", "CN-SD", "CN-JS"):
        assert any(f"given by {giver}" in c and "834个" in c for c in made), giver


def test_every_check_compares_or_says_in_its_own_words_why_not(report: Report) -> None:
    for run in report.rules:
        assert run.compared > 0 or (run.note and run.note != NOTHING_COMPARED), run.code
    for run in report.rules:
        if run.code.startswith("C"):  # one citation per claim
            assert run.compared == report.summary.claims, run.code
