"""Suggesting a metric by unit and words."""

from __future__ import annotations

from pathlib import Path

from aidcheck import rules
from aidcheck.extraction.metrics import MetricIndex
from aidcheck.loader.repository import load_repository
from aidcheck.numbers import read_figure

ROOT = Path(__file__).resolve().parents[2]


def index() -> MetricIndex:
    repo = load_repository(ROOT, [ROOT / "claims"], rules.names()).repository
    quotes: dict[str, list[str]] = {}
    for claim in repo.claims.values():
        quotes.setdefault(claim.metric, []).append(claim.quote)
    return MetricIndex(repo.metrics, quotes)


def test_the_unit_rules_out_metrics_of_another_dimension() -> None:
    suggestions = index().suggest(read_figure("6万人次"), "派出6万人次医务人员参与县医院诊疗工作")
    assert suggestions[0].metric == "staff_dispatch_visits"
    assert all(s.metric != "staff_dispatched" for s in suggestions)  # persons, not person-times


def test_words_rank_the_candidates() -> None:
    suggestions = index().suggest(read_figure("1.2亿元"), "累计投入帮扶资金1.2亿元")
    assert suggestions[0].metric == "aid_funds"
    suggestions = index().suggest(read_figure("12个"), "新建临床专科12个")
    assert suggestions[0].metric == "new_clinical_specialties"
    assert len(suggestions) == 3
