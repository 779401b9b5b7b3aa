"""Each claim's citation, checked once per run and shared by the citation rules.

`Evidence` is what verify hands the engine: the archive, and a cache of snapshot states (by
source) and citation checks (by claim). The rules only read these results and word them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from aidcheck.evidence.archive import Archive, ArchiveLocation, LookupStatus, sha256_of
from aidcheck.evidence.claimcache import StoredQuote
from aidcheck.evidence.document import SnapshotText, analyse
from aidcheck.evidence.matching import (
    MatchKind,
    Occurrence,
    QuoteMatch,
    closest_passage,
    find_quote,
)
from aidcheck.evidence.spans import Span, SpanKind
from aidcheck.loader.repository import Repository
from aidcheck.model.claim import Claim
from aidcheck.model.source import Source
from aidcheck.safeio import UnsafeFile

if TYPE_CHECKING:
    from aidcheck.cache import Cache
    from aidcheck.evidence.claimcache import ClaimCache

UNTRUSTED = (SpanKind.DAMAGED, SpanKind.REPAIRED, SpanKind.BOILERPLATE)


class SnapshotStatus(StrEnum):
    OK = "ok"
    CHANGED = "changed"
    MISSING = "missing"
    UNSAFE = "unsafe"
    UNRECORDED = "unrecorded"  # the source record names no snapshot
    UNLISTED = "unlisted"  # the archive's index does not list the file: it is not opened


@dataclass
class SnapshotState:
    source_id: str
    status: SnapshotStatus
    file: str | None = None
    expected: str | None = None
    actual: str | None = None
    reason: str = ""
    data: bytes | None = field(default=None, repr=False)
    """The snapshot's bytes when they match the record, until they are analysed."""
    cache: Cache | None = field(default=None, repr=False)
    _text: SnapshotText | None = field(default=None, repr=False)

    @property
    def readable(self) -> bool:
        """Whether the snapshot is there and is the one its record names (its text is read)."""
        return self._text is not None or self.data is not None

    @property
    def text(self) -> SnapshotText | None:
        """The analysed snapshot, None unless it is readable. Analysed when first read: a run
        whose citations all come from the cache never analyses it."""
        if self._text is None and self.data is not None:
            self._text = analyse(self.data, self.cache)
            self.data = None
        return self._text

    @text.setter
    def text(self, value: SnapshotText | None) -> None:
        self._text, self.data = value, None

    def line(self, offset: int) -> int:
        """The 1-based line of an offset into the snapshot's text (1 when it is not readable)."""
        text = self.text
        return 1 if text is None else text.lines.line(offset)


@dataclass
class CitationCheck:
    claim_id: str
    snapshot: SnapshotState
    match: QuoteMatch | None = None
    untrusted: list[Span] = field(default_factory=list)

    @property
    def occurrence(self) -> Occurrence | None:
        """The occurrence the citation stands on: the chosen one, else the first counted."""
        return None if self.match is None else standing(self.match)

    def problems(self) -> list[str]:
        """Short words for what is wrong with the citation; empty when it verified."""
        out = []
        if self.snapshot.status is not SnapshotStatus.OK:
            out.append(f"snapshot {self.snapshot.status.value}")
        if self.match is not None:
            if not self.match.found:
                out.append("quote not found")
            elif self.match.ambiguous:
                out.append("quote ambiguous")
            if self.match.kind is MatchKind.REPAIRED:
                out.append("quote only in repaired text")
        out.extend(
            f"quote in {kind} text" for kind in sorted({s.kind.value for s in self.untrusted})
        )
        return out


class Evidence:
    def __init__(self, archive: Archive, location: ArchiveLocation) -> None:
        self.archive = archive
        self.location = location
        self._snapshots: dict[str, SnapshotState] = {}
        self._read_as: dict[str, str | None] = {}
        """The sha256 each snapshot file had when this run read it (None: two reads differed)."""
        self._closest_budget = archive.limits.closest_chars
        self._citations: dict[str, CitationCheck] = {}
        self.cache: Cache | None = None
        """Where snapshot analyses are kept between runs (set by verify; None: not kept)."""
        self.claims: ClaimCache | None = None
        """Where quote matches are kept between runs (set by verify; None: not kept)."""
        self.jobs = 1
        """How many processes may share the snapshot analyses and quote searches (set by
        verify; `prefetch`)."""
        self._prefetched: dict[str, StoredQuote] = {}

    def snapshot(self, source: Source) -> SnapshotState:
        state = self._snapshots.get(source.id)
        if state is None:
            state = self._snapshots[source.id] = self._read(source)
        return state

    def _read(self, source: Source) -> SnapshotState:
        record = source.snapshot
        if record is None:
            return SnapshotState(source.id, SnapshotStatus.UNRECORDED)
        state = SnapshotState(source.id, SnapshotStatus.OK, record.file, record.sha256)
        lookup = self.archive.lookup(record.file)
        if lookup.status is LookupStatus.UNLISTED:
            state.status, state.reason = SnapshotStatus.UNLISTED, lookup.reason
            return state
        if lookup.status is LookupStatus.UNSAFE:
            state.status, state.reason = SnapshotStatus.UNSAFE, lookup.reason
            return state
        if lookup.status is LookupStatus.MISSING:
            state.status, state.reason = SnapshotStatus.MISSING, lookup.reason
            return state
        try:
            data = self.archive.read(lookup)
        except UnsafeFile as exc:
            state.status, state.reason = SnapshotStatus.UNSAFE, exc.reason
            return state
        except OSError as exc:
            state.status, state.reason = SnapshotStatus.MISSING, f"cannot read: {exc.strerror}"
            return state
        state.actual = sha256_of(data)
        read_as = "found:" + state.actual
        if self._read_as.setdefault(record.file, read_as) != read_as:
            self._read_as[record.file] = None
        if state.actual != record.sha256:
            # Text nobody recorded is never analysed, matched or shown: a record with a made-up
            # sha256 must not turn aidcheck into a way to print a file (docs/security.md).
            state.status = SnapshotStatus.CHANGED
            return state
        state.data, state.cache = data, self.cache
        return state

    def snapshot_files(self) -> list[str]:
        """The snapshot files this run looked up in the archive."""
        return sorted({s.file for s in self._snapshots.values() if s.file is not None})

    def fingerprint(self, file: str) -> str:
        """What the archive gave for `file` when this run read it, else what it gives now
        (`Archive.fingerprint`): a stored report records what its run was made from."""
        read_as = self._read_as.get(file)
        return read_as if read_as is not None else self.archive.fingerprint(file)

    def citation(self, repo: Repository, claim: Claim) -> CitationCheck:
        check = self._citations.get(claim.id)
        if check is None:
            if not self._citations and self.jobs > 1:
                self.prefetch(repo)
            check = self._citations[claim.id] = self._check(repo, claim)
        return check

    def prefetch(self, repo: Repository) -> None:
        """Analyse the snapshots and search the quotes of every checkable claim the cache does
        not answer for, in `jobs` processes, a shard of sources each: the work per source is
        independent, and it is most of a cold run's citation checks. Each result is what
        `_check` would find without the closest-passage search, which stays with `_check`
        (one budget per run, spent in claim order), so the checks come out as a serial run's."""
        from aidcheck.workers import map_shards

        todo: dict[str, list[Claim]] = {}
        for claim in self.checkable(repo):
            state = self.snapshot(repo.source_of(claim))
            if not state.readable or state.actual is None:
                continue
            stored = self._stored(claim, state)
            if stored is not None:
                self._prefetched[claim.id] = stored
            else:
                todo.setdefault(state.source_id, []).append(claim)
        work = [(self._snapshots[source], claims) for source, claims in todo.items()]
        done = map_shards(_search_sources, work, self.jobs, min_per_job=SOURCES_PER_JOB)
        for (state, claims), (text, found) in zip(work, done, strict=True):
            state.text = text
            for claim, stored in zip(claims, found, strict=True):
                self._prefetched[claim.id] = stored
                if self.claims is not None and state.actual is not None:
                    self.claims.store_quote(claim, state.actual, stored)

    def _stored(self, claim: Claim, state: SnapshotState) -> StoredQuote | None:
        """The claim's match as the claim cache holds it, if it still stands."""
        if self.claims is None or state.actual is None:
            return None
        stored = self.claims.quote(claim, state.actual)
        if stored is not None and not self._usable(stored, state):
            return None
        return stored

    def _check(self, repo: Repository, claim: Claim) -> CitationCheck:
        state = self.snapshot(repo.source_of(claim))
        check = CitationCheck(claim.id, state)
        if not state.readable or state.actual is None:
            return check
        stored = self._prefetched.pop(claim.id, None) or self._stored(claim, state)
        if stored is None:
            text = state.text
            assert text is not None
            # The closest passage of a quote that is not found scans the whole view: a fixed
            # budget of characters per run keeps thousands of unfound quotes in a large snapshot
            # bounded.
            size = len(text.view.text)
            closest = self._closest_budget >= size
            match = find_quote(text, claim.quote, claim.anchor, closest=closest)
            stored = StoredQuote(match, _untrusted(text, match), size, closest)
            if self.claims is not None:
                self.claims.store_quote(claim, state.actual, stored)
        # A stored match spends the budget as the search it stands for would have.
        closest = self._closest_budget >= stored.size
        match = stored.match
        if not match.found:
            if not closest:
                match = replace(match, closest=None)  # the stored match stays as it was
            elif not stored.closest_searched:
                text = state.text
                assert text is not None
                stored.match.closest = closest_passage(text.view, stored.match.quote)
                stored.closest_searched = True
                if self.claims is not None:
                    self.claims.store_quote(claim, state.actual, stored)
            if closest:
                self._closest_budget -= stored.size
        check.match, check.untrusted = match, stored.untrusted
        return check

    @staticmethod
    def _usable(stored: StoredQuote, state: SnapshotState) -> bool:
        """Whether a stored closest passage is the slice of this snapshot's text it says."""
        passage = stored.match.closest
        if passage is None or not stored.closest_searched:
            return True
        text = state.text
        return text is not None and text.text[passage.start : passage.end] == passage.text

    def checkable(self, repo: Repository) -> list[Claim]:
        """Claims whose cited source is known (the loader reports the others)."""
        return [c for c in repo.claims.values() if repo.claim_source.get(c.id) in repo.sources]


SOURCES_PER_JOB = 20
"""Snapshots are shared among processes only by this many sources or more to a process."""


def _search_sources(
    work: Sequence[tuple[SnapshotState, list[Claim]]],
) -> list[tuple[SnapshotText | None, list[StoredQuote]]]:
    """For each source: its analysed snapshot, and each claim's match in it, searched as
    `Evidence._check` searches with the closest passage left unsearched."""
    out: list[tuple[SnapshotText | None, list[StoredQuote]]] = []
    for state, claims in work:
        text = state.text
        assert text is not None
        size = len(text.view.text)
        found = []
        for claim in claims:
            match = find_quote(text, claim.quote, claim.anchor, closest=False)
            found.append(StoredQuote(match, _untrusted(text, match), size, False))
        out.append((text, found))
    return out


def standing(match: QuoteMatch) -> Occurrence | None:
    """The occurrence a match stands on: the chosen one, else the first counted."""
    if not match.found:
        return None
    if match.chosen is not None:
        return match.chosen
    return (match.counted or match.occurrences)[0]


def _untrusted(text: SnapshotText, match: QuoteMatch) -> list[Span]:
    """The damaged, repaired and boilerplate spans the match's occurrence lands in."""
    occurrence = standing(match)
    if occurrence is None:
        return []
    return [s for s in text.spans_of(*UNTRUSTED) if s.overlaps(occurrence.start, occurrence.end)]
