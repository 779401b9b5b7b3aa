"""The SARIF report through Microsoft's SARIF multitool with its GitHub ingestion rules.

`validate --rule-kind "Sarif;Ghas"` runs the multitool's SARIF best-practice rules and the rules
GitHub Advanced Security applies when it ingests a file (GH1001-GH2012). The multitool is a .NET
program distributed on npm (`@microsoft/sarif-multitool`); .ci/run installs it and names its
binary in AIDCHECK_SARIF_MULTITOOL. Without it this test skips, which fails CI (conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aidcheck.findings import Report
from aidcheck.render import Format, render


def _multitool() -> str | None:
    named = os.environ.get("AIDCHECK_SARIF_MULTITOOL")
    if named:
        return named
    return shutil.which("sarif-multitool") or shutil.which("Sarif.Multitool")


MULTITOOL = _multitool()
needs_multitool = pytest.mark.skipif(
    MULTITOOL is None,
    reason="the SARIF multitool is not installed: `npm install @microsoft/sarif-multitool` and "
    "set AIDCHECK_SARIF_MULTITOOL to its Sarif.Multitool binary",
)


def multitool_problems(sarif: str, tmp_path: Path) -> list[str]:
    """The errors and warnings the multitool reports for `sarif` (its notes are advice)."""
    assert MULTITOOL is not None
    given = tmp_path / "report.sarif"
    given.write_text(sarif, encoding="utf-8")
    log = tmp_path / "validation.sarif"
    done = subprocess.run(
        [MULTITOOL, "validate", "--rule-kind", "Sarif;Ghas", "--log", "ForceOverwrite",
         "--output", str(log), str(given)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert log.exists(), f"the multitool wrote no log: {done.stdout}{done.stderr}"
    document: dict[str, Any] = json.loads(log.read_text(encoding="utf-8-sig"))
    return [
        f"{r['ruleId']}: {r['message'].get('text') or r['message'].get('arguments')}"
        for run in document["runs"]
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]


@needs_multitool
def test_the_fixture_report_passes_the_github_rules(report: Report, tmp_path: Path) -> None:
    assert multitool_problems(render(report, Format.SARIF), tmp_path) == []


@needs_multitool
def test_the_bundled_repository_passes_the_github_rules(tmp_path: Path) -> None:
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "aidcheck", "verify", "--format", "sarif"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert multitool_problems(done.stdout, tmp_path) == []


@needs_multitool
def test_the_multitool_can_fail(report: Report, tmp_path: Path) -> None:
    document = json.loads(render(report, Format.SARIF))
    del document["runs"][0]["results"][0]["locations"]
    problems = multitool_problems(json.dumps(document), tmp_path)
    assert any(p.startswith("GH") for p in problems), problems
