"""The engine: run each selected rule, stamp code and configured severity on what it yields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aidcheck import rules
from aidcheck.findings import Finding, RuleRun, Severity
from aidcheck.loader.repository import Repository
from aidcheck.rules import suppression
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.facts import RunFacts
from aidcheck.workers import can_fork, map_shards

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
    checks = [rule for rule in chosen if rule.family is not Family.META]
    for did in _run_all(checks, repo, settings, evidence, facts, jobs):
        _record(did, findings, runs, ran)
    facts.suppression_uses = suppression.apply(repo, findings, ran)
    for rule in meta:
        _record(_run(rule, repo, settings, evidence, facts), findings, runs, ran)
    return findings, runs


RULES_SHARED_FROM = 20_000
"""The rules are shared among processes only for a repository of this many claims or more:
below that, all of them take less than what sharing costs (a fork, the facts they share worked
out first, the findings sent back)."""


@dataclass
class _Ran:
    """What running one rule gave: its run record, its findings, and whether its check ran."""

    run: RuleRun
    findings: list[Finding]
    checked: bool


def _record(did: _Ran, findings: list[Finding], runs: list[RuleRun], ran: set[str]) -> None:
    runs.append(did.run)
    findings.extend(did.findings)
    if did.checked:
        ran.add(did.run.code)


def _run_all(
    checks: list[Rule],
    repo: Repository,
    settings: EngineSettings,
    evidence: Evidence | None,
    facts: RunFacts,
    jobs: int,
) -> list[_Ran]:
    """Run the rules, in `jobs` processes for a large repository: what several rules read
    (`RunFacts`, each claim's citation) is worked out here first, so that no process works it
    out again, and the rules are dealt out in turn (the costly ones are spread over the
    families). The results come back in rule order, as one process would give them."""

    def run(part: Sequence[Rule]) -> list[_Ran]:
        return [_run(rule, repo, settings, evidence, facts) for rule in part]

    if jobs < 2 or len(checks) < 2 or len(repo.claims) < RULES_SHARED_FROM or not can_fork():
        return run(checks)
    families = {rule.family for rule in checks}
    facts.settle(citations=Family.CITATION in families, groups=bool(families - {Family.CITATION}))
    if evidence is not None and Family.CITATION in families:
        for claim in evidence.checkable(repo):
            evidence.citation(repo, claim)
    count = min(jobs, len(checks))
    dealt = [i for first in range(count) for i in range(first, len(checks), count)]
    done = dict(zip(dealt, map_shards(run, [checks[i] for i in dealt], count), strict=True))
    return [done[i] for i in range(len(checks))]


def _run(
    rule: Rule,
    repo: Repository,
    settings: EngineSettings,
    evidence: Evidence | None,
    facts: RunFacts,
) -> _Ran:
    assert rule.check is not None
    run = RuleRun(code=rule.code, rule=rule.name, title=rule.title)
    if rule.needs_archive and evidence is None:
        run.note = "not run: no evidence archive (see docs/evidence.md)"
        return _Ran(run, [], checked=False)
    ctx = CheckContext(repo=repo, run=run, facts=facts, evidence=evidence)
    options = settings.options.get(rule.code)
    if options is None and rule.options is not None:
        options = rule.options()
    severity = settings.severity(rule)
    findings = []
    for problem in rule.check(ctx, options):
        findings.append(Finding.from_problem(rule.code, rule.name, severity, problem))
        run.findings += 1
    run.compared, run.passed = ctx.compared, ctx.passed
    if run.compared == 0 and run.note is None:
        run.note = NOTHING_COMPARED
    return _Ran(run, findings, checked=True)
