"""C105, C107, C108: the quote states the claim's value, with its hedge and unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.evidence.harness import Cited, findings, quoted

TEXT = "截至2018年底，三级医院已派出超过6万人次医务人员参与贫困县县级医院管理诊疗工作。\n"
QUOTE = "已派出超过6万人次医务人员"


@pytest.mark.parametrize(
    ("figure", "code"),
    [
        ("超过6万人次", None),
        ("超过7万人次", "C105"),
        ({"value": 60000, "unit": "人次", "hedge": "exact"}, "C107"),
        ("6万人次", "C107"),
        ("超过6万人", "C108"),
    ],
)
def test_value_hedge_and_unit_must_be_what_the_quote_states(
    tmp_path: Path, figure: Any, code: str | None
) -> None:
    claim = quoted("a", figure, QUOTE, metric="staff_dispatch_visits")
    cited = Cited(tmp_path).source("src", TEXT, [claim])
    report = cited.verify()
    codes = [f.code for f in report.findings if f.code in ("C105", "C107", "C108")]
    assert codes == ([code] if code else [])
    if code is not None:
        [finding] = findings(report, code)
        assert finding.claims == ["a"]
        path = cited.root / finding.locations[0].path
        line = path.read_text(encoding="utf-8").splitlines()[finding.locations[0].line - 1]
        assert "figure" in line or "value: 60000" in line  # a mapping figure: its first key
        assert report.summary.exit_code == 1


def test_the_hedge_message_names_both_wordings(tmp_path: Path) -> None:
    claim = quoted("a", "6万人次", QUOTE, metric="staff_dispatch_visits")
    [finding] = findings(Cited(tmp_path).source("src", TEXT, [claim]).verify(), "C107")
    assert finding.message_id == "C107"
    assert "超过6万人次" in str(finding.arguments["stated"])
    assert "more than" in str(finding.arguments["stated"])


def test_figure_rules_run_without_an_archive(tmp_path: Path) -> None:
    claim = quoted("a", "超过6万人", QUOTE, metric="staff_dispatch_visits")
    cited = Cited(tmp_path, config_archive=None).source("src", TEXT, [claim])
    assert [f.code for f in cited.verify().findings if f.code.startswith("C")] == ["C108"]
