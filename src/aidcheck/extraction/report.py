"""One extraction: the body's figures, each with its reading, sentence and covering claims,
and the guesses a stub claim needs (period, region, metric)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from pydantic import BaseModel, Field

from aidcheck.evidence.citations import Evidence
from aidcheck.evidence.document import SnapshotText
from aidcheck.extraction.body import BodyFigure, body_figures
from aidcheck.extraction.metrics import MetricIndex
from aidcheck.extraction.periods import guess_period
from aidcheck.loader.repository import Repository

CONTEXT_CHARS = 600
# Where a clause ends: Chinese and English punctuation, but not the comma inside 1,180.
CLAUSE_END = re.compile(r"[，;；:：。！？!?\n]|(?<!\d),|,(?!\d)")


def _plain(x: Decimal | None) -> str | None:
    return None if x is None else format(x.normalize(), "f")


class Guesses(BaseModel):
    """What a stub claim needs that the text only suggests; every one is for review."""

    period: dict[str, str | int] | None = None
    period_wording: str | None = None
    region: str = "CN"
    regions_named: list[str] = Field(default_factory=list)
    metrics: list[str] = Field(default_factory=list)
    quote: str


class ExtractedFigure(BaseModel):
    text: str
    line: int
    start: int
    end: int
    value: str
    high: str | None
    hedge: str
    unit: str | None
    dimension: str
    interval: str
    sentence: str
    why: str = ""
    covered_by: list[str] = Field(default_factory=list)
    guesses: Guesses


class Extraction(BaseModel):
    source: str | None
    file: str
    published: dt.date | None
    figures: list[ExtractedFigure] = Field(default_factory=list)
    left_out: dict[str, int] = Field(default_factory=dict)
    notices: list[str] = Field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for f in self.figures if f.covered_by)

    def coverage_line(self) -> str:
        total = len(self.figures)
        noun = "figure" if total == 1 else "figures"
        return f"claims cover {self.covered} of {total} {noun} in this source"


def clause(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str:
    """The clause around a figure (between commas or semicolons), widened to the sentence
    when the clause is too short to find again; trimmed of white space and closing marks."""
    left = sentence_start
    for m in CLAUSE_END.finditer(text, sentence_start, start):
        left = m.end()
    after = CLAUSE_END.search(text, end, sentence_end)
    right = after.start() if after is not None else sentence_end
    if right - left < 10:
        left, right = sentence_start, sentence_end
    return text[left:right].strip().rstrip("。.;；,，")


def _covering(repo: Repository, evidence: Evidence, source_id: str) -> dict[str, list]:  # type: ignore[type-arg]
    """The claims of the source with every place their quote was found."""
    out: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for claim in repo.claims.values():
        if repo.claim_source.get(claim.id) != source_id:
            continue
        check = evidence.citation(repo, claim)
        if check.match is None or not check.match.found:
            continue
        for occurrence in check.match.occurrences:
            out[claim.id].append((occurrence.start, occurrence.end, claim))
    return out


def _region_guess(repo: Repository | None, context: str) -> tuple[str, list[str]]:
    """The region named last before the figure (by its name without 省/市/自治区…), else CN."""
    if repo is None:
        return "CN", []
    named: list[tuple[int, str]] = []
    for code, region in repo.regions.items():
        for name in {region.name_zh, _short(region.name_zh)}:
            if len(name) >= 2 and (at := context.rfind(name)) != -1:
                named.append((at + len(name), code))
    named.sort()
    codes = list(dict.fromkeys(code for _, code in reversed(named)))
    return (codes[0] if codes else "CN"), codes


def _short(name: str) -> str:
    for suffix in (
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "自治州",
        "地区",
        "省",
        "市",
        "县",
    ):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def extract(
    snapshot: SnapshotText,
    *,
    file: str,
    source_id: str | None,
    published: dt.date | None,
    repo: Repository | None,
    evidence: Evidence | None,
) -> Extraction:
    from aidcheck.evidence.normalize import normalize_quote

    body = body_figures(snapshot, repo.units if repo is not None else None)
    result = Extraction(source=source_id, file=file, published=published)
    result.left_out = dict(body.left_out)
    covering = (
        _covering(repo, evidence, source_id)
        if repo is not None and evidence is not None and source_id is not None
        else {}
    )
    index = None
    if repo is not None and repo.metrics:
        quotes: dict[str, list[str]] = defaultdict(list)
        for claim in repo.claims.values():
            quotes[claim.metric].append(normalize_quote(claim.quote))
        index = MetricIndex(repo.metrics, quotes)
    text = snapshot.text
    for fig in body.figures:
        result.figures.append(_figure(fig, text, covering, index, repo, published))
    return result


def _figure(
    fig: BodyFigure,
    text: str,
    covering: dict[str, list],  # type: ignore[type-arg]
    index: MetricIndex | None,
    repo: Repository | None,
    published: dt.date | None,
) -> ExtractedFigure:
    from aidcheck.evidence.normalize import normalize_quote

    q = fig.quantity
    covered_by = [
        claim_id
        for claim_id, places in covering.items()
        if any(
            s <= fig.start
            and fig.end <= e
            and c.figure.value == q.value
            and c.figure.high == q.high
            for s, e, c in places
        )
    ]
    # The paragraph before the figure, at most CONTEXT_CHARS of it: the cost per figure is
    # bounded however long a paragraph (or a file without line breaks) is.
    paragraph_start = max(text.rfind("\n", 0, fig.start) + 1, fig.start - CONTEXT_CHARS)
    before = text[paragraph_start : fig.start]
    normalized_before = normalize_quote(before)
    period = guess_period(normalized_before, published) if published else None
    quote = clause(text, fig.start, fig.end, fig.sentence_start, fig.sentence_end)
    region, named = _region_guess(repo, normalize_quote(text[paragraph_start : fig.end]))
    metrics = (
        [s.metric for s in index.suggest(q, normalize_quote(quote))] if index is not None else []
    )
    return ExtractedFigure(
        text=fig.text,
        line=fig.line,
        start=fig.start,
        end=fig.end,
        value=_plain(q.value) or "",
        high=_plain(q.high),
        hedge=q.hedge.value,
        unit=q.unit,
        dimension=q.dimension,
        interval=str(q.interval),
        sentence=fig.sentence,
        why=fig.why,
        covered_by=covered_by,
        guesses=Guesses(
            period=(
                {
                    k: (v.isoformat() if isinstance(v, dt.date) else v)
                    for k, v in period.period.items()
                }
                if period
                else None
            ),
            period_wording=period.wording if period else None,
            region=region,
            regions_named=named,
            metrics=metrics,
            quote=quote,
        ),
    )
