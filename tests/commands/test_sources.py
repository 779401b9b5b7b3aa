from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidcheck.commands.sources import run_check, run_list
from tests.evidence.harness import Cited, quoted
from tests.evidence.test_mojibake import ARTICLE, garble

TEXT = (
    f"标题\n\n{ARTICLE}\n“帮扶工作取得成效。?{garble('”国家卫生健康委员会医政医管局副局长介绍')}?，"
    "截至年底，已有超过400家医院成为二级甲等医院。\n\n相关推荐\n某地发生地震\n"
)
CLAIM = quoted("a", "超过400家", "已有超过400家医院成为二级甲等医院")


@pytest.fixture
def cited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cited:
    return Cited(tmp_path).source("src", TEXT, [CLAIM]).enter(monkeypatch)


def test_list_gives_each_source_its_claim_count_and_citation_status(
    cited: Cited, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_list("json", color=False) == 0
    data = json.loads(capsys.readouterr().out)
    [source] = data["sources"]
    assert (source["id"], source["claims"], source["citation_status"]) == (
        "src",
        1,
        "verified (1/1)",
    )
    assert run_list("text", color=False) == 0
    assert "verified (1/1)" in capsys.readouterr().out


def test_check_reports_hash_notes_and_spans_with_lines(
    cited: Cited, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check([], "json", color=False) == 0
    [check] = json.loads(capsys.readouterr().out)["checks"]
    assert check["status"] == "ok" and check["actual_sha256"] == check["expected_sha256"]
    kinds = {(s["kind"], s["heuristic"], s["line"]) for s in check["spans"]}
    assert ("repaired", "gbk-shift", 4) in kinds
    assert ("boilerplate", "section-marker", 6) in kinds
    repaired = next(s for s in check["spans"] if s["kind"] == "repaired")
    assert "医政医管局" in repaired["repaired"]
    assert run_check(["src"], "text", color=False) == 0
    out = capsys.readouterr().out
    assert "matches the source record" in out and "gbk-shift" in out


def test_check_exits_1_on_a_changed_snapshot_and_2_on_an_unknown_source(
    cited: Cited, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cited.archive / "src.txt"
    path.write_bytes(path.read_bytes().replace("标题".encode(), "题目".encode()))
    assert run_check([], "json", color=False) == 1
    [check] = json.loads(capsys.readouterr().out)["checks"]
    assert check["status"] == "changed"
    assert run_check(["nope"], "text", color=False) == 2
    assert "unknown source nope" in capsys.readouterr().err


def test_check_without_an_archive_says_how_to_enable_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cited = Cited(tmp_path, config_archive=None).source("src", TEXT, [CLAIM]).enter(monkeypatch)
    assert run_check([], "text", color=False) == 2
    assert "--archive" in capsys.readouterr().err
    assert run_check([], "text", color=False, archive=cited.archive) == 0
