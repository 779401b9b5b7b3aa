"""`aidcheck figure`: the reading of one figure string, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aidcheck.commands import init
from aidcheck.commands.figure import run


@pytest.fixture(autouse=True)
def outside_any_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def reading(capsys: pytest.CaptureFixture[str], text: str) -> dict[str, Any]:
    assert run(text, "json", color=False) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.mark.parametrize(
    ("text", "value", "hedge", "unit", "dimension", "interval"),
    [
        ("超过6万人次", "60000", "more_than", "人次", "person_times", "(60000, ∞)"),
        ("400余家", "400", "odd", "家", "institutions", "(400, 500)"),
        ("9.32万人", "93200", "exact", "人", "persons", "[93150, 93250)"),
        ("超過6萬人次", "60000", "more_than", "人次", "person_times", "(60000, ∞)"),
        ("more than 60,000 personnel", "60000", "more_than", "personnel", "persons", "(60000, ∞)"),
        ("3至5所", "3", "range", "所", "institutions", "[3, 5]"),
    ],
)
def test_json_reading(
    capsys: pytest.CaptureFixture[str],
    text: str,
    value: str,
    hedge: str,
    unit: str,
    dimension: str,
    interval: str,
) -> None:
    data = reading(capsys, text)
    assert (data["value"], data["hedge"], data["unit"], data["dimension"]) == (
        value,
        hedge,
        unit,
        dimension,
    )
    assert data["interval"]["text"] == interval
    assert data["why"][-1] == f"so it denotes {interval}"


def test_the_why_names_rounding_and_the_odd_step(capsys: pytest.CaptureFixture[str]) -> None:
    why = reading(capsys, "9.32万人")["why"]
    assert any("rounded" in reason and "100" in reason for reason in why)
    why = reading(capsys, "400余家")["why"]
    assert any("less than 100" in reason for reason in why)


def test_text_output_shows_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("约900人", "text", color=False) == 0
    out = capsys.readouterr().out
    for expected in ("value      900", "hedge      about", "unit       人", "[810, 990]", "why"):
        assert expected in out


@pytest.mark.parametrize("text", ["", "abc", "2019年", "5G", "1180家 and 963家"])
def test_what_is_not_one_figure_exits_2_with_advice(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert run(text, "text", color=False) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("aidcheck: error: ")
    assert "e.g." in captured.err


def test_markup_and_escapes_in_the_argument_are_printed_as_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("[bold red]x\x1b[2J", "text", color=True) == 2
    err = capsys.readouterr().err
    assert "\x1b[2J" not in err
    assert "\\x1b" in err
    assert run("[red]超过6万人次", "text", color=False) == 2
    assert "[red]" in capsys.readouterr().err


def test_inside_a_repository_its_units_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("12支", "json", color=False) == 2  # not a built-in unit
    root = tmp_path / "repo"
    assert init.run(root, color=False) == 0
    (root / "claims" / "registry" / "units.yaml").write_text(
        "units:\n  dimensions: {teams: medical teams}\n"
        "  units:\n    - {unit: 支, dimension: teams, zh: [支]}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run("12支", "json", color=False, cwd=root / "claims") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["unit"], data["dimension"]) == ("支", "teams")
