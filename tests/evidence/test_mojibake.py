from __future__ import annotations

from aidcheck.evidence.mojibake import find_mojibake
from aidcheck.evidence.spans import SpanKind


def garble(text: str) -> str:
    """What a decoder that lost the first byte of `text` (GBK) shows until it resyncs."""
    return text.encode("gbk")[1:-1].decode("gb18030", errors="replace")


ARTICLE = (
    "记者从国家卫生健康委员会了解到，医院派出专家支援县级医院，帮扶工作取得成效。"
    "国家卫生健康委员会医政医管局表示，将继续推进对口支援工作，副局长在发布会上介绍了进展。"
)


def test_gbk_text_read_one_byte_out_of_step_is_found_and_repaired() -> None:
    target = "”国家卫生健康委员会医政医管局副局长介绍"
    garbled = garble(target)
    text = f"{ARTICLE}“帮扶工作取得成效。?{garbled}?，截至年底，已有超过400家医院成为二级甲等医院。"
    [span] = find_mojibake(text)
    assert span.kind is SpanKind.REPAIRED
    assert span.heuristic == "gbk-shift"
    assert text[span.start : span.end] == f"?{garbled}?"
    assert span.repaired is not None
    assert span.repaired.rstrip("\ufffd") == target[1:-1]


def test_a_short_garbled_name_is_repaired_when_the_name_occurs_elsewhere() -> None:
    text = f"{ARTICLE}浙江省巡视员马伟杭认为，关键在精准。“技术很重要?!甭砦昂妓?，要精准。"
    [span] = find_mojibake(text)
    assert span.repaired == "”马伟杭\ufffd"


def test_clean_chinese_text_with_rare_words_and_kana_has_no_mojibake() -> None:
    text = (
        f"{ARTICLE}\n喀什地区莎车县的买买提医生说：“谢谢！”日本歌曲《ありがとう》很有名。"
        "藏医院药浴康复保健中心、巫溪县、酉阳县、彭水县的医院都已投入使用。你好吗?我很好。"
    )
    assert find_mojibake(text) == []


def test_private_use_characters_that_no_shift_explains_are_damaged_not_repaired() -> None:
    text = f"{ARTICLE}\n数据：\ue000\ue001\ue002\ue003\n"
    [span] = find_mojibake(text)
    assert span.kind is SpanKind.DAMAGED
    assert span.heuristic == "lost-bytes"
    assert span.repaired is None


def test_replacement_characters_are_lost_bytes() -> None:
    text = f"{ARTICLE}1180家县级医\ufffd\ufffd获得帮扶。"
    [span] = find_mojibake(text)
    assert (span.kind, span.heuristic) == (SpanKind.DAMAGED, "lost-bytes")
    assert text[span.start : span.end] == "\ufffd\ufffd"


def test_a_repair_stops_at_the_damage_and_leaves_clean_neighbours_alone() -> None:
    garbled = garble("国家卫生健康委医政医管局有关负责人在论坛上介绍")
    text = (
        f"新华社北京电 受援县医院{garbled}新建临床专科7000多个。\n其他内容，受援县医院。"
        "医务人员 县级医院 管理 介绍"
    )
    [span] = find_mojibake(text)
    start = text.index(garbled)
    assert (span.start, span.end) == (start, start + len(garbled))
    assert span.repaired is not None and span.repaired.startswith("家卫生健康委")
    assert "临床专科" not in span.repaired


def test_a_lost_character_in_a_figures_sentence_is_damaged() -> None:
    text = "打造特色?400個專科。为什么?因为有400家。你知道吗?有12家。没有数字?的句子。"
    spans = find_mojibake(text)
    assert [(text[s.start : s.end], s.heuristic, s.start) for s in spans] == [
        ("?", "lost-character", 4)
    ]


def test_damage_no_shift_explains_covers_the_damage_not_the_clean_text_around_it() -> None:
    garbled = garble("国家卫生健康委医政医管局有关负责人在论坛上介绍")
    text = f"新华社北京电 受援县医院{garbled}新建临床专科7000多个。"
    [span] = find_mojibake(text)
    assert span.heuristic == "lost-bytes"
    assert text[span.start : span.end] == garbled
