"""`aidcheck extract SOURCE`: every figure in an article's body, and which claims cover it.

SOURCE is a source id of the repository (its snapshot is read from the archive) or the path of
any text file. With `--format yaml` it prints stub claims for the uncovered figures instead.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from aidcheck.evidence.document import SnapshotText
from aidcheck.verify import EXIT_INPUT, Outcome

MAX_TEXT_BYTES = 16 * 1024 * 1024


@dataclass
class Target:
    snapshot: SnapshotText
    shown: str
    source_id: str | None = None
    published: dt.date | None = None


class TargetError(Exception):
    """Why SOURCE cannot be extracted, and what to do."""


def resolve(target: str, outcome: Outcome) -> Target:
    from aidcheck.evidence.citations import SnapshotStatus
    from aidcheck.evidence.document import analyse

    repo = outcome.repository
    if repo is not None and target in repo.sources:
        source = repo.sources[target]
        if outcome.evidence is None:
            raise TargetError(
                f"source '{target}' has a snapshot, but there is no archive to read it from: "
                + "; ".join(outcome.report.notices)
            )
        state = outcome.evidence.snapshot(source)
        if state.text is None:
            raise TargetError(
                f"cannot read the snapshot of '{target}' ({state.file or 'none recorded'}): "
                f"{state.reason or state.status.value}; run 'aidcheck sources check {target}'"
            )
        if state.status is SnapshotStatus.CHANGED:
            print(
                f"aidcheck: warning: the snapshot of '{target}' has changed since it was "
                "recorded (its sha256 differs)",
                file=sys.stderr,
            )
        return Target(state.text, str(state.file), source.id, source.published)
    path = Path(target)
    if not path.is_file():
        known = ", ".join(sorted(repo.sources)) if repo is not None else ""
        raise TargetError(
            f"'{target}' is neither a source id nor a file; known sources: {known or 'none'}"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise TargetError(f"{target}: cannot read it: {exc.strerror}") from None
    if len(data) > MAX_TEXT_BYTES:
        raise TargetError(f"{target}: larger than 16 MiB; give the text of one article")
    snapshot = analyse(data)
    sources = repo.sources.values() if repo is not None else ()
    recorded = next(
        (s for s in sources if s.snapshot is not None and s.snapshot.sha256 == snapshot.sha256),
        None,
    )
    if recorded is None:
        return Target(snapshot, target)
    return Target(snapshot, target, recorded.id, recorded.published)


def run(target: str, fmt: str, color: bool, archive: Path | None = None) -> int:
    from aidcheck.extraction.report import extract
    from aidcheck.render.workflow import render_extraction, visible
    from aidcheck.verify import VerifyOptions, verify

    outcome = verify(VerifyOptions(archive=archive, run_checks=False))
    if outcome.report.summary.input_errors:
        # Stubs still tagged !review are input errors; the files that loaded still say which
        # sources exist and which figures their claims cover.
        print(
            f"aidcheck: note: the claim repository has {outcome.report.summary.input_errors} "
            "input error(s) ('aidcheck verify' lists them, stubs still tagged !review among "
            "them); coverage counts the claims that loaded",
            file=sys.stderr,
        )
    try:
        found = resolve(target, outcome)
    except TargetError as exc:
        print(f"aidcheck: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    extraction = extract(
        found.snapshot,
        file=found.shown,
        source_id=found.source_id,
        published=found.published,
        repo=outcome.repository,
        evidence=outcome.evidence,
    )
    if fmt == "json":
        print(extraction.model_dump_json(indent=2))
    elif fmt == "yaml":
        from aidcheck.extraction.stubs import stub_yaml

        taken = set(outcome.repository.claims) if outcome.repository is not None else set()
        print(stub_yaml(extraction, taken, dt.date.today()), end="")
    else:
        print(render_extraction(extraction, color), end="")
    return 0
