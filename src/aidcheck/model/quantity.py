"""A stated quantity and the interval its wording denotes.

Every figure in a report is an interval, never a point: 超过6万 is (60000, ∞), 400余 is
(400, 500), 9.32万 is [93150, 93250). Two claims agree when their intervals overlap. The rules
that turn a hedge into an interval live here, in one place, and are documented in
docs/numbers.md.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, computed_field, model_validator

from aidcheck.model.base import StrictModel, share_fields_sets
from aidcheck.model.units import DimensionName, UnitTable, builtin_units, did_you_mean

ZERO = Decimal(0)

# How far below the stated value 近 ("nearly") reaches, and how far either side 约 ("about").
NEARLY_TOLERANCE = Decimal("0.10")
ABOUT_TOLERANCE = Decimal("0.10")


# The magnitudes a figure may have. Nothing counted or spent in this field comes near 10^18 (a
# billion billion yuan) or below 10^-6, and a bound keeps every Decimal operation and every
# printed interval small, whatever a claim file writes ("1e999999" would print a million digits
# and overflow the decimal context).
MAX_EXPONENT = 18
MIN_EXPONENT = -6
MAX_DIGITS = 30


def bounded(x: Decimal) -> Decimal:
    if not x.is_finite():
        raise ValueError("a figure must be a finite number")
    if x != 0 and not MIN_EXPONENT <= x.adjusted() < MAX_EXPONENT:  # context-free
        raise ValueError(
            f"{str(x)[:40]} is out of range: aidcheck reads figures from 10^{MIN_EXPONENT} to "
            f"10^{MAX_EXPONENT} in size"
        )
    if len(x.as_tuple().digits) > MAX_DIGITS:
        raise ValueError(f"a figure may have at most {MAX_DIGITS} significant digits")
    return x


Amount = Annotated[Decimal, AfterValidator(bounded)]
"""A finite decimal of bounded size and precision, as every figure read from a file is."""


class Hedge(StrEnum):
    """How the wording qualifies the stated value."""

    EXACT = "exact"  # 1180家; a rounded figure (9.32万) carries its rounding
    MORE_THAN = "more_than"  # 超过, 逾, 超, more than, over: (v, ∞)
    AT_LEAST = "at_least"  # 至少, 不少于, X以上, at least: [v, ∞)
    ODD = "odd"  # X余, X多, -odd: (v, v + one unit of the last stated digit)
    NEARLY = "nearly"  # 近, 将近, 接近, nearly, almost: [v - 10%, v)
    ABOUT = "about"  # 约, 大约, 左右, about, around: [v - 10%, v + 10%]
    AT_MOST = "at_most"  # X以内, X以下, 不超过, 最多, at most, up to: [0, v]
    LESS_THAN = "less_than"  # 不到, 不足, less than, fewer than: [0, v)
    RANGE = "range"  # X至Y, X-Y, between X and Y: [X, Y]


HEDGE_NAMES = {
    Hedge.EXACT: "exactly",
    Hedge.MORE_THAN: "more than",
    Hedge.AT_LEAST: "at least",
    Hedge.ODD: "-odd",
    Hedge.NEARLY: "nearly",
    Hedge.ABOUT: "about",
    Hedge.AT_MOST: "at most",
    Hedge.LESS_THAN: "less than",
    Hedge.RANGE: "between",
}


class Interval(StrictModel):
    """A real interval; None on either side means unbounded."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def contains(self, x: Decimal) -> bool:
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        return not (
            self.high is not None and (x > self.high or (self.high_open and x == self.high))
        )

    def below(self, other: Interval) -> bool:
        """True when every number in this interval is smaller than every number in `other`."""
        if self.high is None or other.low is None:
            return False
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both intervals."""
        return not (self.below(other) or other.below(self))

    def scaled(self, factor: Decimal) -> Interval:
        """The interval of `factor` times each of its numbers (`factor` > 0)."""
        return Interval(
            low=None if self.low is None else self.low * factor,
            high=None if self.high is None else self.high * factor,
            low_open=self.low_open,
            high_open=self.high_open,
        )

    def __add__(self, other: Interval) -> Interval:
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(
            low=low,
            high=high,
            low_open=self.low_open or other.low_open,
            high_open=self.high_open or other.high_open,
        )

    def __str__(self) -> str:
        left = "(" if self.low is None or self.low_open else "["
        right = ")" if self.high is None or self.high_open else "]"
        low = "-∞" if self.low is None else _plain(self.low)
        high = "∞" if self.high is None else _plain(self.high)
        if self.low is not None and self.low == self.high:
            return f"{{{low}}}"
        return f"{left}{low}, {high}{right}"


def _plain(x: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 60000, 93.15, 0.5."""
    text = format(x.normalize(), "f")
    return text


class Quantity(StrictModel):
    """A figure as one source states it.

    `value` is the stated number scaled to units (6万 → 60000); `high` is set only for ranges.
    `step` is one unit of the last non-zero digit (400 → 100, 1180 → 10, 9.32万 → 100) and is
    what the 余/多 hedge adds: 400余 is (400, 500). `resolution` is one unit of the last digit
    written, zeros included (90% → 1, 9.32万 → 100, 6万 → 10000); it defaults to `step`.
    `rounded` says the figure is a rounding of the true count (it has a decimal point, a scale
    word such as 万 or million, or is a percentage), so that an exact hedge still denotes
    [v - resolution/2, v + resolution/2).
    """

    text: str | None = None
    value: Amount
    high: Amount | None = None
    unit: str | None = None
    hedge: Hedge = Hedge.EXACT
    rounded: bool = False
    step: Amount = Decimal(1)
    resolution: Amount | None = None
    ceiling: Amount | None = Field(
        default=None,
        description="the most the wording allows: a share stated as 过半 or 'most' is at most 100%",
    )
    dimension: DimensionName = Field(
        default="",
        description="what the unit counts; read from the unit table when left out",
    )

    @model_validator(mode="after")
    def _resolve_dimension(self, info: ValidationInfo) -> Quantity:
        """Look the unit up in the repository's unit table (the validation context's `units`,
        else the built-in table); an unknown unit is an error that suggests the closest one."""
        context = info.context if isinstance(info.context, dict) else {}
        table = context.get("units")
        if not isinstance(table, UnitTable):
            table = builtin_units()
        if self.unit is None:
            found = "none"
        else:
            unit = table.lookup(self.unit)
            if unit is None:
                raise ValueError(
                    f"unknown unit {self.unit!r}; {table.suggest(self.unit)}write a unit the "
                    "unit table knows, or define it in a 'units' section of the claim "
                    "repository (docs/claims.md, 'units')"
                )
            found = unit.dimension
        if self.dimension and self.dimension not in table.dimensions:
            raise ValueError(
                f"unknown dimension {self.dimension!r}; "
                f"{did_you_mean(self.dimension, table.dimensions)}use one of: "
                + ", ".join(sorted(table.dimensions))
            )
        refines = found == "count" and self.dimension not in ("", "none")  # 832个(贫困县)
        if self.dimension and self.dimension != found and self.unit is not None and not refines:
            raise ValueError(
                f"unit {self.unit!r} counts {found}, not {self.dimension}; leave 'dimension' "
                "out, or write a unit that counts it"
            )
        if not self.dimension:
            self.__dict__["dimension"] = found  # frozen: set once, while validating
        return self

    @model_validator(mode="after")
    def _check_range(self) -> Quantity:
        if self.hedge is Hedge.RANGE:
            if self.high is None:
                raise ValueError("a range needs 'high' as well as 'value'")
            if self.high < self.value:
                raise ValueError("a range's 'high' must not be below its 'value'")
        elif self.high is not None:
            raise ValueError("'high' is only for hedge 'range'")
        if self.step <= 0 or (self.resolution is not None and self.resolution <= 0):
            raise ValueError("'step' and 'resolution' must be positive")
        if self.ceiling is not None and self.ceiling < self.value:
            raise ValueError("'ceiling' must not be below 'value'")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def interval(self) -> Interval:
        """Computed once: checks read it for every comparison."""
        interval = interval_of(self)
        share_fields_sets(interval)
        return interval


def interval_of(q: Quantity) -> Interval:
    """The interval that a quantity's wording denotes (see docs/numbers.md)."""
    iv = _hedged(q)
    if q.ceiling is not None and (iv.high is None or iv.high > q.ceiling):
        return Interval(low=iv.low, high=q.ceiling, low_open=iv.low_open)
    return iv


def _hedged(q: Quantity) -> Interval:
    v = q.value
    half = (q.resolution or q.step) / 2 if q.rounded else ZERO
    floor = ZERO if v >= 0 else None
    match q.hedge:
        case Hedge.EXACT:
            if half == 0:
                return Interval(low=v, high=v)
            return Interval(low=v - half, high=v + half, high_open=True)
        case Hedge.MORE_THAN:
            return Interval(low=v, high=None, low_open=True)
        case Hedge.AT_LEAST:
            return Interval(low=v, high=None)
        case Hedge.ODD:
            return Interval(low=v, high=v + q.step, low_open=True, high_open=True)
        case Hedge.NEARLY:
            reach = max(abs(v) * NEARLY_TOLERANCE, half)
            return Interval(low=v - reach, high=v, high_open=True)
        case Hedge.ABOUT:
            reach = max(abs(v) * ABOUT_TOLERANCE, half)
            return Interval(low=v - reach, high=v + reach)
        case Hedge.AT_MOST:
            return Interval(low=floor, high=v)
        case Hedge.LESS_THAN:
            return Interval(low=floor, high=v, high_open=True)
        case Hedge.RANGE:
            assert q.high is not None
            return Interval(low=v - half, high=q.high + half, high_open=half > 0)
