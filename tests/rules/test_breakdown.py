from __future__ import annotations

from tests.rules.conftest import Repo, claim, figure_lines, findings, run_of

STAFF = "staff_dispatched"


def _physicians(*parts: tuple[str, str]) -> list[dict[str, object]]:
    whole = claim("physicians", STAFF, "25名", "CN-CQ", giver="CN-SD", year=2020)
    return [whole] + [
        claim(ident, STAFF, fig, "CN-CQ", giver="CN-SD", year=2020, part_of="physicians")
        for ident, fig in parts
    ]


def test_a_part_larger_than_its_whole_is_an_error_naming_both(repo: Repo) -> None:
    repo.source("cri", _physicians(("doctors", "16人"), ("postgraduates", "121人")))
    report = repo.verify()
    [finding] = findings(report, "R302")
    assert finding.claims == ["postgraduates", "physicians"]
    assert report.summary.exit_code == 1
    assert [line.strip() for line in figure_lines(repo.root, finding)] == [
        "figure: 121人",
        "figure: 25名",
    ]
    run = run_of(report, "R302")
    assert (run.compared, run.passed) == (2, 1)


def test_the_sum_is_skipped_when_a_part_alone_exceeds(repo: Repo) -> None:
    repo.source("cri", _physicians(("doctors", "16人"), ("postgraduates", "121人")))
    report = repo.verify()
    assert findings(report, "R303") == []
    assert any("alone exceed" in c for c in run_of(report, "R303").comparisons)


def test_parts_that_each_fit_but_add_up_to_more_are_a_warning(repo: Repo) -> None:
    repo.source("cri", _physicians(("a", "15人"), ("b", "15人")))
    report = repo.verify()
    assert findings(report, "R302") == []
    [finding] = findings(report, "R303")
    assert finding.severity == "warning"
    assert sorted(finding.claims) == ["a", "b", "physicians"]
    assert report.summary.exit_code == 0


def test_parts_in_money_are_compared_with_interval_arithmetic(repo: Repo) -> None:
    total = claim("funds", "aid_funds", "1.9亿元", "CN-CQ")
    part = claim("funds-2020", "aid_funds", "555万元", "CN-CQ", year=2020, part_of="funds")
    repo.source("cri", [total, part])
    report = repo.verify()
    assert findings(report, "R302") == []
    assert run_of(report, "R302").passed == 1


def test_a_part_in_another_dimension_is_skipped_and_said_so(repo: Repo) -> None:
    total = claim("visits", "staff_dispatch_visits", "100人次")
    part = claim("persons", "staff_dispatched", "200人", part_of="visits")
    repo.source("s", [total, part])
    report = repo.verify()
    assert findings(report, "R302") == []
    run = run_of(report, "R302")
    assert run.compared == 0 and run.comparisons[0].startswith("skip:")


def test_parts_are_not_cross_checked_as_if_they_were_the_whole(repo: Repo) -> None:
    repo.source("cri", _physicians(("doctors", "16人")))
    repo.source("other", [claim("o", STAFF, "25名", "CN-CQ", giver="CN-SD", year=2020)])
    report = repo.verify()
    assert findings(report, "A201") == []
