from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidcheck.commands.show import run
from tests.evidence.harness import Cited, quoted

TEXT = "标题\n\n  截至2018年底，三级医院已派出超过6万人次医务人员参与贫困县县级医院管理诊疗工作。\n"


@pytest.fixture
def cited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cited:
    claim = quoted("a", "超过6万人次", "已派出超过6万人次医务人员", metric="staff_dispatch_visits")
    return Cited(tmp_path).source("src", TEXT, [claim]).enter(monkeypatch)


def test_show_prints_the_quote_in_its_passage_with_the_figure_marked(
    cited: Cited, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("a", "text", color=False) == 0
    out = capsys.readouterr().out
    assert "citation verified" in out and "src.txt:3:" in out
    assert "三级医院»已派出[超过6万人次]医务人员«参与贫困县" in out


def test_show_json_carries_the_citation(cited: Cited, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("a", "json", color=False) == 0
    [match] = json.loads(capsys.readouterr().out)["matches"]
    assert match["citation"]["verified"] is True
    assert match["citation"]["quote"] == "已派出超过6万人次医务人员"


def test_show_says_when_a_citation_does_not_verify(
    cited: Cited, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cited.archive / "src.txt"
    path.write_text(TEXT.replace("6万", "7万"), encoding="utf-8")
    assert run("a", "text", color=False) == 0
    out = capsys.readouterr().out
    assert "citation not verified" in out
    assert "snapshot changed" in out
    # the text of a snapshot whose sha256 does not match is never shown
    assert "closest passage" not in out and "7万" not in out
