"""`aidcheck sources list` and `aidcheck sources check`: the sources and their snapshots."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from pydantic import BaseModel, Field
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aidcheck.commands.loading import load
from aidcheck.evidence.citations import Evidence, SnapshotStatus
from aidcheck.evidence.spans import Span
from aidcheck.findings import SourceSummary
from aidcheck.loader.repository import Repository
from aidcheck.rules.citation import short
from aidcheck.verify import EXIT_INPUT

EXCERPT_CHARS = 24


class SpanReport(Span):
    excerpt: str = ""


class SourceCheck(BaseModel):
    id: str
    file: str | None
    status: str
    reason: str = ""
    expected_sha256: str | None = None
    actual_sha256: str | None = None
    characters: int = 0
    lines: int = 0
    normalization: list[str] = Field(default_factory=list)
    spans: list[SpanReport] = Field(default_factory=list)


class SourcesReport(BaseModel):
    archive: str | None
    sources: list[SourceSummary] = Field(default_factory=list)
    checks: list[SourceCheck] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)


def _archive_name(evidence: Evidence | None) -> str | None:
    return str(evidence.archive.root) if evidence is not None else None


def run_list(fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=True)  # the citation status needs the checks
    if outcome is None:
        return EXIT_INPUT
    data = SourcesReport(
        archive=_archive_name(outcome.evidence),
        sources=outcome.report.sources,
        notices=outcome.report.notices,
    )
    if fmt == "json":
        print(
            json.dumps(
                data.model_dump(mode="json", exclude={"checks"}), ensure_ascii=False, indent=2
            )
        )
    else:
        print(render_list(data, color), end="")
    return 0


def run_check(ids: list[str], fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=False)
    if outcome is None:
        return EXIT_INPUT
    repo = outcome.repository
    assert repo is not None
    unknown = [i for i in ids if i not in repo.sources]
    if unknown:
        known = ", ".join(sorted(repo.sources))
        print(
            f"aidcheck: error: unknown source {', '.join(unknown)}; known sources: {known}",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if outcome.evidence is None:
        for notice in outcome.report.notices:
            print(f"aidcheck: error: no snapshots to check: {notice}", file=sys.stderr)
        return EXIT_INPUT
    checks = [check_source(repo, outcome.evidence, i) for i in (ids or list(repo.sources))]
    data = SourcesReport(archive=_archive_name(outcome.evidence), checks=checks)
    if fmt == "json":
        print(
            json.dumps(
                data.model_dump(mode="json", exclude={"sources", "notices"}),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render_check(data, color), end="")
    failing = (SnapshotStatus.MISSING, SnapshotStatus.UNSAFE, SnapshotStatus.CHANGED)
    return 1 if any(c.status in failing for c in checks) else 0


def check_source(repo: Repository, evidence: Evidence, source_id: str) -> SourceCheck:
    state = evidence.snapshot(repo.sources[source_id])
    out = SourceCheck(
        id=source_id,
        file=state.file,
        status=state.status.value,
        reason=state.reason,
        expected_sha256=state.expected,
        actual_sha256=state.actual,
    )
    snapshot = state.text
    if snapshot is None:
        return out
    out.characters = len(snapshot.text)
    out.lines = snapshot.text.count("\n") + 1
    out.normalization = snapshot.notes()
    out.spans = [
        SpanReport(
            **span.model_dump(), excerpt=short(snapshot.text[span.start : span.end], EXCERPT_CHARS)
        )
        for span in snapshot.spans
    ]
    return out


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(
        file=buffer, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True
    )


def render_list(data: SourcesReport, color: bool) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color)
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("source", "publisher", "published", "claims", "citations"):
        table.add_column(column, justify="right" if column == "claims" else "left")
    for s in data.sources:
        ok = s.citation_status.startswith("verified")
        table.add_row(
            s.id,
            s.publisher,
            s.published,
            str(s.claims),
            Text(s.citation_status, style="green" if ok else "yellow"),
        )
    console.print(table)
    console.print(Text(f"archive: {data.archive or 'none'}", style="dim"))
    for notice in data.notices:
        console.print(f"note: {notice}")
    return buffer.getvalue()


def render_check(data: SourcesReport, color: bool) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color)
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
    return buffer.getvalue()
