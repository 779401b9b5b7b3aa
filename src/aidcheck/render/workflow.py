"""Terminal output of the recording commands: `figure`, `extract`, `init` and `sources add`.

Everything printed here may come from a file or an argument, so it is never markup: the console
is made with `markup=False` and `highlight=False`, data goes in as `Text`, and control
characters are made visible before they reach the terminal.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from aidcheck.commands.figure import FigureReading

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with control and bidirectional-override characters shown as escapes (\\x1b)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def console(buffer: io.StringIO, color: bool) -> Console:
    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


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
    return buffer.getvalue()


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
    return buffer.getvalue()
