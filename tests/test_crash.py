"""An exception that escapes a command is a bug: one line, exit 70, a traceback only on request."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from aidcheck.crash import EXIT_BUG, run_guarded


def _crashing(args: list[str]) -> None:
    raise RecursionError("maximum recursion depth exceeded\nsecond line")


@pytest.mark.parametrize("argv", [["verify"], ["verify", "--debug"]])
def test_an_escaping_exception_exits_70_with_one_line(argv: list[str]) -> None:
    err = io.StringIO()
    assert run_guarded(_crashing, argv, stderr=err) == EXIT_BUG == 70
    lines = err.getvalue().splitlines()
    assert "bug in aidcheck" in lines[-1] and "--debug" in lines[-1]
    assert "second line" not in lines[-1]
    if "--debug" in argv:
        assert any("Traceback" in line for line in lines)
    else:
        assert len(lines) == 1


def test_debug_from_the_environment_prints_the_traceback() -> None:
    err = io.StringIO()
    assert run_guarded(_crashing, [], debug_env="1", stderr=err) == EXIT_BUG
    assert "Traceback" in err.getvalue()


def test_debug_flag_is_taken_out_of_the_arguments() -> None:
    seen: list[list[str]] = []

    def app(args: list[str]) -> None:
        seen.append(args)
        raise SystemExit(1)

    assert run_guarded(app, ["verify", "--debug", "claims"]) == 1
    assert seen == [["verify", "claims"]]


@pytest.mark.parametrize(("code", "expected"), [(None, 0), (0, 0), (1, 1), (2, 2)])
def test_exit_codes_of_commands_pass_through(code: int | None, expected: int) -> None:
    def app(args: list[str]) -> None:
        raise SystemExit(code)

    assert run_guarded(app, []) == expected


def test_the_installed_command_exits_70_on_an_internal_error(tmp_path: Path) -> None:
    """Run the real entry point with a command that fails inside the library."""
    script = (
        "import sys, aidcheck.commands.rules as r\n"
        "def boom(*a, **k):\n    raise ZeroDivisionError('boom')\n"
        "r.run_list = boom\n"
        "sys.argv = ['aidcheck', 'rules']\n"
        "from aidcheck.cli import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == EXIT_BUG
    assert "ZeroDivisionError: boom" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
