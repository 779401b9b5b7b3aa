"""What every renderer needs: rule metadata, ordering, grouping, and the one-line summary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from aidcheck.findings import ClaimRef, Finding, Location, Report, RuleRun, Severity
from aidcheck.findings import ordered as ordered  # the report order, for every renderer


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    title: str
    description: str
    severity: Severity
    family: str


def rule_info(code: str, report: Report) -> RuleInfo:
    """The rule's metadata from the registry, or what the report itself knows of it.

    Reports may name codes that this build does not register (a report written by another
    version, a test report), so a missing code is not an error here.
    """
    from aidcheck import rules

    try:
        rule = rules.get(code)
    except KeyError:
        run = next((r for r in report.rules if r.code == code), None)
        first = next((f for f in report.findings if f.code == code), None)
        name = run.rule if run else (first.rule if first else code)
        title = run.title if run else name
        severity = first.severity if first else Severity.WARNING
        return RuleInfo(code, name, title, title, severity, "unknown")
    return RuleInfo(
        rule.code, rule.name, rule.title, rule.description, rule.severity, rule.family.value
    )


def rule_heading(code: str, report: Report) -> tuple[str, str]:
    """A rule's name and title. The report's record of the rule's run holds both, as the
    registry has them, so a report reused from the cache is shown without importing the rules;
    a rule that did not run (an input error, a rule the report only names) asks `rule_info`."""
    run = next((r for r in report.rules if r.code == code), None)
    if run is not None:
        return run.rule, run.title
    info = rule_info(code, report)
    return info.name, info.title


def rule_infos(report: Report) -> list[RuleInfo]:
    """Each rule the report mentions, once, in code order: rules that ran and rules that found."""
    codes = sorted({r.code for r in report.rules} | {f.code for f in report.findings})
    return [rule_info(code, report) for code in codes]


def rule_runs(report: Report) -> list[RuleRun]:
    """What each rule compared, in code order."""
    return sorted(report.rules, key=lambda r: r.code)


def counts(report: Report) -> list[tuple[str, int]]:
    """The summary's counts with their labels: errors, warnings and info always, the others
    when there are any."""
    s = report.summary
    rows = [
        ("errors", s.errors),
        ("warnings", s.warnings),
        ("info", s.infos),
        ("suppressed", s.suppressed),
        ("in the baseline", s.baselined),
        ("in unchanged files", s.unchanged),
        ("stale baseline entries", s.stale_baseline),
        ("input errors", s.input_errors),
    ]
    return [(label, count) for label, count in rows if count or label in _ALWAYS_COUNTED]


_ALWAYS_COUNTED = {"errors", "warnings", "info"}


def claim_refs(report: Report, finding: Finding) -> list[ClaimRef]:
    return [report.claims[c] for c in finding.claims if c in report.claims]


def metric_of(report: Report, finding: Finding) -> str:
    refs = claim_refs(report, finding)
    metrics = sorted({r.metric for r in refs})
    return ", ".join(metrics) if metrics else ""


def by_rule(findings: list[Finding]) -> Iterator[tuple[str, list[Finding]]]:
    """Findings grouped by code, most severe group first (input must be `ordered`)."""
    seen: dict[str, list[Finding]] = {}
    for finding in findings:
        seen.setdefault(finding.code, []).append(finding)
    yield from seen.items()


def by_metric(report: Report, findings: list[Finding]) -> Iterator[tuple[str, list[Finding]]]:
    keyed = sorted(findings, key=lambda f: metric_of(report, f))
    for metric, group in groupby(keyed, key=lambda f: metric_of(report, f)):
        yield metric, ordered(list(group))


def primary_location(report: Report, finding: Finding) -> Location | None:
    """Where to point: the finding's first location, else the first claim's."""
    if finding.locations:
        return finding.locations[0]
    refs = claim_refs(report, finding)
    return refs[0].location if refs else None


def accepted(report: Report) -> list[Finding]:
    """Findings that a suppression or the baseline accepted."""
    active = {id(f) for f in report.active()}
    return [f for f in report.findings if id(f) not in active]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def headline(report: Report) -> str:
    """One line: what the run found, and what it left aside."""
    s = report.summary
    return ", ".join([plural(s.errors, "error"), plural(s.warnings, "warning"), *aside(report)])


def aside(report: Report) -> list[str]:
    """The info count, and the findings that are counted but do not fail the run."""
    s = report.summary
    parts = [f"{s.infos} info"]
    if s.suppressed:
        parts.append(f"{s.suppressed} suppressed")
    if s.baselined:
        parts.append(f"{s.baselined} in the baseline")
    if s.unchanged:
        parts.append(f"{s.unchanged} in unchanged files")
    if s.stale_baseline:
        parts.append(plural(s.stale_baseline, "stale baseline entry", "stale baseline entries"))
    return parts


def scale(report: Report) -> str:
    s = report.summary
    return (
        f"{plural(s.sources, 'source')}, {plural(s.claims, 'claim')}, "
        f"{plural(s.metrics, 'metric')}, {plural(s.files, 'file')}"
    )


def checks_line(report: Report) -> str:
    compared = sum(r.compared for r in report.rules)
    passed = sum(r.passed for r in report.rules)
    return (
        f"{plural(len(report.rules), 'check')} made {plural(compared, 'comparison')}, "
        f"{passed} passed"
    )
