"""`verify` as a library call: load, check, and build the report. Never prints.

This module finds the project, the archive and the claim files, and reuses the report that the
cache holds for this very run (aidcheck.runcache). Only when there is none does it make the run
in full (aidcheck.fullrun), which imports the loader, the models of claims and the rules: a
run with nothing changed imports none of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from aidcheck import collector, limits, runcache
from aidcheck.cache import FOLDER, Cache
from aidcheck.codes import InputCode
from aidcheck.config import ConfigError, Project, find_project
from aidcheck.evidence.setup import Opened, open_archive
from aidcheck.findings import Problem, Report, Severity
from aidcheck.runcache import StoredReport
from aidcheck.safeio import resolved

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence
    from aidcheck.gating import GateOptions
    from aidcheck.loader.repository import Repository

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
    jobs: int = 1
    """How many processes may share the work that is independent per claim, file or snapshot
    (`aidcheck.workers`; `aidcheck verify` uses one per usable core unless --jobs says)."""


@dataclass
class Outcome:
    """The report, and the loaded repository for renderers that show claims in full.

    A report reused from the cache comes as a `StoredReport`, without a repository; `report`
    builds its model when first asked for, which the JSON format never does."""

    result: Report | StoredReport
    repository: Repository | None
    evidence: Evidence | None = None

    @cached_property
    def report(self) -> Report:
        result = self.result
        return result.model() if isinstance(result, StoredReport) else result

    @property
    def stored(self) -> StoredReport | None:
        return self.result if isinstance(self.result, StoredReport) else None

    @property
    def exit_code(self) -> int:
        result = self.result
        return result.exit_code if isinstance(result, StoredReport) else result.summary.exit_code


@dataclass
class Inputs:
    """What a run reads, found and checked before anything is loaded."""

    project: Project
    opened: Opened
    budget: limits.Limits
    paths: list[Path]
    roots: list[Path]
    cache: Cache | None = None
    cache_opened: bool = False
    run_key: str | None = None
    """The key of the run's report in the cache (None: the run is not stored)."""


@dataclass
class Refusal:
    """An input error found before anything is loaded. It is reported once the configuration
    is known to be valid: an error in the configuration is reported first."""

    code: InputCode
    problems: list[Problem]
    notices: list[str]


def verify(options: VerifyOptions) -> Outcome:
    with collector.paused():
        return _verify(options)


def _verify(options: VerifyOptions) -> Outcome:
    try:
        project = find_project(options.cwd)
    except ConfigError as exc:
        from aidcheck.fullrun import refused

        return refused(InputCode.CONFIG, exc.problems)
    inputs = _inputs(project, options)
    if isinstance(inputs, Inputs) and options.cache and (project.root / FOLDER).is_dir():
        stored = _stored(inputs, options)
        if stored is not None:
            return Outcome(stored, None)
    from aidcheck.fullrun import run

    return run(project, inputs, options)


def _inputs(project: Project, options: VerifyOptions) -> Inputs | Refusal:
    opened = open_archive(options.archive, options.environ, project, options.cwd)
    if opened.error is not None:
        return Refusal(InputCode.ARCHIVE_NOT_FOUND, [opened.error], [])
    try:
        budget = limits.from_environ(options.environ)
    except limits.LimitsError as exc:
        return Refusal(InputCode.LIMIT, [Problem(message=str(exc))], opened.notices)
    paths = options.paths or project.claim_paths()
    missing = [p for p in paths if not _present(p)]
    if missing:
        names = ", ".join(str(p)[:300] for p in missing)
        message = f"no such file or folder: {names}; name a claim folder or file"
        return Refusal(InputCode.NO_INPUT, [Problem(message=message)], opened.notices)
    roots, outside = claim_roots(project.root, options.cwd, paths, trusted=bool(options.paths))
    if outside:
        return Refusal(InputCode.NO_INPUT, outside, opened.notices)
    return Inputs(project, opened, budget, paths, roots)


def _stored(inputs: Inputs, options: VerifyOptions) -> StoredReport | None:
    """The report the cache holds for this run (the cache is opened only when its folder
    exists: a run that then stops at an error in the configuration creates none)."""
    open_cache(inputs, options)
    if inputs.cache is None or inputs.run_key is None:
        return None
    return runcache.stored_report(inputs.cache, inputs.run_key, inputs.opened.archive)


def open_cache(inputs: Inputs, options: VerifyOptions) -> None:
    """Open the project's cache, once, and key the run's report in it (runs with a baseline
    or --changed-since, and runs that only load, are neither stored nor reused)."""
    if inputs.cache_opened or not options.cache:
        return
    inputs.cache_opened = True
    inputs.cache = Cache.open(inputs.project.root)
    if inputs.cache is None or options.gate is not None or not options.run_checks:
        return
    archive = inputs.opened.archive
    inputs.run_key = runcache.run_key(
        inputs.project,
        inputs.paths,
        inputs.roots,
        inputs.budget,
        [options.fail_on, archive.root if archive else None, *inputs.opened.notices],
    )


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
