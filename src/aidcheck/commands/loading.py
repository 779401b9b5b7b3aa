"""What `show` and `sources` share: load the repository and open the archive as `verify` does,
and stop at input errors with the report that names them."""

from __future__ import annotations

import sys
from pathlib import Path

from aidcheck.render import Format, RenderOptions, render
from aidcheck.verify import Outcome, VerifyOptions, verify


def load(
    archive: Path | None, color: bool, *, run_checks: bool, cwd: Path | None = None
) -> Outcome | None:
    """The loaded repository (and its evidence), with the cross-checks run if `run_checks`;
    None after printing the input errors to stderr (the command then exits 2). Its stdout
    stays the command's own output, so `--format json` is never mixed with a text report."""
    options = VerifyOptions(archive=archive, run_checks=run_checks)
    if cwd is not None:
        options.cwd = cwd
    outcome = verify(options)
    if outcome.repository is None or outcome.report.summary.input_errors:
        report = render(outcome.report, Format.TEXT, RenderOptions(color=color))
        print(report, end="", file=sys.stderr)
        return None
    return outcome
