"""Each claim's citation work, kept between runs: its figure check and its quote's match.

Reading the figures a quote states (the number reader) and finding the quote in its snapshot
are the costly part of a run, and each depends only on a few things: the figure check on the
claim's quote, its figure and the unit table; the quote's match on the quote, its anchor and the
snapshot's bytes. So each result is stored under a hash of exactly those (and, through the
cache's entry names, aidcheck's code fingerprint), and a run after an edit reads back the
results of every claim whose inputs did not change: the rules and the report see the same
objects as when they are computed.

Results are kept by claim file (by its path), and the files' records in `SHARDS` entries, so
that 10,000 claims are not 10,000 small files, nor even one per claim file; within a file's
records, each result is found by its own hash, so editing one claim of a file recomputes that
claim only.

What is stored never depends on the order claims are checked in. A quote that is not found
gets its closest passage only while the run's budget of characters lasts
(`Limits.closest_chars`); the stored match records whether its closest passage was computed
and the length of the view it would scan, so a run replays the budget exactly as an uncached
run spends it, computing a passage that was never computed when the budget now allows it.

The entries are signed by `aidcheck.cache.Cache` and checked again here: a record whose shape
is wrong, or whose quantities do not validate, is a miss and is computed afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aidcheck.evidence.figures import FigureCheck, FigureVerdict, check_figure
from aidcheck.evidence.matching import MatchKind, Occurrence, Passage, QuoteMatch
from aidcheck.evidence.spans import Span
from aidcheck.model.claim import Anchor, Claim
from aidcheck.model.quantity import Quantity
from aidcheck.model.units import UnitTable

if TYPE_CHECKING:
    from aidcheck.cache import Cache
    from aidcheck.loader.repository import Repository

KIND = "claims"
FIGURES = "figures"
QUOTES = "quotes"
_KINDS = (FIGURES, QUOTES)
_NO_FILE = "(no file)"


def units_fingerprint(units: UnitTable) -> str:
    """A hash of what a unit table knows: each of its compared fields (its dimensions, and
    every word of every unit), whatever fields it has."""
    body = []
    for item in dataclasses.fields(units):
        if item.compare:
            value = getattr(units, item.name)
            if isinstance(value, dict):
                value = sorted((k, _unit(v)) for k, v in value.items())
            body.append([item.name, value])
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


def _unit(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.astuple(value)
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(model: Quantity | Anchor | None) -> str:
    """Each field of the model, in order. (The names are looked up once per class: pydantic's
    `model_fields` on a class costs more than the rest of this together.)"""
    if model is None:
        return "-"
    names = _FIELDS.get(type(model))
    if names is None:
        names = _FIELDS[type(model)] = tuple(type(model).model_fields)
    return repr(tuple(getattr(model, name) for name in names))


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class StoredQuote:
    """A quote's match as a run uses it: the match, the untrusted spans its occurrence lands
    in, the length of the view a closest-passage search scans, and whether that search was
    made (`match.closest` is then its result)."""

    match: QuoteMatch
    untrusted: list[Span]
    size: int
    closest_searched: bool


@dataclass
class _Bucket:
    """The records of one claim file: as read from the cache, and as this run will leave them."""

    stored: dict[str, dict[str, Any]]
    kept: dict[str, dict[str, Any]] = field(default_factory=lambda: {k: {} for k in _KINDS})
    dirty: bool = False


class ClaimCache:
    """The citation work of a run's claims, read from and written to a `Cache`."""

    def __init__(self, cache: Cache, repo: Repository) -> None:
        self.cache = cache
        self.repo = repo
        self._buckets: dict[str, _Bucket] = {}
        self._shards: dict[int, dict[str, Any]] = {}
        self._looked_up: set[str] = set()
        self._shown: dict[Path, str] = {}
        self._keys: dict[str, tuple[str, str]] = {}
        self.hits = 0
        self.misses = 0

    @cached_property
    def _units(self) -> str:
        return units_fingerprint(self.repo.units)

    def _where(self, claim: Claim) -> tuple[str, str]:
        """The claim's file, and a hash of what its results depend on in it: the quote, the
        anchor and the figure (each field, as validated)."""
        found = self._keys.get(claim.id)
        if found is None:
            origin = self.repo.origins.get(("claim", claim.id))
            if origin is None:
                file = _NO_FILE
            else:
                file = self._shown.get(origin.file) or self.repo.display_path(origin.file)
                self._shown[origin.file] = file
            key = _hash(claim.quote, _fields(claim.anchor), _fields(claim.figure))
            found = self._keys[claim.id] = file, key
        return found

    def _bucket(self, file: str) -> _Bucket:
        bucket = self._buckets.get(file)
        if bucket is None:
            shard = self._shard(shard_of(file))
            bucket = self._buckets[file] = _Bucket(_records(shard.get(file), self._units))
        return bucket

    def _shard(self, number: int) -> dict[str, Any]:
        """The files' records kept in one shard entry, as read (empty when there is none)."""
        shard = self._shards.get(number)
        if shard is None:
            value = self.cache.get(KIND, _shard_key(number))
            shard = self._shards[number] = value if isinstance(value, dict) else {}
        return shard

    def _get(self, kind: str, file: str, key: str) -> Any:
        self._looked_up.add(kind)
        bucket = self._bucket(file)
        value = bucket.stored[kind].get(key)
        if value is not None:
            bucket.kept[kind][key] = value
        return value

    def _put(self, kind: str, file: str, key: str, value: Any) -> None:
        bucket = self._bucket(file)
        bucket.kept[kind][key] = value
        bucket.dirty = True

    # The figure check (C105, C107, C108 and what C110 reads of it)

    def figure(self, claim: Claim) -> FigureCheck:
        """`check_figure(claim, units)` with the repository's unit table, read from the cache
        when it was made before with the same table."""
        stored = self.stored_figure(claim)
        if stored is not None:
            return stored
        check = check_figure(claim, self.repo.units)
        self.store_figure(claim, check)
        return check

    def stored_figure(self, claim: Claim) -> FigureCheck | None:
        """The claim's figure check as the cache holds it (made with this unit table), or None."""
        file, key = self._where(claim)
        stored = _figure_from(self._get(FIGURES, file, key), claim, self.repo.units)
        if stored is None:
            self.misses += 1
        else:
            self.hits += 1
        return stored

    def store_figure(self, claim: Claim, check: FigureCheck) -> None:
        """Keep a figure check made with the repository's unit table for the next run (it is
        serialised when saved: the run holds the check anyway)."""
        file, key = self._where(claim)
        self._put(FIGURES, file, key, check)

    # The quote's match in its snapshot (C103, C104, C106)

    def quote(self, claim: Claim, snapshot_sha256: str) -> StoredQuote | None:
        """The stored match of the claim's quote in the snapshot with that sha256, or None."""
        file, key = self._where(claim)
        made = self._bucket(file).kept[QUOTES].get(key + snapshot_sha256[:32])
        if isinstance(made, StoredQuote):  # by a claim with the same quote, earlier in this run
            self.hits += 1
            return made
        stored = _quote_from(self._get(QUOTES, file, key + snapshot_sha256[:32]))
        if stored is None:
            self.misses += 1
        else:
            self.hits += 1
        return stored

    def store_quote(self, claim: Claim, snapshot_sha256: str, stored: StoredQuote) -> None:
        """Keep a quote's match for the next run; serialised when saved, so `stored` must not
        change afterwards but to record a closest passage searched for (store it again)."""
        file, key = self._where(claim)
        self._put(QUOTES, file, key + snapshot_sha256[:32], stored)

    def save(self) -> None:
        """Write back each shard whose records changed. A file's records this run did not use
        are dropped (a kind of record the run never looked up, such as quotes in a run without
        an archive, is kept as it was); the records of a file the run did not load (a run on
        some of the claim files) are kept while the file exists."""
        root = self.repo.root.resolve()
        touched: dict[int, bool] = {}
        for file, bucket in self._buckets.items():
            changed = bucket.dirty
            for kind in _KINDS:
                if kind not in self._looked_up:
                    bucket.kept[kind] = bucket.stored[kind]
                elif len(bucket.kept[kind]) != len(bucket.stored[kind]):
                    changed = True
            number = shard_of(file)
            touched[number] = touched.get(number, False) or changed
        for number, changed in touched.items():
            files: dict[str, Any] = {}
            for file, records in self._shard(number).items():
                if file in self._buckets:
                    continue
                if (root / file).is_file():
                    files[file] = records
                else:
                    changed = True  # a file that is gone: its records go too
            if not changed:
                continue
            for file, bucket in self._buckets.items():
                if shard_of(file) == number:
                    files[file] = {"units": self._units, **_serialised(bucket.kept)}
            self.cache.put(KIND, _shard_key(number), files)


def _serialised(kept: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A file's records as JSON data: those read back are already; checks made this run are
    serialised now."""
    out: dict[str, dict[str, Any]] = {}
    for kind, records in kept.items():
        out[kind] = {}
        for key, value in records.items():
            if isinstance(value, FigureCheck):
                value = _figure_to(value)
            elif isinstance(value, StoredQuote):
                value = _quote_to(value)
            if value is not None:
                out[kind][key] = value
    return out


SHARDS = 64
"""Claim files' records are kept in this many entries, each file's in the one its path hashes
to: a few hundred claim files are not a few hundred small files to write, and an edit rewrites
one entry. (Fixed, so that adding a file moves no other file's records.)"""


def shard_of(file: str) -> int:
    return (
        int.from_bytes(hashlib.sha256(file.encode("utf-8", "surrogatepass")).digest()[:4]) % SHARDS
    )


def _shard_key(number: int) -> str:
    return f"{number}/{SHARDS}"


def _records(value: Any, units: str) -> dict[str, dict[str, Any]]:
    """One file's records as stored: figure checks (kept only if made with the same unit
    table) and quote matches, each by its key; anything else reads as none."""
    stored: dict[str, dict[str, Any]] = {k: {} for k in _KINDS}
    if isinstance(value, dict):
        for kind in _KINDS:
            records = value.get(kind)
            if isinstance(records, dict):
                stored[kind] = records
        if value.get("units") != units:
            stored[FIGURES] = {}
    return stored


# Serialising a figure check. The quantities are validated again only when a rule reads them:
# most runs read only the verdict.


_QUANTITY = tuple(Quantity.model_fields)


def _quantity_to(q: Quantity) -> list[Any]:
    """The quantity's fields, in their order, as JSON values (a list: half the size); numbers
    as their exact decimal text."""
    return [_plain(getattr(q, name)) for name in _QUANTITY]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _figure_to(check: FigureCheck) -> dict[str, Any] | None:
    if isinstance(check, StoredFigureCheck) and check.unread is not None:
        return check.unread
    closest = None
    if check.closest is not None:
        closest = next((i for i, q in enumerate(check.stated) if q is check.closest), None)
        if closest is None:
            return None
    return {
        "verdict": check.verdict.value,
        "stated": [_quantity_to(q) for q in check.stated],
        "closest": closest,
        "noun": check.noun,
    }


def _figure_from(value: Any, claim: Claim, units: UnitTable) -> FigureCheck | None:
    if not isinstance(value, dict):
        return None
    try:
        verdict = FigureVerdict(value["verdict"])
        stated, closest, noun = value["stated"], value["closest"], value["noun"]
    except (KeyError, TypeError, ValueError):
        return None
    if not (
        isinstance(stated, list)
        and all(isinstance(q, list) and len(q) == len(_QUANTITY) for q in stated)
        and (closest is None or (type(closest) is int and 0 <= closest < len(stated)))
        and (noun is None or isinstance(noun, str))
    ):
        return None
    return StoredFigureCheck(verdict, claim, units, stated, closest, noun)


class StoredFigureCheck(FigureCheck):
    """A figure check read from the cache. Its quantities are validated when a rule first reads
    them; should one not validate, the check is made again and its quantities used."""

    def __init__(
        self,
        verdict: FigureVerdict,
        claim: Claim,
        units: UnitTable,
        stated: list[list[Any]],
        closest: int | None,
        noun: str | None,
    ) -> None:
        self.verdict = verdict
        self.claimed = claim.figure
        self.noun = noun
        self._claim = claim
        self._units = units
        self._raw = stated
        self._closest_at = closest
        self._quantities: tuple[list[Quantity], Quantity | None] | None = None

    @property
    def unread(self) -> dict[str, Any] | None:
        """The record this check was read from, while its quantities are not yet validated."""
        if self._quantities is not None:
            return None
        return {
            "verdict": self.verdict.value,
            "stated": self._raw,
            "closest": self._closest_at,
            "noun": self.noun,
        }

    def _hydrate(self) -> tuple[list[Quantity], Quantity | None]:
        if self._quantities is None:
            try:
                context = {"units": self._units}
                stated = [
                    Quantity.model_validate(dict(zip(_QUANTITY, q, strict=True)), context=context)
                    for q in self._raw
                ]
                closest = None if self._closest_at is None else stated[self._closest_at]
                self._quantities = stated, closest
            except (ValidationError, TypeError, ValueError, IndexError):
                fresh = check_figure(self._claim, self._units)
                self.verdict, self.noun = fresh.verdict, fresh.noun
                self._quantities = fresh.stated, fresh.closest
        return self._quantities

    @property
    def stated(self) -> list[Quantity]:
        return self._hydrate()[0]

    @stated.setter
    def stated(self, value: list[Quantity]) -> None:
        self._quantities = value, self._hydrate()[1]

    @property
    def closest(self) -> Quantity | None:
        return self._hydrate()[1]

    @closest.setter
    def closest(self, value: Quantity | None) -> None:
        self._quantities = self._hydrate()[0], value


# Serialising a quote's match: offsets into the snapshot's original text.


def _quote_to(stored: StoredQuote) -> list[Any]:
    """[quote, kind, occurrences, counted, chosen, anchor problem, searched, closest, size,
    untrusted spans]: a list, as there is one per claim."""
    match = stored.match
    index = {o: i for i, o in enumerate(match.occurrences)}
    closest = match.closest
    return [
        match.quote,
        None if match.kind is None else match.kind.value,
        [[o.start, o.end] for o in match.occurrences],
        [index[o] for o in match.counted],
        None if match.chosen is None else index[match.chosen],
        match.anchor_problem,
        stored.closest_searched,
        None
        if closest is None
        else [closest.start, closest.end, closest.text, closest.similarity, closest.numbers_differ],
        stored.size,
        [s.model_dump(mode="json") for s in stored.untrusted],
    ]


def _ints(value: Any, n: int) -> bool:
    return isinstance(value, list) and len(value) == n and all(type(i) is int for i in value)


def _quote_from(value: Any) -> StoredQuote | None:
    if not (isinstance(value, list) and len(value) == 10):
        return None
    quote, kind, spans, counted, chosen, problem, searched, closest, size, untrusted = value
    try:
        if not (
            isinstance(quote, str)
            and type(size) is int
            and size >= 0
            and isinstance(spans, list)
            and all(_ints(s, 2) and 0 <= s[0] <= s[1] for s in spans)
            and isinstance(counted, list)
            and all(type(i) is int and 0 <= i < len(spans) for i in counted)
            and (chosen is None or (type(chosen) is int and 0 <= chosen < len(spans)))
            and (problem is None or isinstance(problem, str))
            and type(searched) is bool
            and (kind is None) == (not spans)
            and isinstance(untrusted, list)
        ):
            return None
        occurrences = [Occurrence(a, b) for a, b in spans]
        match = QuoteMatch(
            quote=quote,
            kind=None if kind is None else MatchKind(kind),
            occurrences=occurrences,
            counted=[occurrences[i] for i in counted],
            chosen=None if chosen is None else occurrences[chosen],
            anchor_problem=problem,
            closest=_passage(closest),
        )
        spans_in = [Span.model_validate(s) for s in untrusted]
    except (TypeError, ValueError, ValidationError, _Bad):
        return None
    return StoredQuote(match, spans_in, size, searched)


class _Bad(Exception):
    pass


def _passage(value: Any) -> Passage | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 5):
        raise _Bad
    start, end, text, similarity, differ = value
    if not (
        type(start) is int
        and type(end) is int
        and 0 <= start <= end
        and isinstance(text, str)
        and isinstance(similarity, float | int)
        and type(differ) is bool
    ):
        raise _Bad
    return Passage(start, end, text, float(similarity), differ)
