"""The fixed budgets that keep one run bounded in time and memory, whatever the input.

Claim files, snapshots, configuration and baselines may come from a pull request that nobody
has read yet, so every cost aidcheck pays for an input is capped. Each cap has a default that a
real claim repository stays far below; reaching one is an input error (or a finding) that names
the file and the limit, never a crash or a silent cut. Raise a limit with the environment
variable `AIDCHECK_LIMITS` (e.g. `AIDCHECK_LIMITS="file_bytes=8000000 nodes=1000000"`): the
environment belongs to whoever runs aidcheck, unlike the configuration file, which the change
under test can edit. docs/security.md lists the limits.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache

ENV_VAR = "AIDCHECK_LIMITS"


@dataclass(frozen=True, slots=True)
class Limits:
    file_bytes: int = 2_000_000
    """Bytes of one claim file, configuration file or baseline."""
    nodes: int = 200_000
    """YAML nodes built for one claim file, counting each alias expansion again."""
    depth: int = 64
    """Nesting depth of a YAML document or a JSON baseline."""
    snapshot_bytes: int = 2_000_000
    """Bytes of one snapshot in the evidence archive."""
    baseline_bytes: int = 50_000_000
    """Bytes of a baseline file (--baseline)."""
    quote_chars: int = 5_000
    """Characters of one claim's quote; a longer quote is not searched in its snapshot."""
    closest_chars: int = 20_000_000
    """Characters of snapshots scanned per run for the closest passage of unfound quotes."""
    findings_per_file: int = 1_000
    """Findings of one check located in one file; the rest are counted in one more finding."""
    problems_per_file: int = 100
    """Input problems listed for one file; the rest are counted in one last problem."""
    files: int = 50_000
    """Claim files under the claim folders."""

    def hint(self, name: str) -> str:
        """How to raise the limit `name` (a field of this class)."""
        value = getattr(self, name)
        return f'limit {name}={value}; raise it with {ENV_VAR}="{name}={value * 10}"'


NAMES = tuple(f.name for f in fields(Limits))
_ITEM = re.compile(r"^\s*([a-z_]+)\s*=\s*([0-9_]{1,15})\s*$")


class LimitsError(ValueError):
    """AIDCHECK_LIMITS is not a list of `name=number` items."""


def parse(text: str) -> Limits:
    limits = Limits()
    for item in re.split(r"[,\s;]+", text.strip()):
        if not item:
            continue
        found = _ITEM.match(item)
        if found is None or found.group(1) not in NAMES or int(found.group(2)) < 1:
            raise LimitsError(
                f"{ENV_VAR}: cannot read '{item[:80]}'; write name=number items separated by "
                f"spaces or commas, with names among {', '.join(NAMES)}"
            )
        limits = replace(limits, **{found.group(1): int(found.group(2))})
    return limits


def from_environ(environ: Mapping[str, str]) -> Limits:
    return _parse_cached(environ.get(ENV_VAR, ""))


@cache
def _parse_cached(text: str) -> Limits:
    return parse(text)


def current() -> Limits:
    """The limits of this process (from os.environ; LimitsError when the variable is wrong)."""
    return from_environ(os.environ)
