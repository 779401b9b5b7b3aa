"""Start-up: each command path imports only what it needs (measured in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "pydantic",
    "rich",
    "rich.console",
    "yaml",
    "opencc",
    "aidcheck.findings",
    "aidcheck.loader.repository",
    "aidcheck.model.claim",
    "aidcheck.numbers",
    "aidcheck.rules",
    "aidcheck.engine",
    "aidcheck.fullrun",
    "aidcheck.evidence.citations",
    "aidcheck.evidence.normalize",
    "aidcheck.render.text",
)

FULL_RUN = {
    "aidcheck.loader.repository",
    "aidcheck.model.claim",
    "aidcheck.numbers",
    "aidcheck.rules",
    "aidcheck.engine",
    "aidcheck.fullrun",
    "aidcheck.evidence.citations",
    "aidcheck.evidence.normalize",
    "opencc",
}
"""What only a run made in full imports: the loader, the models of claims, the number reader,
the rules and the citation checks."""


def loaded_after(statement: str) -> set[str]:
    """The HEAVY modules a fresh interpreter holds after running `statement`."""
    report = f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    probe = f"import json, sys\n{statement}\n{report}"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def test_the_cli_module_imports_none_of_the_heavy_modules() -> None:
    assert loaded_after("import aidcheck.cli") == set()


@pytest.mark.parametrize("module", ["aidcheck.commands.rules", "aidcheck.rules"])
def test_the_rule_catalogue_needs_neither_the_loader_nor_the_evidence_package(
    module: str,
) -> None:
    loaded = loaded_after(f"import {module}")
    assert not loaded & {
        "yaml",
        "opencc",
        "aidcheck.loader.repository",
        "aidcheck.evidence.citations",
        "aidcheck.evidence.normalize",
    }


def test_verify_loads_the_loader_the_rules_and_rich_only_when_it_uses_them() -> None:
    loaded = loaded_after("import aidcheck.commands.verify")
    assert not loaded & FULL_RUN
    assert not loaded & {"rich", "rich.console", "aidcheck.render.text"}


CLI_PROBE = """
import json, sys
from aidcheck.cli import app
try:
    app(args=sys.argv[1:])
except SystemExit as stop:
    report = getattr(sys.modules.get("aidcheck.findings"), "Report", None)
    built = report is not None and report.__pydantic_complete__
    print(json.dumps([stop.code, [m for m in HEAVY if m in sys.modules] + ["Report"] * built]))
"""


def cli_loads(cwd: Path, *args: str) -> tuple[int, set[str]]:
    """The exit code of `aidcheck ARGS` run in a fresh interpreter in `cwd`, and the HEAVY
    modules it imported (and "Report" if it built the report model's validator)."""
    probe = CLI_PROBE.replace("HEAVY", repr(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    code, modules = json.loads(done.stdout.splitlines()[-1])
    return code, set(modules)


UNFOUND_QUOTE = """\
  - id: example-county-hospitals-paired-again
    metric: county_hospitals_paired
    figure: 1300家
    quote: 三级医院与1300家县级医院建立帮扶关系
"""


@pytest.fixture(scope="module")
def warm_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by `aidcheck init` (claims, an archive) with a claim whose quote is not
    in its snapshot (a finding to show), whose cache holds its report."""
    root = tmp_path_factory.mktemp("warm") / "project"
    subprocess.run([sys.executable, "-m", "aidcheck", "init", str(root)], check=True)
    with next((root / "claims" / "sources").glob("*.yaml")).open("a", encoding="utf-8") as out:
        out.write(UNFOUND_QUOTE)
    subprocess.run(
        [sys.executable, "-m", "aidcheck", "verify", "-f", "json"], cwd=root, capture_output=True
    )
    return root


def test_a_run_whose_report_the_cache_holds_makes_no_run_and_builds_no_report_model(
    warm_project: Path,
) -> None:
    code, loaded = cli_loads(warm_project, "verify", "-f", "json", "-q")
    cold, full = cli_loads(warm_project, "verify", "-f", "json", "-q", "--no-cache")
    assert code == cold
    assert full >= FULL_RUN - {"aidcheck.evidence.normalize", "opencc"} | {"Report"}
    assert not loaded & FULL_RUN
    assert not loaded & {"rich.console", "aidcheck.render.text", "Report"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "github"])
def test_a_reused_report_is_shown_without_importing_the_rules(warm_project: Path, fmt: str) -> None:
    """The headings of a report's rules come from the report's record of their runs (SARIF,
    which describes each rule in full, still reads the registry)."""
    code, loaded = cli_loads(warm_project, "verify", "-f", fmt, "-q")
    assert code == cli_loads(warm_project, "verify", "-f", fmt, "-q", "--no-cache")[0] == 1
    assert not loaded & FULL_RUN
