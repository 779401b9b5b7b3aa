"""Stub claims for the figures no claim covers, as YAML for the user to review.

Quote and figure are copied from the text and need no review. Everything guessed (the metric,
the region, the period) carries the YAML tag `!review`; the loader refuses a value that still
has it, at its line, so a stub cannot be verified by accident before a person has checked it.
Settling a field means checking it against the article and deleting the tag (or correcting the
value). A stub without a guess for a required field gets `!review` on a placeholder that the
loader rejects even without the tag.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from aidcheck.extraction.report import ExtractedFigure, Extraction

REVIEW_TAG = "!review"


def _scalar(value: str) -> str:
    """A YAML scalar: plain when that is safe, else double-quoted (JSON escaping)."""
    if re.fullmatch(r"[\w\u4e00-\u9fff][\w\u4e00-\u9fff.%()（）-]*", value) and not re.fullmatch(
        r"[\d.]+|true|false|yes|no|on|off|null|~", value, re.IGNORECASE
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def _period(period: dict[str, str | int]) -> str:
    parts = [f"{k}: {_scalar(str(v)) if k == 'wording' else v}" for k, v in period.items()]
    return "{" + ", ".join(parts) + "}"


def _claim_id(source: str, figure: ExtractedFigure, taken: set[str]) -> str:
    base = f"{source}-line{figure.line}-{re.sub(r'[^0-9a-z]+', '', figure.value.lower())[:12]}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def stub_yaml(extraction: Extraction, taken_ids: set[str], today: dt.date) -> str:
    source = extraction.source
    uncovered = [f for f in extraction.figures if not f.covered_by]
    lines = [
        f"# Stub claims from 'aidcheck extract' on {today.isoformat()}: {len(uncovered)} "
        f"figure(s) of {extraction.file} that no claim covers.",
        "# Every value tagged !review is a guess: check it against the article, correct it if",
        "# need be, and delete the tag. 'aidcheck verify' refuses a file that still holds one.",
        "# Delete the stubs of figures you do not want to record (docs/workflow.md).",
    ]
    if source is None:
        lines.append(
            "# The text is not a recorded source: record it with 'aidcheck sources add' and "
            "put its id here."
        )
        lines.append(f"source: {REVIEW_TAG} source-id")
    else:
        lines.append(f"source: {source}")
    if not uncovered:
        lines.append("claims: []")
        return "\n".join(lines) + "\n"
    lines.append("claims:")
    taken = set(taken_ids)
    for fig in uncovered:
        g = fig.guesses
        ident = _claim_id(source or "claim", fig, taken)
        metric = g.metrics[0] if g.metrics else "metric-id"
        also = f"  # also: {', '.join(g.metrics[1:])}" if len(g.metrics) > 1 else ""
        if not g.metrics:
            also = "  # no metric of the registry fits: define one (docs/claims.md)"
        lines.append(f"  - id: {ident}")
        lines.append(f"    metric: {REVIEW_TAG} {metric}{also}")
        lines.append(f"    figure: {_scalar(fig.text)}")
        named = f"  # named before it: {', '.join(g.regions_named[:4])}" if g.regions_named else ""
        lines.append(f"    scope: {REVIEW_TAG} {{region: {g.region}}}{named}")
        if g.period is not None:
            lines.append(f"    period: {REVIEW_TAG} {_period(g.period)}")
        else:
            lines.append(
                "    # period: none stated before the figure; without one it holds as of the "
                "publication date"
            )
        lines.append(f"    quote: {_scalar(g.quote)}")
    return "\n".join(lines) + "\n"
