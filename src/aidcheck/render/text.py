"""The terminal report: findings grouped by rule, each claim's source and wording side by side."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aidcheck.findings import Finding, Report, Severity
from aidcheck.render import RenderOptions

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        soft_wrap=False,
    )
    for notice in report.notices:
        console.print(Text(f"note: {notice}", style="dim"))
    findings = sorted(report.active(), key=lambda f: (-f.severity.rank, f.code))
    for code, group in groupby(findings, key=lambda f: f.code):
        items = list(group)
        console.print()
        console.print(Text(f"{code} {items[0].rule} ({len(items)})", style="bold underline"))
        for finding in items:
            _finding(console, report, finding)
    console.print()
    _summary(console, report)
    return buffer.getvalue()


def _finding(console: Console, report: Report, finding: Finding) -> None:
    head = Text()
    head.append(f"{finding.severity.value:<7}", style=STYLE[finding.severity])
    where = str(finding.locations[0]) if finding.locations else ""
    head.append(f" {where} ", style="bold")
    head.append(finding.message)
    console.print(head)
    refs = [report.claims[c] for c in finding.claims if c in report.claims]
    if refs:
        table = Table(show_header=True, header_style="dim", box=None, padding=(0, 1))
        table.add_column("source", no_wrap=False, ratio=2)
        table.add_column("figure", ratio=1)
        table.add_column("quote", ratio=4)
        for ref in refs:
            table.add_row(
                f"{ref.publisher} {ref.published}\n{ref.location}",
                f"{ref.figure}\n{ref.interval}",
                ref.quote,
            )
        console.print(table)
    for extra in finding.locations[1:]:
        console.print(Text(f"        also at {extra}", style="dim"))


def _summary(console: Console, report: Report) -> None:
    s = report.summary
    line = Text()
    line.append(
        f"{s.sources} sources, {s.claims} claims, {s.metrics} metrics, {s.files} files: "
    )
    line.append(f"{s.errors} errors", style=STYLE[Severity.ERROR] if s.errors else "")
    line.append(", ")
    line.append(f"{s.warnings} warnings", style=STYLE[Severity.WARNING] if s.warnings else "")
    line.append(f", {s.infos} info")
    if s.suppressed:
        line.append(f", {s.suppressed} suppressed")
    console.print(line)
    if report.rules:
        ran = len(report.rules)
        compared = sum(r.compared for r in report.rules)
        passed = sum(r.passed for r in report.rules)
        console.print(f"{ran} checks made {compared} comparisons, {passed} passed")
    if s.input_errors:
        console.print(
            Text(f"{s.input_errors} input errors: fix them and run again (exit 2)", style="bold")
        )
