"""Command-line conventions: -h, --quiet, shell completion, rich's colour rules, flags without
a type, and a text report that never cuts a date, figure or id at 60 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aidcheck.cli import _color, app
from aidcheck.render import Format, RenderOptions, render
from aidcheck.render.text import wrap_words
from tests.conftest import RepoFactory
from tests.render.conftest import make_report


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})
    return result.exit_code, result.stdout


@pytest.mark.parametrize("command", [(), ("verify",), ("sources", "check"), ("rules",)])
def test_dash_h_is_help(command: tuple[str, ...]) -> None:
    code, text = invoke(*command, "-h")
    assert code == 0 and "Usage:" in text
    assert text == invoke(*command, "--help")[1]


def test_flags_show_no_type_and_completion_is_offered() -> None:
    text = invoke("--help")[1]
    assert "<bool>" not in text
    assert "--show-completion" in text and "--install-completion" in text
    assert "<bool>" not in invoke("verify", "--help")[1]


def test_quiet_prints_nothing_and_keeps_the_exit_code(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import SOURCE
    from tests.test_changes import PEOPLE

    monkeypatch.chdir(make_repo({"xinhua.yaml": SOURCE, "people.yaml": PEOPLE}))
    loud = CliRunner().invoke(app, ["verify", "-f", "text"])
    assert loud.exit_code == 1 and "A201" in loud.stdout
    quiet = CliRunner().invoke(app, ["verify", "-q"])
    assert quiet.exit_code == 1 and quiet.stdout == ""
    out = Path("report.json")
    written = CliRunner().invoke(app, ["verify", "--quiet", "-f", "json", "-o", str(out)])
    assert written.exit_code == 1 and written.stdout == "" and out.stat().st_size > 0


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
        ({}, False),  # not a terminal
    ],
)
def test_colour_follows_richs_rules(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: bool
) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert _color() is expected


def test_no_date_figure_or_id_is_cut_at_60_columns() -> None:
    report = make_report()
    text = render(report, Format.TEXT, RenderOptions(width=60))
    assert max(len(line) for line in text.splitlines()) <= 60
    flat = text.replace("\n", " ")
    for ref in report.claims.values():
        assert ref.published in text, ref.published  # whole, on one line
        assert ref.id in text, ref.id
    for figure in re.findall(r"[0-9]+", " ".join(r.quote for r in report.claims.values())):
        assert re.search(rf"(?<![0-9]){figure}(?![0-9])", text), figure
    assert "1180家" in flat


def test_wrap_words_breaks_between_characters_not_inside_numbers() -> None:
    lines = wrap_words("其中,医学博士16人、研究生121人,副高级以上职称76名", 26).split("\n")
    assert lines == ["其中,医学博士16人、研究生", "121人,副高级以上职称76名"]
    assert wrap_words("a b", 0) == "a b"
    assert wrap_words("x" * 10, 4).split("\n") == ["xxxx", "xxxx", "xx"]
    assert wrap_words("one two three", 7).split("\n") == ["one two", "three"]
