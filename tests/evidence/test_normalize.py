from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aidcheck.evidence.normalize import Rebuild, normalize, normalize_quote


def test_pinyin_glued_after_characters_is_removed_and_mapped_back() -> None:
    original = "天津與42個(gè)貧困縣實(shí)現(xiàn)全覆蓋"
    view = normalize(original)
    assert view.text == "天津与42个贫困县实现全覆盖"
    at = view.text.index("实现")
    start, end = view.to_original(at, at + 2)
    assert original[start:end] == "實(shí)現(xiàn)"
    assert view.notes.pinyin_removed == 3


def test_only_toned_lowercase_pinyin_right_after_a_character_is_removed() -> None:
    for kept in ["的(de)", "医院(ABC)", "covid(shí)", "医院(第二批)", "(shí)开头"]:
        assert "(" in normalize(kept).text, kept


def test_traditional_becomes_simplified_one_character_for_one() -> None:
    original = "醫療機構來津培訓"
    view = normalize(original)
    assert view.text == "医疗机构来津培训"
    assert list(view.starts) == list(range(len(original)))
    assert view.notes.simplified == 6


def test_full_width_forms_fold_and_each_output_maps_to_its_source_character() -> None:
    original = "共２６９１３人次…完"
    view = normalize(original)
    assert view.text == "共26913人次...完"
    dots = [i for i, ch in enumerate(view.text) if ch == "."]
    assert {view.starts[i] for i in dots} == {original.index("…")}


def test_white_space_goes_next_to_chinese_and_folds_between_latin_words() -> None:
    assert normalize("健康扶貧 天津\n\n  记者").text == "健康扶贫天津记者"
    assert normalize("more  than\n60,000 personnel").text == "more than 60,000 personnel"


def test_quotation_marks_and_dashes_fold_so_either_typography_matches() -> None:
    assert normalize_quote("建立“一对一”帮扶关系") == normalize_quote('建立"一对一"帮扶关系')
    assert normalize_quote("2018—2020年") == "2018-2020年"


def test_a_quote_in_either_script_is_found_in_a_traditional_snapshot() -> None:
    view = normalize("天津共培訓(xùn)受援單位醫(yī)務(wù)人員26913人次")
    assert normalize_quote("天津共培訓受援單位醫務人員26913人次") in view.text
    assert normalize_quote("天津共培训受援单位医务人员26913人次") in view.text


TEXT = st.lists(
    st.sampled_from([*"實現醫療a B1２…“” \n（）\u0301", "(xiàn)", "(shí)", "Ａ"]), max_size=40
).map("".join)


@given(TEXT)
def test_every_normalized_character_maps_to_a_nonempty_ordered_original_span(text: str) -> None:
    view = normalize(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    for i in range(len(view.text)):
        assert 0 <= view.starts[i] < view.ends[i] <= len(text)
    assert list(view.starts) == sorted(view.starts)


@given(TEXT)
def test_normalizing_twice_changes_nothing_more(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


def test_a_rebuilt_text_keeps_the_original_span_of_every_character() -> None:
    text = "ab(x)cd  ef"
    out = Rebuild(text, list(range(len(text))), list(range(1, len(text) + 1)))
    out.copy(2)
    out.skip(5, into_last=True)  # "(x)" dropped; "b" now covers it
    out.copy(7, {ord("c"): "C"})
    out.put("_", 7, 9)  # two spaces become one character covering both
    rebuilt, starts, ends = out.result()
    assert rebuilt == "abCd_ef"
    assert list(zip(starts, ends, strict=True)) == [
        (0, 1),
        (1, 5),
        (5, 6),
        (6, 7),
        (7, 9),
        (9, 10),
        (10, 11),
    ]
