"""Words that end where a number starts (超过, "more than", No., from), found without a slow scan.

The reader looks for a hedge, a currency, a label or a month in the few characters before each
number, with a pattern anchored at the number (`\\Z`, searched up to its start). Python's regex
engine finds such a match by trying every start in the window in turn, which costs tens of
microseconds per number; and most numbers have nothing before them. A `Lookback` knows which
characters can end a non-empty match, so when the character before the number is none of them,
it searches the empty window at the number instead, which gives the same answer.
"""

from __future__ import annotations

import re


class Lookback:
    """`pattern` (ending in `\\Z`) searched in the `size` characters before a position.

    `ends` is a one-character pattern that matches every character a non-empty match of
    `pattern` can end with; written with the same flags as `pattern`, so that case folding
    (K for k, İ for i) agrees. tests/numbers/test_lookback.py holds it to that.
    """

    def __init__(self, pattern: str, ends: str, size: int) -> None:
        self.pattern = re.compile(pattern)
        self.ends = re.compile(ends)
        self.size = size

    def search(self, s: str, end: int) -> re.Match[str] | None:
        """What `pattern.search(s, max(0, end - size), end)` finds."""
        if end and self.ends.match(s, end - 1):
            return self.pattern.search(s, max(0, end - self.size), end)
        return self.pattern.search(s, end, end)  # only an empty match can end here
