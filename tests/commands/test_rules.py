from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.commands.rules import run_list, run_show, write_docs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_the_list_names_every_rule_with_family_and_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_list("text") == 0
    out = capsys.readouterr().out
    for rule in rules.REGISTRY.values():
        assert rule.code in out and rule.name in out
    assert "A201  conflict" in out and "error" in out


def test_the_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_list("json") == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(listed) == set(rules.REGISTRY)
    assert listed["P601"]["severity"] == "info"
    assert listed["R301"]["family"] == "roll-up"


def test_one_rule_with_its_examples_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_show("region-rollup", "text") == 0
    out = capsys.readouterr().out
    assert out.startswith("# R301 region-rollup")
    assert "Passing" in out and "Failing" in out
    assert "`stock_days_after_whole` | `0`" in out


def test_one_rule_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_show("T503", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["options"] == [
        {"name": "max_age_days", "default": 365, "description": data["options"][0]["description"]}
    ]


def test_an_unknown_rule_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_show("Z999", "text") == 2
    assert "unknown rule 'Z999'" in capsys.readouterr().err


def test_docs_checks_md_mentions_every_registered_rule() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in rules.REGISTRY if f"### {code} " not in text]
    assert not missing, (
        f"docs/checks.md does not document {missing}: run "
        "`python -m aidcheck.commands.rules --write docs/checks.md`"
    )


def test_docs_checks_md_catalogue_is_generated_from_the_rules(tmp_path: Path) -> None:
    copy = tmp_path / "checks.md"
    shutil.copy(DOCS, copy)
    assert not write_docs(copy), (
        "docs/checks.md is out of date: run `python -m aidcheck.commands.rules --write "
        "docs/checks.md`"
    )
