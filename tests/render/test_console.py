"""The shared terminal console: data is never markup, never a control sequence, never a
workflow command."""

from __future__ import annotations

from rich.text import Text

from aidcheck.findings import Report, Summary
from aidcheck.render.console import console, finish, no_commands, visible, visible_model


def test_control_characters_line_breaks_and_bidi_overrides_become_escapes() -> None:
    hostile = "a\x1b[2Jb\x1b]0;title\x07c\nd\re\tf\u202eg\x9bh\u2028i\x00"
    shown = visible(hostile)
    assert shown == "a\\x1b[2Jb\\x1b]0;title\\x07c\\nd\\re\\tf\\u202eg\\x9bh\\u2028i\\x00"
    assert shown.isprintable()


def test_ordinary_text_is_left_alone() -> None:
    text = "派出超过6万人次医务人员 [bold]x[/] :smile: 100%"
    assert visible(text) == text


def test_a_line_starting_with_two_colons_is_not_a_workflow_command() -> None:
    text = "ok\n::error file=README.md,line=1::pwned\n   ::warning::x\na ::b\n"
    assert no_commands(text) == (
        "ok\n\\::error file=README.md,line=1::pwned\n   \\::warning::x\na ::b\n"
    )


def test_the_console_prints_markup_and_emoji_codes_as_written() -> None:
    out = console(color=True, width=80)
    out.print("[/] [bold]x[/bold] :smile:")
    out.print(Text("[red]y"))
    text = finish(out)
    assert "[/] [bold]x[/bold] :smile:" in text
    assert "[red]y" in text


def test_every_string_of_a_model_is_made_visible() -> None:
    report = Report(root="r\x1b", notices=["n\n::error::x"], summary=Summary())
    shown = visible_model(report)
    assert shown.root == "r\\x1b"
    assert shown.notices == ["n\\n::error::x"]
    assert report.root == "r\x1b"  # the original is untouched
