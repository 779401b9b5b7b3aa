"""The pre-commit hook runs on everything `verify` reads, not only YAML."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

HOOKS = Path(__file__).parents[1] / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, object]:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hook, dict)
    return hook


def test_the_hook_runs_on_claims_snapshots_configuration_and_baselines() -> None:
    hook = _hook()
    pattern = re.compile(str(hook["files"]))
    # pre-commit matches `files` with re.search against the repository-relative path.
    for path in [
        "claims/sources/xinhua-2019-02-14.yaml",
        "claims/registry.yml",
        "factcheck/aidcheck.toml",
        "pyproject.toml",
        "archive/001_cf9ab42a71210f63.txt",
        "archive/2019/nhc.html",
        "aidcheck-baseline.json",
    ]:
        assert pattern.search(path), path
    for path in ["src/aidcheck/cli.py", "README.md", "docs/logo.png"]:
        assert not pattern.search(path), path


def test_the_hook_checks_the_whole_repository_once() -> None:
    hook = _hook()
    assert hook["entry"] == "aidcheck verify"
    assert hook["pass_filenames"] is False
    assert hook["require_serial"] is True
    assert hook["language"] == "python"
