"""The number reader: turn stated figures into `Quantity` values, alone or in running text.

`read_figure("超过6万人次")` reads one figure as a claim file states it; `find_figures(text)` finds
every figure in an article or a quote, with offsets into the text as given, and a short `why`
saying how each was read. Both fold the text first (full-width → ASCII, 萬 → 万), so traditional
and full-width spellings read the same, and both take the unit table to read units with (the
built-in one by default; a claim repository's extends it). Figures in words (一半, 全覆盖, 翻一番,
"nearly half", "doubled") are read by `aidcheck.numbers.words` and returned alongside. The
rules, and what is deliberately not read, are in docs/numbers.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidcheck.model.quantity import HEDGE_NAMES, Quantity, bounded
from aidcheck.model.units import UnitTable, builtin_units
from aidcheck.numbers.folding import fold, original_span
from aidcheck.numbers.grammar import Figure, amounts, figure_at, next_amount

__all__ = ["FigureError", "FoundFigure", "find_figures", "read_figure"]

_EXAMPLES = "e.g. 超过6万人次, 400余家, 9.32万人, 3至5所, 'more than 60,000 personnel'"
# 两批共315名: a breakdown ("two batches") before the total that the figure states.
_TOTAL_RE = re.compile(r"共计|共有|合计|总计|累计|共")
_DATE_MARKS = "年月日号时点分秒"
_READINGS = 1 << 17  # readings a unit table keeps (of distinct texts), before it starts afresh


class FigureError(ValueError):
    """A text that is not exactly one figure; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure in running text: `text[start:end]` covers hedge words, number and unit.

    `noun` holds the words after the number when they are not a unit the table knows ("3,700
    key specialities" with no such unit): the quote states a unit the reader could not read,
    which is not the same as stating none. `words` is true for a figure written in words
    (一半, 全覆盖, "three million"). `why` says in a line how the figure was read.
    """

    start: int
    end: int
    quantity: Quantity
    noun: str | None = None
    words: bool = False
    reading: str = ""  # how a figure in words reads; digit figures are explained on demand

    @property
    def why(self) -> str:
        if self.reading:
            return self.reading
        return explain(self.quantity)


def read_figure(text: str, units: UnitTable | None = None) -> Quantity:
    """Read one stated figure, such as 超过6万人次, 近一半 or "more than 60,000".

    A leading breakdown before 共 is allowed (两批共315名 reads as 315名). Raises FigureError when
    the text is empty, holds no number, or holds anything besides one figure.

    What a text reads as depends on the text and the unit table only, so each table keeps its
    readings: figures repeat across a repository (1180家, 超过6万人次), and a claim's figure is
    read by the claim model and again by the figure check (C105). Quantities are immutable.
    """
    table = units or builtin_units()
    reading = table.readings.get(text)
    if reading is None:
        if len(table.readings) >= _READINGS:
            table.readings.clear()
        try:
            reading = _read(text, table)
        except FigureError as exc:
            reading = str(exc)
        table.readings[text] = reading
    if isinstance(reading, str):
        raise FigureError(reading)
    return reading


def _read(text: str, table: UnitTable) -> Quantity:
    from aidcheck.numbers import words

    stated = text.strip()
    if not stated:
        raise FigureError(f"the figure is empty; write one number with hedge and unit, {_EXAMPLES}")
    folded, _ = fold(stated)
    figure = _whole_figure(folded, table)
    if figure is None and (total := _TOTAL_RE.search(folded)) is not None:
        before = folded[: total.start()]
        if not before or _whole_figure(before, table) is not None:
            figure = _whole_figure(folded[total.end() :], table)
    if figure is None:
        in_words = words.whole(folded, table)
        if in_words is not None:
            return words.quantity(stated, in_words, table)
        raise FigureError(_why_not(stated, folded, table))
    return _quantity(stated, figure, table)


def find_figures(text: str, units: UnitTable | None = None) -> list[FoundFigure]:
    """Every figure stated in `text`, in digits or in words, in order, with offsets into `text`
    as given.

    Conservative by design: a number that may be a date, an ordinal, a grade (三级医院), a code
    (2+X, 5G) or a set phrase (一对一) is left out rather than guessed at.
    """
    from aidcheck.numbers import words

    table = units or builtin_units()
    folded, origin = fold(text)
    found: list[tuple[int, int, FoundFigure]] = []
    pos = last_end = 0
    while (m := next_amount(folded, pos)) is not None:
        figure = figure_at(folded, m, True, table)
        if figure is None or figure.start < last_end:
            pos = m.end()
            continue
        start, end = original_span(origin, figure.start, figure.end)
        try:
            quantity = _quantity(text[start:end], figure, table)
        except FigureError:  # a number no figure may be (10^30): not a figure of the text
            pos = m.end()
            continue
        reading = FoundFigure(start, end, quantity, figure.noun, figure.words)
        found.append((figure.start, figure.end, reading))
        pos = last_end = figure.end
    for w in words.find(folded, table):
        start, end = original_span(origin, w.start, w.end)
        quantity = words.quantity(text[start:end], w, table)
        found.append((w.start, w.end, FoundFigure(start, end, quantity, None, True, w.why)))
    # Where a figure in words and one in digits overlap, the one that starts first is the
    # reading: "one in three hospitals" is a share, not 3 hospitals.
    found.sort(key=lambda item: (item[0], -item[1]))
    kept: list[FoundFigure] = []
    kept_end = 0
    for start, end, reading in found:
        if start >= kept_end:
            kept.append(reading)
            kept_end = end
    return kept


def explain(q: Quantity) -> str:
    """How a figure was read, in one line: 'more than 60000 person_times (人次): (60000, ∞)'."""
    value = f"{q.value}–{q.high}" if q.high is not None else str(q.value)
    unit = f" {q.dimension} ({q.unit})" if q.unit else ""
    return f"{HEDGE_NAMES[q.hedge]} {value}{unit}: {q.interval}"


def _whole_figure(folded: str, table: UnitTable) -> Figure | None:
    for m in amounts(folded):
        figure = figure_at(folded, m, False, table)
        if figure is not None and figure.start == 0 and figure.end == len(folded):
            return figure
    return None


def _quantity(text: str, f: Figure, table: UnitTable) -> Quantity:
    """The Quantity of a figure read from `text` (FigureError when the number is out of the
    range figures may have, e.g. 10^30).

    The reader's own output: its unit comes from `table` and its range and step are checked by
    the grammar, so the model is built without validating again (it runs on every quote); only
    the size bounds of the numbers are checked here.
    """
    try:
        for x in (f.value, f.high, f.step, f.resolution):
            if x is not None:
                bounded(x)
    except ValueError as exc:
        raise FigureError(str(exc)) from None
    return Quantity.model_construct(
        text=text,
        value=f.value,
        high=f.high,
        unit=f.unit,
        hedge=f.hedge,
        rounded=f.rounded,
        step=f.step,
        resolution=f.resolution,
        ceiling=None,
        dimension=str(f.dimension) if f.unit is not None else "none",
    )


def _why_not(stated: str, folded: str, table: UnitTable) -> str:
    """Say what could not be read, for the FigureError message."""
    first = next(
        (f for m in amounts(folded) if (f := figure_at(folded, m, False, table)) is not None),
        None,
    )
    if first is None and next_amount(folded) is None:
        return f"no number could be read in {stated!r}; write one figure, {_EXAMPLES}"
    if first is None:
        return (
            f"the number in {stated!r} is part of a code, a date or a word (5G, 2+X, 二〇一九), "
            f"not a figure; write one figure, {_EXAMPLES}"
        )
    if len(find_figures(stated, table)) > 1:
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
            f"alone, {_EXAMPLES}, or define the unit in a 'units' section of the claim "
            "repository (docs/claims.md, 'units')"
        )
    return (
        f"could not read {before!r} before {read!r} in {stated!r}: it is not a hedge the reader "
        f"knows; write the figure alone, {_EXAMPLES}"
    )
