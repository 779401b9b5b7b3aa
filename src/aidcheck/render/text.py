"""The terminal report: findings grouped by rule and metric, each claim's source and wording
side by side, and a closing summary of what the checks compared.

The console comes from `render.console`: no markup (a quote that holds `[bold]` or `[/]` prints as
written), control characters and line breaks in data shown as escapes, and no line that a CI
runner reads as a workflow command. Without colour (not a terminal, `NO_COLOR`) the output is
plain text.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
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
    rule_heading,
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
    _to_fix(console, active)
    for code, group in by_rule(active):
        name, title = rule_heading(code, report)
        console.print()
        head = Text(f"{code} {name}", style="bold")
        head.append(f": {title} ({plural(len(group), 'finding')})", style="")
        console.print(head)
        for metric, items in by_metric(report, group):
            if metric:
                console.print(Text(f"  metric {metric}", style="dim"))
            for finding in items:
                console.print(_finding(report, finding, console.width))
    _accepted(console, report)
    console.print()
    _summary(console, report)
    text = finish(console)
    if options.color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


TO_FIX_WIDTH = 60


def _to_fix(console: Console, active: list[Finding]) -> None:
    """The report opens with what to fix: one line per error and warning, most severe first,
    each with its place and the start of its message; the details follow, grouped by rule."""
    to_fix = [f for f in active if f.severity is not Severity.INFO]
    if not to_fix:
        return
    console.print()
    console.print(Text(f"What to fix ({plural(len(to_fix), 'finding')})", style="bold underline"))
    for finding in to_fix:
        line = Text("  ")
        line.append(f"{finding.severity.value:<8}", style=STYLE[finding.severity])
        line.append(f"{finding.code:<5} ")
        if finding.locations:
            line.append(f"{finding.locations[0]}  ", style="bold")
        message = " ".join(finding.message.split())
        if len(message) > TO_FIX_WIDTH:
            message = message[: TO_FIX_WIDTH - 1] + "…"
        line.append(message)
        console.print(line)


def _finding(report: Report, finding: Finding, width: int) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=LABEL_WIDTH, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    body: list[RenderableType] = []
    if finding.locations:
        body.append(Text(str(finding.locations[0]), style="bold"))
    body.append(Text(finding.message))
    refs = claim_refs(report, finding)
    if refs:
        body.append(_claims_table(report, finding, width - LABEL_WIDTH - 1))
    shown = {ref.location.path for ref in refs}
    for extra in finding.locations[1:]:
        if extra.path not in shown:
            body.append(Text(f"also at {extra}", style="dim"))
    label = Text(finding.severity.value, style=STYLE[finding.severity])
    grid.add_row(label, Group(*body))
    return grid


NARROWEST = 12
"""The narrowest source and figure columns: a date (2020-10-15) stays on one line."""


def _claims_table(report: Report, finding: Finding, body: int) -> Group:
    """The claims side by side: publisher and date, figure and interval, the quote; under each
    row, the claim's id, place and address on a line of their own, which wraps only at spaces
    (a narrow column would cut ids and paths mid-token). `body` is the width they share."""
    width = max(NARROWEST, body * 2 // 11)
    rows: list[RenderableType] = [
        _claim_row(
            Text("source", style="dim"),
            Text("figure", style="dim"),
            Text("wording", style="dim"),
            width,
        )
    ]
    for ref in claim_refs(report, finding):
        source = Text(ref.publisher, style="bold")
        source.append(f"\n{ref.published}")
        figure = Text(ref.figure)
        figure.append(f"\n{ref.interval}", style="dim")
        quote = Text(wrap_words(ref.quote, body - 2 * width - 2))
        rows.append(_claim_row(source, figure, quote, width))
        where = Text(f"  {ref.id} {ref.location}", style="dim")
        if ref.url:
            where.append(f" {ref.url}", style="dim")
        rows.append(where)
    return Group(*rows)


WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%+\-/]*[0-9A-Za-z%]|[0-9A-Za-z]|\s+|.", re.S)


def wrap_words(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` cells, between Chinese characters or at
    spaces, never inside a run of Latin letters and digits (121, 2020-10-15, 9.32): rich folds
    text without spaces at any character, which cut 研究生121人 into 研究生1 / 21人. Only a run
    longer than a whole line is cut."""
    if width < 1:
        return text
    lines: list[str] = []
    line, used = "", 0
    for token in WORD.findall(text):
        if token == "\n":
            lines.append(line)
            line, used = "", 0
            continue
        size = cell_len(token)
        if used + size > width and line:
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        while size > width:  # a run that no line can hold
            lines.append(token[:width])
            token = token[width:]
            size = cell_len(token)
        line += token
        used += size
    lines.append(line)
    return "\n".join(lines)


def _claim_row(source: Text, figure: Text, wording: Text, width: int) -> Table:
    row = Table.grid(padding=(0, 1, 0, 0), expand=True)
    row.add_column(width=width, overflow="fold")
    row.add_column(width=width, overflow="fold")
    row.add_column(ratio=1, overflow="fold")
    row.add_row(source, figure, wording)
    return row


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
