"""`sources list` and `sources check` as library calls: each source's snapshot, read and
analysed, as plain data (the commands print it; `render.sources` words it for a terminal)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from aidcheck.evidence.citations import Evidence
from aidcheck.evidence.spans import Span
from aidcheck.findings import SourceSummary
from aidcheck.loader.repository import Repository
from aidcheck.rules.citation import short

EXCERPT_CHARS = 24


class SpanReport(Span):
    excerpt: str = ""


class SourceCheck(BaseModel):
    id: str
    file: str | None
    status: str
    reason: str = ""
    expected_sha256: str | None = None
    actual_sha256: str | None = None
    characters: int = 0
    lines: int = 0
    normalization: list[str] = Field(default_factory=list)
    spans: list[SpanReport] = Field(default_factory=list)


class SourcesReport(BaseModel):
    archive: str | None
    sources: list[SourceSummary] = Field(default_factory=list)
    checks: list[SourceCheck] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)


def check_source(repo: Repository, evidence: Evidence, source_id: str) -> SourceCheck:
    state = evidence.snapshot(repo.sources[source_id])
    out = SourceCheck(
        id=source_id,
        file=state.file,
        status=state.status.value,
        reason=state.reason,
        expected_sha256=state.expected,
        actual_sha256=state.actual,
    )
    snapshot = state.text
    if snapshot is None:
        return out
    out.characters = len(snapshot.text)
    out.lines = snapshot.text.count("\n") + 1
    out.normalization = snapshot.notes()
    out.spans = [
        SpanReport(
            **span.model_dump(), excerpt=short(snapshot.text[span.start : span.end], EXCERPT_CHARS)
        )
        for span in snapshot.spans
    ]
    return out
