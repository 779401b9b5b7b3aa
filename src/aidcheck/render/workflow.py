"""Terminal output of the recording commands: `figure`, `extract`, `init` and `sources add`.

Everything printed here may come from a file or an argument, so it is never markup: the console
comes from `render.console` (no markup, no highlighting), data goes in as `Text`, and control
characters are made visible (`visible`) before they reach the terminal.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from aidcheck.render.console import console as make_console
from aidcheck.render.console import no_commands
from aidcheck.render.console import visible as visible

if TYPE_CHECKING:
    from aidcheck.commands.figure import FigureReading
    from aidcheck.commands.sources_add import AddPlan
    from aidcheck.evidence.document import SnapshotText
    from aidcheck.extraction.report import Extraction


def console(buffer: io.StringIO, color: bool) -> Console:
    """The shared terminal console (`render.console`), writing to `buffer`."""
    out = make_console(color)
    out.file = buffer
    return out


def field(name: str, value: str, style: str = "") -> Text:
    line = Text(f"  {name:<10} ", style="dim")
    line.append(visible(value), style=style)
    return line


def render_figure(reading: FigureReading, color: bool) -> str:
    buffer = io.StringIO()
    out = console(buffer, color)
    out.print(Text(visible(reading.text), style="bold"))
    value = reading.value if reading.high is None else f"{reading.value} to {reading.high}"
    out.print(field("value", value))
    out.print(field("hedge", reading.hedge))
    out.print(field("unit", reading.unit or "(none)"))
    out.print(field("dimension", reading.dimension))
    out.print(field("step", reading.step + (" (rounded)" if reading.rounded else "")))
    out.print(field("interval", reading.interval.text, "bold"))
    out.print(Text("  why", style="dim"))
    for reason in reading.why:
        out.print(Text(f"    - {visible(reason)}"))
    return no_commands(buffer.getvalue())


def render_init(target: Path, written: list[Path], color: bool) -> str:
    buffer = io.StringIO()
    out = console(buffer, color)
    out.print(Text(f"Created a claim repository in {visible(str(target))}:", style="bold"))
    for path in written:
        out.print(Text(f"  {visible(path.as_posix())}"))
    out.print()
    where = visible(str(target))
    for line in (
        f"Next: cd {where} && aidcheck verify      (the example verifies cleanly)",
        "      aidcheck sources add ARTICLE.txt --publisher ... --title ... --published ...",
        "      aidcheck extract SOURCE-ID --format yaml",
        "See docs/workflow.md for the whole path from an article to a published check.",
    ):
        out.print(Text(line))
    return no_commands(buffer.getvalue())


def render_added(plan: AddPlan, snapshot: SnapshotText, dry_run: bool, color: bool) -> str:
    buffer = io.StringIO()
    out = console(buffer, color)
    verb = "Would add" if dry_run else "Added"
    out.print(Text(f"{verb} source {visible(plan.source.id)}", style="bold"))
    assert plan.source.snapshot is not None
    out.print(field("snapshot", str(plan.snapshot_path)))
    out.print(field("sha256", plan.source.snapshot.sha256))
    out.print(field("index", f"{plan.index_path} (one line added)"))
    out.print(field("claims", f"{plan.claim_path} (the source record; no claims yet)"))
    out.print(
        field("text", f"{len(snapshot.text)} characters, {len(snapshot.lines.newlines) + 1} lines")
    )
    notes = snapshot.notes()
    for note in notes:
        out.print(field("normal.", note))
    if not notes:
        out.print(field("normal.", "nothing to normalize"))
    for span in snapshot.spans:
        lines = (
            f"line {span.line}"
            if span.line == span.end_line
            else f"lines {span.line}-{span.end_line}"
        )
        out.print(field(span.kind.value, f"{lines}: {span.note}"))
    if not snapshot.spans:
        out.print(field("spans", "no damaged, duplicated or boilerplate text found"))
    if dry_run:
        out.print(Text("Nothing was written (--dry-run).", style="dim"))
    else:
        out.print(
            Text(f"Next: aidcheck extract {visible(plan.source.id)} --format yaml", style="dim")
        )
    return no_commands(buffer.getvalue())


def _left_out(kind: str, n: int) -> str:
    """`7 in boilerplate text`, `1 scope word (所有, 每个: a population, not a figure)`."""
    if kind == "scope word":
        return f"{n} scope word{'s' if n != 1 else ''} (所有, 每个: a population, not a figure)"
    if kind == "code or address":
        return f"{n} in URLs, e-mail addresses or phone numbers"
    return f"{n} in {kind} text"


def render_extraction(extraction: Extraction, color: bool) -> str:
    buffer = io.StringIO()
    out = console(buffer, color)
    name = extraction.source or extraction.file
    out.print(Text(f"{visible(name)}  ({visible(extraction.file)})", style="bold"))
    for f in extraction.figures:
        out.print()
        head = Text(f"  line {f.line:<5} ")
        head.append(visible(f.text), style="bold")
        unit = f" {f.unit}" if f.unit else ""
        head.append(f"  {f.hedge} {f.value}{'–' + f.high if f.high else ''}{unit} = {f.interval}")
        out.print(head)
        out.print(Text(f"    {visible(f.sentence)}", style="dim"))
        if f.covered_by:
            out.print(Text(f"    covered by {', '.join(f.covered_by)}", style="green"))
        else:
            out.print(Text("    not covered by any claim", style="yellow"))
    out.print()
    out.print(Text(extraction.coverage_line(), style="bold"))
    if extraction.left_out:
        parts = ", ".join(_left_out(kind, n) for kind, n in sorted(extraction.left_out.items()))
        out.print(Text(f"left out: {parts}", style="dim"))
    return no_commands(buffer.getvalue())
