"""`aidcheck sources list` and `aidcheck sources check`: the sources and their snapshots."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from aidcheck.commands.loading import load
from aidcheck.evidence.citations import Evidence, SnapshotStatus
from aidcheck.render.console import visible
from aidcheck.render.sources import render_check, render_list
from aidcheck.sources import SourcesReport, check_source
from aidcheck.verify import EXIT_INPUT


def _archive_name(evidence: Evidence | None) -> str | None:
    return str(evidence.archive.root) if evidence is not None else None


def run_list(fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=True)  # the citation status needs the checks
    if outcome is None:
        return EXIT_INPUT
    data = SourcesReport(
        archive=_archive_name(outcome.evidence),
        sources=outcome.report.sources,
        notices=outcome.report.notices,
    )
    if fmt == "json":
        print(
            json.dumps(
                data.model_dump(mode="json", exclude={"checks"}), ensure_ascii=False, indent=2
            )
        )
    else:
        print(render_list(data, color), end="")
    return 0


def run_check(ids: list[str], fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=False)
    if outcome is None:
        return EXIT_INPUT
    repo = outcome.repository
    assert repo is not None
    unknown = [i for i in ids if i not in repo.sources]
    if unknown:
        known = ", ".join(sorted(repo.sources))
        print(
            visible(
                f"aidcheck: error: unknown source {', '.join(unknown)}; known sources: {known}"
            ),
            file=sys.stderr,
        )
        return EXIT_INPUT
    if outcome.evidence is None:
        for notice in outcome.report.notices:
            print(visible(f"aidcheck: error: no snapshots to check: {notice}"), file=sys.stderr)
        return EXIT_INPUT
    checks = [check_source(repo, outcome.evidence, i) for i in (ids or list(repo.sources))]
    data = SourcesReport(archive=_archive_name(outcome.evidence), checks=checks)
    if fmt == "json":
        print(
            json.dumps(
                data.model_dump(mode="json", exclude={"sources", "notices"}),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render_check(data, color), end="")
    failing = (
        SnapshotStatus.MISSING,
        SnapshotStatus.UNSAFE,
        SnapshotStatus.CHANGED,
        SnapshotStatus.UNLISTED,
    )
    return 1 if any(c.status in failing for c in checks) else 0
