"""`aidcheck verify`."""

from __future__ import annotations

from pathlib import Path

from aidcheck.findings import Severity
from aidcheck.render import Format, RenderOptions, render
from aidcheck.verify import VerifyOptions, verify


def run(paths: list[Path], fmt: str, fail_on: str | None, color: bool) -> int:
    outcome = verify(VerifyOptions(paths=paths, fail_on=Severity(fail_on) if fail_on else None))
    print(render(outcome.report, Format(fmt), RenderOptions(color=color)), end="")
    return outcome.report.summary.exit_code
