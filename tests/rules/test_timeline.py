from __future__ import annotations

import pytest

from tests.rules.conftest import Repo, claim, figure_lines, findings, run_of

VISITS = "staff_dispatch_visits"
HOSPITALS = "county_hospitals_paired"


def test_a_cumulative_total_that_falls_is_an_error_naming_both_claims(repo: Repo) -> None:
    repo.source("xinhua", [claim("early", VISITS, "超过6万人次", as_of="2018-12-31")])
    repo.source(
        "later", [claim("late", VISITS, "5万人次", as_of="2019-12-31")], published="2020-01-10"
    )
    report = repo.verify()
    [finding] = findings(report, "T501")
    assert finding.claims == ["early", "late"]
    assert report.summary.exit_code == 1
    lines = figure_lines(repo.root, finding)
    assert "5万人次" in lines[0] and "超过6万人次" in lines[1]


def test_hedged_figures_that_may_have_grown_pass(repo: Repo) -> None:
    repo.source("xinhua", [claim("a", VISITS, "超过6万人次", as_of="2018-12-31")])
    repo.source(
        "later",
        [
            claim("b", VISITS, "6万人次", as_of="2019-06-30"),
            claim("c", VISITS, "8万余人次", as_of="2019-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "T501") == []
    run = run_of(report, "T501")
    assert (run.compared, run.passed) == (2, 2)


def test_each_figure_is_compared_with_the_highest_earlier_one(repo: Repo) -> None:
    repo.source(
        "s",
        [
            claim("a", VISITS, "100人次", as_of="2017-12-31"),
            claim("b", VISITS, "300人次", as_of="2018-12-31"),
            claim("c", VISITS, "200人次", as_of="2019-12-31"),
        ],
        published="2020-01-01",
    )
    [finding] = findings(repo.verify(), "T501")
    assert finding.claims == ["b", "c"]


def test_totals_counted_from_different_starts_are_not_compared(repo: Repo) -> None:
    repo.source(
        "s",
        [
            claim("a", VISITS, "300人次", since="2012-01-01", as_of="2018-12-31"),
            claim("b", VISITS, "200人次", since="2017-01-01", as_of="2019-12-31"),
        ],
        published="2020-01-01",
    )
    report = repo.verify()
    assert findings(report, "T501") == []
    assert run_of(report, "T501").compared == 0


def test_a_falling_stock_is_information_only(repo: Repo) -> None:
    repo.source("xinhua", [claim("a", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source(
        "later", [claim("b", HOSPITALS, "1007家", as_of="2019-12-31")], published="2020-01-10"
    )
    report = repo.verify()
    [finding] = findings(report, "T502")
    assert finding.severity == "info"
    assert findings(report, "T501") == []
    assert report.summary.exit_code == 0


def test_a_figure_repeated_as_current_years_after_its_date_is_stale(repo: Repo) -> None:
    repo.source("xinhua", [claim("dated", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("blog", [claim("undated", HOSPITALS, "1180家")], published="2021-06-01")
    report = repo.verify()
    [finding] = findings(report, "T503")
    assert finding.claims == ["undated", "dated"]
    assert finding.details["age_days"] == 883


def test_a_prompt_repetition_is_not_stale(repo: Repo) -> None:
    repo.source("xinhua", [claim("dated", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("medsci", [claim("undated", HOSPITALS, "1180家")], published="2019-02-14")
    report = repo.verify()
    assert findings(report, "T503") == []
    assert run_of(report, "T503").passed == 1


def test_the_stale_threshold_is_an_option(repo: Repo) -> None:
    repo.source("xinhua", [claim("dated", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("medsci", [claim("undated", HOSPITALS, "1180家")], published="2019-02-14")
    repo.config += "[rules.T503]\nmax_age_days = 30\n"
    assert len(findings(repo.verify(), "T503")) == 1


def test_figures_of_different_years_are_flows_not_a_running_total(repo: Repo) -> None:
    repo.source(
        "s",
        [
            claim("y2019", "staff_dispatched", "30名", "CN-CQ", year=2019),
            claim("y2020", "staff_dispatched", "25名", "CN-CQ", year=2020),
        ],
        published="2020-10-15",
    )
    report = repo.verify()
    assert findings(report, "T501") == []
    assert run_of(report, "T501").compared == 0


@pytest.mark.parametrize(
    ("published", "stale"), [("2019-01-29", False), ("2019-01-30", False), ("2019-01-31", True)]
)
def test_max_age_days_is_the_oldest_age_still_current(
    repo: Repo, published: str, stale: bool
) -> None:
    """With max_age_days = 30, a repetition 30 days after the as-of date is current, 31 stale."""
    repo.source("xinhua", [claim("dated", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("later", [claim("undated", HOSPITALS, "1180家")], published=published)
    repo.config += "[rules.T503]\nmax_age_days = 30\n"
    report = repo.verify()
    assert len(findings(report, "T503")) == (1 if stale else 0)
    run = run_of(report, "T503")
    assert (run.compared, run.passed) == (1, 0 if stale else 1)


STARTED = "paired-since-2015"


def _started(repo: Repo) -> Repo:
    programme = {"id": STARTED, "name_zh": "帮扶", "name_en": "Aid", "started": "2015-07-01"}
    return repo.add("programmes.yaml", {"programmes": [programme]})


def test_a_total_with_no_start_runs_from_its_programmes_start(repo: Repo) -> None:
    # 4年来 (since 2015-07) in one report, 截至2020年底 with no start in another: they meet
    _started(repo)
    repo.source(
        "four-years",
        [claim("since", VISITS, "3000人次", programme=STARTED, since="2015-07-01")],
        published="2019-07-31",
    )
    repo.source(
        "year-end",
        [claim("undated", VISITS, "2000人次", programme=STARTED, as_of="2020-12-31")],
        published="2021-02-01",
    )
    report = repo.verify()
    [finding] = findings(report, "T501")
    assert finding.claims == ["since", "undated"]
    assert finding.message_id == "T501"


def test_a_total_over_a_containing_period_may_not_be_smaller(repo: Repo) -> None:
    repo.source(
        "s",
        [
            claim("five-years", VISITS, "4000人次", since="2016-01-01", as_of="2020-12-31"),
            claim("two-years", VISITS, "5000人次", since="2017-01-01", as_of="2018-12-31"),
            claim("one-year", VISITS, "4500人次", year=2020),
            claim("elsewhere", VISITS, "9000人次", since="2010-01-01", as_of="2015-12-31"),
        ],
    )
    report = repo.verify()
    [finding] = findings(report, "T501")
    # compared with the highest figure nested inside it (5000 since 2017), not all pairs
    assert finding.claims == ["two-years", "five-years"]
    assert finding.message_id == "T501.nested"
    assert finding.arguments["later_date"] == "2016-01-01 to 2020-12-31"
    run = run_of(report, "T501")
    assert (run.compared, run.passed) == (1, 0)


def test_totals_with_and_without_a_known_start_are_not_compared_and_the_tally_says_why(
    repo: Repo,
) -> None:
    repo.source(
        "s",
        [
            claim("since", VISITS, "3000人次", since="2016-01-01", as_of="2019-12-31"),
            claim("undated", VISITS, "2000人次", as_of="2020-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "T501") == []
    run = run_of(report, "T501")
    assert run.compared == 0
    assert any("undated: no start" in line for line in run.comparisons)


def test_a_rate_per_year_is_not_a_running_total(repo: Repo) -> None:
    rate = claim("rate", VISITS, "900人次", since="2016-01-01", as_of="2020-12-31")
    rate["period"]["per"] = "year"
    repo.source("a", [rate])
    repo.source("b", [claim("total", VISITS, "3100人次", since="2016-01-01", as_of="2020-12-31")])
    report = repo.verify()
    assert findings(report, "T501") == []
    assert findings(report, "A201") == []
    assert any("rate: a rate per year" in line for line in run_of(report, "T501").comparisons)


def test_a_repetition_on_the_as_of_date_itself_is_not_a_comparison(repo: Repo) -> None:
    """Only a report published after the as-of date can repeat the figure as current."""
    repo.source("xinhua", [claim("dated", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source("same-day", [claim("undated", HOSPITALS, "1180家")], published="2018-12-31")
    report = repo.verify()
    assert findings(report, "T503") == []
    assert run_of(report, "T503").compared == 0


def test_one_fall_repeated_by_several_sources_is_one_finding_with_a_stable_identity(
    repo: Repo,
) -> None:
    repo.source("briefing", [claim("before", HOSPITALS, "1180家", as_of="2018-12-31")])
    for name in ("xinhua", "reprint"):
        repo.source(name, [claim(name, HOSPITALS, "1172家", as_of="2020-10-14")])
    [first] = findings(repo.verify(), "T502")
    repo.source("english", [claim("english", HOSPITALS, "1172家", as_of="2020-12-31")])
    [finding] = findings(repo.verify(), "T502")
    assert finding.claims == ["before", "reprint", "xinhua", "english"]
    assert finding.arguments["later_date"] == "2020-10-14 to 2020-12-31"
    assert finding.fingerprint == first.fingerprint
