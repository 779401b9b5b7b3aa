"""How serious a finding is: the one Severity of the rules, the configuration and `--fail-on`.

Kept in a module of its own, with nothing but the standard library, so that the command line
can offer its values without loading the report model.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}

SEVERITY_NAMES = ", ".join(s.value for s in Severity)
