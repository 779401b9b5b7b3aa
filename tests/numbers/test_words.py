"""Figures written in words (issue 14): how each reads, and what stays a non-figure."""

from __future__ import annotations

import pytest

from aidcheck.model.quantity import Hedge
from aidcheck.numbers import find_figures, read_figure

E, MT, AL, NR, AB, LT, OD = (
    Hedge.EXACT,
    Hedge.MORE_THAN,
    Hedge.AT_LEAST,
    Hedge.NEARLY,
    Hedge.ABOUT,
    Hedge.LESS_THAN,
    Hedge.ODD,
)

# text, value (percent), hedge, interval
WORDS = [
    ("一半", "50", E, "{50}"),
    ("半数", "50", E, "{50}"),
    ("近一半", "50", NR, "[45, 50)"),
    ("过半", "50", MT, "(50, 100]"),
    ("超过半数", "50", MT, "(50, 100]"),
    ("一半以上", "50", AL, "[50, 100]"),
    ("不到一半", "50", LT, "[0, 50)"),
    ("三分之一", "33.33", E, "[33.28, 33.38)"),
    ("约三分之一", "33.33", AB, "[29.997, 36.663]"),
    ("四分之三", "75", E, "{75}"),
    ("两成", "20", E, "{20}"),
    ("七成以上", "70", AL, "[70, 100]"),
    ("近三成", "30", NR, "[27, 30)"),
    ("三成多", "30", OD, "(30, 31)"),
    ("大多数", "50", MT, "(50, 100]"),
    ("全覆盖", "100", E, "{100}"),
    ("全部", "100", E, "{100}"),
    ("所有", "100", E, "{100}"),
    ("每个", "100", E, "{100}"),
    ("无一", "0", E, "{0}"),
    ("无一例外", "100", E, "{100}"),
    ("翻一番", "100", E, "{100}"),
    ("翻了两番", "300", E, "{300}"),
    ("增长两成", "20", E, "{20}"),
    ("下降近一半", "50", NR, "[45, 50)"),
    ("half", "50", E, "{50}"),
    ("nearly half", "50", NR, "[45, 50)"),
    ("more than half", "50", MT, "(50, 100]"),
    ("a third", "33.33", E, "[33.28, 33.38)"),
    ("two-thirds", "66.67", E, "[66.62, 66.72)"),
    ("one in three", "33.33", E, "[33.28, 33.38)"),
    ("9 out of 10", "90", E, "{90}"),
    ("most", "50", MT, "(50, 100]"),
    ("the majority", "50", MT, "(50, 100]"),
    ("all", "100", E, "{100}"),
    ("none", "0", E, "{0}"),
    ("doubled", "100", E, "{100}"),
    ("more than doubled", "100", MT, "(100, ∞)"),
    ("tripled", "200", E, "{200}"),
    ("halved", "50", E, "{50}"),
]


@pytest.mark.parametrize(("text", "value", "hedge", "interval"), WORDS)
def test_word_figure_reads(text: str, value: str, hedge: Hedge, interval: str) -> None:
    q = read_figure(text)
    assert (str(q.value), q.unit, q.hedge, str(q.interval)) == (value, "%", hedge, interval)
    assert q.dimension == "percent"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("過半", "过半"),
        ("兩成", "两成"),
        ("全覆蓋", "全覆盖"),
        ("超過半數", "超过半数"),
        ("絕大多數", "绝大多数"),
        ("增長兩成", "增长两成"),
        ("減少三分之一", "减少三分之一"),
        ("無一", "无一"),
    ],
)
def test_traditional_script_reads_the_same(traditional: str, simplified: str) -> None:
    a, b = read_figure(traditional), read_figure(simplified)
    assert (a.value, a.hedge, a.interval, a.unit) == (b.value, b.hedge, b.interval, b.unit)


def test_traditional_quote_marks_the_word_figure_and_what_is_counted() -> None:
    text = "全國832個貧困縣已實現全覆蓋"
    found = find_figures(text)
    assert [text[f.start : f.end] for f in found] == ["832個", "全覆蓋"]
    assert found[0].quantity.dimension == "counties"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("目前已实现所有贫困县县医院远程医疗全覆盖", "全覆盖"),
        ("近一半的贫困县医院开展了远程会诊", "近一半"),
        ("外转患者下降近一半", "下降近一半"),
        ("nearly half of the county hospitals", "nearly half"),
        ("one in three patients was referred", "one in three"),
        ("outpatient visits doubled last year", "doubled"),
    ],
)
def test_found_in_running_text_with_offsets(text: str, span: str) -> None:
    found = [f for f in find_figures(text) if f.words and f.quantity.unit == "%"]
    assert [text[f.start : f.end] for f in found][-1] == span
    assert found[-1].why.startswith("in words:")


@pytest.mark.parametrize(
    "text",
    [
        "三级医院",
        "二级甲等",
        "一对一",
        "2+X",
        "成为三级医院",
        "一成不变",
        "建成了",
        "通过半年努力",
        "超过半年",
        "度过半生",
        "九成九",
        "每个月",
        "所有制改革",
        "at all",
        "every year",
        "above all",
        "the most advanced",
        "a third batch of experts",
        "the first half of 2019",
        "half of the year",
        "half-year review",
        "none the less",
        "all of a sudden",
        "most of all",
        "Level-3 hospitals",
        "COVID-19",
        "in 2019",
        "call 010-65363056",
        "one-to-one pairing",
        "the 13th Five-Year Plan",
    ],
)
def test_not_a_word_figure(text: str) -> None:
    assert [text[f.start : f.end] for f in find_figures(text)] == []
