"""Rule configuration: `select`, `ignore` and `[rules.<code>]` tables, errors at their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck.config import ConfigError, find_project
from aidcheck.findings import Problem, Severity
from aidcheck.rules.rollup import RollupOptions
from aidcheck.settings import engine_settings
from aidcheck.verify import VerifyOptions, verify
from tests.rules.conftest import Repo, claim, findings


def _settings(tmp_path: Path, text: str, name: str = "aidcheck.toml") -> object:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return engine_settings(find_project(tmp_path))


def _problem(tmp_path: Path, text: str, name: str = "aidcheck.toml") -> Problem:
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, text, name)
    [problem] = caught.value.problems
    return problem


def _error(tmp_path: Path, text: str, name: str = "aidcheck.toml") -> tuple[int, str]:
    problem = _problem(tmp_path, text, name)
    return problem.locations[0].line, problem.message


def test_severity_and_options_are_read_per_rule(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        'select = ["A2", "region-rollup"]\n'
        "[rules.A201]\n"
        'severity = "warning"\n'
        "[rules.region-rollup]\n"
        "stock_days_after_whole = 30\n",
    )
    assert settings.select == ["A2", "R301"]  # type: ignore[attr-defined]
    assert settings.severities == {"A201": Severity.WARNING}  # type: ignore[attr-defined]
    assert settings.options["R301"] == RollupOptions(  # type: ignore[attr-defined]
        stock_days_after_whole=30
    )


def test_an_unknown_option_is_an_error_at_its_line(tmp_path: Path) -> None:
    problem = _problem(tmp_path, 'claims = "claims"\n\n[rules.R301]\nstock_days = 30\n')
    assert problem.locations[0].line == 4
    assert problem.message_id == "L011.unknown-option"
    assert problem.arguments == {
        "key": "rules.R301.stock_days",
        "code": "R301",
        "option": "stock_days",
    }


def test_an_option_of_the_wrong_type_is_an_error_at_its_line(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "[rules.T503]\nmax_age_days = -1\n")
    assert problem.locations[0].line == 2
    assert problem.message_id == "L011.invalid-option"
    assert problem.arguments["key"] == "rules.T503.max_age_days"


def test_a_rule_without_options_accepts_only_severity(tmp_path: Path) -> None:
    line, message = _error(tmp_path, '[rules.A201]\nseverity = "info"\nthreshold = 3\n')
    assert line == 3 and "threshold" in message


def test_a_bad_severity_is_an_error(tmp_path: Path) -> None:
    problem = _problem(tmp_path, '[rules.A201]\nseverity = "fatal"\n')
    assert problem.locations[0].line == 2
    assert problem.message_id == "L011.severity"
    assert problem.arguments["severities"] == "error, warning, info"


def test_unknown_rules_in_select_ignore_and_tables_are_errors(tmp_path: Path) -> None:
    assert _error(tmp_path, 'claims = "claims"\nselect = ["A2", "Z9"]\n')[0] == 2
    assert _error(tmp_path, 'ignore = ["not-a-rule"]\n')[0] == 1
    problem = _problem(tmp_path, 'claims = "claims"\n[rules.A299]\nseverity = "info"\n')
    assert problem.locations[0].line == 2
    assert (problem.message_id, problem.arguments["rule"]) == ("L011.unknown-rule", "A299")


def test_input_rules_cannot_be_configured(tmp_path: Path) -> None:
    problem = _problem(tmp_path, '[rules.L004]\nseverity = "warning"\n')
    assert problem.locations[0].line == 1
    assert (problem.message_id, problem.arguments["code"]) == ("L011.input-rule", "L004")


def test_lines_are_found_in_pyproject_too(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.aidcheck]\nclaims = "claims"\n\n'
        "[tool.aidcheck.rules.R301]\nprogrammes = { a = [1] }\n"
    )
    line, message = _error(tmp_path, text, "pyproject.toml")
    assert line == 8 and message.startswith("tool.aidcheck.rules.R301.programmes")


def test_verify_exits_2_with_an_l011_finding_on_a_config_error(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.config += "[rules.A201]\nsevertiy = 'warning'\n"
    report = repo.verify()
    assert report.summary.exit_code == 2
    [finding] = report.findings
    assert finding.code == "L011"
    assert (finding.locations[0].path, finding.locations[0].line) == ("aidcheck.toml", 3)


def test_a_configured_severity_changes_the_finding_and_the_exit_code(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.source("xinhua", [claim("x", "county_hospitals_paired", "1180家", as_of="2018-12-31")])
    repo.source("medsci", [claim("m", "county_hospitals_paired", "1100家", as_of="2018-12-31")])
    assert repo.verify().summary.exit_code == 1
    repo.config += '[rules.A201]\nseverity = "warning"\n'
    report = repo.verify()
    assert [f.severity for f in findings(report, "A201")] == [Severity.WARNING]
    assert report.summary.exit_code == 0
    strict = verify(VerifyOptions(cwd=repo.root, fail_on=Severity.WARNING)).report
    assert strict.summary.exit_code == 1


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('claims = "claims"\narchive = "a" "b"\n', 2, 15),
        ('claims = "claims"\nselect = [\n', 2, 11),
    ],
)
def test_invalid_toml_is_reported_at_its_line_and_column(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    (tmp_path / "aidcheck.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        find_project(tmp_path)
    [problem] = caught.value.problems
    where = problem.locations[0]
    assert (where.path, where.line, where.column) == ("aidcheck.toml", line, column)
    assert problem.message.startswith("invalid TOML: ") and "(at " not in problem.message
