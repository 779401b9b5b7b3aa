from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Hedge, Quantity
from aidcheck.rules.agreement import _conflicted
from tests.rules.conftest import Repo, claim, figure_lines, findings, run_of

HOSPITALS = "county_hospitals_paired"


def test_independent_sources_that_disagree_are_a_conflict_naming_both(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("medsci", [claim("m", HOSPITALS, "1100家", as_of="2018-12-31")])
    report = repo.verify()
    [finding] = findings(report, "A201")
    assert finding.severity == "error"
    assert sorted(finding.claims) == ["m", "x"]
    assert report.summary.exit_code == 1
    sides = {s["claim"]: s for s in finding.details["sides"]}
    assert sides["x"]["publisher"] == "publisher of xinhua"
    assert sides["m"]["figure"] == "1100家"
    assert sides["m"]["quote"] == "quote of m: 1100家"
    assert sides["x"]["interval"] == "{1180}"
    lines = figure_lines(repo.root, finding)
    assert any("1100家" in line for line in lines) and any("1180家" in line for line in lines)


def test_hedged_figures_that_overlap_agree_and_the_comparison_is_counted(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "400余家", as_of="2018-12-31")])
    repo.source("medsci", [claim("m", HOSPITALS, "超过400家", as_of="2018-12-31")])
    report = repo.verify()
    assert findings(report, "A201") == []
    run = run_of(report, "A201")
    assert (run.compared, run.passed) == (1, 1)
    assert "400余家" in run.comparisons[0] and run.comparisons[0].startswith("pass")


def test_claims_for_different_dates_or_scopes_are_not_compared(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source(
        "later",
        [
            claim("y", HOSPITALS, "1000家", as_of="2019-12-31"),
            claim("z", HOSPITALS, "1000家", "CN-TJ", as_of="2018-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "A201") == []
    assert run_of(report, "A201").compared == 0
    assert run_of(report, "A201").note


def test_two_figures_of_one_source_are_not_a_conflict_between_sources(repo: Repo) -> None:
    repo.source(
        "xinhua",
        [
            claim("x1", HOSPITALS, "1180家", as_of="2018-12-31"),
            claim("x2", HOSPITALS, "963家", as_of="2018-12-31"),
        ],
    )
    assert findings(repo.verify(), "A201") == []


def test_a_third_source_conflicting_with_two_agreeing_ones_names_all_three(repo: Repo) -> None:
    for name, fig in (("a", "1180家"), ("b", "1180家"), ("c", "1100家")):
        repo.source(name, [claim(name, HOSPITALS, fig, as_of="2018-12-31")])
    [finding] = findings(repo.verify(), "A201")
    assert sorted(finding.claims) == ["a", "b", "c"]


def test_the_same_number_in_persons_and_person_times_is_unit_drift(repo: Repo) -> None:
    repo.source("medsci", [claim("m", "staff_dispatch_visits", "超过6万人次")])
    repo.source(
        "english",
        [claim("e", "staff_dispatched", "more than 60,000 personnel")],
        published="2019-03-01",
    )
    report = repo.verify()
    [finding] = findings(report, "A202")
    assert sorted(finding.claims) == ["e", "m"]
    assert finding.severity == "warning"
    assert set(finding.details["dimensions"]) == {"persons", "person_times"}


def test_the_same_number_under_two_programmes_is_not_unit_drift(repo: Repo) -> None:
    # 超过8万名 sent by a rural programme since 2005 is not 超过8万人次 of the pairing since 2016
    repo.source(
        "forum",
        [claim("f", "staff_dispatch_visits", "超过8万人次", programme="tertiary-county-pairing")],
    )
    repo.source(
        "briefing",
        [claim("b", "staff_dispatched", "超过8万名", programme="east-west-collaboration")],
        published="2024-06-18",
    )
    report = repo.verify()
    assert findings(report, "A202") == []


def test_a_unit_that_does_not_fit_the_metric_is_reported(repo: Repo) -> None:
    repo.source(
        "english",
        [
            claim("e", "staff_dispatch_visits", "more than 60,000 personnel"),
            claim("ok", "staff_dispatch_visits", "超过6万人次", "CN-TJ"),
        ],
    )
    report = repo.verify()
    [finding] = findings(report, "A203")
    assert finding.claims == ["e"]
    assert finding.details["stated_dimension"] == "persons"
    run = run_of(report, "A203")
    assert (run.compared, run.passed) == (2, 1)


def test_the_compatible_option_accepts_a_pair_of_dimensions(repo: Repo) -> None:
    """Persons stated on a metric of person-times is reported, unless the option accepts it."""
    repo.source("a", [claim("c", "staff_dispatch_visits", "100人")])
    [finding] = findings(repo.verify(), "A203")
    assert finding.arguments["dimension"] == "persons"
    repo.config += '[rules.A203]\ncompatible = [["person_times", "persons"]]\n'
    report = repo.verify()
    assert findings(report, "A203") == []
    assert run_of(report, "A203").passed == 1


def test_a_dimension_paired_with_itself_is_not_a_drift(repo: Repo) -> None:
    repo.source("a", [claim("p", "staff_dispatched", "100人")])
    repo.source("b", [claim("q", "staff_dispatched", "100名")])
    repo.config += '[rules.A202]\nconfusable = [["persons", "persons"]]\n'
    report = repo.verify()
    assert findings(report, "A202") == []
    assert report.summary.input_errors == 0


# The single-pass search for conflicts must find exactly what comparing all pairs finds.

bounds = st.integers(min_value=0, max_value=30)
hedges = st.sampled_from([Hedge.EXACT, Hedge.MORE_THAN, Hedge.ODD, Hedge.AT_MOST, Hedge.NEARLY])


@st.composite
def claims(draw: st.DrawFn) -> list[tuple[Claim, str]]:
    n = draw(st.integers(min_value=1, max_value=7))
    out = []
    for i in range(n):
        q = Quantity(value=Decimal(draw(bounds)), hedge=draw(hedges), step=Decimal(3))
        c = Claim(id=f"c{i}", metric="m", figure=q, scope={"region": "CN"}, quote="q")
        out.append((c, draw(st.sampled_from(["s1", "s2", "s3"]))))
    return out


@given(claims())
def test_conflicts_found_in_one_pass_match_all_pairs(drawn: list[tuple[Claim, str]]) -> None:
    source = {c.id: s for c, s in drawn}
    expected = {
        a.id
        for a, sa in drawn
        for b, sb in drawn
        if sa != sb
        and (
            a.figure.interval.below(b.figure.interval) or b.figure.interval.below(a.figure.interval)
        )
    }
    found = {c.id for c in _conflicted([c for c, _ in drawn], source)}
    assert found == expected


def test_running_totals_from_different_starts_are_different_quantities(repo: Repo) -> None:
    repo.source(
        "cri",
        [
            claim(
                "since-2017",
                "staff_dispatched",
                "1000余人",
                "CN-CQ",
                since="2017-01-01",
                as_of="2020-10-14",
            )
        ],
    )
    repo.source(
        "other", [claim("since-2012", "staff_dispatched", "3000人", "CN-CQ", as_of="2020-10-14")]
    )
    report = repo.verify()
    assert findings(report, "A201") == []
    assert run_of(report, "A201").compared == 0
