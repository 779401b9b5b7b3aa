"""Each unit table keeps the figures read with it: a reading never crosses to another table, is
forgotten when its table changes, and is the reading a fresh table gives."""

from __future__ import annotations

import pytest

import aidcheck.numbers
from aidcheck.model.units import UnitsSection, UnitTable, builtin_units
from aidcheck.numbers import FigureError, read_figure

TENTS = UnitsSection.model_validate(
    {
        "dimensions": {"tents": "field hospital tents"},
        "units": [{"unit": "顶", "dimension": "tents"}],
    }
)


def _fresh_builtin() -> UnitTable:
    table, errors = builtin_units().extended(UnitsSection())
    assert not errors
    return table


def test_a_reading_stays_with_its_table() -> None:
    builtin = builtin_units()
    with pytest.raises(FigureError):
        read_figure("300顶", builtin)
    tents, errors = builtin.extended(TENTS)
    assert not errors and not tents.readings  # a new table starts with none
    assert read_figure("300顶", tents).dimension == "tents"
    with pytest.raises(FigureError):  # the built-in table still cannot read it
        read_figure("300顶", builtin)
    assert read_figure("300顶", tents).dimension == "tents"


def test_a_repeated_reading_is_the_same_quantity_and_the_same_error() -> None:
    table = _fresh_builtin()
    first = read_figure("超过6万人次", table)
    assert read_figure("超过6万人次", table) is first
    messages = []
    for _ in range(2):
        with pytest.raises(FigureError) as raised:
            read_figure("第三", table)
        messages.append(str(raised.value))
    assert messages[0] == messages[1] and "ordinal" in messages[0]


def test_changing_a_table_forgets_its_readings() -> None:
    table = _fresh_builtin()
    with pytest.raises(FigureError):
        read_figure("300顶", table)
    table.add(TENTS)
    assert read_figure("300顶", table).dimension == "tents"


@pytest.mark.parametrize(
    "text", ["1180家", " 400余家 ", "近一半", "more than 60,000 personnel", "3至5所", "两批共315名"]
)
def test_a_kept_reading_is_what_a_fresh_table_reads(text: str) -> None:
    table = _fresh_builtin()
    kept = read_figure(text, table)
    assert read_figure(text, table) == kept == read_figure(text, _fresh_builtin())


def test_a_table_keeps_a_bounded_number_of_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aidcheck.numbers, "_READINGS", 3)
    table = _fresh_builtin()
    for n in range(10):
        assert read_figure(f"{n + 1}家", table).value == n + 1
        assert len(table.readings) <= 3
