"""`aidcheck show` on a terminal: each matched claim in full, its citation inside its passage
with the figure marked, and the other claims on its metric.

Every string of the result is data (ids, quotes, publishers, notes), so the result is made
visible as a whole (`render.console.visible_model`) and printed on the shared console.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from aidcheck.evidence.view import CitationView
from aidcheck.lookup import ClaimView, ShowResult
from aidcheck.render.console import console as make_console
from aidcheck.render.console import finish, visible_model


def render(result: ShowResult, color: bool, width: int | None = None) -> str:
    result = visible_model(result)
    # long quotes and notes stay whole lines when piped or copied
    console = make_console(color, width, soft_wrap=True)
    if not result.matches:
        console.print(
            f"no claim matches '{result.query}': try a claim id, a figure such as 1180 or 6万, "
            "or a few characters of a quote"
        )
        return finish(console)
    console.print(
        Text(f"{len(result.matches)} claim(s) matching '{result.query}' by {result.matched_by}")
    )
    for match in result.matches:
        _view(console, match)
    return finish(console)


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
    if c.url:
        console.print(f"           {c.url}")
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
