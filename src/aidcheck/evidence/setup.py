"""What verify needs from the evidence package: find the archive, and sum up each source.

Light on purpose: a run whose report the cache holds finds the archive and re-reads its
snapshots' hashes without importing the citation checks (aidcheck.runcache).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aidcheck import limits
from aidcheck.config import Project
from aidcheck.evidence.archive import ENABLE_HINT, Archive, ArchiveLocation, locate_archive
from aidcheck.findings import Problem

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence, SnapshotState
    from aidcheck.findings import Report
    from aidcheck.loader.repository import Repository

NOT_CHECKED = "not checked"


@dataclass
class Opened:
    archive: Archive | None
    location: ArchiveLocation
    notices: list[str] = field(default_factory=list)
    error: Problem | None = None  # an --archive that does not exist: a usage error

    def evidence(self) -> Evidence | None:
        """What the citation checks read: the archive, with their per-run caches."""
        if self.archive is None:
            return None
        from aidcheck.evidence.citations import Evidence

        return Evidence(self.archive, self.location)


def open_archive(
    option: Path | None, environ: Mapping[str, str], project: Project, cwd: Path
) -> Opened:
    location = locate_archive(option, environ, project, cwd)
    if location.exists:
        assert location.path is not None
        try:
            budget = limits.from_environ(environ)
        except limits.LimitsError:  # verify reports it as an input error
            budget = limits.Limits()
        return Opened(Archive(location.path, budget), location)
    if location.path is None:
        return Opened(
            None,
            location,
            [
                f"citations were not checked: no evidence archive is configured; to check them, "
                f"{ENABLE_HINT}"
            ],
        )
    if location.setting == "--archive":
        return Opened(
            None,
            location,
            error=Problem(
                message=f"the evidence archive {location.path} given with --archive is not a "
                "folder; name the folder that holds the source snapshots"
            ),
        )
    return Opened(
        None,
        location,
        [
            f"citations were not checked: the evidence archive {location.path} "
            f"({location.setting}) is not a folder; to check them, {ENABLE_HINT}"
        ],
    )


def citation_status(report: Report, repo: Repository, evidence: Evidence | None) -> None:
    """Fill `report.sources[*].citation_status` from the citation findings of the run."""
    if evidence is None or not report.summary.checks_run:
        why = "no archive" if evidence is None else "input errors"
        for summary in report.sources:
            summary.citation_status = f"{NOT_CHECKED} ({why})"
        return
    codes_by_claim: dict[str, set[str]] = defaultdict(set)
    for finding in report.active():
        if finding.code.startswith("C1"):
            for claim_id in finding.claims:
                codes_by_claim[claim_id].add(finding.code)
    claims_of: dict[str, list[str]] = defaultdict(list)
    for claim_id, source_id in repo.claim_source.items():
        claims_of[source_id].append(claim_id)
    for summary in report.sources:
        state = evidence.snapshot(repo.sources[summary.id])
        summary.citation_status = source_status(state, claims_of[summary.id], codes_by_claim)


def source_status(
    state: SnapshotState, claims: list[str], codes_by_claim: dict[str, set[str]]
) -> str:
    """How the citations of one source's `claims` fared, in a few words."""
    if not state.readable:
        return f"{NOT_CHECKED} (snapshot {state.status.value})"
    failing = [c for c in claims if codes_by_claim.get(c)]
    if not claims:
        return "no claims"
    if not failing:
        return f"verified ({len(claims)}/{len(claims)})"
    codes = Counter(code for c in failing for code in codes_by_claim[c])
    listed = ", ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(codes.items()))
    return f"{len(claims) - len(failing)}/{len(claims)} verified; {listed}"
