"""G001: a change that weakens the gate (reported by `verify --changed-since`, never run)."""

from __future__ import annotations

from aidcheck.findings import Message, Severity
from aidcheck.rules.base import Family, Rule

DISABLED = Message(
    "G001.disabled",
    "{rule} ran at {ref} and this change switches it off ({setting})",
)
LOWERED = Message(
    "G001.lowered",
    "{rule}: this change lowers its severity from {before} to {after}",
)
FAIL_ON = Message(
    "G001.fail_on",
    "this change raises fail_on from {before} to {after}: findings of severity {before} no "
    "longer fail the run",
)
MOVED = Message(
    "G001.moved",
    "this change sets {setting} to {after} (it was {before} at {ref}): the gate would check "
    "other files than it did",
)

WEAKENED_GATE = Rule(
    code="G001",
    name="weakened-gate",
    family=Family.META,
    title="The change under test weakens the gate's configuration",
    severity=Severity.ERROR,
    messages=(DISABLED, LOWERED, FAIL_ON, MOVED),
    description="""The configuration (`aidcheck.toml`, or `[tool.aidcheck]` in `pyproject.toml`)
comes with the change it gates, so a pull request could switch off the check that would fail it.
With `--changed-since REF`, aidcheck reads the configuration as it was where the change branched
off REF and reports, at the line of the key, every way the change weakens it: a rule that ran is
no longer selected (`select`, `ignore`), a rule's `severity` is lower, `fail_on` is higher, or
`claims` or `archive` points elsewhere. Rule options are not compared.

This finding is never suppressed, baselined or left out by `--changed-since`, and cannot be
configured. A maintainer who means the change merges it; from then on the merge base carries the
new configuration and the finding is gone.

Passing: a pull request that adds claim files and leaves the configuration alone.

Failing: a pull request that adds `ignore = ["A2"]`, or `[rules.A201] severity = "info"`.
""",
)

RULES = (WEAKENED_GATE,)
