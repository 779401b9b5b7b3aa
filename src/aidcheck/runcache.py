"""A whole run's report, reused when nothing it was computed from has changed.

A run's report is a function of aidcheck's code, the configuration, the limits, the claim files
(their names and bytes), the options, and what the archive gave for each snapshot a source
named (its bytes, or that it was missing, unlisted or unsafe). The key of a stored report is a
hash of all but the last; the entry records the last, and a lookup reads each of those
snapshots again and compares. So a run with nothing changed reads and hashes its inputs,
checks the entry, and renders: no parsing, no validation, no cross-checks. Any difference, or
any input that cannot be read, is a miss, and the run is made in full (with the file and
snapshot caches). Runs with --changed-since or a baseline are not stored: they also depend on
git and on the baseline file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aidcheck.findings import Report
from aidcheck.limits import Limits
from aidcheck.loader.repository import collect_files
from aidcheck.safeio import read_regular

if TYPE_CHECKING:
    from aidcheck.cache import Cache
    from aidcheck.config import Project
    from aidcheck.evidence.citations import Evidence

KIND = "run"


def run_key(
    project: Project,
    paths: Sequence[Path],
    roots: Sequence[Path],
    budget: Limits,
    settings: Sequence[Any],
) -> str | None:
    """A hash of the run's inputs other than the snapshots (None when a claim file cannot be
    listed or read: the loader then reports it, and nothing is stored)."""
    files, problems = collect_files(paths, roots, budget, project.root.absolute())
    if problems:
        return None
    digest = hashlib.sha256()
    head = [
        str(project.root.absolute()),
        str(project.config_file),
        project.settings.model_dump_json(),
        repr(budget),
        [str(p) for p in paths],
        [str(r) for r in roots],
        [str(s) for s in settings],
    ]
    digest.update(json.dumps(head, ensure_ascii=False).encode())
    for path in files:
        try:
            data = read_regular(path, budget.file_bytes)
        except OSError:
            return None
        digest.update(f"\0{path}\0{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def snapshot_states(evidence: Evidence | None) -> list[list[str]] | None:
    """What the archive gave for each snapshot the run looked up: [file, what] pairs."""
    if evidence is None:
        return []
    out = []
    for file in evidence.snapshot_files():
        what = evidence.fingerprint(file)
        if what is None:
            return None
        out.append([file, what])
    return sorted(out)


def stored_report(cache: Cache, key: str, evidence: Evidence | None) -> Report | None:
    """The report stored under `key`, if every snapshot it read is still what it was."""
    value = cache.get(KIND, key)
    if not isinstance(value, dict):
        return None
    recorded = value.get("snapshots")
    now = _recheck(recorded, evidence)
    if now is None or now != recorded:
        return None
    try:
        return Report.model_validate(value["report"])
    except (KeyError, TypeError, ValueError, ValidationError):
        return None


def store_report(cache: Cache, key: str, report: Report, evidence: Evidence | None) -> None:
    snapshots = snapshot_states(evidence)
    if snapshots is not None:
        cache.put(KIND, key, {"snapshots": snapshots, "report": report.model_dump(mode="json")})


def _recheck(recorded: Any, evidence: Evidence | None) -> list[list[str]] | None:
    if not isinstance(recorded, list) or (recorded and evidence is None):
        return None
    out = []
    for item in recorded:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            return None
        assert evidence is not None
        what = evidence.fingerprint(item[0])
        if what is None:
            return None
        out.append([item[0], what])
    return out
