"""The reader's shortcuts find exactly what the slow searches they replace find.

`Lookback.search` skips the window before a number when the character before it cannot end a
match, and `next_amount` runs AMOUNT_RE only where a number can start. Both are held here to the
plain regex search, on text made of the characters the patterns are about: hedge words, currency
signs and codes, labels, months, number words, and the letters that fold to ASCII under
IGNORECASE (K, İ, ı, ſ).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aidcheck.numbers import chinese, grammar
from aidcheck.numbers.lookback import Lookback

PIECES = [
    *chinese.PREFIX_HEDGES,
    *"有之百分¥$€£从由第赶最附节约.-–~,:/ \t\n\u3000\xa0",
    *"0123456789一二两三十百千万亿",
    *"aBbyYKkİıſK",
    "RMB",
    "cny",
    "more than ",
    "between ",
    "from ",
    "No. ",
    "Grade",
    "March ",
    "Sept. ",
    "visits exceeded ",
    "reached ",
    "tens of thousands",
    "a dozen",
    "twenty-five",
    "hundred",
    "million",
]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
# Each closing character and case fold, right before a number.
EDGES = [
    "至少有6",
    "超过 6",
    "超过\u30006",
    "百分之6",
    "RMB6",
    "cny6",
    "¥6",
    "from 3",
    "由3",
    "clasſ3",
    "No.3",
]
EDGES += ["Jan 3", "visits reached\t3", "ſix", "İ", "Kilo 3", "x-three", "-a dozen", "tens of K"]
LOOKBACKS = {
    "prefix": grammar.PREFIX,
    "from": grammar.FROM,
    "verb before": grammar.EN_BEFORE,
    "label": grammar.LABEL,
    "month before": grammar.MONTH_BEFORE,
}


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict()


def _lookback_agrees(lookback: Lookback, text: str) -> None:
    for end in range(len(text) + 1):
        window = lookback.pattern.search(text, max(0, end - lookback.size), end)
        assert _same(lookback.search(text, end), window), (text, end)


def _amounts_agree(text: str) -> None:
    for pos in range(len(text) + 1):
        assert _same(grammar.next_amount(text, pos), grammar.AMOUNT_RE.search(text, pos))
    found = [m.span() for m in grammar.amounts(text)]
    assert found == [m.span() for m in grammar.AMOUNT_RE.finditer(text)]


@pytest.mark.parametrize("name", LOOKBACKS)
@given(text=texts)
def test_lookback_finds_what_the_window_search_finds(name: str, text: str) -> None:
    _lookback_agrees(LOOKBACKS[name], text)


@pytest.mark.parametrize("name", LOOKBACKS)
@pytest.mark.parametrize("text", EDGES)
def test_lookback_at_each_closing_character(name: str, text: str) -> None:
    _lookback_agrees(LOOKBACKS[name], text)


def test_a_lookback_searches_the_window_only_after_a_closing_character() -> None:
    words = Lookback(r"(?:abc|xy)\Z", r"[cy]", 8)
    assert words.search("abc1", 3) is not None
    assert words.search("abd1", 3) is None
    optional = Lookback(r"(?:abc)?\Z", r"c", 8)
    found = optional.search("abd1", 3)
    assert found is not None and found.span() == (3, 3)  # the empty match, as the regex gives


@given(text=texts)
def test_next_amount_finds_what_the_amount_pattern_finds(text: str) -> None:
    _amounts_agree(text)


@pytest.mark.parametrize("text", EDGES)
def test_next_amount_at_each_case_fold(text: str) -> None:
    _amounts_agree(text)
