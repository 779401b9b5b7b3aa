"""`aidcheck sources list` and `sources check` on a terminal.

Publishers, titles, file names, reasons and excerpts are data: the report is made visible as a
whole (`render.console.visible_model`) and printed on the shared console, never as markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from aidcheck.evidence.citations import SnapshotStatus
from aidcheck.render.console import console as make_console
from aidcheck.render.console import finish, visible_model
from aidcheck.sources import SourcesReport


def render_list(data: SourcesReport, color: bool) -> str:
    data = visible_model(data)
    console = make_console(color)
    table = Table(box=None, pad_edge=False, show_edge=False)
    with_url = any(s.url for s in data.sources)  # the column only when some source has one
    columns = ("source", "publisher", "published", "claims", "citations")
    for column in (*columns, "url") if with_url else columns:
        table.add_column(column, justify="right" if column == "claims" else "left")
    for s in data.sources:
        ok = s.citation_status.startswith("verified")
        table.add_row(
            s.id,
            s.publisher,
            s.published,
            str(s.claims),
            Text(s.citation_status, style="green" if ok else "yellow"),
            *([Text(s.url or "", style="dim")] if with_url else []),
        )
    console.print(table)
    console.print(Text(f"archive: {data.archive or 'none'}", style="dim"))
    for notice in data.notices:
        console.print(f"note: {notice}")
    return finish(console)


def render_check(data: SourcesReport, color: bool) -> str:
    data = visible_model(data)
    console = make_console(color)
    console.print(Text(f"archive: {data.archive}", style="dim"))
    for c in data.checks:
        console.print()
        style = "green" if c.status == SnapshotStatus.OK.value else "red"
        console.print(
            Text(c.id, style="bold"),
            Text(f"  {c.file or '(no snapshot)'}  "),
            Text(c.status, style=style),
        )
        if c.reason:
            console.print(f"  {c.reason}")
        if c.actual_sha256:
            same = (
                "matches the source record"
                if c.actual_sha256 == c.expected_sha256
                else f"the source record says {c.expected_sha256}"
            )
            console.print(f"  sha256   {c.actual_sha256} ({same})")
            console.print(f"  text     {c.characters} characters, {c.lines} lines")
        for note in c.normalization:
            console.print(f"  normal.  {note}")
        if c.actual_sha256 and not c.spans:
            console.print("  spans    none found")
        for s in c.spans:
            lines = f"line {s.line}" if s.line == s.end_line else f"lines {s.line}-{s.end_line}"
            console.print(
                f"  {s.kind.value:<11} {lines:<13} [{s.start}, {s.end})  {s.heuristic}: "
                f"{s.excerpt!r}"
            )
            if s.repaired:
                console.print(f"              repaired: {s.repaired!r}")
            console.print(Text(f"              {s.note}", style="dim"))
    return finish(console)
