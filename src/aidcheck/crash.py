"""What an unexpected exception looks like to a user and to CI: one line, its own exit code.

Exit 1 means "findings" and 2 "input errors"; a CI step that accepts 1 (`|| test $? -eq 1`)
must never pass because aidcheck crashed. An exception that escapes a command is a bug in
aidcheck, whatever input provoked it, so it exits `EXIT_BUG` (70, EX_SOFTWARE in sysexits.h)
with one line that says so and how to report it; the traceback is printed only with `--debug`
(or `AIDCHECK_DEBUG=1`), so that a hostile input cannot fill a CI log with it.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TextIO

EXIT_BUG = 70
DEBUG_FLAG = "--debug"
DEBUG_ENV = "AIDCHECK_DEBUG"


def bug_line(exc: BaseException) -> str:
    what = type(exc).__name__
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    shown = f"{what}: {detail}" if detail else what
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
    return (
        f"aidcheck: internal error ({shown}): this is a bug in aidcheck, not a finding; "
        f"please report it to aidcheck's issue tracker with the command you ran and the "
        f"traceback that `aidcheck {DEBUG_FLAG} ...` prints (exit {EXIT_BUG})"
    )


def run_guarded(
    app: Callable[[list[str]], object],
    argv: Sequence[str],
    *,
    debug_env: str | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `app` on `argv` (without `--debug`, which it takes out); the exit code it asks for,
    or EXIT_BUG with one line on stderr when an exception escapes."""
    args = [a for a in argv if a != DEBUG_FLAG]
    debug = len(args) != len(argv) or (debug_env or "") not in ("", "0")
    err = stderr or sys.stderr
    try:
        app(args)
    except SystemExit as done:
        code = done.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=err)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # RecursionError and MemoryError too: every escape is a bug
        if debug:
            traceback.print_exception(exc, file=err)
        print(bug_line(exc), file=err)
        return EXIT_BUG
    return 0
