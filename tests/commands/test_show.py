"""aidcheck show: by id, by figure, by text; no match exits 1."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from aidcheck.cli import app
from tests.conftest import SOURCE, RepoFactory


@pytest.fixture
def runner(make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(make_repo())
    return CliRunner()


def ids(output: str) -> list[str]:
    return [m["claim"]["id"] for m in json.loads(output)["matches"]]


def test_show_by_id(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "xinhua-2019-staff", "--format", "json"])
    assert result.exit_code == 0
    assert ids(result.stdout) == ["xinhua-2019-staff"]
    data = json.loads(result.stdout)
    assert data["matched_by"] == "id"
    assert data["matches"][0]["hedge"] == "more_than"


def test_show_by_figure_matches_intervals(runner: CliRunner) -> None:
    assert ids(runner.invoke(app, ["show", "1180", "-f", "json"]).stdout) == [
        "xinhua-2019-county-hospitals"
    ]
    # 6万 is the stated bound of 超过6万人次; 70000 lies inside its interval.
    assert ids(runner.invoke(app, ["show", "6万", "-f", "json"]).stdout) == ["xinhua-2019-staff"]
    assert ids(runner.invoke(app, ["show", "70,000", "-f", "json"]).stdout) == ["xinhua-2019-staff"]


def test_show_by_quote_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "一对一"])
    assert result.exit_code == 0
    assert "xinhua-2019-county-hospitals" in result.stdout
    assert "新华网" in result.stdout


def test_show_no_match_exits_1_with_a_hint(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "no-such-claim-anywhere"])
    assert result.exit_code == 1
    assert "no claim matches" in result.stdout


def test_input_errors_go_to_stderr_with_their_place_and_exit_2(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = SOURCE.replace("metric: staff_dispatch_visits", "metric: staff_dispatched_visits")
    monkeypatch.chdir(make_repo({"xinhua.yaml": broken}))
    result = CliRunner().invoke(app, ["show", "1180", "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "claims/xinhua.yaml:15:" in result.stderr and "L004" in result.stderr


SCRIPTS = """\
source:
  id: hk-2020
  publisher: 大公報
  title: 健康扶貧
  published: 2020-10-15
  language: zh-Hant
claims:
  - id: hk-2020-experts
    metric: county_hospitals_paired
    figure: 超過400家
    scope: {region: CN}
    quote: 專家幫扶超過400家貧困縣醫院
  - id: hk-2020-kinds
    metric: county_hospitals_paired
    figure: 400多種
    scope: {region: CN}
    quote: 引進新技術400多種
  - id: hk-2020-exact
    metric: county_hospitals_paired
    figure: 400家
    scope: {region: CN}
    quote: 共400家貧困縣醫院
"""


@pytest.fixture
def scripts(make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(make_repo({"xinhua.yaml": SOURCE, "hk.yaml": SCRIPTS}))
    return CliRunner()


def test_text_is_searched_in_either_script(scripts: CliRunner) -> None:
    # 专家 (simplified) finds the traditional 專家; 貧困縣 (traditional) finds 贫困县 too
    assert ids(scripts.invoke(app, ["show", "专家", "-f", "json"]).stdout) == ["hk-2020-experts"]
    found = ids(scripts.invoke(app, ["show", "貧困縣", "-f", "json"]).stdout)
    assert set(found) == {"xinhua-2019-county-hospitals", "hk-2020-experts", "hk-2020-exact"}


def test_figure_query_ranks_stated_figures_first_and_respects_its_unit(scripts: CliRunner) -> None:
    assert ids(scripts.invoke(app, ["show", "400", "-f", "json"]).stdout) == [
        "hk-2020-exact",  # states 400 exactly
        "hk-2020-experts",  # 超過400家: the value under another hedge
        "hk-2020-kinds",
    ]
    # a unit in the query: 400多种 counts kinds, not hospitals
    assert ids(scripts.invoke(app, ["show", "400多种", "-f", "json"]).stdout) == ["hk-2020-kinds"]
    assert ids(scripts.invoke(app, ["show", "400家", "-f", "json"]).stdout) == [
        "hk-2020-exact",
        "hk-2020-experts",
    ]
