from __future__ import annotations

import pytest

from aidcheck.evidence.boilerplate import find_boilerplate
from aidcheck.evidence.spans import Span

TITLE = "某省卫生健康对口支援取得成效"
BODY = (
    "记者从省卫生健康委员会了解到，截至目前，全省已派出医务人员参与县级医院管理和诊疗工作，"
    "帮助受援医院新建临床专科，开展新技术、新项目，提升了服务能力。"
)


def tail_of(text: str) -> Span:
    [span] = [s for s in find_boilerplate(text) if s.heuristic != "menu"]
    assert span.end == len(text)
    return span


@pytest.mark.parametrize(
    ("marker", "heuristic"),
    [
        ("相关推荐", "section-marker"),
        ("延伸閱讀", "section-marker"),  # traditional: matched after t2s
        ("评论区 (5)", "section-marker"),
        ("【纠错】 责任编辑: 某某", "section-marker"),
        ("版权声明:", "copyright"),
        ("某某网版权与信息产品内容销售的声明", "copyright"),
    ],
)
def test_a_section_marker_after_the_article_starts_the_tail(marker: str, heuristic: str) -> None:
    text = f"{TITLE}\n\n  {BODY}\n\n{marker}\n其他新闻一\n其他新闻二\n"
    span = tail_of(text)
    assert span.heuristic == heuristic
    assert text[span.start :].startswith(marker)


def test_the_article_end_mark_ends_the_article() -> None:
    text = f"{TITLE}\n{BODY}累计服务患者7.75万人次。(完)\n某地发生地震\n"
    span = tail_of(text)
    assert span.heuristic == "end-mark"
    assert text[: span.start].endswith("(完)")


def test_a_long_line_without_sentence_punctuation_is_spam() -> None:
    spam = " ".join(["快三彩票平台", "彩票官网首页", "一分快三下载"] * 12)
    span = tail_of(f"{TITLE}\n{BODY}\n{spam}\n")
    assert span.heuristic == "spam-run"


def test_a_dump_of_serialized_objects_is_markup() -> None:
    dump = "1. [Comment(id=1, content=<a href='/t'>#话题#</a>, likes=3, status=1, time=2019)]"
    span = tail_of(f"{TITLE}\n{BODY}\n{dump}\n")
    assert span.heuristic == "markup"


def test_four_short_lines_without_a_full_stop_are_a_headline_list() -> None:
    headlines = "\n".join(["某地发生地震", "- 春运启动 旅客增多", "黄金价格创新高", "新车型亮相"])
    span = tail_of(f"{TITLE}\n{BODY}\n{headlines}\n")
    assert span.heuristic == "headline-list"


def test_the_tail_reaches_back_over_short_lines_before_its_marker() -> None:
    text = f"{TITLE}\n{BODY}\n\n+1\n【纠错】 责任编辑: 某某\n"
    assert text[tail_of(text).start :].startswith("+1")


def test_three_very_short_lines_are_a_menu_and_the_title_is_not() -> None:
    text = f"某网 正文\n{TITLE}\n关注我们\n微博\n评论\n图集\n\n{BODY}\n"
    [menu] = find_boilerplate(text)
    assert menu.heuristic == "menu"
    assert text[menu.start : menu.end] == "关注我们\n微博\n评论\n图集"


def test_markers_before_the_first_article_paragraph_and_articles_alone_are_kept() -> None:
    assert find_boilerplate(f"评论区\n{BODY}\n{BODY}\n") == []
    assert find_boilerplate(f"{TITLE}\n{BODY}\n{BODY}\n") == []
    assert find_boilerplate("相关推荐\n短行\n") == []
