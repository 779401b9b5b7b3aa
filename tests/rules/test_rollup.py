from __future__ import annotations

from typing import Any

import pytest

from tests.rules.conftest import Repo, claim, figure_lines, findings, run_of

COUNTIES = "poor_counties_covered"
NATIONAL = claim(
    "national", COUNTIES, "834个", programme="tertiary-county-pairing", as_of="2018-12-31"
)
PAIRING = "tertiary-county-pairing"


def test_a_giver_whose_part_exceeds_the_national_whole_is_reported_with_both(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "tianjin",
        [
            claim(
                "tj",
                COUNTIES,
                "842个",
                giver="CN-TJ",
                programme="tertiary-county-pairing",
                as_of="2018-12-31",
            )
        ],
    )
    report = repo.verify()
    [finding] = findings(report, "R301")
    assert finding.claims == ["tj", "national"]
    assert report.summary.exit_code == 1
    lines = figure_lines(repo.root, finding)
    assert "842个" in lines[0] and "834个" in lines[1]


def test_a_region_inside_the_whole_that_fits_is_a_recorded_passing_comparison(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "hebei",
        [
            claim(
                "he",
                COUNTIES,
                "45个",
                "CN-HE-CD",
                programme="tertiary-county-pairing",
                as_of="2018-06-30",
            )
        ],
    )
    report = repo.verify()
    assert findings(report, "R301") == []
    run = run_of(report, "R301")
    assert (run.compared, run.passed) == (1, 1)
    assert "CN-HE-CD" in run.comparisons[0] and "834个" in run.comparisons[0]


def test_a_cumulative_part_dated_after_its_whole_is_skipped_with_a_reason(repo: Repo) -> None:
    repo.source("xinhua", [claim("n", "staff_dispatched", "500人", as_of="2018-12-31")])
    repo.source("later", [claim("p", "staff_dispatched", "900人", "CN-TJ", as_of="2020-12-31")])
    report = repo.verify()
    assert findings(report, "R301") == []
    run = run_of(report, "R301")
    assert run.compared == 0
    assert any(c.startswith("skip:") and "cumulative" in c for c in run.comparisons)
    assert run.note


def test_a_later_stock_part_is_compared_only_within_the_configured_tolerance(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "tianjin",
        [claim("tj", COUNTIES, "900个", giver="CN-TJ", programme="tertiary-county-pairing")],
        published="2020-08-01",
    )
    assert findings(repo.verify(), "R301") == []
    repo.config += "[rules.R301]\nstock_days_after_whole = 600\n"
    [finding] = findings(repo.verify(), "R301")
    assert finding.details["days_after_whole"] == 579


def test_programmes_compare_when_the_whole_covers_the_part(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "cri",
        [
            claim(
                "cq",
                COUNTIES,
                "900个",
                "CN-CQ",
                giver="CN-SD",
                programme="east-west-collaboration",
                as_of="2018-12-31",
            )
        ],
    )
    assert findings(repo.verify(), "R301") == []
    repo.config += (
        '[rules.R301]\nprogrammes = { tertiary-county-pairing = ["east-west-collaboration"] }\n'
    )
    [finding] = findings(repo.verify(), "R301")
    assert finding.claims == ["cq", "national"]


def test_an_umbrella_programme_covers_every_programme(repo: Repo) -> None:
    repo.source(
        "nhc",
        [claim("all", COUNTIES, "834个", programme="counterpart-support", as_of="2018-12-31")],
    )
    repo.source(
        "cri",
        [
            claim(
                "cq",
                COUNTIES,
                "900个",
                "CN-CQ",
                programme="east-west-collaboration",
                as_of="2018-12-31",
            )
        ],
    )
    [finding] = findings(repo.verify(), "R301")
    assert finding.claims == ["cq", "all"]


def test_disjoint_siblings_that_add_up_to_more_than_the_whole_are_reported(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "provinces",
        [
            claim("tj", COUNTIES, "500个", "CN-TJ", programme=PAIRING, as_of="2018-12-31"),
            claim("he", COUNTIES, "400个", "CN-HE", programme=PAIRING, as_of="2018-12-31"),
        ],
    )
    report = repo.verify()
    [finding] = findings(report, "R301")
    assert sorted(finding.claims) == ["he", "national", "tj"]
    assert finding.details["sum"] == "{900}"
    run = run_of(report, "R301")
    assert (run.compared, run.passed) == (3, 2)


def test_nested_regions_are_not_counted_twice_in_a_sum(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "provinces",
        [
            claim("tj", COUNTIES, "400个", "CN-TJ", programme=PAIRING, as_of="2018-12-31"),
            claim("he", COUNTIES, "400个", "CN-HE", programme=PAIRING, as_of="2018-12-31"),
            claim("cd", COUNTIES, "300个", "CN-HE-CD", programme=PAIRING, as_of="2018-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "R301") == []
    assert any("sum of 2 regions" in c for c in run_of(report, "R301").comparisons)


def test_distinct_givers_are_summed(repo: Repo) -> None:
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "givers",
        [
            claim("tj", COUNTIES, "500个", giver="CN-TJ", programme=PAIRING, as_of="2018-12-31"),
            claim(
                "sd",
                COUNTIES,
                "400个",
                "CN-CQ",
                giver="CN-SD",
                programme=PAIRING,
                as_of="2018-12-31",
            ),
        ],
    )
    [finding] = findings(repo.verify(), "R301")
    assert sorted(finding.claims) == ["national", "sd", "tj"]


def test_rates_are_not_rolled_up(repo: Repo) -> None:
    repo.source(
        "a",
        [
            claim("n", "coverage", "50%", as_of="2018-12-31"),
            claim("r", "coverage", "90%", "CN-TJ", as_of="2018-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "R301") == []
    assert run_of(report, "R301").compared == 0


@pytest.mark.parametrize(("tolerance", "compared"), [(578, False), (579, True), (580, True)])
def test_stock_days_after_whole_is_the_last_day_still_compared(
    repo: Repo, tolerance: int, compared: bool
) -> None:
    """The part is dated 579 days after the whole: compared up to a tolerance of exactly 579."""
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "tianjin",
        [claim("tj", COUNTIES, "900个", giver="CN-TJ", programme="tertiary-county-pairing")],
        published="2020-08-01",
    )
    repo.config += f"[rules.R301]\nstock_days_after_whole = {tolerance}\n"
    report = repo.verify()
    assert len(findings(report, "R301")) == (1 if compared else 0)
    assert run_of(report, "R301").compared == (1 if compared else 0)


def test_only_a_programme_the_registry_marks_as_umbrella_covers_every_programme(
    repo: Repo,
) -> None:
    """No programme id is built into the tool: without the flag, the same claims compare
    nothing, and the flag works on any programme."""
    assert isinstance(repo.registry, dict)
    repo.registry["programmes"] = [
        {"id": p, "name_zh": p, "name_en": p}
        for p in ("counterpart-support", "tertiary-county-pairing", "east-west-collaboration")
    ]
    end = "2018-12-31"
    part = claim("cq", COUNTIES, "900个", "CN-CQ", programme="east-west-collaboration", as_of=end)
    whole = claim("all", COUNTIES, "834个", programme="tertiary-county-pairing", as_of=end)
    repo.source("nhc", [whole])
    repo.source("cri", [part])
    assert findings(repo.verify(), "R301") == []
    repo.registry["programmes"][1]["umbrella"] = True
    [finding] = findings(repo.verify(), "R301")
    assert finding.claims == ["cq", "all"]


def test_a_rate_per_year_is_never_summed_with_or_compared_to_totals(repo: Repo) -> None:
    # "around 900 experts each year for five years" nationally; two regional five-year totals
    whole = claim(
        "national",
        "staff_dispatched",
        "约900名",
        programme="counterpart-support",
        since="2016-01-01",
        as_of="2020-12-31",
    )
    whole["period"]["per"] = "year"
    repo.source(
        "s",
        [
            whole,
            claim("gansu", "staff_dispatched", "600余名", "CN-GS", as_of="2019-12-31"),
            claim("hebei", "staff_dispatched", "500余名", "CN-HE", as_of="2019-12-31"),
        ],
    )
    report = repo.verify()
    assert findings(report, "R301") == []
    run = run_of(report, "R301")
    assert any("a rate per year and a total" in line for line in run.comparisons)


def test_rates_of_one_span_roll_up_as_rates(repo: Repo) -> None:
    def rate(ident: str, figure: str, region: str) -> dict[str, Any]:
        out = claim(ident, "staff_dispatched", figure, region, year=2020)
        out["period"]["per"] = "month"
        return out

    repo.source("s", [rate("national", "50名", "CN"), rate("gansu", "80名", "CN-GS")])
    [finding] = findings(repo.verify(), "R301")
    assert sorted(finding.claims) == ["gansu", "national"]


def test_a_region_with_two_figures_adds_its_highest_lower_bound_to_a_sum(repo: Repo) -> None:
    """Tianjin states 300 and 500: the sum takes 500 (its figures all hold, so at least 500)."""
    repo.source("xinhua", [NATIONAL])
    repo.source(
        "low",
        [claim("tj-low", COUNTIES, "300个", "CN-TJ", programme=PAIRING, as_of="2018-12-31")],
    )
    repo.source(
        "provinces",
        [
            claim("tj", COUNTIES, "500个", "CN-TJ", programme=PAIRING, as_of="2018-12-31"),
            claim("he", COUNTIES, "400个", "CN-HE", programme=PAIRING, as_of="2018-12-31"),
        ],
    )
    [finding] = [f for f in findings(repo.verify(), "R301") if f.details.get("sum")]
    assert sorted(finding.claims) == ["he", "national", "tj"]
    assert finding.details["sum"] == "{900}"
