"""The snapshot naming rule and the archive's index."""

from __future__ import annotations

from pathlib import Path

from aidcheck.evidence.archive import sha256_of
from aidcheck.evidence.intake import (
    INDEX_HEADER,
    IndexEntry,
    index_with,
    next_number,
    snapshot_name,
)


def test_numbers_follow_the_highest_one_used(tmp_path: Path) -> None:
    assert next_number(tmp_path) == 0
    (tmp_path / "000_4a716e175e08b5d0.txt").write_text("a", encoding="utf-8")
    (tmp_path / "007_cf9ab42a71210f63.txt").write_text("b", encoding="utf-8")
    (tmp_path / "README.md").write_text("c", encoding="utf-8")
    assert next_number(tmp_path) == 8


def test_the_name_carries_the_number_and_the_hash_of_the_bytes() -> None:
    data = "截至2018年底".encode()
    assert snapshot_name(5, data) == f"005_{sha256_of(data)[:16]}.txt"
    assert snapshot_name(1234, data).startswith("1234_")


def test_index_entries_stay_on_one_line(tmp_path: Path) -> None:
    entry = IndexEntry("000_x.txt", "ab", "s", "2020-01-01", "pub\tlisher", "a\ntitle\u2028x")
    text = index_with(tmp_path, entry)
    assert text.startswith(INDEX_HEADER)
    assert text.count("\n") == 2
    assert text.splitlines()[1].split("\t") == [
        "000_x.txt",
        "ab",
        "s",
        "2020-01-01",
        "pub lisher",
        "a title x",
        "",
    ]
    (tmp_path / "index.tsv").write_text(text.rstrip("\n"), encoding="utf-8")
    assert index_with(tmp_path, entry).count("\n") == 3
