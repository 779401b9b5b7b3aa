"""The terminal report: findings grouped by rule and metric, each claim's source and wording
side by side, and a closing summary of what the checks compared.

The console comes from `render.console`: no markup (a quote that holds `[bold]` or `[/]` prints as
written), control characters and line breaks in data shown as escapes, and no line that a CI
runner reads as a workflow command. Without colour (not a terminal, `NO_COLOR`) the output is
plain text.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from aidcheck.findings import Finding, Report, Severity
from aidcheck.render import RenderOptions
from aidcheck.render.common import (
    accepted,
    aside,
    by_metric,
    by_rule,
    checks_line,
    claim_refs,
    ordered,
    plural,
    rule_info,
    rule_runs,
    scale,
)
from aidcheck.render.console import console as make_console
from aidcheck.render.console import finish, visible_model

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
LABEL_WIDTH = 7


def render(report: Report, options: RenderOptions) -> str:
    report = visible_model(report)
    console = make_console(options.color, options.width, soft_wrap=False, standard=True)
    for notice in report.notices:
        console.print(Text(f"note: {notice}", style="dim"))
    active = ordered(report.active())
    for code, group in by_rule(active):
        info = rule_info(code, report)
        console.print()
        head = Text(f"{code} {info.name}", style="bold")
        head.append(f": {info.title} ({plural(len(group), 'finding')})", style="")
        console.print(head)
        for metric, items in by_metric(report, group):
            if metric:
                console.print(Text(f"  metric {metric}", style="dim"))
            for finding in items:
                console.print(_finding(report, finding))
    _accepted(console, report)
    console.print()
    _summary(console, report)
    text = finish(console)
    if options.color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _finding(report: Report, finding: Finding) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=LABEL_WIDTH, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    body: list[RenderableType] = []
    if finding.locations:
        body.append(Text(str(finding.locations[0]), style="bold"))
    body.append(Text(finding.message))
    refs = claim_refs(report, finding)
    if refs:
        body.append(_claims_table(report, finding))
    shown = {ref.location.path for ref in refs}
    for extra in finding.locations[1:]:
        if extra.path not in shown:
            body.append(Text(f"also at {extra}", style="dim"))
    label = Text(finding.severity.value, style=STYLE[finding.severity])
    grid.add_row(label, Group(*body))
    return grid


def _claims_table(report: Report, finding: Finding) -> Table:
    table = Table(
        show_header=True,
        header_style="dim",
        box=None,
        padding=(0, 1, 0, 0),
        show_edge=False,
        expand=True,
    )
    table.add_column("source", ratio=2, overflow="fold")
    table.add_column("figure", ratio=2, overflow="fold")
    table.add_column("wording", ratio=7, overflow="fold")
    for ref in claim_refs(report, finding):
        source = Text(ref.publisher, style="bold")
        source.append(f"\n{ref.published}")
        figure = Text(ref.figure)
        figure.append(f"\n{ref.interval}", style="dim")
        wording = Text(ref.quote)
        wording.append(f"\n{ref.id}\n{ref.location}", style="dim")
        if ref.url:
            wording.append(f"\n{ref.url}", style="dim")
        table.add_row(source, figure, wording)
    return table


def _accepted(console: Console, report: Report) -> None:
    suppressed = [f for f in accepted(report) if f.suppressed is not None]
    if not suppressed:
        return
    console.print()
    console.print(Text(f"Accepted by a suppression ({len(suppressed)})", style="bold"))
    for finding in ordered(suppressed):
        line = Text(f"  {finding.code} ", style="dim")
        line.append(", ".join(finding.claims) or finding.message, style="dim")
        line.append(f": {finding.suppressed}", style="dim italic")
        console.print(line)


def _summary(console: Console, report: Report) -> None:
    s = report.summary
    console.print(Text("Summary", style="bold underline"))
    console.print(Text(f"  {scale(report)}"))
    line = Text("  ")
    line.append(plural(s.errors, "error"), style=STYLE[Severity.ERROR] if s.errors else "")
    line.append(", ")
    line.append(plural(s.warnings, "warning"), style=STYLE[Severity.WARNING] if s.warnings else "")
    line.append(", " + ", ".join(aside(report)))
    console.print(line)
    if report.rules:
        console.print(Text("What the checks compared", style="bold underline"))
        console.print(_rules_table(report))
        console.print(Text(f"  {checks_line(report)}"))
    elif not s.checks_run:
        console.print(Text("  no cross-checks ran", style="dim"))
    if s.input_errors:
        console.print(
            Text(
                f"{plural(s.input_errors, 'input error')}: fix them and run again (exit 2)",
                style="bold",
            )
        )


def _rules_table(report: Report) -> Table:
    table = Table(box=None, padding=(0, 1), header_style="dim", show_edge=False)
    table.add_column("  code", no_wrap=True)
    table.add_column("check", overflow="fold")
    table.add_column("compared", justify="right", no_wrap=True)
    table.add_column("passed", justify="right", no_wrap=True)
    table.add_column("found", justify="right", no_wrap=True)
    for run in rule_runs(report):
        check = Text(run.rule)
        if run.note:
            check.append(f"\n{run.note}", style="dim")
        found = Text(str(run.findings), style="bold" if run.findings else "")
        table.add_row(
            Text(f"  {run.code}"), check, Text(str(run.compared)), Text(str(run.passed)), found
        )
    return table
