"""The one way aidcheck writes to a terminal: data is never markup and never a control sequence.

Everything a command prints may come from a claim file, a snapshot or the configuration, all of
which a pull request can edit. So every terminal renderer (the text report, `show`, `sources`,
`rules` and the recording commands) makes its console here:

- the console never reads markup, emoji codes or highlighting into its input (`[bold]`, `[/]`,
  `:smile:` print as written);
- `visible` shows control characters, line breaks and bidirectional overrides from data as
  escapes (`\\x1b`, `\\n`, `\\u202e`), so a quote cannot move the cursor, retitle the terminal,
  open a link or start a new line of the log; `visible_model` does this for every string of a
  report model at once, before the renderer adds its own line breaks;
- `finish` returns the text with no line that a CI runner reads as a workflow command: a line
  whose first non-blank characters are `::` (GitHub's `::error file=…::`) gets a backslash in
  front of them. Only the `github` format writes workflow commands, and it escapes its data.
"""

from __future__ import annotations

import io
from typing import Any, TypeVar

from pydantic import BaseModel
from rich.console import Console

from aidcheck.safetext import no_commands as no_commands
from aidcheck.safetext import visible as visible

M = TypeVar("M", bound=BaseModel)


def visible_model(model: M) -> M:
    """A copy of `model` with `visible` applied to every string in it (keys included)."""
    return type(model).model_validate(_visible_data(model.model_dump()))


def _visible_data(data: Any) -> Any:
    if isinstance(data, str):
        return visible(data)
    if isinstance(data, dict):
        return {_visible_data(k): _visible_data(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(_visible_data(v) for v in data)
    return data


def console(
    color: bool, width: int | None = None, *, soft_wrap: bool = True, standard: bool = False
) -> Console:
    """A console writing to memory that takes nothing in its input as markup, emoji or
    highlighting. `soft_wrap` keeps long lines whole (for copying); `standard` limits colour
    to the 16 standard colours."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system=("standard" if standard else "auto") if color else None,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=soft_wrap,
    )


def finish(out: Console) -> str:
    """What `out` printed, with no line a CI runner would read as a workflow command."""
    assert isinstance(out.file, io.StringIO)
    return no_commands(out.file.getvalue())
