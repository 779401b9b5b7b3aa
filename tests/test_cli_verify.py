"""`aidcheck verify` end to end: every format on the bundled repository, and CI gating in a
scratch git repository holding a copy of it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from aidcheck import cli
from aidcheck.cache import FOLDER
from aidcheck.cli import ReportFormat, app
from aidcheck.render import Format
from tests.evidence.harness import NO_REAL_ARCHIVE, REAL_ARCHIVE
from tests.render.test_json_report import validate as validate_report
from tests.render.test_sarif import check_github_rules, validate_sarif
from tests.test_gating import git

BUNDLED = Path(__file__).parents[1] / "claims"
NEW_CLAIM = "example-2019-county-hospitals-paired"
CONFLICT = f"""\
source:
  id: example-2019-03-01
  publisher: 示例日报
  title: 贫困县医院对口帮扶
  published: 2019-03-01
  language: zh-Hans
claims:
  - id: {NEW_CLAIM}
    metric: county_hospitals_paired
    figure: 1300家
    scope: {{region: CN, programme: tertiary-county-pairing}}
    period: {{as_of: 2018-12-31}}
    quote: 三级医院与1300家县级医院建立帮扶关系
"""
NEW_FILE = "claims/sources/example-2019-03-01.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled claim repository, committed in a fresh git repository."""
    root = tmp_path / "newsroom"
    shutil.copytree(BUNDLED, root / "claims")
    (root / "aidcheck.toml").write_text('claims = "claims"\n', encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "bundled claims")
    monkeypatch.chdir(root)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    return root


def verify(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["verify", *args], env=env)


def report_of(*args: str) -> tuple[int, dict[str, object]]:
    result = verify("--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def add_conflict(root: Path) -> None:
    (root / NEW_FILE).write_text(CONFLICT, encoding="utf-8")
    git(root, "add", NEW_FILE)
    git(root, "commit", "-q", "-m", "a new source that disagrees")


def test_formats_match_the_cli_choices() -> None:
    assert [f.value for f in ReportFormat] == [f.value for f in Format]


# Gating in a scratch git repository


def test_untouched_repository_passes_changed_since(project: Path) -> None:
    full_code, _ = report_of()
    assert full_code == 1, "the bundled repository has errors; this test needs one"
    code, report = report_of("--changed-since", "HEAD")
    assert code == 0
    assert report["findings"] == []
    summary = report["summary"]
    assert isinstance(summary, dict) and summary["unchanged"] >= 1


def test_new_conflicting_claim_fails_and_old_findings_do_not(project: Path) -> None:
    _, before = report_of()
    old = {f["fingerprint"] for f in before["findings"]}  # type: ignore[attr-defined]
    add_conflict(project)
    code, report = report_of("--changed-since", "HEAD~1")
    assert code == 1
    findings = report["findings"]
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert finding["fingerprint"] not in old
        assert NEW_CLAIM in finding["claims"] or any(
            loc["path"] == NEW_FILE for loc in finding["locations"]
        )
    errors = [f for f in findings if f["severity"] == "error"]
    assert any(len(f["claims"]) > 1 for f in errors), "the new claim against an old one"
    validate_report(report)


def test_bad_ref_and_no_git_are_usage_errors(project: Path, tmp_path: Path) -> None:
    result = verify("--changed-since", "origin/nope")
    assert result.exit_code == 2
    assert "cannot resolve 'origin/nope'" in result.stderr
    shutil.rmtree(project / ".git")
    result = verify("--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "git repository" in result.stderr
    assert "leave out --changed-since" in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--jobs", "0"], {}), (["-j", "many"], {}), ([], {"AIDCHECK_JOBS": "-2"})],
)
def test_a_bad_jobs_value_is_a_usage_error(
    project: Path, args: list[str], env: dict[str, str]
) -> None:
    result = verify("--no-cache", *args, env=env)
    assert result.exit_code == 2
    assert "jobs must be `auto` or a whole number from 1 up" in result.stderr
    assert "AIDCHECK_JOBS" in result.stderr


def test_the_report_is_the_same_whatever_the_jobs(project: Path) -> None:
    serial = verify("--no-cache", "--format", "json", "--jobs", "1")
    assert serial.exit_code == 1
    for jobs in ("2", "auto"):
        again = verify("--no-cache", "--format", "json", "--jobs", jobs)
        assert (again.exit_code, again.stdout) == (serial.exit_code, serial.stdout)


def test_baseline_hides_old_findings_and_reports_stale_entries(project: Path) -> None:
    add_conflict(project)
    baseline = project / "aidcheck-baseline.json"
    code, _ = report_of("--write-baseline", str(baseline))
    assert code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert entries and all({"fingerprint", "code", "claims", "message"} <= set(e) for e in entries)
    code, report = report_of("--baseline", str(baseline))
    assert code == 0
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert summary["baselined"] == len(entries) and summary["errors"] == 0
    (project / NEW_FILE).unlink()  # the conflict goes away: its entries go stale
    code, report = report_of("--baseline", str(baseline))
    assert code == 0
    summary = report["summary"]
    assert isinstance(summary, dict) and summary["stale_baseline"] >= 1
    assert any("no longer occur" in n for n in report["notices"])  # type: ignore[attr-defined]


def test_baseline_does_not_hide_new_findings(project: Path) -> None:
    baseline = project / "baseline.json"
    assert verify("--write-baseline", str(baseline), "-f", "json").exit_code == 0
    add_conflict(project)
    code, report = report_of("--baseline", str(baseline))
    assert code == 1
    active = [f for f in report["findings"] if not f["baselined"]]  # type: ignore[attr-defined]
    assert active and all(NEW_CLAIM in f["claims"] for f in active)


# Every format on the bundled repository


@pytest.mark.parametrize("fmt", [f.value for f in Format if f is not Format.AUTO])
def test_every_format_writes_its_output_file(project: Path, fmt: str) -> None:
    out = project / "reports" / f"report.{fmt}"
    out.parent.mkdir()
    result = verify("--format", fmt, "--output", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        validate_report(json.loads(text))
    elif fmt == "sarif":
        document = json.loads(text)
        validate_sarif(document)
        check_github_rules(document)
        assert document["runs"][0]["results"]
    elif fmt == "github":
        annotations = [line for line in text.splitlines() if line.startswith("::error ")]
        assert annotations
        assert all("file=claims/" in a and ",line=" in a for a in annotations)
    elif fmt == "html":
        assert text.count('class="finding"') >= 1
    else:
        assert "\x1b[" not in text and "error" in text


@pytest.mark.skipif(not REAL_ARCHIVE.is_dir(), reason=NO_REAL_ARCHIVE)
@pytest.mark.parametrize("fmt", [f.value for f in Format if f is not Format.AUTO])
def test_a_report_reused_from_the_cache_prints_exactly_what_a_full_run_prints(
    project: Path, fmt: str
) -> None:
    archive = ("--archive", str(REAL_ARCHIVE))
    cold = verify("--format", fmt, *archive, "--no-cache")
    assert verify("--format", "json", *archive).exit_code == cold.exit_code  # stores the report
    assert list((project / FOLDER).glob("run-*.json"))
    warm = verify("--format", fmt, *archive)
    assert warm.exit_code == cold.exit_code == 1
    assert _without_run_time(warm.stdout) == _without_run_time(cold.stdout)


def _without_run_time(text: str) -> str:
    """The report without the HTML page's line saying when it was made."""
    return re.sub(r'<p class="run">.*?</p>', "", text)


def test_auto_is_github_in_actions_with_a_job_summary(project: Path) -> None:
    summary = project / "step-summary.md"
    result = verify(
        env={
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_WORKSPACE": str(project),
        }
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=claims/sources/")
    assert summary.read_text(encoding="utf-8").startswith("## aidcheck: ")


def test_auto_is_plain_text_outside_actions_and_fits_the_terminal(project: Path) -> None:
    result = verify(env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert "What the checks compared" in result.stdout
    assert "\x1b[" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_fail_on_decides_the_exit_code(project: Path) -> None:
    reprint = """\
source:
  id: reprint-2019-02-15
  publisher: 示例晚报
  title: 健康扶贫发布会
  published: 2019-02-15
  derived_from: [nhc-press-conference-2019-02-13]
claims:
  - id: reprint-2019-staff-dispatched
    metric: staff_dispatch_visits
    figure: 超过6万人次
    scope: {region: CN, programme: tertiary-county-pairing}
    period: {as_of: 2018-12-31}
    quote: 派出超过6万人次医务人员
"""
    (project / NEW_FILE).write_text(reprint, encoding="utf-8")  # untracked counts as changed
    code, report = report_of("--changed-since", "HEAD")
    severities = {f["severity"] for f in report["findings"]}  # type: ignore[attr-defined]
    assert severities == {"info"}, "a reprint of the briefing's figure is only worth a note"
    assert code == 0
    assert report_of("--changed-since", "HEAD", "--fail-on", "warning")[0] == 0
    assert report_of("--changed-since", "HEAD", "--fail-on", "info")[0] == 1


def test_unwritable_output_is_a_usage_error(project: Path) -> None:
    result = verify("--format", "json", "--output", str(project / "missing" / "r.json"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._color() is False


def test_pre_commit_hook_runs_verify_on_yaml_changes() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    [hook] = hooks
    assert hook["id"] == "aidcheck"
    assert hook["entry"] == "aidcheck verify" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("claims/sources/a.yaml") and files.search("b.yml")
    assert not files.search("notes.md")
