"""Start-up: each command path imports only what it needs (measured in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "pydantic",
    "rich",
    "yaml",
    "opencc",
    "aidcheck.findings",
    "aidcheck.loader.repository",
    "aidcheck.evidence.citations",
    "aidcheck.evidence.normalize",
    "aidcheck.render.text",
)


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


def test_verify_loads_the_evidence_package_and_rich_only_when_it_uses_them() -> None:
    loaded = loaded_after("import aidcheck.commands.verify")
    assert "aidcheck.loader.repository" in loaded
    assert not loaded & {"rich", "opencc", "aidcheck.evidence.citations", "aidcheck.render.text"}
