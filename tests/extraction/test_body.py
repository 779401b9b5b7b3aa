"""The body's figures: boilerplate, duplicates, URLs and phone numbers left out; sentences."""

from __future__ import annotations

from aidcheck.evidence.document import analyse
from aidcheck.extraction.body import body_figures, sentence_bounds


def figures(text: str) -> list[str]:
    return [f.text for f in body_figures(analyse(text.encode())).figures]


def test_figures_in_urls_phones_and_addresses_are_not_figures() -> None:
    text = (
        "截至2018年底,派出超过6万人次医务人员。\n"
        "详见 http://www.example.cn/2019/400家/c_1124114461.htm 或 a1180家@example.com\n"
        "电话:023 6389 5026 或 +86 10 6528 9999,传真010-65289999\n"
    )
    assert figures(text) == ["超过6万人次"]


def test_each_figure_comes_with_its_sentence_and_line() -> None:
    text = "标题\n\n截至2018年底,已派出两批共315名专家。急危重症抢救成功率达90%。\n"
    found = body_figures(analyse(text.encode())).figures
    by_text = {f.text: f for f in found}
    assert by_text["315名"].sentence == "截至2018年底,已派出两批共315名专家。"
    assert by_text["90%"].sentence == "急危重症抢救成功率达90%。"
    assert by_text["90%"].line == 3


def test_english_sentences_end_at_a_full_stop_but_not_at_a_decimal_point() -> None:
    text = "Funds rose. They reached 1.9 billion yuan by 2020. Then more."
    at = text.index("1.9")
    left, right = sentence_bounds(text, at, at + 3)
    assert text[left:right] == "They reached 1.9 billion yuan by 2020."


def test_figures_in_boilerplate_are_counted_as_left_out() -> None:
    body = (
        "据天津市卫生健康委员会介绍,截至目前,天津共培训受援单位医务人员26913人次,"
        "接受受援医疗机构来津培训,切实提高了受援医院的医疗技术水平。\n"
    )
    tail = (
        "\n【版权及免责声明】凡本网所属版权作品,转载时须获得授权。\n"
        "延伸阅读\n  • 已转移群众100多人\n"
    )
    result = body_figures(analyse((body + tail).encode()))
    assert [f.text for f in result.figures] == ["26913人次"]
    assert sum(result.left_out.values()) >= 1


def test_a_text_without_sentence_ends_gives_bounded_sentences() -> None:
    from aidcheck.extraction.body import SENTENCE_CHARS

    text = "山东累计派出医务人员1000余人,投入资金1.9亿元," * 200
    found = body_figures(analyse(text.encode())).figures
    assert len(found) == 400
    assert all(len(f.sentence) <= 2 * SENTENCE_CHARS + len(f.text) for f in found)
