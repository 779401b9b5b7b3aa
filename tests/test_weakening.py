"""G001: with --changed-since, a change that weakens the configuration is itself a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck.findings import Report
from aidcheck.gating import GateOptions
from aidcheck.verify import VerifyOptions, verify
from tests.conftest import SOURCE, RepoFactory
from tests.test_changes import PEOPLE
from tests.test_gating import git


@pytest.fixture
def repo_root(make_repo: RepoFactory) -> Path:
    root = make_repo(
        {"xinhua.yaml": SOURCE, "people.yaml": PEOPLE},
        config='claims = "claims"\nfail_on = "warning"\n\n[rules.A201]\nseverity = "error"\n',
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    git(root, "checkout", "-q", "-b", "topic")
    return root


def run(root: Path, **gate: object) -> Report:
    options = GateOptions(changed_since="main", **gate)  # type: ignore[arg-type]
    return verify(VerifyOptions(cwd=root, gate=options, environ={})).report


def configure(root: Path, text: str) -> None:
    (root / "aidcheck.toml").write_text(text, encoding="utf-8")


def weakened(report: Report) -> list[tuple[str | None, int]]:
    return [(f.message_id, f.locations[0].line) for f in report.findings if f.code == "G001"]


def test_an_unchanged_configuration_is_no_finding(repo_root: Path) -> None:
    report = run(repo_root)
    assert weakened(report) == [] and report.summary.exit_code == 0


def test_ignoring_a_rule_lowering_it_and_raising_fail_on_are_findings(repo_root: Path) -> None:
    configure(
        repo_root,
        'claims = "claims"\nfail_on = "error"\nignore = ["P6"]\n\n'
        '[rules.A201]\nseverity = "info"\n',
    )
    report = run(repo_root)
    found = weakened(report)
    assert ("G001.fail_on", 2) in found
    assert ("G001.lowered", 6) in found
    assert any(mid == "G001.disabled" and line == 3 for mid, line in found)
    assert report.summary.exit_code == 1
    assert all(f.severity.value == "error" for f in report.findings if f.code == "G001")


def test_pointing_claims_or_archive_elsewhere_is_a_finding(repo_root: Path) -> None:
    configure(
        repo_root,
        'claims = "claims/registry.yaml"\narchive = "nowhere"\nfail_on = "warning"\n\n'
        '[rules.A201]\nseverity = "error"\n',
    )
    found = {mid for mid, _ in weakened(run(repo_root))}
    assert found == {"G001.moved"}
    assert len(weakened(run(repo_root))) == 2


def test_strengthening_is_no_finding(repo_root: Path) -> None:
    configure(
        repo_root,
        'claims = "claims"\nfail_on = "info"\n\n[rules.A201]\nseverity = "error"\n'
        '[rules.T503]\nseverity = "error"\n',
    )
    assert weakened(run(repo_root)) == []


def test_the_finding_survives_baselines_and_changed_since(repo_root: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    configure(
        repo_root, 'claims = "claims"\nfail_on = "error"\n\n[rules.A201]\nseverity = "error"\n'
    )
    report = run(repo_root, write_baseline=baseline)
    assert weakened(report) and report.summary.exit_code == 1
    assert "G001" not in baseline.read_text(encoding="utf-8")


def test_a_configuration_removed_or_moved_to_pyproject_is_compared(repo_root: Path) -> None:
    (repo_root / "aidcheck.toml").unlink()
    (repo_root / "pyproject.toml").write_text(
        '[tool.aidcheck]\nclaims = "claims"\nfail_on = "warning"\n\n'
        '[tool.aidcheck.rules.A201]\nseverity = "warning"\n',
        encoding="utf-8",
    )
    found = weakened(run(repo_root))
    assert found == [("G001.lowered", 6)]  # at the line of the moved setting


def test_a_base_without_configuration_means_the_defaults(make_repo: RepoFactory) -> None:
    root = make_repo({"xinhua.yaml": SOURCE}, config='claims = "claims"\n')
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "claims")
    git(root, "commit", "-q", "-m", "claims only")
    git(root, "checkout", "-q", "-b", "topic")
    configure(root, 'claims = "claims"\nignore = ["A201"]\n')
    found = weakened(run(root))
    assert [mid for mid, _ in found] == ["G001.disabled"]
