"""Guessing a period from the words before a figure."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcheck.extraction.periods import guess_period

PUBLISHED = dt.date(2019, 2, 14)


@pytest.mark.parametrize(
    ("before", "period"),
    [
        ("截至2018年底,已派出", {"as_of": dt.date(2018, 12, 31)}),
        ("截至2019年6月底,全国", {"as_of": dt.date(2019, 6, 30)}),
        ("截至2018年11月30日,", {"as_of": dt.date(2018, 11, 30)}),
        ("2017年以来,山东", {"since": dt.date(2017, 1, 1)}),
        ("从2017年起,山东累计选派", {"since": dt.date(2017, 1, 1)}),
        ("“十三五”以来,江苏", {"since": dt.date(2016, 1, 1)}),
        ("4年来,累计", {"since": dt.date(2015, 1, 1)}),
        ("近两年接收", {"since": dt.date(2017, 1, 1)}),
        ("其中2020年第二批省级援助资金投入", {"year": 2020}),
        ("By the end of 2020, more than", {"as_of": dt.date(2020, 12, 31)}),
        ("as of the end of June 2018, some", {"as_of": dt.date(2018, 6, 30)}),
        ("Since 2016, Jiangsu has sent", {"since": dt.date(2016, 1, 1)}),
        ("over the past four years, the", {"since": dt.date(2015, 1, 1)}),
        ("In 2020, Shandong sent", {"year": 2020}),
    ],
)
def test_period_wordings(before: str, period: dict[str, object]) -> None:
    guess = guess_period(before, PUBLISHED)
    assert guess is not None
    assert {k: v for k, v in guess.period.items() if k != "wording"} == period
    assert guess.period["wording"] == guess.wording


def test_the_last_period_before_the_figure_wins() -> None:
    guess = guess_period("2017年以来,……截至2018年底,已派出", PUBLISHED)
    assert guess is not None and guess.period["as_of"] == dt.date(2018, 12, 31)


@pytest.mark.parametrize(
    "before",
    [
        "截至目前,天津",
        "《三年行动协议(2018—2020年)》",
        "孕产妇死亡率较2012年降低了",
        "十九大报告指出",
        "",
    ],
)
def test_no_period_where_the_words_state_none(before: str) -> None:
    assert guess_period(before, PUBLISHED) is None


def test_a_span_that_would_start_after_publication_is_not_guessed() -> None:
    assert guess_period("2025年以来", PUBLISHED) is None
