"""`aidcheck figure TEXT`: how one figure string reads, and why.

A thin consumer of the number reader (`aidcheck.numbers.read_figure`): the reading is the same
one a claim file's `figure:` gets, so what this prints is what `verify` compares. Inside a
claim repository, the units its `units` sections define are read too.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from aidcheck.model.quantity import Hedge, Interval, Quantity
from aidcheck.verify import EXIT_INPUT

if TYPE_CHECKING:
    from aidcheck.model.units import UnitTable

# What each hedge means, in words, and the interval it denotes (docs/numbers.md).
HEDGE_MEANING: dict[Hedge, str] = {
    Hedge.EXACT: "no hedge: the figure is stated as exact",
    Hedge.MORE_THAN: "'more than' (超过, 逾, more than, over): the true value is above v",
    Hedge.AT_LEAST: "'at least' (至少, 以上, at least, or more): the true value is v or above",
    Hedge.ODD: "'-odd' (余, 多): more than v by less than one unit of its last stated digit",
    Hedge.NEARLY: "'nearly' (近, 将近, nearly, almost): just under v, by up to 10%",
    Hedge.ABOUT: "'about' (约, 左右, about, around): within 10% either side of v",
    Hedge.AT_MOST: "'at most' (以内, 不超过, up to, at most): v or below",
    Hedge.LESS_THAN: "'less than' (不到, 不足, less than, fewer than): below v",
    Hedge.RANGE: "a range (至, 到, -, between ... and ...): from the low value to the high one",
}


class IntervalReading(BaseModel):
    low: str | None
    high: str | None
    low_open: bool
    high_open: bool
    text: str


class FigureReading(BaseModel):
    """One figure string as the reader reads it; numbers are decimal strings (exact)."""

    text: str
    value: str
    high: str | None
    unit: str | None
    hedge: str
    dimension: str
    rounded: bool
    step: str
    interval: IntervalReading
    why: list[str]


def _plain(x: Decimal | None) -> str | None:
    return None if x is None else format(x.normalize(), "f")


def explain(q: Quantity) -> list[str]:
    """Why the figure reads as it does, one reason a line."""
    why = [f"hedge {q.hedge.value}: {HEDGE_MEANING[q.hedge]}"]
    if q.rounded:
        why.append(
            f"rounded (a decimal point, a scale word such as 万/亿/million, or a percentage): "
            f"the true value may differ by half of {_plain(q.resolution or q.step)}, one unit "
            "of its last written digit"
        )
    else:
        why.append("not rounded: a whole count as written")
    if q.hedge is Hedge.ODD:
        why.append(f"余/多 adds less than {_plain(q.step)}, one unit of the last non-zero digit")
    if q.unit is None:
        why.append("no unit: write one (家, 人次, 名, 元, %) so that claims can be compared")
    else:
        why.append(f"unit {q.unit!r} is of dimension {q.dimension!r}")
    why.append(f"so it denotes {q.interval}")
    return why


def reading(q: Quantity, stated: str) -> FigureReading:
    iv: Interval = q.interval
    return FigureReading(
        text=stated,
        value=_plain(q.value) or "",
        high=_plain(q.high),
        unit=q.unit,
        hedge=q.hedge.value,
        dimension=q.dimension,
        rounded=q.rounded,
        step=_plain(q.step) or "",
        interval=IntervalReading(
            low=_plain(iv.low),
            high=_plain(iv.high),
            low_open=iv.low_open,
            high_open=iv.high_open,
            text=str(iv),
        ),
        why=explain(q),
    )


def project_units(cwd: Path) -> UnitTable | None:
    """The unit table of the claim repository around `cwd` (the built-in units extended by its
    `units` sections), or None outside a project or when its configuration is invalid."""
    from aidcheck import rules
    from aidcheck.config import ConfigError, find_project
    from aidcheck.loader.repository import load_repository

    try:
        project = find_project(cwd)
    except (ConfigError, OSError):
        return None
    if project.config_file is None:
        return None
    paths = [p for p in project.claim_paths() if p.exists()]
    if not paths:
        return None
    return load_repository(project.root, paths, rules.names()).repository.units


def run(text: str, fmt: str, color: bool, cwd: Path | None = None) -> int:
    from aidcheck.numbers import FigureError, read_figure

    try:
        quantity = read_figure(text, project_units(cwd or Path.cwd()))
    except FigureError as exc:
        from aidcheck.render.workflow import visible

        print(f"aidcheck: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    result = reading(quantity, text)
    if fmt == "json":
        print(result.model_dump_json(indent=2))
    else:
        from aidcheck.render.workflow import render_figure

        print(render_figure(result, color), end="")
    return 0
