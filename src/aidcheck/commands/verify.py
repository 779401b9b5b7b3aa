"""`aidcheck verify`: run the library, render the chosen format, write it, return the exit code."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from aidcheck import collector
from aidcheck.gating import GateOptions, GatingError
from aidcheck.render import Format, RenderOptions, render, resolve
from aidcheck.safetext import visible
from aidcheck.severity import Severity
from aidcheck.verify import EXIT_INPUT, Outcome, VerifyOptions, verify
from aidcheck.workers import JOBS_ENV, JobsError, parse_jobs


def run(
    paths: list[Path],
    fmt: str,
    fail_on: Severity | None,
    color: bool,
    *,
    output: Path | None = None,
    changed_since: str | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    environ: Mapping[str, str] | None = None,
    archive: Path | None = None,
    sarif_root: Path | None = None,
    cache: bool = False,
    quiet: bool = False,
    jobs: str | None = None,
) -> int:
    env = os.environ if environ is None else environ
    chosen = resolve(Format(fmt), env)
    try:
        processes = parse_jobs(jobs, env)
    except JobsError as exc:
        print(f"aidcheck: error: {visible(str(exc))} (--jobs or {JOBS_ENV})", file=sys.stderr)
        return EXIT_INPUT
    gate = None
    if changed_since is not None or baseline is not None or write_baseline is not None:
        gate = GateOptions(changed_since, baseline, write_baseline)
    severity = Severity(fail_on) if fail_on else None
    try:
        outcome = verify(
            VerifyOptions(
                paths=paths,
                fail_on=severity,
                gate=gate,
                archive=archive,
                environ=dict(env),
                cache=cache,
                jobs=processes,
            )
        )
    except GatingError as exc:
        print(f"aidcheck: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    run_info = None
    if chosen is Format.HTML:
        from aidcheck.runinfo import collect

        repo = outcome.repository
        run_info = collect(repo.root if repo is not None else Path.cwd())
    options = RenderOptions(
        color=color and output is None,
        width=shutil.get_terminal_size((100, 24)).columns if output is None else 100,
        workspace=env.get("GITHUB_WORKSPACE"),
        run=run_info,
        sarif_root=sarif_root,
    )
    with collector.paused():
        text = _render(outcome, chosen, options)
    if output is None:
        if not quiet:
            print(text, end="")
    else:
        from aidcheck.atomic import write_text

        try:
            write_text(output, text)
        except OSError as exc:
            return _cannot_write("the report to", output, exc)
    summary_file = env.get("GITHUB_STEP_SUMMARY")
    if chosen is Format.GITHUB and summary_file:
        from aidcheck.render.github import append_step_summary

        try:
            append_step_summary(outcome.report, Path(summary_file))
        except OSError as exc:
            return _cannot_write("the job summary to", Path(summary_file), exc)
    return outcome.exit_code


def _render(outcome: Outcome, fmt: Format, options: RenderOptions) -> str:
    """The report in `fmt`; a JSON report reused from the cache is written from its stored
    data, which is the JSON report's, without building the report model."""
    stored = outcome.stored
    if stored is not None and fmt is Format.JSON:
        from aidcheck.render.json_report import write

        return write(stored.data)
    return render(outcome.report, fmt, options)


def _cannot_write(what: str, path: Path, exc: OSError) -> int:
    print(
        visible(
            f"aidcheck: error: cannot write {what} {path}: {exc.strerror or exc}; check that "
            "its folder exists and is writable, or name another file"
        ),
        file=sys.stderr,
    )
    return EXIT_INPUT
