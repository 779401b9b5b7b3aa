"""The report model: findings, what each rule compared, and a summary.

The core builds this model and never prints; renderers turn it into text, JSON, SARIF and the
rest. Everything here is plain data, so `Report.model_dump(mode="json")` is the JSON report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from aidcheck.severity import Severity as Severity  # the report model speaks of it

REPORT_SCHEMA_VERSION = "1.1"


class ReportModel(BaseModel):
    """The base of the report's models. Their validators are built when first used, not on
    import: a run whose report the cache holds writes the JSON format from the stored data and
    never builds them (aidcheck.runcache)."""

    model_config = ConfigDict(defer_build=True)


class Location(ReportModel):
    """A 1-based place in a file, relative to the repository root when it lies inside it."""

    path: str
    line: int = Field(ge=1)
    column: int = Field(default=1, ge=1)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


Argument = str | int | float | bool | None
"""What fills a message template: plain values, so that a finding carries its parts as data."""


@dataclass(frozen=True)
class Message:
    """One thing a rule can say: a stable id (`C103.closest`) and a template whose `{fields}`
    the problem's arguments fill (pyflakes' message classes, frictionless' error templates).

    The rule lists its messages; the problem carries the id and the arguments, so tests assert
    those rather than the wording, and a finding can be worded again from its parts.
    """

    id: str
    template: str

    def render(self, arguments: Mapping[str, Argument]) -> str:
        return self.template.format_map(arguments)

    def __call__(
        self,
        *,
        claims: list[str] | None = None,
        locations: list[Location] | None = None,
        details: dict[str, Any] | None = None,
        key: str | None = None,
        identity: str | None = None,
        **arguments: Argument,
    ) -> Problem:
        """The problem this message words with `arguments`."""
        return self.problem(
            arguments,
            claims=claims,
            locations=locations,
            details=details,
            key=key,
            identity=identity,
        )

    def problem(
        self,
        arguments: Mapping[str, Argument],
        *,
        claims: list[str] | None = None,
        locations: list[Location] | None = None,
        details: dict[str, Any] | None = None,
        key: str | None = None,
        identity: str | None = None,
    ) -> Problem:
        return Problem(
            message=self.render(arguments),
            message_id=self.id,
            arguments=dict(arguments),
            claims=claims or [],
            locations=locations or [],
            details=details or {},
            key=key,
            identity=identity,
        )


class Problem(ReportModel):
    """What a rule yields; the engine stamps the rule's code and configured severity on it.

    Rules build problems from a `Message` (`MESSAGE(claims=..., value=...)`); `message` is its
    template filled with `arguments`.
    """

    message: str
    message_id: str | None = Field(default=None, description="the id of the rule's message")
    arguments: dict[str, Argument] = Field(
        default_factory=dict, description="what fills the message's template"
    )
    claims: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)
    key: str | None = Field(
        default=None,
        description="what tells this problem apart from others of its rule on the same claims",
    )
    identity: str | None = Field(
        default=None,
        description="what identifies the finding in place of its claims, for findings about a "
        "group of claims that may grow (a relation between all claims stating 1180 and all "
        "stating 963): a new claim joining the group leaves the fingerprint unchanged",
    )


class Finding(ReportModel):
    code: str
    rule: str
    severity: Severity
    message: str
    message_id: str | None = Field(
        default=None, description="which of its rule's messages this is (`C103.closest`)"
    )
    arguments: dict[str, Argument] = Field(
        default_factory=dict, description="the values the message template was filled with"
    )
    claims: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)
    fingerprint: str = ""
    suppressed: str | None = Field(
        default=None, description="the reason of the suppression that accepted this finding"
    )
    baselined: bool = Field(
        default=False, description="listed in the baseline given with --baseline: not a failure"
    )

    @classmethod
    def from_problem(cls, code: str, rule: str, severity: Severity, problem: Problem) -> Finding:
        return cls(
            code=code,
            rule=rule,
            severity=severity,
            message=problem.message,
            message_id=problem.message_id,
            arguments=problem.arguments,
            claims=problem.claims,
            locations=problem.locations,
            details=problem.details,
            fingerprint=fingerprint(code, problem),
        )


def fingerprint(code: str, problem: Problem) -> str:
    """A stable identity for a finding: its code and claims (or its declared identity), never
    its line numbers.

    Findings that involve no claim (load errors) are identified by file and message instead.
    """
    if problem.identity:
        basis = [code, problem.identity]
    elif problem.claims:
        basis = [code, *sorted(problem.claims)]
    else:
        basis = [code, *(loc.path for loc in problem.locations), problem.message]
    if problem.key:
        basis.append(problem.key)
    return hashlib.sha256("\x1f".join(basis).encode()).hexdigest()[:16]


class RuleRun(ReportModel):
    """What one rule did: how many comparisons it made and how many passed."""

    code: str
    rule: str
    title: str
    compared: int = 0
    passed: int = 0
    findings: int = 0
    note: str | None = Field(
        default=None, description="why the rule compared nothing, or what it compared"
    )
    comparisons: list[str] = Field(
        default_factory=list, description="a short line for each comparison made, when useful"
    )


class SourceSummary(ReportModel):
    id: str
    publisher: str
    title: str
    published: str
    url: str | None = None
    claims: int
    citation_status: str = "not checked"


class ClaimRef(ReportModel):
    """What a reader needs to see of a claim next to a finding: who said what, where, when."""

    id: str
    metric: str
    figure: str
    interval: str
    unit: str | None
    source: str
    publisher: str
    published: str
    url: str | None = None
    quote: str
    location: Location


class Summary(ReportModel):
    sources: int = 0
    claims: int = 0
    metrics: int = 0
    regions: int = 0
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    suppressed: int = 0
    baselined: int = 0
    unchanged: int = Field(
        default=0, description="findings left out by --changed-since: no changed file involved"
    )
    stale_baseline: int = Field(default=0, description="baseline entries that no longer occur")
    input_errors: int = 0
    checks_run: bool = False
    exit_code: int = 0


class Report(ReportModel):
    schema_version: str = REPORT_SCHEMA_VERSION
    tool: dict[str, str] = Field(default_factory=dict)
    root: str = ""
    summary: Summary = Field(default_factory=Summary)
    notices: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    rules: list[RuleRun] = Field(default_factory=list)
    sources: list[SourceSummary] = Field(default_factory=list)
    claims: dict[str, ClaimRef] = Field(
        default_factory=dict, description="every claim that a finding names, by id"
    )

    def active(self) -> list[Finding]:
        """Findings that neither a suppression nor the baseline accepted."""
        return [f for f in self.findings if f.suppressed is None and not f.baselined]

    def ordered_data(self) -> dict[str, Any]:
        """The report as JSON data in a stable order: findings in report order (`ordered`),
        rules by code, sources by id, claims by id. The JSON report is this data with a
        machine-independent `root`; the cache keeps it as a whole run's report."""
        data = self.model_dump(mode="json")
        data["findings"] = [f.model_dump(mode="json") for f in ordered(self.findings)]
        data["rules"] = sorted(data["rules"], key=lambda r: r["code"])
        data["sources"] = sorted(data["sources"], key=lambda s: s["id"])
        data["claims"] = dict(sorted(data["claims"].items()))
        return data


def ordered(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by code, then by place; fingerprint and message break ties, so
    the order never depends on the order the checks ran in."""

    def key(f: Finding) -> tuple[int, str, str, int, int, str, str]:
        loc = f.locations[0] if f.locations else Location(path="", line=1)
        return (-f.severity.rank, f.code, loc.path, loc.line, loc.column, f.fingerprint, f.message)

    return sorted(findings, key=key)
