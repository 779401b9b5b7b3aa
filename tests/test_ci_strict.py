"""Under CI=true a skipped test fails the run (tests/conftest.py), unless it opts out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
SAMPLE = """\
import pytest


@pytest.mark.skipif(True, reason="chromium is not installed")
def test_needs_a_browser():
    pass

@pytest.mark.skip_allowed_in_ci("only meaningful off CI")
@pytest.mark.skipif(True, reason="fine to skip")
def test_may_skip():
    pass

def test_runs():
    pass
"""


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_sample.py")],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip


def test_a_skip_passes_off_ci(tmp_path: Path) -> None:
    done = _pytest(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 2 skipped" in done.stdout


def test_a_skip_fails_under_ci(tmp_path: Path) -> None:
    done = _pytest(tmp_path, "true")
    assert done.returncode == 1, done.stdout
    assert "skipped under CI=true" in done.stdout and "chromium is not installed" in done.stdout
    assert "1 passed, 1 skipped, 1 error" in done.stdout
