"""Inputs that used to crash aidcheck (exit 1, like findings) end in an input error (exit 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from aidcheck.gating import GateOptions, GatingError, read_baseline
from aidcheck.verify import VerifyOptions, verify
from tests.rules.conftest import Repo, claim


def _mapped_figure(value: str, hedge: str) -> dict[str, Any]:
    return {"text": f"{value}家", "value": value, "unit": "家", "hedge": hedge}


@pytest.mark.parametrize(
    ("value", "hedge"),
    [
        ("1e100000000", "more_than"),
        ("9.99e999999", "about"),
        ("1e999999", "exact"),
        ("nan", "exact"),
    ],
)
def test_figure_of_absurd_size_is_a_schema_error(tmp_path: Path, value: str, hedge: str) -> None:
    repo = Repo(tmp_path / "repo")
    item = claim("a", "county_hospitals_paired", "1180家", as_of="2018-12-31")
    item["figure"] = _mapped_figure(value, hedge)
    report = repo.source("xinhua", [item]).verify()
    assert report.summary.exit_code == 2
    assert [f.code for f in report.findings] == ["L003"]
    assert len(report.model_dump_json()) < 20_000


def test_relation_factor_of_absurd_size_is_a_schema_error(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.source("xinhua", [claim("a", "county_hospitals_paired", "1180家", as_of="2018-12-31")])
    relation = {
        "id": "r",
        "left": "tertiary_hospitals_pairing",
        "op": "==",
        "right": "county_hospitals_paired",
        "factor": "1e999999",
    }
    report = repo.add("relations.yaml", {"relations": [relation]}).verify()
    assert report.summary.exit_code == 2
    assert any(f.code == "L003" and ".factor" in f.message for f in report.findings)


def test_derived_from_chain_of_1100_sources_is_followed_without_recursion(
    tmp_path: Path,
) -> None:
    repo = Repo(tmp_path / "repo")
    for i in range(1100):
        claims = [claim(f"c{i}", "county_hospitals_paired", "1180家", as_of="2018-12-31")]
        repo.source(f"s{i}", claims if i % 500 == 0 else [], derived_from=[f"s{i + 1}"])
    report = repo.verify()
    assert report.summary.exit_code in (0, 1)
    p601 = [f for f in report.findings if f.code == "P601"]
    assert p601 and "s1100" in p601[0].message


@pytest.mark.parametrize(
    "config",
    [
        'claims = "claims"\n[rules.A201]\nseverity = ["error"]\n',
        'claims = "claims"\nx = ' + "[" * 2000 + "]" * 2000 + "\n",
        'claims = "' + "a" * 5000 + '"\n',
        "claims = 5\n",
        'claims = "claims"\nx = ' + "9" * 5000 + "\n",
        'claims = "claims"\nselect = [1, 2]\n',
    ],
)
def test_hostile_configuration_is_an_input_error(tmp_path: Path, config: str) -> None:
    repo = Repo(tmp_path / "repo")
    repo.config = config
    report = repo.source("x", [claim("a", "county_hospitals_paired", "1180家")]).verify()
    assert report.summary.exit_code == 2
    assert {f.code for f in report.findings} <= {"L010", "L011"}


def test_configuration_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    root = Repo(tmp_path / "repo").write()
    (root / "aidcheck.toml").write_bytes(b'claims = "claims"\n# \xff\xfe\n')
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == 2
    [finding] = report.findings
    assert finding.code == "L011" and "UTF-8" in finding.message
    assert finding.locations[0].line == 2


def test_configuration_paths_outside_the_project_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("token: s3cr3t\n", encoding="utf-8")
    repo = Repo(tmp_path / "repo")
    repo.config = f'claims = ["claims", "{outside}"]\n'
    report = repo.verify()
    assert report.summary.exit_code == 2
    assert "leads outside the project" in report.findings[0].message
    assert "s3cr3t" not in report.model_dump_json()


def test_claim_folder_that_is_a_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = Repo(tmp_path / "repo").write()
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "aidcheck.toml").write_text('claims = "linked"\n', encoding="utf-8")
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == 2
    # named on the command line, the same folder is the user's choice
    report = verify(VerifyOptions(cwd=root, paths=[outside])).report
    assert not any("outside the project" in f.message for f in report.findings)


@pytest.mark.parametrize(
    "text",
    [
        '{"aidcheck_baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"aidcheck_baseline": ' + "9" * 5000 + ', "findings": []}',
    ],
)
def test_hostile_baseline_is_a_usage_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GatingError, match="--write-baseline"):
        read_baseline(path)


def test_stale_baseline_entry_of_the_wrong_types_is_read_without_crashing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "baseline.json"
    entry = {"fingerprint": "x", "code": ["A201"], "claims": [1, "a"], "message": "m" * 10**6}
    path.write_text(json.dumps({"aidcheck_baseline": 1, "findings": [entry]}), encoding="utf-8")
    repo = Repo(tmp_path / "repo")
    repo.source("x", [claim("a", "county_hospitals_paired", "1180家")])
    outcome = verify(VerifyOptions(cwd=repo.write(), gate=GateOptions(None, path, None)))
    assert outcome.report.summary.stale_baseline == 1
    assert sum(len(n) for n in outcome.report.notices) < 5_000


def test_configuration_that_is_a_fifo_is_an_input_error_not_skipped(tmp_path: Path) -> None:
    root = Repo(tmp_path / "repo").write()
    (root / "aidcheck.toml").unlink()
    os.mkfifo(root / "aidcheck.toml")
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == 2
    assert "FIFO" in report.findings[0].message


@pytest.mark.parametrize("claims", ["/", "/dev/zero", "../..", "pipe.yaml"])
def test_configured_claims_that_are_special_or_outside_read_nothing(
    tmp_path: Path, claims: str
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.config = f'claims = "{claims}"\n'
    root = repo.write()
    os.mkfifo(root / "pipe.yaml")
    report = verify(VerifyOptions(cwd=root)).report
    assert report.summary.exit_code == 2
    assert {f.code for f in report.findings} <= {"L001", "L010"}


def test_figure_string_out_of_range_is_a_schema_error(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    item = claim("a", "county_hospitals_paired", "1" + "0" * 21 + "家", as_of="2018-12-31")
    report = repo.source("xinhua", [item]).verify()
    assert report.summary.exit_code == 2
    assert [f.code for f in report.findings] == ["L003"]
    assert "out of range" in report.findings[0].message


def test_a_number_out_of_range_in_a_text_is_not_read_as_a_figure() -> None:
    from aidcheck.numbers import find_figures

    found = find_figures("共有1000000000000000000000家医院和5家诊所")
    assert [f.quantity.text for f in found] == ["5家"]


def test_a_wrong_limits_variable_is_an_input_error(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.source("x", [claim("a", "county_hospitals_paired", "1180家")])
    options = VerifyOptions(cwd=repo.write(), environ={"AIDCHECK_LIMITS": "nodes=lots"})
    report = verify(options).report
    assert report.summary.exit_code == 2
    assert [f.code for f in report.findings] == ["L012"]


def test_findings_of_one_check_in_one_file_are_capped_and_counted() -> None:
    from aidcheck.findings import Finding, Location, Severity
    from aidcheck.fullrun import cap_per_file

    def finding(i: int, path: str, severity: Severity = Severity.INFO) -> Finding:
        return Finding(
            code="C109",
            rule="no-snapshot",
            severity=severity,
            message=f"m{i}",
            claims=[f"c{i}"],
            locations=[Location(path=path, line=i + 1)],
            fingerprint=f"{i:016x}",
        )

    findings = [finding(i, "claims/a.yaml") for i in range(10)]
    findings.append(finding(10, "claims/a.yaml", Severity.ERROR))
    findings.append(finding(11, "claims/b.yaml"))
    capped = cap_per_file(findings, 3)
    in_a = [f for f in capped if f.locations[0].path == "claims/a.yaml"]
    assert len(in_a) == 4 and len(capped) == 5
    [summary] = [f for f in in_a if "more C109 findings" in f.message]
    assert summary.message.startswith("8 more") and summary.severity is Severity.ERROR
    assert "findings_per_file" in summary.message
    assert cap_per_file(findings, 1000) == findings
