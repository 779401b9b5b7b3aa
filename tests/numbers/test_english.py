"""English figures (issue 10.1): number words, scales, hedges, attributive words, units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcheck.numbers import find_figures, read_figure
from aidcheck.numbers.english import words_value

# text, value, unit, dimension, hedge, interval
READS = [
    ("more than 60,000 medical personnel", "60000", "personnel", "persons", "more_than"),
    ("1,007 top-level hospitals", "1007", "hospitals", "institutions", "exact"),
    ("over three million discharged patients", "3000000", "patients", "persons", "more_than"),
    ("two batches of 315 experts", "315", "experts", "persons", "exact"),
    ("around 900 experts", "900", "experts", "persons", "about"),
    ("3,700 key specialties", "3700", "specialties", "specialties", "exact"),
    ("1.9 million surgeries", "1900000", "surgeries", "procedures", "exact"),
    ("55 million outpatient visits", "55000000", "visits", "person_times", "exact"),
    ("a dozen hospitals", "12", "hospitals", "institutions", "exact"),
    ("eight hospitals", "8", "hospitals", "institutions", "exact"),
    ("upwards of 500 doctors", "500", "doctors", "persons", "more_than"),
    ("no fewer than twenty-five counties", "25", "counties", "counties", "at_least"),
    ("close to two hundred and fifty beds", "250", "beds", "beds", "nearly"),
    ("some 40 clinics", "40", "clinics", "institutions", "about"),
    ("up to 30 patients", "30", "patients", "persons", "at_most"),
    ("a single hospital", None, None, None, None),
]


@pytest.mark.parametrize(("text", "value", "unit", "dimension", "hedge"), READS)
def test_english_figure(
    text: str, value: str | None, unit: str | None, dimension: str | None, hedge: str | None
) -> None:
    found = find_figures(text)
    if value is None:
        assert found == []
        return
    last = found[-1]
    q = last.quantity
    assert (str(q.value), q.unit, q.dimension, q.hedge.value) == (value, unit, dimension, hedge)
    assert text[last.start : last.end].endswith(unit or "")


def test_tens_of_thousands_is_the_range_of_its_order() -> None:
    [f] = find_figures("tens of thousands of doctors went")
    assert (str(f.quantity.interval), f.quantity.unit) == ("[10000, 100000]", "doctors")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three", 3),
        ("twenty-five", 25),
        ("two hundred and fifty", 250),
        ("a dozen", 12),
        ("three million", 3000000),
        ("one million two hundred thousand", 1200000),
        ("three four", None),
        ("twenty twenty", None),
        ("hundred million thousand", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    read = words_value(words)
    assert (None if read is None else int(read[0])) == value


def test_a_noun_that_is_not_a_unit_is_kept_as_unread() -> None:
    [f] = find_figures("3,700 key widgetries were built")
    assert (f.quantity.unit, f.noun) == (None, "key")


def test_unit_written_before_the_figure() -> None:
    q = read_figure("人次超过3000万")
    assert (q.unit, q.dimension, q.hedge.value, q.value) == (
        "人次",
        "person_times",
        "more_than",
        Decimal(30000000),
    )
    [f] = find_figures("outpatient visits exceeded 30 million last year")
    assert (f.quantity.unit, f.quantity.hedge.value) == ("visits", "more_than")


def test_a_bare_decimal_does_not_crash_the_reader() -> None:
    [f] = find_figures("the score reached 99.5 in 2019")
    assert f.quantity.value == Decimal("99.5")
