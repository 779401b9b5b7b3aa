"""The five snapshots of the real archive: what normalization and the span heuristics find.

Skipped, with the reason shown, in a checkout without ../shared/sources.
"""

from __future__ import annotations

import pytest

from aidcheck.evidence.document import SnapshotText, analyse, decode
from aidcheck.evidence.spans import SpanKind
from tests.evidence.harness import NO_REAL_ARCHIVE, REAL_ARCHIVE

needs_archive = pytest.mark.skipif(not REAL_ARCHIVE.is_dir(), reason=NO_REAL_ARCHIVE)

FILES = {
    "000": "000_4a716e175e08b5d0.txt",
    "001": "001_cf9ab42a71210f63.txt",
    "002": "002_781346ec3ccc00e6.txt",
    "003": "003_11d5bb6ca88abc63.txt",
    "004": "004_3bef1d7e4aaca9cd.txt",
}


def load(key: str) -> SnapshotText:
    return analyse((REAL_ARCHIVE / FILES[key]).read_bytes())


@needs_archive
def test_001_has_five_mojibake_spans_all_repaired() -> None:
    snap = load("001")
    repaired = snap.spans_of(SpanKind.REPAIRED)
    assert len(repaired) == 5
    assert not snap.spans_of(SpanKind.DAMAGED)
    texts = [s.repaired or "" for s in repaired]
    assert any("喀什二院冠心病重症监护室" in t for t in texts)
    assert any("国家卫生健康委员会医政医管局副局长焦雅辉介绍" in t for t in texts)
    assert any("马伟杭" in t for t in texts)
    assert [s.line for s in repaired[:3]] == [22, 26, 44]


@needs_archive
def test_003s_first_paragraph_is_a_duplicate() -> None:
    [dup] = load("003").spans_of(SpanKind.DUPLICATE)
    assert (dup.line, dup.heuristic) == (5, "repeated-paragraph")


@needs_archive
@pytest.mark.parametrize(
    ("key", "line", "heuristic"),
    [
        ("000", 22, "section-marker"),  # 轉自:新華社, then the copyright notice, 延伸閱讀
        ("001", 50, "headline-list"),  # +1, 【纠错】, captions, lottery spam
        ("002", 26, "copyright"),  # 国际在线版权与信息产品内容销售的声明
        ("003", 19, "copyright"),  # 版权声明, comment dump, 相关资讯
        ("004", 7, "end-mark"),  # (完), then 相关推荐 and headline lists
    ],
)
def test_each_snapshot_has_a_non_article_tail(key: str, line: int, heuristic: str) -> None:
    snap = load(key)
    [tail] = [s for s in snap.spans_of(SpanKind.BOILERPLATE) if s.end == len(snap.text)]
    assert (tail.line, tail.heuristic) == (line, heuristic)


@needs_archive
def test_000_reads_as_simplified_text_without_pinyin() -> None:
    snap = load("000")
    assert "天津共培训受援单位医务人员26913人次" in snap.view.text
    assert "(" not in snap.view.text[: snap.view.text.index("转自")].replace("(记者", "")


def test_snapshots_that_are_not_utf8_are_read_as_gb18030_and_said_so() -> None:
    text, note = decode("卫生健康委员会".encode("gb18030"))
    assert (text, note) == ("卫生健康委员会", "not UTF-8: read as GB18030")
    assert decode("医院".encode())[1] is None
