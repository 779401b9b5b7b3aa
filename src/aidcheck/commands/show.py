"""`aidcheck show`."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from aidcheck.commands.loading import load
from aidcheck.evidence.view import CitationView
from aidcheck.lookup import ClaimView, ShowResult, show
from aidcheck.verify import EXIT_INPUT


def run(query: str, fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=False)
    if outcome is None or outcome.repository is None:
        return EXIT_INPUT
    result = show(outcome.repository, query, outcome.evidence, citations=True)
    if fmt == "json":
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(render_text(result, color), end="")
    if not result.matches:
        if fmt == "json":
            print(f"no claim matches '{query}'", file=sys.stderr)
        return 1
    return 0


def render_text(result: ShowResult, color: bool, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=True,  # long quotes and notes stay whole lines when piped or copied
    )
    if not result.matches:
        console.print(
            f"no claim matches '{result.query}': try a claim id, a figure such as 1180 or 6万, "
            "or a few characters of a quote"
        )
        return buffer.getvalue()
    console.print(
        Text(f"{len(result.matches)} claim(s) matching '{result.query}' by {result.matched_by}")
    )
    for match in result.matches:
        _view(console, match)
    return buffer.getvalue()


def _view(console: Console, v: ClaimView) -> None:
    c = v.claim
    console.print()
    console.print(Text(c.id, style="bold"), Text(f"  {c.location}  ({v.match})", style="dim"))
    console.print(f"  figure   {c.figure}  ({v.hedge}, {v.dimension}, interval {c.interval})")
    console.print(f"  metric   {c.metric}: {v.metric_name}")
    scope = ", ".join(f"{k} {val}" for k, val in v.scope.items() if val)
    console.print(f"  scope    {scope}")
    period = ", ".join(f"{k} {val}" for k, val in v.period.items() if val)
    console.print(f"  period   {period}")
    origin = f" (derived from {', '.join(v.derived_from)})" if v.derived_from else ""
    console.print(f"  source   {c.source}: {c.publisher}, {c.published}{origin}")
    console.print(f"           {v.source_title}")
    console.print(f"  quote    {c.quote}")
    if v.citation is not None:
        _citation(console, v.citation, color=not console.no_color)
    if v.note:
        console.print(f"  note     {v.note}")
    if v.same_metric:
        console.print(f"  other claims on {c.metric}:")
        for other in v.same_metric:
            console.print(
                f"    {other.figure:<14} {other.id}  ({other.publisher} {other.published})"
            )


def _citation(console: Console, cited: CitationView, color: bool) -> None:
    """The citation's verdict, then the quote inside its passage with the figure marked."""
    where = f"  {cited.file}:{cited.line}:{cited.column}" if cited.line is not None else ""
    verdict = Text(f"  citation {cited.status}", style="green" if cited.verified else "red")
    console.print(verdict, Text(where, style="dim"))
    for problem in cited.problems:
        console.print(f"           - {problem}")
    if cited.quote is not None:
        passage = Text("           " + cited.before)
        quote = Text(cited.quote, style="bold")
        for start, end in cited.figures:
            quote.stylize("reverse", start, end)
        if not color:
            quote = _marked(cited.quote, cited.figures)
        passage.append_text(quote)
        passage.append(cited.after)
        console.print(passage)
        for repaired in cited.repaired:
            console.print(f"           repaired text: {repaired}")
    elif cited.closest is not None:
        closest = cited.closest
        console.print(
            f"           closest passage (line {closest.line}, "
            f"{closest.similarity:.0%} alike): {closest.text}"
        )


def _marked(quote: str, figures: list[tuple[int, int]]) -> Text:
    """Without colour: the quote in »…«, each figure in [brackets]."""
    out = quote
    for start, end in sorted(figures, reverse=True):
        out = f"{out[:start]}[{out[start:end]}]{out[end:]}"
    return Text(f"»{out}«")
