from __future__ import annotations

from aidcheck.evidence.boilerplate import find_boilerplate
from aidcheck.evidence.duplicates import find_duplicates
from aidcheck.evidence.normalize import normalize
from aidcheck.evidence.spans import Span

FIRST = "通过聚焦健康扶贫，我国实现了所有贫困县县医院远程医疗全覆盖，1180家县级医院获得了帮扶。"
SECOND = "2月13日，卫生健康委召开新闻发布会，介绍卫生健康对口支援的相关工作情况。"


def duplicates(text: str) -> list[Span]:
    return find_duplicates(normalize(text), find_boilerplate(text))


def test_a_paragraph_repeated_verbatim_is_marked_once() -> None:
    text = f"标题\n\n{FIRST}\n\n{FIRST}\n\n{SECOND}\n"
    [span] = duplicates(text)
    assert span.heuristic == "repeated-paragraph"
    assert text[span.start : span.end] == FIRST
    assert "verbatim" in span.note


def test_a_truncated_lead_that_repeats_the_next_paragraphs_is_marked() -> None:
    lead = FIRST + SECOND[:20]
    text = f"标题\n\n{lead}\n\n{FIRST}\n\n{SECOND}\n"
    [span] = duplicates(text)
    assert text[span.start : span.end] == lead
    assert "from line 5" in span.note


def test_short_repeated_lines_and_distinct_paragraphs_are_not_duplicates() -> None:
    assert duplicates(f"图集\n{FIRST}\n图集\n{SECOND}\n") == []


def test_a_paragraph_repeated_in_either_script_is_a_duplicate() -> None:
    traditional = (
        "通過聚焦健康扶貧，我國實現了所有貧困縣縣醫院遠程醫療全覆蓋，1180家縣級醫院獲得了幫扶。"
    )
    assert len(duplicates(f"{traditional}\n{FIRST}\n{SECOND}\n")) == 1
