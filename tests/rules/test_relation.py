from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from aidcheck.model.quantity import Interval
from aidcheck.model.relations import RelationOp
from aidcheck.rules.relation import holds
from tests.rules.conftest import Repo, claim, findings, run_of

PAIRING = "tertiary-county-pairing"


def relation(ident: str, left: str, op: str, right: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "left": left,
        "op": op,
        "right": right,
        "description": f"why {ident} holds",
        **extra,
    }


def _pairing(repo: Repo, tertiary: str, county: str) -> Repo:
    return repo.source(
        "xinhua",
        [
            claim(
                "tertiary",
                "tertiary_hospitals_pairing",
                tertiary,
                programme=PAIRING,
                as_of="2018-12-31",
            ),
            claim(
                "county", "county_hospitals_paired", county, programme=PAIRING, as_of="2018-12-31"
            ),
        ],
    )


def test_a_one_to_one_pairing_of_963_with_1180_hospitals_is_reported(repo: Repo) -> None:
    _pairing(repo, "963家", "1180家")
    repo.add(
        "relations.yaml",
        {
            "relations": [
                relation(
                    "one-to-one",
                    "tertiary_hospitals_pairing",
                    "==",
                    "county_hospitals_paired",
                    where={"programme": PAIRING},
                ),
            ]
        },
    )
    report = repo.verify()
    [finding] = findings(report, "X401")
    assert finding.claims == ["tertiary", "county"]
    assert finding.message_id == "X401"
    assert finding.arguments["relation"] == "one-to-one"
    assert finding.arguments["description"] == "why one-to-one holds"
    assert finding.details["declared_at"].startswith("claims/relations.yaml:")
    assert report.summary.exit_code == 1


def test_a_relation_that_holds_is_a_passing_comparison(repo: Repo) -> None:
    _pairing(repo, "1180家", "1180家")
    repo.source(
        "medsci",
        [claim("c2", "county_hospitals_paired", "1180家", programme=PAIRING, as_of="2018-12-31")],
    )
    repo.add(
        "relations.yaml",
        {
            "relations": [
                relation(
                    "one-to-one", "tertiary_hospitals_pairing", "==", "county_hospitals_paired"
                ),
            ]
        },
    )
    report = repo.verify()
    assert findings(report, "X401") == []
    run = run_of(report, "X401")
    assert (run.compared, run.passed) == (1, 1)  # the two 1180家 claims collapse into one


def test_where_and_same_restrict_what_is_compared(repo: Repo) -> None:
    _pairing(repo, "963家", "1180家")
    repo.add(
        "relations.yaml",
        {
            "relations": [
                relation(
                    "elsewhere",
                    "tertiary_hospitals_pairing",
                    "==",
                    "county_hospitals_paired",
                    where={"programme": "east-west-collaboration"},
                ),
                relation(
                    "by-source",
                    "tertiary_hospitals_pairing",
                    "<=",
                    "county_hospitals_paired",
                    same=["source"],
                ),
            ]
        },
    )
    report = repo.verify()
    assert findings(report, "X401") == []
    assert run_of(report, "X401").compared == 1


def test_a_factor_scales_the_right_side(repo: Repo) -> None:
    _pairing(repo, "963家", "1180家")
    repo.add(
        "relations.yaml",
        {
            "relations": [
                relation(
                    "half",
                    "tertiary_hospitals_pairing",
                    ">=",
                    "county_hospitals_paired",
                    factor=0.5,
                ),
            ]
        },
    )
    assert findings(repo.verify(), "X401") == []


def test_a_relation_naming_an_unknown_metric_is_an_input_error_at_its_line(repo: Repo) -> None:
    _pairing(repo, "963家", "1180家")
    repo.add(
        "relations.yaml",
        "relations:\n"
        "  - id: typo\n"
        "    left: tertiary_hospital_pairing\n"
        "    op: '=='\n"
        "    right: county_hospitals_paired\n"
        "    description: a typo\n",
    )
    report = repo.verify()
    assert report.summary.exit_code == 2
    [finding] = [f for f in report.findings if f.code == "L004"]
    assert (finding.locations[0].path, finding.locations[0].line) == ("claims/relations.yaml", 3)


def iv(low: str | None, high: str | None, lo: bool = False, ho: bool = False) -> Interval:
    return Interval(
        low=None if low is None else Decimal(low),
        high=None if high is None else Decimal(high),
        low_open=lo,
        high_open=ho,
    )


@pytest.mark.parametrize(
    ("left", "op", "right", "expected"),
    [
        (iv("963", "963"), RelationOp.EQ, iv("1180", "1180"), False),
        (iv("400", None, lo=True), RelationOp.LE, iv("1180", "1180"), True),
        (iv("1180", "1180"), RelationOp.GE, iv("834", "834"), True),
        (iv("30", "40", True, True), RelationOp.GE, iv("40", "50"), False),
        (iv("30", "40"), RelationOp.GE, iv("40", "50"), True),
        (iv("50", None, lo=True), RelationOp.LE, iv("40", "50"), False),
        (iv(None, "10"), RelationOp.GE, iv("5", "5"), True),
    ],
)
def test_a_relation_holds_when_some_values_of_the_intervals_satisfy_it(
    left: Interval, op: RelationOp, right: Interval, expected: bool
) -> None:
    assert holds(left, op, right) is expected


def test_a_violation_keeps_its_fingerprint_when_another_source_repeats_a_side(
    repo: Repo,
) -> None:
    one_to_one = {
        "relations": [
            relation("one-to-one", "tertiary_hospitals_pairing", "==", "county_hospitals_paired")
        ]
    }
    _pairing(repo, "963家", "1180家").add("relations.yaml", one_to_one)
    [before] = findings(repo.verify(), "X401")
    repeat = claim(
        "medsci-county", "county_hospitals_paired", "1180家", programme=PAIRING, as_of="2018-12-31"
    )
    repo.source("medsci", [repeat])
    [after] = findings(repo.verify(), "X401")
    assert "medsci-county" in after.claims
    assert after.fingerprint == before.fingerprint
    other = claim(
        "other-county", "county_hospitals_paired", "1300家", programme=PAIRING, as_of="2018-12-31"
    )
    repo.source("other", [other])
    prints = {f.fingerprint for f in findings(repo.verify(), "X401")}
    assert len(prints) == 2 and before.fingerprint in prints


def _one_to_one(repo: Repo) -> Repo:
    return repo.add(
        "relations.yaml",
        {
            "relations": [
                relation(
                    "one-to-one",
                    "tertiary_hospitals_pairing",
                    "==",
                    "county_hospitals_paired",
                    holds="asserted",
                )
            ]
        },
    )


def _outlet(
    repo: Repo, name: str, tertiary: str, county: str, *, asserts: bool, as_of: str = "2020-10-14"
) -> None:
    left = claim(
        f"{name}-t", "tertiary_hospitals_pairing", tertiary, programme=PAIRING, as_of=as_of
    )
    right = claim(f"{name}-c", "county_hospitals_paired", county, programme=PAIRING, as_of=as_of)
    if asserts:
        right["asserts"] = ["one-to-one"]
    repo.source(name, [left, right])


def test_an_asserted_relation_is_one_finding_listing_the_sources_that_assert_it(
    repo: Repo,
) -> None:
    _one_to_one(repo)
    _outlet(repo, "xinhua", "1007家", "1172家", asserts=True)
    _outlet(repo, "reprint", "1007家", "1172家", asserts=True)
    _outlet(repo, "cctv", "1007家", "1172家", asserts=False)  # never says 一对一
    report = repo.verify()
    [finding] = findings(report, "X401")
    assert sorted(finding.claims) == ["reprint-c", "reprint-t", "xinhua-c", "xinhua-t"]
    assert finding.details["asserted_by"] == ["reprint", "xinhua"]
    run = run_of(report, "X401")
    assert (run.compared, run.passed) == (2, 0)
    assert any("cctv" in line and "not assert" in line for line in run.comparisons)


def test_an_asserted_relation_keeps_its_fingerprint_as_sources_join(repo: Repo) -> None:
    _one_to_one(repo)
    _outlet(repo, "xinhua", "1007家", "1172家", asserts=True)
    [before] = findings(repo.verify(), "X401")
    _outlet(repo, "reprint", "1007家", "1172家", asserts=True)
    [after] = findings(repo.verify(), "X401")
    assert before.fingerprint == after.fingerprint
    assert len(after.claims) == 4


def test_figures_of_sources_that_do_not_assert_it_are_not_errors(repo: Repo) -> None:
    _one_to_one(repo)
    _outlet(repo, "cctv", "1007家", "1172家", asserts=False)
    _outlet(repo, "briefing", "1173家", "1496家", asserts=False, as_of="2024-06-18")
    _outlet(repo, "early", "1180家", "1180家", asserts=True, as_of="2018-12-31")
    report = repo.verify()
    assert findings(report, "X401") == []
    assert run_of(report, "X401").passed == 1


def test_each_period_an_asserted_relation_is_broken_in_is_its_own_finding(repo: Repo) -> None:
    _one_to_one(repo)
    _outlet(repo, "a", "963家", "1180家", asserts=True, as_of="2018-12-31")
    _outlet(repo, "b", "1007家", "1172家", asserts=True)
    assert len(findings(repo.verify(), "X401")) == 2


def test_asserting_an_undeclared_relation_or_one_about_other_metrics_is_an_input_error(
    repo: Repo,
) -> None:
    _one_to_one(repo)
    wrong = claim("w", "poor_counties_covered", "832个", programme=PAIRING)
    wrong["asserts"] = ["one-to-one"]
    typo = claim("t", "county_hospitals_paired", "1172家", programme=PAIRING)
    typo["asserts"] = ["one-to-on"]
    repo.source("x", [wrong, typo])
    report = repo.verify()
    assert report.summary.exit_code == 2
    problems = [f for f in report.findings if f.code == "L014"]
    assert sorted(f.claims[0] for f in problems) == ["t", "w"]
    assert any("did you mean 'one-to-one'" in f.message for f in problems)
