"""A claim's citation as `aidcheck show` prints it: the quote inside its passage, the figure
marked, and whether the citation verified."""

from __future__ import annotations

from aidcheck.evidence.archive import ENABLE_HINT
from aidcheck.evidence.citations import Evidence
from aidcheck.evidence.figures import check_figure
from aidcheck.evidence.view import CitationView, ClosestPassage
from aidcheck.loader.repository import Repository
from aidcheck.model.claim import Claim

CONTEXT_CHARS = 60


def citation_view(repo: Repository, evidence: Evidence | None, claim: Claim) -> CitationView:
    """Status, problems, and the passage cut in before/quote/after, with `figures` as
    [start, end) offsets into `quote`."""
    figure = check_figure(claim)
    problems = [] if figure.ok else [f"figure: {figure.verdict.value} not as the quote states"]
    if evidence is None:
        return CitationView(
            status="not checked",
            verified=False,
            problems=[f"no evidence archive: {ENABLE_HINT}", *problems],
        )
    check = evidence.citation(repo, claim)
    problems = check.problems() + problems
    state = check.snapshot
    out = CitationView(
        status="verified" if not problems else "not verified",
        verified=not problems,
        problems=problems,
        file=state.file,
    )
    occurrence = check.occurrence
    if state.text is None or occurrence is None or check.match is None:
        if check.match is not None and check.match.closest is not None:
            closest = check.match.closest
            out.closest = ClosestPassage(
                text=closest.text,
                line=state.text.lines.line(closest.start) if state.text else None,
                similarity=closest.similarity,
                numbers_differ=closest.numbers_differ,
            )
        return out
    text = state.text.text
    line_start = text.rfind("\n", 0, occurrence.start) + 1
    line_end = text.find("\n", occurrence.end)
    line_end = len(text) if line_end < 0 else line_end
    cut_start = max(line_start, occurrence.start - CONTEXT_CHARS)
    cut_end = min(line_end, occurrence.end + CONTEXT_CHARS)
    before = ("…" if cut_start > line_start else "") + text[cut_start : occurrence.start]
    quoted = text[occurrence.start : occurrence.end]
    after = text[occurrence.end : cut_end] + ("…" if cut_end < line_end else "")
    out.line = state.text.lines.line(occurrence.start)
    out.column = state.text.lines.column(occurrence.start)
    out.match = check.match.kind.value if check.match.kind else None
    out.occurrences = len(check.match.counted or check.match.occurrences)
    out.before = before.lstrip()
    out.quote = quoted
    out.after = after.rstrip()
    out.figures = _figure_spans(quoted, claim)
    out.repaired = [s.repaired for s in check.untrusted if s.repaired]
    return out


def _figure_spans(quoted: str, claim: Claim) -> list[tuple[int, int]]:
    from aidcheck.numbers import find_figures

    found = find_figures(quoted)
    same = [f for f in found if f.quantity.value == claim.figure.value]
    return [(f.start, f.end) for f in same]
