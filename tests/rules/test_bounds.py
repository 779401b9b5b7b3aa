"""X402: a figure its metric cannot take (coverage above 100 %, a negative count)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.conftest import REGISTRY, Repo, claim, findings, run_of


def bounded(repo: Repo, **bounds: Any) -> Repo:
    metric = {
        "id": "telemedicine_coverage",
        "name_zh": "远程医疗覆盖率",
        "name_en": "Telemedicine coverage",
        "dimension": "percent",
        "nature": "rate",
        "additive": False,
        **bounds,
    }
    return repo.add("bounded.yaml", {"metrics": [metric]})


def worded(ident: str, figure: Any, quote: str) -> dict[str, Any]:
    out = claim(ident, "telemedicine_coverage", "100%")
    out["figure"], out["quote"] = figure, quote
    return out


QUOTE = "所有贫困县县医院远程医疗全覆盖"


@pytest.mark.parametrize(
    "figure",
    [
        {"text": "全覆盖", "value": 200, "unit": "%"},
        {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "more_than"},
        "超过100%",
    ],
)
def test_coverage_above_its_maximum_is_an_error_naming_the_bound(repo: Repo, figure: Any) -> None:
    bounded(repo, maximum=100).source("s", [worded("c", figure, QUOTE)])
    [finding] = findings(repo.verify(), "X402")
    assert finding.severity.value == "error"
    assert finding.claims == ["c"]
    assert finding.message_id == "X402"
    assert (finding.arguments["side"], finding.arguments["bound"]) == ("maximum", "100")
    assert finding.arguments["metric"] == "telemedicine_coverage"
    assert finding.locations[1].path.endswith("bounded.yaml")


@pytest.mark.parametrize("figure", ["全覆盖", "超过90%", "100%", {"value": 99.5, "unit": "%"}])
def test_figures_within_or_reaching_past_the_bound_pass(repo: Repo, figure: Any) -> None:
    bounded(repo, maximum=100).source("s", [worded("c", figure, f"{QUOTE}, {figure}")])
    report = repo.verify()
    assert findings(report, "X402") == []
    assert run_of(report, "X402").compared == 1


def test_counts_cannot_be_negative_by_default_and_a_stated_minimum_holds(repo: Repo) -> None:
    negative = claim("n", "county_hospitals_paired", "1家")
    negative["figure"] = {"value": -3, "unit": "家"}
    bounded(repo, minimum=1, maximum=100).source(
        "s", [negative, worded("z", {"value": 0, "unit": "%"}, "无一")]
    )
    report = repo.verify()
    assert sorted(f.claims[0] for f in findings(report, "X402")) == ["n", "z"]
    [zero] = [f for f in findings(report, "X402") if f.claims == ["z"]]
    assert (zero.arguments["side"], zero.arguments["bound"]) == ("minimum", "1")


def test_a_metric_with_minimum_above_maximum_is_an_input_error(repo: Repo) -> None:
    bounded(repo, minimum=100, maximum=1)
    from aidcheck.verify import VerifyOptions, verify

    result = verify(VerifyOptions(cwd=repo.write()))
    assert result.report.summary.exit_code == 2
    assert any("above maximum" in f.message for f in result.report.findings)


def test_unbounded_metric_is_not_checked_and_registry_is_untouched() -> None:
    assert all("maximum" not in m for m in REGISTRY["metrics"])
