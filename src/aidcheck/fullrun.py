"""A run made in full: load every claim file, run the checks, build the report (and store it
in the cache for the next run). `aidcheck.verify` comes here when the cache holds no report
for the run; this module imports the loader, the models of claims and the rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aidcheck import __version__, gating, limits, rules, runcache
from aidcheck.codes import InputCode
from aidcheck.config import ConfigError, Project
from aidcheck.engine import EngineSettings, run_rules
from aidcheck.evidence.setup import citation_status
from aidcheck.findings import (
    ClaimRef,
    Finding,
    Location,
    Problem,
    Report,
    Severity,
    SourceSummary,
    Summary,
)
from aidcheck.loader.repository import LoadResult, Repository, load_repository
from aidcheck.verify import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    Inputs,
    Outcome,
    Refusal,
    VerifyOptions,
    open_cache,
)

if TYPE_CHECKING:
    from aidcheck.cache import Cache
    from aidcheck.evidence.citations import Evidence
    from aidcheck.evidence.claimcache import ClaimCache


def run(project: Project, inputs: Inputs | Refusal, options: VerifyOptions) -> Outcome:
    try:
        settings = _engine_settings(project)
    except ConfigError as exc:
        return refused(InputCode.CONFIG, exc.problems)
    if isinstance(inputs, Refusal):
        return refused(inputs.code, inputs.problems, str(project.root), inputs.notices)
    report = _new_report(str(project.root), inputs.opened.notices)
    evidence = inputs.opened.evidence()
    open_cache(inputs, options)
    cache = inputs.cache
    if cache is not None and evidence is not None:
        evidence.cache = cache
    if evidence is not None:
        evidence.jobs = options.jobs
    loaded = load_repository(
        project.root,
        inputs.paths,
        rules.names(),
        limits=inputs.budget,
        roots=inputs.roots,
        cache=cache,
        jobs=options.jobs,
    )
    repo = loaded.repository
    if not repo.files:
        names = ", ".join(str(p) for p in inputs.paths)
        return _input_failure(
            report,
            InputCode.NO_INPUT,
            [Problem(message=f"no claim files (*.yaml, *.yml) under {names}")],
        )
    findings = _load_findings(loaded)
    report.findings.extend(findings)
    if findings:
        report.notices.append(
            "cross-checks were not run: fix the input errors first, so that no check sees a "
            "half-loaded repository"
        )
    elif options.run_checks:
        claims = _claim_cache(cache, repo, evidence)
        checked, runs = run_rules(
            repo, settings, evidence=evidence, claims=claims, jobs=options.jobs
        )
        if claims is not None:
            claims.save()
        report.findings.extend(cap_per_file(checked, inputs.budget.findings_per_file))
        report.rules.extend(runs)
        report.summary.checks_run = True
    if options.gate is not None:
        whole = {p.resolve() for p in project.claim_paths()}
        partial = bool(options.paths) and {p.resolve() for p in options.paths} != whole
        gating.apply(report, repo, options.gate, partial=partial)
    _summarise(report, repo, len(findings), _fail_on(options, project))
    citation_status(report, repo, evidence)
    if cache is not None:
        if inputs.run_key is not None:
            runcache.store_report(cache, inputs.run_key, report, evidence)
        cache.prune()
    return Outcome(report, repo, evidence)


def refused(
    code: InputCode, problems: list[Problem], root: str = "", notices: Sequence[str] = ()
) -> Outcome:
    """The report of a run stopped by input errors before anything was loaded."""
    return _input_failure(_new_report(root, notices), code, problems)


def _new_report(root: str, notices: Sequence[str]) -> Report:
    return Report(tool={"name": "aidcheck", "version": __version__}, root=root, notices=[*notices])


def cap_per_file(findings: list[Finding], limit: int) -> list[Finding]:
    """At most `limit` findings of one rule located in one file; the rest of them become one
    finding of that rule, at that file, with the most severe of their severities, so the exit
    code and --changed-since treat them as before while the report stays bounded."""
    seen: Counter[tuple[str, str]] = Counter()
    kept: list[Finding] = []
    dropped: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.suppressed is not None or not finding.locations:
            kept.append(finding)
            continue
        key = (finding.code, finding.locations[0].path)
        seen[key] += 1
        if seen[key] <= limit:
            kept.append(finding)
        else:
            dropped.setdefault(key, []).append(finding)
    for (code, path), rest in dropped.items():
        where = Location(path=path, line=rest[0].locations[0].line)
        problem = Problem(
            message=f"{len(rest)} more {code} findings in {path} are not listed; "
            + limits.Limits(findings_per_file=limit).hint("findings_per_file"),
            locations=[where],
            identity=f"more findings in {path}",
        )
        severity = max((f.severity for f in rest), key=lambda s: s.rank)
        kept.append(Finding.from_problem(code, rest[0].rule, severity, problem))
    return kept


def _claim_cache(
    cache: Cache | None, repo: Repository, evidence: Evidence | None
) -> ClaimCache | None:
    """The per-claim cache of citation work (figure checks, quote matches), when caching."""
    if cache is None:
        return None
    from aidcheck.evidence.claimcache import ClaimCache

    claims = ClaimCache(cache, repo)
    if evidence is not None:
        evidence.claims = claims
    return claims


def _engine_settings(project: Project) -> EngineSettings:
    """Rule selection, severities and options from the configuration (ConfigError if wrong)."""
    from aidcheck.settings import engine_settings

    return engine_settings(project)


def _fail_on(options: VerifyOptions, project: Project) -> Severity:
    return options.fail_on or project.settings.fail_on


def _load_findings(loaded: LoadResult) -> list[Finding]:
    out = []
    for item in loaded.problems:
        rule = rules.get(item.code)
        out.append(Finding.from_problem(rule.code, rule.name, rule.severity, item.problem))
    return out


def _input_failure(report: Report, code: InputCode, problems: list[Problem]) -> Outcome:
    rule = rules.get(code)
    for problem in problems:
        report.findings.append(Finding.from_problem(rule.code, rule.name, rule.severity, problem))
    report.summary.input_errors = len(problems)
    report.summary.errors = len(problems)
    report.summary.exit_code = EXIT_INPUT
    return Outcome(report, None)


def claim_ref(repo: Repository, claim_id: str) -> ClaimRef | None:
    claim = repo.claims.get(claim_id)
    if claim is None or claim.id not in repo.claim_source:
        return None
    source = repo.sources.get(repo.claim_source[claim.id])
    return ClaimRef(
        id=claim.id,
        metric=claim.metric,
        figure=claim.figure.text or str(claim.figure.value),
        interval=str(claim.figure.interval),
        unit=claim.figure.unit,
        source=repo.claim_source[claim.id],
        publisher=source.publisher if source else "?",
        published=source.published.isoformat() if source else "?",
        url=source.url if source else None,
        quote=claim.quote,
        location=repo.claim_location(claim.id),
    )


def _summarise(report: Report, repo: Repository, input_errors: int, fail_on: Severity) -> None:
    counts = Counter(repo.claim_source.values())
    report.sources = [
        SourceSummary(
            id=s.id,
            publisher=s.publisher,
            title=s.title,
            published=s.published.isoformat(),
            url=s.url,
            claims=counts.get(s.id, 0),
        )
        for s in repo.sources.values()
    ]
    for finding in report.findings:
        for claim_id in finding.claims:
            if claim_id not in report.claims:
                ref = claim_ref(repo, claim_id)
                if ref is not None:
                    report.claims[claim_id] = ref
    active = report.active()
    summary: Summary = report.summary
    summary.sources = len(repo.sources)
    summary.claims = len(repo.claims)
    summary.metrics = len(repo.metrics)
    summary.regions = len(repo.regions)
    summary.files = len(repo.files)
    summary.errors = sum(f.severity is Severity.ERROR for f in active)
    summary.warnings = sum(f.severity is Severity.WARNING for f in active)
    summary.infos = sum(f.severity is Severity.INFO for f in active)
    summary.suppressed = sum(f.suppressed is not None for f in report.findings)
    summary.input_errors = input_errors
    summary.exit_code = exit_code(report, fail_on)


def exit_code(report: Report, fail_on: Severity) -> int:
    if report.summary.input_errors:
        return EXIT_INPUT
    if any(f.severity.at_least(fail_on) for f in report.active()):
        return EXIT_FINDINGS
    return EXIT_CLEAN
