"""verify as a library call: the report model and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aidcheck.cli import app
from aidcheck.verify import EXIT_INPUT, VerifyOptions, verify
from tests.conftest import SOURCE, RepoFactory


def test_clean_repository_reports_its_contents(make_repo: RepoFactory) -> None:
    root = make_repo()
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.input_errors == 0
    assert report.summary.claims == 2
    assert report.summary.sources == 1
    assert report.summary.checks_run
    assert [s.claims for s in report.sources] == [2]


def test_input_error_exits_2_and_skips_the_checks(make_repo: RepoFactory) -> None:
    root = make_repo({"x.yaml": SOURCE.replace("metric: staff_dispatch_visits", "metric: nope")})
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == EXIT_INPUT
    assert not report.summary.checks_run
    assert report.rules == []
    assert any("not run" in n for n in report.notices)
    [finding] = report.findings
    assert finding.code == "L004"
    assert finding.claims == ["xinhua-2019-staff"]
    assert str(finding.locations[0]) == "claims/x.yaml:15:13"


def test_missing_path_and_empty_folder_are_input_errors(tmp_path: Path) -> None:
    report = verify(VerifyOptions(cwd=tmp_path, paths=[tmp_path / "nowhere"])).report
    assert report.summary.exit_code == EXIT_INPUT
    assert report.findings[0].code == "L010"
    (tmp_path / "empty").mkdir()
    report = verify(VerifyOptions(cwd=tmp_path, paths=[tmp_path / "empty"])).report
    assert report.findings[0].code == "L010"


def test_bad_config_key_is_an_input_error_at_its_line(make_repo: RepoFactory) -> None:
    root = make_repo(config='claims = "claims"\narchve = "x"\n')
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == EXIT_INPUT
    [finding] = report.findings
    assert finding.code == "L011"
    assert finding.locations[0].line == 2


def test_cli_json_report_shape(make_repo: RepoFactory, monkeypatch: object) -> None:
    root = make_repo()
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["verify", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert {"findings", "summary", "rules", "sources", "schema_version"} <= set(data)
    assert data["summary"]["claims"] == 2


def test_cli_input_error_exit_code(make_repo: RepoFactory, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    root = make_repo({"x.yaml": SOURCE.replace("figure: 1180家", "figure: 1180")})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["verify", "--format", "json"])
    assert result.exit_code == 2
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["code"] == "L003"
    assert finding["locations"] == [{"path": "claims/x.yaml", "line": 10, "column": 13}]


def test_version_and_help() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--version"]).stdout.startswith("aidcheck ")
    help_text = runner.invoke(app, ["verify", "--help"]).stdout
    assert "Exit codes" in help_text
