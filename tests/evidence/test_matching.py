from __future__ import annotations

from aidcheck.evidence.document import SnapshotText, analyse
from aidcheck.evidence.matching import MatchKind, find_quote
from aidcheck.model.claim import Anchor
from tests.evidence.test_mojibake import ARTICLE, garble

TITLE = "某省健康扶贫取得成效"
PARA = (
    "截至2018年底，三级医院已派出超过6万人次医务人员参与贫困县县级医院管理诊疗工作，"
    "帮助县医院新建临床专科5900个。"
)
OTHER = "浙江累计培训受援医院医务人员6.4万人次，近两年接收853名医务人员来浙免费进修，成效明显。"


def snapshot(text: str) -> SnapshotText:
    return analyse(text.encode("utf-8"))


def test_a_verbatim_quote_is_found_at_its_original_offsets() -> None:
    text = f"{TITLE}\n\n  {PARA}\n\n  {OTHER}\n"
    match = find_quote(snapshot(text), "已派出超过6万人次医务人员")
    assert match.kind is MatchKind.EXACT
    assert match.chosen is not None
    assert text[match.chosen.start : match.chosen.end] == "已派出超过6万人次医务人员"


def test_a_quote_in_simplified_script_is_found_in_traditional_text_with_pinyin() -> None:
    text = f"{TITLE}\n天津共培訓(xùn)受援單位醫(yī)務(wù)人員26913人次,接受培訓(xùn)526人次。\n"
    match = find_quote(snapshot(text), "天津共培训受援单位医务人员26913人次")
    assert match.chosen is not None
    assert text[match.chosen.start : match.chosen.end].endswith("人員26913人次")


def test_punctuation_is_ignored_only_when_the_numbers_read_the_same() -> None:
    snap = snapshot(f"{TITLE}\n{OTHER}\n")
    loose = find_quote(snap, "培训受援医院医务人员6.4万人次近两年接收853名")
    assert loose.kind is MatchKind.PUNCTUATION and loose.chosen is not None
    wrong = find_quote(snap, "培训受援医院医务人员64万人次，近两年接收853名")
    assert not wrong.found
    assert wrong.closest is not None and wrong.closest.numbers_differ


def test_a_quote_not_found_comes_with_the_closest_passage() -> None:
    text = f"{TITLE}\n{PARA}\n{OTHER}\n"
    match = find_quote(snapshot(text), "已派出超过7万人次医务人员参与贫困县县级医院管理")
    assert not match.found
    assert match.closest is not None
    assert "派出超过6万人次医务人员" in match.closest.text
    assert match.closest.numbers_differ
    assert find_quote(snapshot(text), "完全无关的文字内容").closest is None


def test_a_repeated_quote_is_ambiguous_until_the_anchor_chooses() -> None:
    text = f"{TITLE}\n甲省派出医务人员100名，成效明显。\n乙省派出医务人员100名，进展顺利。\n"
    snap = snapshot(text)
    quote = "派出医务人员100名"
    assert find_quote(snap, quote).ambiguous
    chosen = find_quote(snap, quote, Anchor(before="乙省")).chosen
    assert chosen is not None and text[chosen.start - 2 : chosen.start] == "乙省"
    after = find_quote(snap, quote, Anchor(after="成效明显")).chosen
    assert after is not None and text[after.start - 2 : after.start] == "甲省"
    second = find_quote(snap, quote, Anchor(occurrence=2)).chosen
    assert second == chosen
    wrong = find_quote(snap, quote, Anchor(occurrence=3))
    assert wrong.ambiguous and wrong.anchor_problem is not None
    assert find_quote(snap, quote, Anchor(before="丙省")).anchor_problem is not None


def test_a_copy_in_a_duplicated_paragraph_or_in_boilerplate_does_not_count() -> None:
    text = f"{TITLE}\n\n{PARA}\n\n{PARA}\n\n{OTHER}\n\n相关推荐\n已派出超过6万人次医务人员\n"
    match = find_quote(snapshot(text), "已派出超过6万人次医务人员")
    assert len(match.occurrences) == 3
    assert match.chosen is not None and not match.ambiguous
    assert len(match.counted) == 1


def test_a_quote_of_recovered_text_is_found_in_the_repaired_view() -> None:
    target = "”国家卫生健康委员会医政医管局副局长介绍"
    text = f"{ARTICLE}\n“帮扶工作。?{garble(target)}?，截至年底，已有超过400家医院成为二甲医院。\n"
    snap = snapshot(text)
    match = find_quote(snap, "医政医管局副局长")
    assert match.kind is MatchKind.REPAIRED
    assert match.chosen is not None
    assert text[match.chosen.start] == "?"
    garbled_quote = text[text.index("?") + 3 : text.index("?") + 9]
    assert find_quote(snap, garbled_quote).kind is MatchKind.EXACT


def test_closest_passage_of_a_long_quote_is_bounded() -> None:
    """difflib is quadratic: a quote of thousands of characters aligns only a bounded head."""
    from aidcheck.evidence.document import analyse
    from aidcheck.evidence.matching import CLOSEST_CHARS, find_quote

    text = ("各地派出医务人员参与贫困县县级医院管理和诊疗工作。" * 2_000).encode()
    quote = "派出超过6万人次医务人员参与贫困县县级医院管理" * 200
    match = find_quote(analyse(text), quote[:4_999], None)
    assert not match.found
    if match.closest is not None:
        assert len(match.closest.text) < 3 * CLOSEST_CHARS
