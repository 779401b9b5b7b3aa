from __future__ import annotations

from pathlib import Path

from aidcheck.evidence.passage import citation_view
from tests.evidence.harness import Cited, quoted

TEXT = (
    "标题\n\n  截至2018年底，三级医院已派出超过6万人次医务人员参与贫困县县级医院管理诊疗工作，"
    "帮助县医院新建临床专科5900个。\n"
)


def test_the_quote_comes_in_its_passage_with_the_figure_marked(tmp_path: Path) -> None:
    claim = quoted("a", "超过6万人次", "已派出超过6万人次医务人员", metric="staff_dispatch_visits")
    outcome = Cited(tmp_path).source("src", TEXT, [claim]).run()
    assert outcome.repository is not None
    view = citation_view(outcome.repository, outcome.evidence, outcome.repository.claims["a"])
    assert view.status == "verified" and view.problems == []
    assert (view.file, view.line) == ("src.txt", 3)
    assert view.before.endswith("三级医院")
    assert view.quote == "已派出超过6万人次医务人员"
    assert view.after.startswith("参与贫困县")
    [(start, end)] = view.figures
    assert view.quote is not None and view.quote[start:end] == "超过6万人次"


def test_a_citation_that_fails_says_why_and_shows_the_closest_passage(tmp_path: Path) -> None:
    claim = quoted("a", "超过6万人次", "已派出超过6万人医务人员", metric="staff_dispatch_visits")
    outcome = Cited(tmp_path).source("src", TEXT, [claim]).run()
    assert outcome.repository is not None
    view = citation_view(outcome.repository, outcome.evidence, outcome.repository.claims["a"])
    assert view.status == "not verified"
    assert "quote not found" in view.problems
    assert view.closest is not None and "超过6万人次" in view.closest.text


def test_without_an_archive_the_view_says_how_to_enable_it(tmp_path: Path) -> None:
    claim = quoted("a", "5900个", "帮助县医院新建临床专科5900个", metric="poor_counties_covered")
    outcome = Cited(tmp_path, config_archive=None).source("src", TEXT, [claim]).run()
    assert outcome.repository is not None and outcome.evidence is None
    view = citation_view(outcome.repository, None, outcome.repository.claims["a"])
    assert view.status == "not checked"
    assert "--archive" in view.problems[0]
