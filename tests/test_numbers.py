"""The number reader: figures as stated, figures in running text, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from aidcheck.model.quantity import Hedge
from aidcheck.model.units import Dimension, compatible
from aidcheck.numbers import FigureError, FoundFigure, find_figures, read_figure

E, MT, AL, OD, NR, AB, AM, LT, RG = (
    Hedge.EXACT,
    Hedge.MORE_THAN,
    Hedge.AT_LEAST,
    Hedge.ODD,
    Hedge.NEARLY,
    Hedge.ABOUT,
    Hedge.AT_MOST,
    Hedge.LESS_THAN,
    Hedge.RANGE,
)

# text, value, unit, hedge, str(interval)
READS = [
    ("1180家", "1180", "家", E, "{1180}"),
    ("超过6万人次", "60000", "人次", MT, "(60000, ∞)"),
    ("400余家", "400", "家", OD, "(400, 500)"),
    ("30多面", "30", "面", OD, "(30, 40)"),
    ("近500个", "500", "个", NR, "[450, 500)"),
    ("9.32万人", "93200", "人", E, "[93150, 93250)"),
    ("1.08万台", "10800", "台", E, "[10750, 10850)"),
    ("3.8万项", "38000", "项", E, "[37500, 38500)"),
    ("1.9亿元", "190000000", "元", E, "[185000000, 195000000)"),
    ("555万元", "5550000", "元", E, "[5545000, 5555000)"),
    ("11.7%", "11.7", "%", E, "[11.65, 11.75)"),
    ("两批共315名", "315", "名", E, "{315}"),
    ("四批共699名", "699", "名", E, "{699}"),
    ("百名", "100", "名", E, "{100}"),
    ("千名", "1000", "名", E, "{1000}"),
    ("至少1所", "1", "所", AL, "[1, ∞)"),
    ("至少1所以上", "1", "所", AL, "[1, ∞)"),
    ("至少一家", "1", "家", AL, "[1, ∞)"),
    ("1万册", "10000", "册", E, "[5000, 15000)"),
    ("1萬冊", "10000", "册", E, "[5000, 15000)"),
    ("超過6萬人次", "60000", "人次", MT, "(60000, ∞)"),
    ("8000餘人", "8000", "人", OD, "(8000, 9000)"),
    ("26913人次", "26913", "人次", E, "{26913}"),
    ("12.97%", "12.97", "%", E, "[12.965, 12.975)"),
    ("2170余人", "2170", "人", OD, "(2170, 2180)"),
    ("700余名", "700", "名", OD, "(700, 800)"),
    ("1000余人", "1000", "人", OD, "(1000, 2000)"),
    ("5万多人", "50000", "人", OD, "(50000, 60000)"),
    ("3000多万人次", "30000000", "人次", OD, "(30000000, 40000000)"),
    ("十五个", "15", "个", E, "{15}"),
    ("三百二十", "320", None, E, "{320}"),
    ("两万", "20000", None, E, "[15000, 25000)"),
    ("三千名", "3000", "名", E, "{3000}"),
    ("3千名", "3000", "名", E, "[2500, 3500)"),
    ("二十多个", "20", "个", OD, "(20, 30)"),
    ("１１８０家", "1180", "家", E, "{1180}"),
    ("逾400家", "400", "家", MT, "(400, ∞)"),
    ("不少于5所", "5", "所", AL, "[5, ∞)"),
    ("1000人以上", "1000", "人", AL, "[1000, ∞)"),
    ("将近500个", "500", "个", NR, "[450, 500)"),
    ("约900人", "900", "人", AB, "[810, 990]"),
    ("900人左右", "900", "人", AB, "[810, 990]"),
    ("约6万人次", "60000", "人次", AB, "[54000, 66000]"),
    ("50人以内", "50", "人", AM, "[0, 50]"),
    ("不超过50人", "50", "人", AM, "[0, 50]"),
    ("最多3家", "3", "家", AM, "[0, 3]"),
    ("不到100人", "100", "人", LT, "[0, 100)"),
    ("不足1万人", "10000", "人", LT, "[0, 10000)"),
    ("3至5所", "3", "所", RG, "[3, 5]"),
    ("3-5万人", "30000", "人", RG, "[25000, 55000)"),
    ("3~5家", "3", "家", RG, "[3, 5]"),
    ("3到5家", "3", "家", RG, "[3, 5]"),
    ("百分之九十以上", "90", "%", AL, "[90, ∞)"),
    ("more than 60,000", "60000", None, MT, "(60000, ∞)"),
    ("more than 60,000 personnel", "60000", "personnel", MT, "(60000, ∞)"),
    ("over 400 hospitals", "400", "hospitals", MT, "(400, ∞)"),
    ("at least 1 hospital", "1", "hospital", AL, "[1, ∞)"),
    ("nearly 500", "500", None, NR, "[450, 500)"),
    ("close to 500", "500", None, NR, "[450, 500)"),
    ("around 900", "900", None, AB, "[810, 990]"),
    ("some 900 doctors", "900", "doctors", AB, "[810, 990]"),
    ("up to 30%", "30", "%", AM, "[0, 30]"),
    ("fewer than 100 patients", "100", "patients", LT, "[0, 100)"),
    ("between 3 and 5", "3", None, RG, "[3, 5]"),
    ("3 to 5 hospitals", "3", "hospitals", RG, "[3, 5]"),
    ("60,000-odd", "60000", None, OD, "(60000, 70000)"),
    ("1.9 million", "1900000", None, E, "[1850000, 1950000)"),
    ("1.9 billion yuan", "1900000000", "yuan", E, "[1850000000, 1950000000)"),
    ("93,200", "93200", None, E, "{93200}"),
    ("3.8 thousand", "3800", None, E, "[3750, 3850)"),
    ("11.7 percent", "11.7", "%", E, "[11.65, 11.75)"),
    ("0", "0", None, E, "{0}"),
]


@pytest.mark.parametrize(("text", "value", "unit", "hedge", "interval"), READS)
def test_read_figure(text: str, value: str, unit: str | None, hedge: Hedge, interval: str) -> None:
    q = read_figure(text)
    assert q.text == text
    assert q.value == Decimal(value)
    assert q.unit == unit
    assert q.hedge is hedge
    assert str(q.interval) == interval


@pytest.mark.parametrize(
    ("text", "step", "rounded"),
    [
        ("400家", "100", False),
        ("1180家", "10", False),
        ("26913人次", "1", False),
        ("2170人", "10", False),
        ("9.32万人", "100", True),
        ("6万人", "10000", True),
        ("1.9亿元", "10000000", True),
        ("11.7%", "0.1", True),
        ("90%", "10", True),
        ("1.9 million", "100000", True),
        ("93,200", "100", False),
        ("0家", "1", False),
        ("百名", "100", False),
        ("三万五", "1000", True),
        ("一万零一十家", "10", False),
    ],
)
def test_step_and_rounding(text: str, step: str, rounded: bool) -> None:
    q = read_figure(text)
    assert q.step == Decimal(step)
    assert q.rounded is rounded


def test_person_times_and_persons_are_different_dimensions() -> None:
    assert read_figure("超过6万人次").dimension == Dimension.PERSON_TIMES
    assert read_figure("more than 60,000 personnel").dimension == Dimension.PERSONS
    assert read_figure("1.9亿元").dimension is read_figure("1.9 billion yuan").dimension


def test_range_high() -> None:
    q = read_figure("3-5万人")
    assert (q.value, q.high) == (Decimal(30000), Decimal(50000))
    percent = read_figure("5%-10%")
    assert (percent.high, percent.unit, str(percent.interval)) == (Decimal(10), "%", "[4.5, 10.5)")


def test_from_to_is_a_change_not_a_range() -> None:
    found = find_figures("床位从3家增加到5家")
    assert [(f.quantity.value, f.quantity.hedge) for f in found] == [
        (Decimal(3), E),
        (Decimal(5), E),
    ]
    assert find_figures("from 3 to 5 hospitals")[-1].quantity.hedge is E


@pytest.mark.parametrize(
    ("text", "in_message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("三级医院", "级医院"),
        ("abc", "abc"),
        ("2018年", "date"),
        ("第二", "ordinal"),
        ("1180家和963家", "more than one figure"),
        ("5G", "code"),
        ("超过6万人次医务人员", "医务人员"),
        ("more than 60,000 medical widgets", "medical widgets"),
    ],
)
def test_figure_error(text: str, in_message: str) -> None:
    with pytest.raises(FigureError, match=in_message) as caught:
        read_figure(text)
    assert isinstance(caught.value, ValueError)
    assert "e.g." in str(caught.value)  # says what to write instead


def _found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_figures(text)]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("派出超过6万人次医务人员参与", "超过6万人次"),
        ("已有超过400家贫困县医院成为二级甲等医院", "超过400家"),
        ("累计诊疗患者9.32万人,手术1.08万台", "9.32万人"),
        ("累计诊疗患者9.32万人,手术1.08万台", "1.08万台"),
        ("开展新技术、新项目超过3.8万项。", "超过3.8万项"),
        ("累计争取专项资金1.9亿元。其中", "1.9亿元"),
        ("资金投入555万元用于髋膝关节置换项目", "555万元"),
        ("门急诊量平均增幅达11.7%,住院量", "11.7%"),
        ("已派出两批共315名专家支援新疆", "315名"),
        ("派出四批共699名专家支援西藏", "699名"),
        ("山东为重庆培训百名卫生系统管理人员", "百名"),
        ("千名中医药村医", "千名"),
        ("分别确定至少1所以上三级甲等医院", "至少1所以上"),
        ("免费发放超过1万册;", "超过1万册"),
        ("免費向受援地區發放超過1萬冊(cè);並", "超過1萬冊"),
        ("目前已有8000餘人參加了線上學習", "8000餘人"),
        ("培訓受援單位醫務人員26913人次,接受", "26913人次"),
        ("传染病发病率降低了12.97%和16.22%。", "12.97%"),
        ("累计培训2170余人。", "2170余人"),
        ("累计使700余名贫困患者重新站立起来", "700余名"),
        ("实施新项目近500个,急危重症", "近500个"),
        ("收获了30多面锦旗", "30多面"),
        ("每个贫困县至少有一家县级医院", "至少有一家"),
        (
            "The hospitals sent more than 60,000 personnel to poor counties.",
            "more than 60,000 personnel",
        ),
        ("Experts treated around 900 patients.", "around 900 patients"),
        ("Funding reached 1.9 million yuan.", "1.9 million yuan"),
        ("A total of 93,200 were treated.", "93,200"),
    ],
)
def test_find_figures_in_a_sentence(sentence: str, figure: str) -> None:
    assert figure in _found(sentence)


def test_find_figures_offsets_and_quantities() -> None:
    text = "963家三级医院与834个贫困县的1180家县级医院建立“一对一”帮扶关系,派出超过6万人次医务人员"
    found = find_figures(text)
    assert [text[f.start : f.end] for f in found] == ["963家", "834个", "1180家", "超过6万人次"]
    last = found[-1]
    assert (last.start, last.end) == (text.index("超过"), text.index("医务"))
    assert last.quantity.text == "超过6万人次"
    assert str(last.quantity.interval) == "(60000, ∞)"
    assert isinstance(last, FoundFigure)


def test_two_batches_finds_the_total() -> None:
    found = find_figures("两批共315名")
    assert found[-1].quantity.value == 315 and found[-1].quantity.unit == "名"
    assert all(f.quantity.value in (2, 315) for f in found)


def test_offsets_survive_folding_that_changes_length() -> None:
    # NFKC turns … into ... and ① into 1; offsets must still point into the text as given.
    text = "门诊诊疗超过3000万人次……①派出超过6万人次"
    found = find_figures(text)
    assert [text[f.start : f.end] for f in found] == ["超过3000万人次", "超过6万人次"]
    assert found[1].quantity.value == 60000


def test_full_width_digits_keep_offsets() -> None:
    text = "派出１１８０家医院"
    (f,) = find_figures(text)
    assert (f.start, f.end, f.quantity.value) == (2, 7, Decimal(1180))


@pytest.mark.parametrize(
    "text",
    [
        "三级医院",
        "二级甲等",
        "三甲",
        "一对一",
        "“2+X”",
        "“1+8”",
        "“十三五”以来",
        "十九大报告指出",
        "常州市第二人民医院",
        "截至2018年底",
        "2019-02-14 17:15:02 来源",
        "2月13日",
        "《三年行动协议(2018—2020年)》",
        "5G网络",
        "“五大中心”",
        "A1",
        "大发10分PK10",
        "建设一个科室,留下一支队伍,服务一方群众",
        "电话:010-65363056",
        "内容热线:13996277388",
        "3.2级地震",
        "震源深度10千米",
        "数十家医院",
        "第3批",
        "On February 13, 2019, the commission said",
        "over the past 5 years",
        "COVID-19 cases",
        "a 5-year plan",
        "in 2018-2020",
        "评论区 (5)",
        "id=1997499,",
        "千家万户",
        "达到1180,",
        "2016年的6 34萬人下降到1 18萬人",  # damaged: the decimal point was lost upstream
        "阁僚“8·15”参拜",
        "  1. 第一条",
        "版本1-2-3发布",
        "2019-2-14",
    ],
)
def test_not_a_figure(text: str) -> None:
    assert _found(text) == []


# --- properties -------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10**15)


@given(counts)
def test_plain_count_is_exact(n: int) -> None:
    q = read_figure(f"{n}家")
    assert q.hedge is Hedge.EXACT and not q.rounded
    assert str(q.interval) == f"{{{n}}}"


@given(counts)
def test_more_than_excludes_the_value(n: int) -> None:
    q = read_figure(f"超过{n}人")
    assert not q.interval.contains(Decimal(n))
    assert q.interval.contains(Decimal(n + 1))


@given(st.integers(min_value=1, max_value=10**12))
def test_odd_lies_strictly_between_value_and_next_step(n: int) -> None:
    q = read_figure(f"{n}余人")
    assert not q.interval.contains(Decimal(n))
    assert q.interval.contains(Decimal(n) + q.step / 2)
    assert not q.interval.contains(Decimal(n) + q.step)


@given(counts)
def test_english_more_than_equals_chinese(n: int) -> None:
    en, zh = read_figure(f"more than {n:,}"), read_figure(f"超过{n}")
    assert (
        (en.value, en.hedge, en.step)
        == (zh.value, zh.hedge, zh.step)
        == (Decimal(n), Hedge.MORE_THAN, zh.step)
    )


_DIGIT_CHARS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """A number below 10000 in Chinese numerals, with 零 for skipped places."""
    out, zero = "", False
    for place, mark in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = zero or bool(out)
        else:
            out += ("零" if zero else "") + _DIGIT_CHARS[d] + mark
            zero = False
    return out


def to_chinese(n: int) -> str:
    """Render 0 <= n < 10**12 the way a Chinese report writes it: 一亿零一百万, 十五."""
    if n == 0:
        return "零"
    groups = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    for value, mark in groups:
        if value == 0:
            continue
        if out and value < 1000:
            out += "零"
        out += _section(value) + mark
    out = out.replace("零零", "零")
    return out[1:] if out.startswith("一十") else out


def test_renderer_itself() -> None:
    assert [to_chinese(n) for n in (15, 320, 1001, 10010, 101000000, 100000001)] == [
        "十五",
        "三百二十",
        "一千零一",
        "一万零一十",
        "一亿零一百万",
        "一亿零一",
    ]


@given(st.integers(min_value=0, max_value=10**12 - 1))
@example(2)
@example(100)
@example(110)
@example(1000)
@example(20000)
@example(100010000)
def test_chinese_numerals_read_back(n: int) -> None:
    assert read_figure(to_chinese(n) + "家").value == n


@given(st.integers(min_value=2, max_value=9999))
def test_chinese_numerals_are_found_in_text(n: int) -> None:
    text = f"共派出{to_chinese(n)}名专家"
    (f,) = find_figures(text)
    assert f.quantity.value == n and f.quantity.unit == "名"
    assert text[f.start : f.end] == to_chinese(n) + "名"


_TRADITIONAL = str.maketrans("万亿余过约个项种册两将", "萬億餘過約個項種冊兩將")

zh_figures = st.builds(
    lambda hedge, n, scale, odd, unit: f"{hedge}{n}{scale}{odd}{unit}",
    st.sampled_from(["", "超过", "约", "将近", "不到", "至少"]),
    st.integers(min_value=1, max_value=99999),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(["", "余"]),
    st.sampled_from(["人次", "人", "家", "个", "项", "种", "册"]),
)


@given(zh_figures)
def test_traditional_reads_like_simplified(simplified: str) -> None:
    traditional = simplified.translate(_TRADITIONAL)
    a, b = read_figure(simplified), read_figure(traditional)
    assert (a.value, a.unit, a.hedge, a.step, str(a.interval)) == (
        b.value,
        b.unit,
        b.hedge,
        b.step,
        str(b.interval),
    )


# Filler that cannot join a figure: no numerals, hedges, units, 以/左/上, 第, letters or digits.
zh_filler = st.text(alphabet="医院帮扶工作的和与支援健康级,。", max_size=30)
en_filler = st.lists(
    st.sampled_from(["the", "report", "said", "areas", "work", "medical", "were"]),
    max_size=8,
).map(" ".join)
MUST_READ_ZH = [row[0] for row in READS[:29] if not row[0].startswith(("两批", "四批"))]
MUST_READ_EN = ["more than 60,000", "around 900", "1.9 million", "93,200", "60,000-odd staff"]


@given(zh_filler, st.sampled_from(MUST_READ_ZH), zh_filler)
def test_chinese_figure_found_at_its_offsets(before: str, figure: str, after: str) -> None:
    text = before + figure + after
    found = find_figures(text)
    assert [(f.start, f.end) for f in found] == [(len(before), len(before) + len(figure))]
    # In text, 个 takes what it counts from the noun after it (500个医院: institutions).
    alone, in_text = read_figure(figure), found[0].quantity
    assert in_text.model_copy(update={"dimension": alone.dimension}) == alone
    assert compatible(in_text.dimension, alone.dimension)


@given(en_filler, st.sampled_from(MUST_READ_EN), en_filler)
def test_english_figure_found_at_its_offsets(before: str, figure: str, after: str) -> None:
    text = f"{before} {figure} {after}."
    found = find_figures(text)
    start = len(before) + 1
    assert [(f.start, f.end) for f in found] == [(start, start + len(figure))]
    assert found[0].quantity == read_figure(figure)


@given(st.text(max_size=200))
def test_find_figures_never_fails_and_spans_are_ordered(text: str) -> None:
    found = find_figures(text)
    ends = [0]
    for f in found:
        assert ends[-1] <= f.start < f.end <= len(text)
        assert f.quantity.text == text[f.start : f.end]
        ends.append(f.end)


@pytest.mark.parametrize(
    ("text", "step", "resolution", "interval"),
    [
        ("90%", "10", "1", "[89.5, 90.5)"),
        ("100%", "100", "1", "[99.5, 100.5)"),
        ("30.0%", "10", "0.1", "[29.95, 30.05)"),
        ("9.32万人", "100", "100", "[93150, 93250)"),
        ("60万元", "100000", "10000", "[595000, 605000)"),
        ("两万人", "10000", "10000", "[15000, 25000)"),
    ],
)
def test_rounding_is_read_to_the_last_written_digit(
    text: str, step: str, resolution: str, interval: str
) -> None:
    q = read_figure(text)
    assert q.step == Decimal(step)
    assert q.resolution == Decimal(resolution)
    assert str(q.interval) == interval
