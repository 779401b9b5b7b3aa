"""GitHub workflow commands: one escaped annotation per active finding, and the job summary."""

from __future__ import annotations

import re
from pathlib import Path

from aidcheck.findings import Report
from aidcheck.render import Format, RenderOptions, render, resolve
from aidcheck.render.github import append_step_summary, escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def _annotations(output: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match and "file=" in line:
            props = dict(p.split("=", 1) for p in match["props"].split(","))
            found.append((match[1], {k: _unescape(v) for k, v in props.items()}, match["message"]))
    return found


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_one_annotation_per_active_finding(report: Report) -> None:
    output = render(report, Format.GITHUB)
    annotations = _annotations(output)
    assert sorted(kind for kind, _, _ in annotations) == ["error", "error", "notice", "warning"]
    for _, props, _ in annotations:
        assert props["file"] and int(props["line"]) >= 1 and int(props["col"]) >= 1
    assert all("\n" not in line and "\r" not in line for line in output.split("\n"))
    assert "different as-of dates" not in output  # suppressed: no annotation
    assert "an old finding" not in output  # baselined: no annotation


def test_properties_and_message_survive_escaping(report: Report) -> None:
    annotations = {
        props["title"]: (props, msg)
        for _, props, msg in _annotations(render(report, Format.GITHUB))
    }
    props, message = annotations["Z902 test-citation"]
    assert props["file"] == "claims/sources/新闻 a,b:c%.yaml"
    assert (props["line"], props["col"]) == ("11", "12")
    assert _unescape(message).startswith("quote not found in the snapshot: 100% of it differs\n")
    _, conflict = annotations["Z901 test-agreement"]
    text = _unescape(conflict)
    assert "963家三级医院" in text and "人民网 2019-02-14" in text


def test_paths_are_relative_to_the_workspace(report: Report) -> None:
    output = render(report, Format.GITHUB, RenderOptions(workspace="/work"))
    assert "file=example/claims/sources/xinhua-2019-02-14.yaml,line=14" in output


def test_notices_and_closing_line(report: Report) -> None:
    lines = render(report, Format.GITHUB).splitlines()
    assert "::notice title=aidcheck::no evidence archive: citation checks did not run <i>" in lines
    assert lines[-1].startswith("aidcheck: 2 errors, 1 warning, 1 info")


def test_step_summary_is_appended(report: Report, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    append_step_summary(report, summary)
    append_step_summary(report, summary)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert text.count("## aidcheck: 2 errors") == 2


def test_auto_means_github_only_inside_actions() -> None:
    assert resolve(Format.AUTO, {"GITHUB_ACTIONS": "true"}) is Format.GITHUB
    assert resolve(Format.AUTO, {}) is Format.TEXT
    assert resolve(Format.AUTO, {"GITHUB_ACTIONS": "false"}) is Format.TEXT
    assert resolve(Format.JSON, {"GITHUB_ACTIONS": "true"}) is Format.JSON


def test_control_characters_in_data_are_visible_not_sent_to_the_log() -> None:
    from aidcheck.render.github import escape_data

    out = escape_data("1180家\x1b[31m\x1b]0;title\x07\n::error file=README.md::x \u202e")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\n" not in out
    assert "\\x1b[31m" in out and "%0A::error" in out and "\\u202e" in out
