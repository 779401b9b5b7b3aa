"""Quotes, publishers and snapshots holding markup, terminal escapes and workflow commands print
verbatim and harmless in every terminal command: verify's text report, show, sources list,
sources check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidcheck.commands.show import run as show
from aidcheck.commands.sources import run_check, run_list
from aidcheck.commands.verify import run as verify
from tests.evidence.harness import Cited, quoted

MARKUP = "[/] [bold]粗体[/bold] :smile:"
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\"
COMMAND = "\n::error file=README.md,line=1::forged\n"
QUOTE = f"派出超过6万人次医务人员{MARKUP}{ESCAPES}{COMMAND}"
TEXT = f"标题\n\n三级医院已派出超过6万人次医务人员参与贫困县县级医院管理。{MARKUP}\x1b[31m\n"


@pytest.fixture
def cited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cited:
    claim = quoted("a", "超过6万人次", QUOTE, metric="staff_dispatch_visits")
    cited = Cited(tmp_path).source("src", TEXT, [claim])
    cited.files["sources/src.yaml"]["source"]["publisher"] = f"新华[/]{ESCAPES}{COMMAND}"
    return cited.enter(monkeypatch)


def assert_safe(out: str) -> None:
    assert MARKUP in out or "[/]" in out
    assert "\x1b" not in out and "\x07" not in out
    for line in out.splitlines():
        assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("color", [False, True])
def test_verify_text_report(cited: Cited, color: bool, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify([], "text", None, color) == 1  # the quote is not in the snapshot: C103
    out = capsys.readouterr().out
    if color:  # rich's own colour codes only: none of the data's sequences
        assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert_safe(out)
    assert "\\x1b]0;ow" in out  # shown, as escapes (the columns may fold it)
    assert "::forged" in out


def test_show(cited: Cited, capsys: pytest.CaptureFixture[str]) -> None:
    assert show("a", "text", color=False) == 0
    out = capsys.readouterr().out
    assert_safe(out)
    assert MARKUP in out
    assert "新华[/]\\x1b]0;owned" in out


def test_sources_list(cited: Cited, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_list("text", color=False) == 0
    out = capsys.readouterr().out
    assert_safe(out)
    assert "新华[/]" in out


def test_sources_check(cited: Cited, capsys: pytest.CaptureFixture[str]) -> None:
    run_check([], "text", color=False)
    out = capsys.readouterr().out
    assert "\x1b" not in out
    for line in out.splitlines():
        assert not line.lstrip().startswith("::"), line
