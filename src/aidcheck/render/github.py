"""GitHub Actions workflow commands: one annotation per finding, on the claim's line.

GitHub shows at most ten annotations of each level per step, so the command also appends the
Markdown report to the job summary (`$GITHUB_STEP_SUMMARY`) with `append_step_summary`.
Escaping follows the runner's own (actions/toolkit `command.ts`): in the message `%`, `\\r` and
`\\n`; in property values also `:` and `,`. Other control characters from data (ESC, BEL,
bidirectional overrides) are written as visible escapes (`\\x1b`), so an annotation cannot carry
a terminal escape sequence into the job log.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from aidcheck.findings import Finding, Location, Report, Severity
from aidcheck.render import RenderOptions
from aidcheck.render.common import claim_refs, headline, ordered, primary_location

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_data(text: str) -> str:
    text = _CONTROL.sub(_visible, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    lines = [_annotation(report, f, options.workspace) for f in ordered(report.active())]
    lines.extend(f"::notice title=aidcheck::{escape_data(n)}" for n in report.notices)
    lines.append(f"aidcheck: {headline(report)}")
    return "".join(line + "\n" for line in lines)


def _annotation(report: Report, finding: Finding, workspace: str | None) -> str:
    props: list[tuple[str, str]] = []
    where = primary_location(report, finding)
    if where is not None:
        props += [
            ("file", _path(report, where, workspace)),
            ("line", str(where.line)),
            ("col", str(where.column)),
        ]
    props.append(("title", f"{finding.code} {finding.rule}"))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {head}::{escape_data(_message(report, finding))}"


def _message(report: Report, finding: Finding) -> str:
    lines = [finding.message]
    for ref in claim_refs(report, finding):
        lines.append(
            f"{ref.id} ({ref.publisher} {ref.published}{', ' + ref.url if ref.url else ''}, "
            f"{ref.location}): "
            f"{ref.figure} — {ref.quote}"
        )
    return "\n".join(lines)


def _path(report: Report, where: Location, workspace: str | None) -> str:
    """The path relative to the workspace, which is what GitHub resolves annotations against."""
    if not workspace or not report.root:
        return where.path
    full = Path(report.root) / where.path
    try:
        return Path(os.path.relpath(full, workspace)).as_posix()
    except ValueError:
        return where.path


def append_step_summary(report: Report, path: Path) -> None:
    """Append the Markdown report to the job summary file GitHub names in GITHUB_STEP_SUMMARY."""
    from aidcheck.render.markdown import render as markdown

    with path.open("a", encoding="utf-8") as handle:
        handle.write(markdown(report, RenderOptions()) + "\n")
