"""Citation rules, part 1: the snapshot a source names must be in the archive, unchanged.

The citation rules read the checks that `aidcheck.evidence.citations.Evidence` makes once per
claim; they only word them. Every finding names the claim and its file:line, one finding per
claim, so that CI gating sees exactly the claims a changed snapshot touches. The evidence
package is imported only when these rules run (they need the archive), so that listing the
rules and verifying without an archive do not load it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from aidcheck.codes import InputCode
from aidcheck.findings import Location, Message, Problem, Severity
from aidcheck.model.claim import Claim
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import NoOptions

if TYPE_CHECKING:
    from aidcheck.evidence.citations import CitationCheck


def citations(ctx: CheckContext) -> Iterator[tuple[Claim, CitationCheck]]:
    evidence = ctx.archive
    for claim in evidence.checkable(ctx.repo):
        yield claim, evidence.citation(ctx.repo, claim)


def citation_locations(
    ctx: CheckContext, claim: Claim, source_id: str, field: str = "file"
) -> list[Location]:
    """Where a citation finding points: the claim's quote, then the `snapshot.<field>` of its
    source's record (when the source was loaded from a file)."""
    where = [ctx.repo.claim_location(claim.id, "quote")]
    with contextlib.suppress(KeyError):
        where.append(ctx.repo.locate("source", source_id, "snapshot", field))
    return where


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _missing(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    from aidcheck.evidence.citations import SnapshotStatus

    archive = ctx.archive.archive.root
    for claim, check in citations(ctx):
        state = check.snapshot
        message = {
            SnapshotStatus.MISSING: SNAPSHOT_ABSENT,
            SnapshotStatus.UNSAFE: SNAPSHOT_UNSAFE,
            SnapshotStatus.UNLISTED: SNAPSHOT_UNLISTED,
        }.get(state.status)
        ctx.tally(
            message is None,
            f"{claim.id}: snapshot {state.file or '(none)'} readable" if ctx.wording else None,
        )
        if message is None:
            continue
        yield message(
            claims=[claim.id],
            locations=citation_locations(ctx, claim, state.source_id),
            details={"source": state.source_id, "file": state.file, "reason": state.reason},
            file=state.file,
            source=state.source_id,
            reason=state.reason,
            archive=str(archive),
        )


def _changed(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    from aidcheck.evidence.citations import SnapshotStatus

    for claim, check in citations(ctx):
        state = check.snapshot
        if state.actual is None:
            continue
        ok = state.status is not SnapshotStatus.CHANGED
        ctx.tally(ok, f"{claim.id}: sha256 of {state.file}" if ctx.wording else None)
        if ok:
            continue
        yield SNAPSHOT_HASH(
            file=state.file,
            source=state.source_id,
            actual=state.actual,
            expected=state.expected or "",
            claims=[claim.id],
            locations=citation_locations(ctx, claim, state.source_id, "sha256"),
            details={"file": state.file, "expected": state.expected, "actual": state.actual},
        )


def _unrecorded(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    from aidcheck.evidence.citations import SnapshotStatus

    for claim, check in citations(ctx):
        ok = check.snapshot.status is not SnapshotStatus.UNRECORDED
        ctx.tally(
            ok,
            f"{claim.id}: source {check.snapshot.source_id} names a snapshot"
            if ctx.wording
            else None,
        )
        if not ok:
            yield NO_SNAPSHOT(
                source=check.snapshot.source_id,
                claim=claim.id,
                claims=[claim.id],
                locations=[ctx.repo.claim_location(claim.id, "quote")],
            )


SNAPSHOT_ABSENT = Message(
    "C101.absent",
    "snapshot {file} of source {source} is not in the archive {archive}: add the file, or "
    "correct snapshot.file",
)
SNAPSHOT_UNSAFE = Message(
    "C101.unsafe",
    "the snapshot file name {file!r} of source {source} is refused: {reason}; name a file "
    "inside the archive",
)
SNAPSHOT_UNLISTED = Message(
    "C101.unlisted",
    "snapshot {file} of source {source}: {reason}",
)
SNAPSHOT_HASH = Message(
    "C102",
    "snapshot {file} of source {source} has changed: its sha256 is {actual:.12}…, the source "
    "record says {expected:.12}…; its text is not read until the record agrees: review the "
    "file, then update snapshot.sha256",
)
NO_SNAPSHOT = Message(
    "C109",
    "source {source} names no snapshot, so the quote of {claim} cannot be checked; archive the "
    "text and add snapshot: {{file, sha256}} to the source",
)

ARCHIVE_NOT_FOUND = Rule(
    code=InputCode.ARCHIVE_NOT_FOUND,
    name="archive-not-found",
    family=Family.CITATION,
    title="The evidence archive given with --archive does not exist",
    severity=Severity.ERROR,
    description="""An archive named on the command line must be a folder; a typo would otherwise
turn every citation check off without a word. (An archive named by `AIDCHECK_ARCHIVE` or the
configuration that does not exist only produces a notice: citations are then not checked.)

Passing: `aidcheck verify --archive ../shared/sources`. Failing: `--archive ../shared/source`.
""",
)

SNAPSHOT_MISSING = Rule(
    code="C101",
    name="snapshot-missing",
    family=Family.CITATION,
    title="The snapshot a source names is not in the archive",
    severity=Severity.ERROR,
    check=_missing,
    options=NoOptions,
    needs_archive=True,
    messages=(SNAPSHOT_ABSENT, SNAPSHOT_UNSAFE, SNAPSHOT_UNLISTED),
    description="""Each source names the file of its snapshot in the archive; each claim citing
the source is reported when that file is absent, when the archive's index (`index.tsv` or
`SHA256SUMS`) does not list it (it is then not opened), or when its name would resolve outside
the archive (an absolute path, `..`, a hidden part, or a link leading out), which is refused.

Passing: `snapshot: {file: 012_5e1f0c2d9a7b3e44.txt, sha256: …}` with that file in the archive.
Failing: `file: 012_5e1f0c2d9a7b3e45.txt` (no such file) or `file: ../secrets.txt`.
""",
)

SNAPSHOT_CHANGED = Rule(
    code="C102",
    name="snapshot-changed",
    family=Family.CITATION,
    title="The snapshot's sha256 differs from the source record",
    severity=Severity.ERROR,
    check=_changed,
    options=NoOptions,
    needs_archive=True,
    messages=(SNAPSHOT_HASH,),
    description="""The source record pins its snapshot by sha256. A snapshot that changed, even
by one byte, is reported once for every claim that cites it: each of their quotes was checked
against text nobody has reviewed. Its text is not read, matched or shown (no closest
passage, no excerpt) until the record's sha256 agrees: a made-up sha256 must not make aidcheck
print a file.

Passing: the file's sha256 equals `snapshot.sha256`. Failing: the file was re-saved with one
character edited.
""",
)

SNAPSHOT_NOT_RECORDED = Rule(
    code="C109",
    name="snapshot-not-recorded",
    family=Family.CITATION,
    title="The cited source names no snapshot, so its quotes cannot be checked",
    severity=Severity.INFO,
    check=_unrecorded,
    options=NoOptions,
    needs_archive=True,
    messages=(NO_SNAPSHOT,),
    description="""A source without `snapshot` cannot have its quotes checked. This is allowed
(a printed document, a page that is gone), and said.

Passing: a source with `snapshot: {file: …, sha256: …}`. Failing: a source with no `snapshot`.
""",
)

RULES = (ARCHIVE_NOT_FOUND, SNAPSHOT_MISSING, SNAPSHOT_CHANGED, SNAPSHOT_NOT_RECORDED)
