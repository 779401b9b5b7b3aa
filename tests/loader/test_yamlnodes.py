from __future__ import annotations

import datetime as dt

import pytest

from aidcheck.loader.yamlnodes import Position, YamlSyntaxError, parse


def test_positions_are_one_based_for_keys_and_values() -> None:
    doc = parse("source:\n  id: a\nclaims:\n  - id: b\n    figure: 1180家\n")
    assert doc.position(("claims", 0, "figure"), prefer_key=True) == Position(5, 5)
    assert doc.position(("claims", 0, "figure")) == Position(5, 13)
    assert doc.data["claims"][0]["figure"] == "1180家"


def test_scalars_are_typed_like_the_safe_loader() -> None:
    doc = parse("a: 2019-02-14\nb: 12\nc: '12'\nd: true\ne: ~\n")
    assert doc.data == {"a": dt.date(2019, 2, 14), "b": 12, "c": "12", "d": True, "e": None}


def test_duplicate_key_is_recorded_and_the_first_value_kept() -> None:
    doc = parse("claims:\n  - id: a\n    figure: 1180家\n    figure: 963家\n")
    assert doc.data["claims"][0]["figure"] == "1180家"
    [dup] = doc.duplicates
    assert dup.key == "figure"
    assert dup.path == ("claims", 0)
    assert dup.first == Position(3, 5)
    assert dup.second == Position(4, 5)


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse("claims:\n  - id: a\n metric: x\n")
    assert info.value.position.line == 3
    assert "expected" in info.value.message


def test_control_character_is_located_at_its_line_and_column() -> None:
    # PyYAML reports a forbidden character by offset only; it must still get a line and column.
    with pytest.raises(YamlSyntaxError) as info:
        parse('claims:\n  - id: x\n    quote: "a\x1bred"\n')
    assert info.value.position == Position(3, 14)
    assert "U+001B" in str(info.value)
    assert "\x1b" not in str(info.value)


def test_position_falls_back_to_the_nearest_known_parent() -> None:
    doc = parse("claims:\n  - id: a\n")
    assert doc.position(("claims", 0, "quote")) == doc.position(("claims", 0))
    assert doc.position(("nothing", "here")) == Position(1, 1)


def test_empty_document_has_no_data() -> None:
    assert parse("").data is None
    assert parse("# only a comment\n").data is None


@pytest.mark.parametrize(
    ("text", "advice", "not_advice"),
    [
        ("claims:\n  - id: a\n metric: m\n", "check the indentation", "quote it"),
        ("period: {as_of: 2019-02-30}\n", "quote it to keep it as text", "indentation"),
        ("a: !!python/object x\n", "tags and merge keys", "indentation"),
    ],
)
def test_each_kind_of_unreadable_document_gets_its_own_advice(
    text: str, advice: str, not_advice: str
) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text)
    assert advice in caught.value.message and not_advice not in caught.value.message


def test_positions_are_found_again_from_the_source_when_first_asked() -> None:
    text = "source:\n  id: a\nclaims:\n  - id: b\n    figure: 1180家\n"
    raw = ("\ufeff" + text).encode("utf-8")
    doc = parse(text, source=raw)
    assert doc.source is raw  # the bytes as read, not a second copy of the text
    assert not doc._placed  # no place tree until a position is asked for
    assert doc.position(("claims", 0, "figure")) == Position(5, 13)
    assert doc._placed
    assert doc.position(("claims", 0, "figure"), prefer_key=True) == Position(5, 5)


def test_a_document_without_a_source_has_only_the_document_start() -> None:
    doc = parse("a: 1\n")
    doc.source = None
    assert doc.position(("a",)) == Position(1, 1)


def test_remembered_tags_of_plain_texts_never_leak_into_quoted_ones() -> None:
    from aidcheck.loader import yamlnodes

    text = "a: 12\nb: '12'\nc: 12\nd: \"true\"\ne: true\nf: !!str 12\ng: ''\nh:\n"
    expected = {"a": 12, "b": "12", "c": 12, "d": "true", "e": True, "f": "12", "g": "", "h": None}
    assert parse(text).data == expected
    many = "".join(f"k{i}: {i}\n" for i in range(yamlnodes._PLAIN_TAGS_KEPT + 10))
    assert parse(many).data[f"k{yamlnodes._PLAIN_TAGS_KEPT + 9}"] == yamlnodes._PLAIN_TAGS_KEPT + 9
    assert len(yamlnodes._PLAIN_TAGS) <= yamlnodes._PLAIN_TAGS_KEPT
    assert parse(text).data == expected
