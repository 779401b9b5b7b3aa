"""Text from data made safe for a terminal or a CI log, with the standard library only.

`visible` shows control characters, line breaks, zero-width and bidirectional-control
characters as escapes; `no_commands` makes sure no line starts with `::` (a GitHub workflow
command). `render/console.py` builds the terminal console on these; commands that print a
one-line error holding data (a file name, a git message) without loading rich use them directly.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)
_COMMAND_LINE = re.compile(r"^(\s*)(::)", re.MULTILINE)


def visible(text: str) -> str:
    """`text` with every control, line-break, zero-width and bidirectional-control character
    shown as its escape (`\\x1b`, `\\n`, `\\t`, `\\u202e`): one line, safe on any terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def no_commands(text: str) -> str:
    """`text` with a backslash before the `::` that starts any line, so that no line of it is
    a workflow command for a CI runner (which ignores leading blanks)."""
    return _COMMAND_LINE.sub(r"\1\\\2", text)
