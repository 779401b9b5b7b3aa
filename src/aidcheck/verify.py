"""`verify` as a library call: load, check, and build the report. Never prints."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aidcheck import __version__, collector, gating, limits, rules, runcache
from aidcheck.cache import Cache
from aidcheck.codes import InputCode
from aidcheck.config import ConfigError, Project, find_project
from aidcheck.engine import EngineSettings, run_rules
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
from aidcheck.gating import GateOptions
from aidcheck.loader.repository import LoadResult, Repository, load_repository
from aidcheck.safeio import resolved

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence
    from aidcheck.evidence.claimcache import ClaimCache

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


@dataclass
class VerifyOptions:
    paths: list[Path] = field(default_factory=list)
    cwd: Path = field(default_factory=Path.cwd)
    fail_on: Severity | None = None
    gate: GateOptions | None = None
    """Baseline and --changed-since; `verify` raises `gating.GatingError` on a bad ref or file."""
    archive: Path | None = None
    """--archive; else AIDCHECK_ARCHIVE in `environ`, else the configuration (docs/evidence.md)."""
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    run_checks: bool = True
    """False to load and open the archive only, as `show` does."""
    cache: bool = False
    """Keep parsed files and snapshot analyses in the project's .aidcheck-cache between runs
    (`aidcheck verify` does, unless --no-cache; docs/performance.md)."""


@dataclass
class Outcome:
    """The report, and the loaded repository for renderers that show claims in full."""

    report: Report
    repository: Repository | None
    evidence: Evidence | None = None


def verify(options: VerifyOptions) -> Outcome:
    with collector.paused():
        return _verify(options)


def _verify(options: VerifyOptions) -> Outcome:
    report = Report(tool={"name": "aidcheck", "version": __version__})
    try:
        project = find_project(options.cwd)
        settings = _engine_settings(project)
    except ConfigError as exc:
        return _input_failure(report, InputCode.CONFIG, exc.problems)
    report.root = str(project.root)
    from aidcheck.evidence.setup import citation_status, open_evidence

    opened = open_evidence(options.archive, options.environ, project, options.cwd)
    if opened.error is not None:
        return _input_failure(report, InputCode.ARCHIVE_NOT_FOUND, [opened.error])
    report.notices.extend(opened.notices)
    try:
        budget = limits.from_environ(options.environ)
    except limits.LimitsError as exc:
        return _input_failure(report, InputCode.LIMIT, [Problem(message=str(exc))])
    paths = options.paths or project.claim_paths()
    missing = [p for p in paths if not _present(p)]
    if missing:
        names = ", ".join(str(p)[:300] for p in missing)
        return _input_failure(
            report,
            InputCode.NO_INPUT,
            [Problem(message=f"no such file or folder: {names}; name a claim folder or file")],
        )
    roots, outside = claim_roots(project.root, options.cwd, paths, trusted=bool(options.paths))
    if outside:
        return _input_failure(report, InputCode.NO_INPUT, outside)
    cache = Cache.open(project.root) if options.cache else None
    run_key = None
    if cache is not None and opened.evidence is not None:
        opened.evidence.cache = cache
    if cache is not None and options.gate is None and options.run_checks:
        archive = opened.evidence.location.path if opened.evidence is not None else None
        run_key = runcache.run_key(
            project, paths, roots, budget, [options.fail_on, archive, *report.notices]
        )
        stored = runcache.stored_report(cache, run_key, opened.evidence) if run_key else None
        if stored is not None:
            return Outcome(stored, None, opened.evidence)
    loaded = load_repository(
        project.root, paths, rules.names(), limits=budget, roots=roots, cache=cache
    )
    repo = loaded.repository
    if not repo.files:
        names = ", ".join(str(p) for p in paths)
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
        claims = _claim_cache(cache, repo, opened.evidence)
        checked, runs = run_rules(repo, settings, evidence=opened.evidence, claims=claims)
        if claims is not None:
            claims.save()
        report.findings.extend(cap_per_file(checked, budget.findings_per_file))
        report.rules.extend(runs)
        report.summary.checks_run = True
    if options.gate is not None:
        whole = {p.resolve() for p in project.claim_paths()}
        partial = bool(options.paths) and {p.resolve() for p in options.paths} != whole
        gating.apply(report, repo, options.gate, partial=partial)
    _summarise(report, repo, len(findings), _fail_on(options, project))
    citation_status(report, repo, opened.evidence)
    if cache is not None:
        if run_key is not None:
            runcache.store_report(cache, run_key, report, opened.evidence)
        cache.prune()
    return Outcome(report, repo, opened.evidence)


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


def _present(path: Path) -> bool:
    """Whether `path` names something (a dangling link does: the loader reports it); a name
    the system refuses, such as one longer than a path may be, names nothing."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def claim_roots(
    root: Path, cwd: Path, paths: list[Path], *, trusted: bool
) -> tuple[list[Path], list[Problem]]:
    """The folders claim files may be read from (links are followed only into them), and a
    problem for each claim path that may not be read.

    The project root is always one. A path given on the command line (`trusted`) that lies
    outside the project is the user's own choice and becomes a root too; a path inside the
    project, or any path from the configuration (which the change under test can edit), must
    stay inside the project once its links are resolved.
    """
    real_root = root.resolve()
    roots = [real_root]
    problems = []
    for path in paths:
        written = Path(os.path.abspath(cwd / path))
        if trusted and not written.is_relative_to(real_root):
            roots.append(written.resolve())
            continue
        real = resolved(written)
        if not written.is_relative_to(real_root) or (
            real is not None and not real.is_relative_to(real_root)
        ):
            origin = "" if trusted else " (from the project configuration)"
            problems.append(
                Problem(
                    message=f"the claim path {str(path)[:300]}{origin} leads outside the project "
                    f"{real_root}; aidcheck reads claim files from the project only, unless "
                    "their folder is named on the command line"
                )
            )
    return roots, problems


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
