"""One snapshot, analysed: its text, normalized view, damaged and boilerplate spans.

`analyse` is pure and cached by content hash, so a snapshot cited by many claims is read,
normalized and scanned once per run, and (with an `aidcheck.cache.Cache`) once per content.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aidcheck.evidence.boilerplate import find_boilerplate
from aidcheck.evidence.duplicates import find_duplicates
from aidcheck.evidence.mojibake import find_mojibake
from aidcheck.evidence.normalize import NormalizationNotes, NormalizedText, Rebuild, normalize
from aidcheck.evidence.spans import LineIndex, Span, SpanKind

if TYPE_CHECKING:
    from aidcheck.cache import Cache


@dataclass
class SnapshotText:
    sha256: str
    text: str
    view: NormalizedText
    spans: list[Span]
    lines: LineIndex
    decoding_note: str | None = None
    _repaired: NormalizedText | None = field(default=None, repr=False)

    def spans_of(self, *kinds: SpanKind) -> list[Span]:
        return [s for s in self.spans if s.kind in kinds]

    @property
    def repaired_view(self) -> NormalizedText | None:
        """The normalized view with repaired text in place of each repaired span, or None when
        nothing was repaired. Offsets of repaired characters map to their whole span."""
        repairs = self.spans_of(SpanKind.REPAIRED)
        if not repairs:
            return None
        if self._repaired is None:
            self._repaired = _with_repairs(self.text, repairs)
        return self._repaired

    def notes(self) -> list[str]:
        out = [self.decoding_note] if self.decoding_note else []
        return out + self.view.notes.describe()


def decode(data: bytes) -> tuple[str, str | None]:
    """Snapshots are UTF-8; anything else is read as GB18030 and said so, and undecodable bytes
    become U+FFFD, which the damage scan reports."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "not UTF-8: read as GB18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "not valid UTF-8: bad bytes replaced"


_CACHE: dict[str, SnapshotText] = {}


def analyse(data: bytes, cache: Cache | None = None) -> SnapshotText:
    digest = hashlib.sha256(data).hexdigest()
    cached = _CACHE.get(digest)
    if cached is not None:
        return cached
    text, note = decode(data)
    lines = LineIndex(text)
    stored = _from_cache(cache.get("snapshot", digest), text) if cache is not None else None
    if stored is not None:
        view, placed = stored
    else:
        view = normalize(text)
        boilerplate = find_boilerplate(text)
        spans = find_mojibake(text) + boilerplate + find_duplicates(view, boilerplate)
        placed = sorted((lines.place(s) for s in spans), key=lambda s: (s.start, s.end))
        if cache is not None:
            cache.put("snapshot", digest, _to_cache(view, placed))
    snapshot = SnapshotText(digest, text, view, placed, lines, note)
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[digest] = snapshot
    return snapshot


def _to_cache(view: NormalizedText, spans: list[Span]) -> dict[str, Any]:
    return {
        "view": view.text,
        "starts": list(view.starts),
        "ends": list(view.ends),
        "notes": asdict(view.notes),
        "spans": [s.model_dump(mode="json") for s in spans],
    }


def _from_cache(value: Any, text: str) -> tuple[NormalizedText, list[Span]] | None:
    """The analysis stored by `_to_cache`, checked against the text it claims to describe."""
    try:
        view, starts, ends = value["view"], value["starts"], value["ends"]
        if not (
            isinstance(view, str)
            and isinstance(starts, list)
            and isinstance(ends, list)
            and len(starts) == len(ends) == len(view)
            and all(type(i) is int for i in starts)
            and all(type(i) is int for i in ends)
            and (not starts or (min(starts) >= 0 and max(ends) <= len(text)))
        ):
            return None
        notes = NormalizationNotes(**{k: int(v) for k, v in value["notes"].items()})
        spans = [Span.model_validate(s) for s in value["spans"]]
        if any(not 0 <= s.start <= s.end <= len(text) for s in spans):
            return None
        return NormalizedText(text, view, starts, ends, notes), spans
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError):
        return None


def _with_repairs(text: str, repairs: list[Span]) -> NormalizedText:
    out = Rebuild(text, list(range(len(text))), list(range(1, len(text) + 1)))
    for span in sorted(repairs, key=lambda s: s.start):
        out.copy(span.start)
        out.put((span.repaired or "").replace("\ufffd", ""), span.start, span.end)
    return normalize(*out.result(), original=text)
