"""The engine: run each selected rule, stamp code and configured severity on what it yields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aidcheck import rules
from aidcheck.findings import Finding, RuleRun, Severity
from aidcheck.loader.repository import Repository
from aidcheck.rules import suppression
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.facts import RunFacts

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence
    from aidcheck.evidence.claimcache import ClaimCache


NOTHING_COMPARED = "compared nothing: no claims it applies to"
"""The note the engine gives a rule that compared nothing and did not say why."""


@dataclass
class EngineSettings:
    """Which rules run, at what severity, with which options (from the configuration)."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def selected(self, rule: Rule) -> bool:
        names = {rule.code, rule.name}
        if (
            self.select
            and not (names & set(self.select))
            and not any(rule.code.startswith(s) for s in self.select)
        ):
            return False
        return not (names & set(self.ignore) or any(rule.code.startswith(s) for s in self.ignore))

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.code, rule.severity)


def run_rules(
    repo: Repository,
    settings: EngineSettings,
    evidence: Evidence | None = None,
    selection: Iterable[Rule] | None = None,
    claims: ClaimCache | None = None,
    jobs: int = 1,
) -> tuple[list[Finding], list[RuleRun]]:
    """Run the selected rules, apply the repository's suppressions, then run the meta rules
    (which judge the suppressions) over the result. `claims` keeps the figure checks between
    runs (docs/performance.md); `jobs` processes may share the work that is independent per
    claim (`aidcheck.workers`)."""
    findings: list[Finding] = []
    runs: list[RuleRun] = []
    ran: set[str] = set()
    chosen = [
        rule
        for rule in (selection if selection is not None else rules.runnable())
        if settings.selected(rule) and rule.check is not None
    ]
    meta = [rule for rule in chosen if rule.family is Family.META]
    facts = RunFacts(repo, claims, jobs)
    for rule in chosen:
        if rule.family is not Family.META:
            runs.append(_run(rule, repo, settings, evidence, findings, facts, ran))
    facts.suppression_uses = suppression.apply(repo, findings, ran)
    for rule in meta:
        runs.append(_run(rule, repo, settings, evidence, findings, facts, ran))
    return findings, runs


def _run(
    rule: Rule,
    repo: Repository,
    settings: EngineSettings,
    evidence: Evidence | None,
    findings: list[Finding],
    facts: RunFacts,
    ran: set[str],
) -> RuleRun:
    assert rule.check is not None
    run = RuleRun(code=rule.code, rule=rule.name, title=rule.title)
    if rule.needs_archive and evidence is None:
        run.note = "not run: no evidence archive (see docs/evidence.md)"
        return run
    ctx = CheckContext(repo=repo, run=run, facts=facts, evidence=evidence)
    options = settings.options.get(rule.code)
    if options is None and rule.options is not None:
        options = rule.options()
    severity = settings.severity(rule)
    for problem in rule.check(ctx, options):
        findings.append(Finding.from_problem(rule.code, rule.name, severity, problem))
        run.findings += 1
    run.compared, run.passed = ctx.compared, ctx.passed
    ran.add(rule.code)
    if run.compared == 0 and run.note is None:
        run.note = NOTHING_COMPARED
    return run
