"""Intervals: what each hedge denotes, and when two intervals agree."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from aidcheck.model.quantity import Hedge, Interval, Quantity
from aidcheck.model.units import Dimension


def q(value: str, hedge: Hedge = Hedge.EXACT, **kw: object) -> Quantity:
    return Quantity.model_validate({"value": D(value), "hedge": hedge, **kw})


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (q("1180"), "{1180}"),
        (q("93200", rounded=True, step=D(100)), "[93150, 93250)"),
        (q("60000", Hedge.MORE_THAN), "(60000, ∞)"),
        (q("1", Hedge.AT_LEAST), "[1, ∞)"),
        (q("400", Hedge.ODD, step=D(100)), "(400, 500)"),
        (q("2170", Hedge.ODD, step=D(10)), "(2170, 2180)"),
        (q("500", Hedge.NEARLY, step=D(100)), "[450, 500)"),
        (q("900", Hedge.ABOUT, step=D(100)), "[810, 990]"),
        (q("50", Hedge.AT_MOST), "[0, 50]"),
        (q("50", Hedge.LESS_THAN), "[0, 50)"),
        (q("3", Hedge.RANGE, high=D(5)), "[3, 5]"),
        (q("11.7", rounded=True, step=D("0.1"), unit="%"), "[11.65, 11.75)"),
    ],
)
def test_interval_of_each_hedge(quantity: Quantity, expected: str) -> None:
    assert str(quantity.interval) == expected


def test_more_than_excludes_its_bound_and_odd_excludes_both_ends() -> None:
    assert not q("60000", Hedge.MORE_THAN).interval.contains(D(60000))
    assert q("60000", Hedge.MORE_THAN).interval.contains(D(60001))
    odd = q("400", Hedge.ODD, step=D(100)).interval
    assert not odd.contains(D(400)) and not odd.contains(D(500)) and odd.contains(D(450))


def test_hedged_figures_are_not_compared_as_exact() -> None:
    # 超过6万人次 and "60,000" do not overlap; 超过400家 and 400余家 do.
    assert not q("60000", Hedge.MORE_THAN).interval.overlaps(q("60000").interval)
    assert q("400", Hedge.MORE_THAN).interval.overlaps(q("400", Hedge.ODD, step=D(100)).interval)
    assert not q("963").interval.overlaps(q("1180").interval)


def test_interval_sum_adds_bounds() -> None:
    total = q("16").interval + q("121").interval + q("76").interval
    assert str(total) == "{213}"
    open_sum = q("1000", Hedge.ODD, step=D(1000)).interval + q("25").interval
    assert str(open_sum) == "(1025, 2025)"
    assert (q("1", Hedge.AT_LEAST).interval + q("2").interval).high is None


def test_range_and_high_are_validated() -> None:
    with pytest.raises(ValidationError):
        q("3", Hedge.RANGE)
    with pytest.raises(ValidationError):
        q("5", Hedge.RANGE, high=D(3))
    with pytest.raises(ValidationError):
        q("5", high=D(6))
    with pytest.raises(ValidationError):
        Quantity(value=D(1), unknown=True)  # type: ignore[call-arg]


def test_dimension_follows_the_unit() -> None:
    assert q("6", unit="人次").dimension == Dimension.PERSON_TIMES
    assert q("6", unit="人").dimension == Dimension.PERSONS
    assert q("6", unit="所").dimension == q("6", unit="家").dimension
    assert q("6", unit="personnel").dimension == Dimension.PERSONS
    assert q("6").dimension == Dimension.NONE


bounds = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=2)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(bounds), draw(bounds)))
    low = None if draw(st.booleans()) and draw(st.booleans()) else a
    high = None if draw(st.booleans()) and draw(st.booleans()) else b
    return Interval(
        low=low,
        high=high,
        low_open=low is not None and low != high and draw(st.booleans()),
        high_open=high is not None and low != high and draw(st.booleans()),
    )


@given(intervals(), intervals())
def test_overlap_is_symmetric(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(intervals(), bounds)
def test_a_shared_point_means_overlap(a: Interval, x: D) -> None:
    point = Interval(low=x, high=x)
    assert point.overlaps(a) == a.contains(x)


@given(intervals())
def test_an_interval_overlaps_itself(a: Interval) -> None:
    assert a.overlaps(a)


@given(intervals(), intervals(), bounds, bounds)
def test_below_means_every_point_of_one_is_smaller(a: Interval, b: Interval, x: D, y: D) -> None:
    if a.below(b) and a.contains(x) and b.contains(y):
        assert x < y
    assert not (a.below(b) and b.below(a))


def test_touching_ends_are_below_only_when_one_is_open() -> None:
    assert Interval(low=D(1), high=D(2), high_open=True).below(Interval(low=D(2), high=D(3)))
    assert not Interval(low=D(1), high=D(2)).below(Interval(low=D(2), high=D(3)))
    assert not Interval(low=D(1), high=None).below(Interval(low=D(5), high=D(6)))


def test_scaling_keeps_open_ends_and_unbounded_sides() -> None:
    scaled = Interval(low=D(400), high=None, low_open=True).scaled(D(2))
    assert str(scaled) == "(800, ∞)"
    assert str(Interval(low=D(3), high=D(5), high_open=True).scaled(D("0.5"))) == "[1.5, 2.5)"
