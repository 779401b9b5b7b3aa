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

A reused report costs what reading and hashing the inputs costs: this module, and what `verify`
does before it looks a report up, import neither the loader, the models of claims, the rules
nor the citation checks, and the JSON format is written from the stored data without building
the report model (tests/test_cli_imports.py keeps it so).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aidcheck.limits import Limits
from aidcheck.loader.listing import collect_files
from aidcheck.safeio import read_regular

if TYPE_CHECKING:
    from aidcheck.cache import Cache
    from aidcheck.config import Project
    from aidcheck.evidence.archive import Archive
    from aidcheck.evidence.citations import Evidence
    from aidcheck.findings import Report

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


@dataclass(frozen=True)
class StoredReport:
    """A report read from the cache, as the JSON report's data: findings in report order,
    rules, sources and claims sorted (`Report.ordered_data`), `root` absolute.

    The JSON format is written from this data as it is; the other formats ask for `model()`.
    The data was signed by this machine and written by this very code (aidcheck.cache), so
    it validates as it did when it was stored.
    """

    data: dict[str, Any]

    @property
    def exit_code(self) -> int:
        code: int = self.data["summary"]["exit_code"]
        return code

    def model(self) -> Report:
        from aidcheck.findings import Report

        return Report.model_validate(self.data)


def snapshot_states(evidence: Evidence | None) -> list[list[str]]:
    """What the archive gave for each snapshot the run looked up: [file, what] pairs."""
    if evidence is None:
        return []
    return sorted([file, evidence.fingerprint(file)] for file in evidence.snapshot_files())


def stored_report(cache: Cache, key: str, archive: Archive | None) -> StoredReport | None:
    """The report stored under `key`, if every snapshot it read is still what it was."""
    value = cache.get(KIND, key)
    if not isinstance(value, dict) or not isinstance(value.get("report"), str):
        return None
    recorded = value.get("snapshots")
    now = _recheck(recorded, archive)
    if now is None or now != recorded:
        return None
    try:
        data = json.loads(value["report"])
        if isinstance(data["summary"]["exit_code"], int) and isinstance(data["root"], str):
            return StoredReport(data)
    except (KeyError, TypeError, ValueError, RecursionError):
        pass
    return None


def store_report(cache: Cache, key: str, report: Report, evidence: Evidence | None) -> None:
    text = json.dumps(report.ordered_data(), ensure_ascii=False)
    cache.put(KIND, key, {"snapshots": snapshot_states(evidence), "report": text})


def _recheck(recorded: Any, archive: Archive | None) -> list[list[str]] | None:
    if not isinstance(recorded, list) or (recorded and archive is None):
        return None
    out = []
    for item in recorded:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            return None
        assert archive is not None
        out.append([item[0], archive.fingerprint(item[0])])
    return out
