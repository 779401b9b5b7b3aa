"""The command line as a user meets it: help text, and errors that say what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aidcheck.cli import app
from tests.conftest import RepoFactory


def help_of(*command: str) -> list[str]:
    """The help text's lines, wide enough that nothing has to wrap."""
    env = {**os.environ, "TERMINAL_WIDTH": "240", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "aidcheck", *command, "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return [line.strip(" │") for line in done.stdout.splitlines()]


@pytest.mark.parametrize(
    ("command", "sentence"),
    [
        ((), "claim on the same metric."),
        (("sources",), "its damaged, repaired, duplicated and boilerplate spans"),
        (("sources", "check"), "changed, 2 no archive, an unknown source id"),
    ],
)
def test_a_docstring_line_break_is_not_a_line_break_in_the_help(
    command: tuple[str, ...], sentence: str
) -> None:
    lines = help_of(*command)
    assert any(sentence in line for line in lines), "\n".join(lines)


def test_a_report_that_cannot_be_written_names_the_file_and_what_to_do(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_repo())
    target = Path("no-such-folder") / "report.json"
    result = CliRunner().invoke(app, ["verify", "--format", "json", "--output", str(target)])
    assert result.exit_code == 2
    assert f"cannot write the report to {target}:" in result.stderr
    assert "folder exists" in result.stderr
    assert ".tmp" not in result.stderr
