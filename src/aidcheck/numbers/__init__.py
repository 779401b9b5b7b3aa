"""The number reader: turn stated figures into `Quantity` values, alone or in running text.

`read_figure("超过6万人次")` reads one figure as a claim file states it; `find_figures(text)` finds
every figure in an article or a quote, with offsets into the text as given. Both fold the text
first (full-width → ASCII, 萬 → 万), so traditional and full-width spellings read the same. The
rules, and what is deliberately not read, are in docs/numbers.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidcheck.model.quantity import Quantity
from aidcheck.numbers.folding import fold, original_span
from aidcheck.numbers.grammar import AMOUNT_RE, Figure, figure_at

__all__ = ["FigureError", "FoundFigure", "find_figures", "read_figure"]

_EXAMPLES = "e.g. 超过6万人次, 400余家, 9.32万人, 3至5所, 'more than 60,000 personnel'"
# 两批共315名: a breakdown ("two batches") before the total that the figure states.
_TOTAL_RE = re.compile(r"共计|共有|合计|总计|累计|共")
_DATE_MARKS = "年月日号时点分秒"


class FigureError(ValueError):
    """A text that is not exactly one figure; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure in running text: `text[start:end]` covers hedge words, number and unit."""

    start: int
    end: int
    quantity: Quantity


def read_figure(text: str) -> Quantity:
    """Read one stated figure, such as 超过6万人次 or "more than 60,000".

    A leading breakdown before 共 is allowed (两批共315名 reads as 315名). Raises FigureError when
    the text is empty, holds no number, or holds anything besides one figure.
    """
    stated = text.strip()
    if not stated:
        raise FigureError(f"the figure is empty; write one number with hedge and unit, {_EXAMPLES}")
    folded, _ = fold(stated)
    figure = _whole_figure(folded)
    if figure is None and (total := _TOTAL_RE.search(folded)) is not None:
        before = folded[: total.start()]
        if not before or _whole_figure(before) is not None:
            figure = _whole_figure(folded[total.end() :])
    if figure is None:
        raise FigureError(_why_not(stated, folded))
    return _quantity(stated, figure)


def find_figures(text: str) -> list[FoundFigure]:
    """Every figure stated in `text`, in order, with offsets into `text` as given.

    Conservative by design: a number that may be a date, an ordinal, a grade (三级医院), a code
    (2+X, 5G) or a set phrase (一对一) is left out rather than guessed at.
    """
    folded, origin = fold(text)
    found: list[FoundFigure] = []
    pos = last_end = 0
    while (m := AMOUNT_RE.search(folded, pos)) is not None:
        figure = figure_at(folded, m, strict=True)
        if figure is None or figure.start < last_end:
            pos = m.end()
            continue
        start, end = original_span(origin, figure.start, figure.end)
        found.append(FoundFigure(start, end, _quantity(text[start:end], figure)))
        pos = last_end = figure.end
    return found


def _whole_figure(folded: str) -> Figure | None:
    for m in AMOUNT_RE.finditer(folded):
        figure = figure_at(folded, m, strict=False)
        if figure is not None and figure.start == 0 and figure.end == len(folded):
            return figure
    return None


def _quantity(text: str, f: Figure) -> Quantity:
    return Quantity(
        text=text,
        value=f.value,
        high=f.high,
        unit=f.unit,
        hedge=f.hedge,
        rounded=f.rounded,
        step=f.step,
        resolution=f.resolution,
    )


def _why_not(stated: str, folded: str) -> str:
    """Say what could not be read, for the FigureError message."""
    first = next(
        (f for m in AMOUNT_RE.finditer(folded) if (f := figure_at(folded, m, False)) is not None),
        None,
    )
    if first is None and AMOUNT_RE.search(folded) is None:
        return f"no number could be read in {stated!r}; write one figure, {_EXAMPLES}"
    if first is None:
        return (
            f"the number in {stated!r} is part of a code, a date or a word (5G, 2+X, 二〇一九), "
            f"not a figure; write one figure, {_EXAMPLES}"
        )
    if len(find_figures(stated)) > 1:
        return f"{stated!r} states more than one figure; write one figure per claim, {_EXAMPLES}"
    before, after = folded[: first.start], folded[first.end :]
    read = folded[first.start : first.end]
    if after[:1] and after[0] in _DATE_MARKS:
        return f"{stated!r} is a date or a time, not a figure; write the count itself, {_EXAMPLES}"
    if before.endswith("第"):
        return f"{stated!r} is an ordinal (第…), not a figure; write the count, {_EXAMPLES}"
    if after:
        return (
            f"could not read {after!r} after {read!r} in {stated!r}: it is not a unit or hedge "
            f"the reader knows (grades such as 三级 or 二甲 are not counts); write the figure "
            f"alone, {_EXAMPLES}, or add the unit to aidcheck/model/units.py"
        )
    return (
        f"could not read {before!r} before {read!r} in {stated!r}: it is not a hedge the reader "
        f"knows; write the figure alone, {_EXAMPLES}"
    )
