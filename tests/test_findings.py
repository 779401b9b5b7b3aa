"""The report model's fingerprint: what makes two findings the same finding across runs."""

from __future__ import annotations

import pytest

from aidcheck.findings import Finding, Location, Problem, Severity, fingerprint


def fp(**fields: object) -> str:
    return fingerprint("A201", Problem.model_validate({"message": "m", **fields}))


def test_the_claims_identify_a_finding_in_any_order_and_at_any_line() -> None:
    here = [Location(path="claims/a.yaml", line=3)]
    there = [Location(path="claims/a.yaml", line=30)]
    assert fp(claims=["a", "b"], locations=here) == fp(claims=["b", "a"], locations=there)
    assert fp(claims=["a", "b"]) != fp(claims=["a", "c"])
    assert fp(claims=["a", "b"], message="one wording") == fp(claims=["a", "b"], message="other")


@pytest.mark.parametrize(
    "problem",
    [
        Problem(message="m", claims=["a"]),
        Problem(message="m", identity="one-to-one|CN"),
        Problem(message="m", locations=[Location(path="claims/a.yaml", line=1)]),
    ],
)
def test_the_code_is_part_of_the_identity(problem: Problem) -> None:
    assert fingerprint("A201", problem) != fingerprint("X401", problem)


def test_the_key_tells_apart_two_findings_of_one_rule_on_the_same_claims() -> None:
    assert fp(claims=["a", "b"], key="part") != fp(claims=["a", "b"], key="sum:regions")
    assert fp(claims=["a", "b"], key="part") != fp(claims=["a", "b"])
    assert fp(identity="one-to-one", key="x") != fp(identity="one-to-one", key="y")


def test_a_declared_identity_replaces_the_claims() -> None:
    assert fp(identity="rel|CN", claims=["a"]) == fp(identity="rel|CN", claims=["a", "b"])
    assert fp(identity="rel|CN", claims=["a"]) != fp(identity="rel|HK", claims=["a"])


def test_a_finding_without_claims_is_identified_by_its_files_and_message() -> None:
    a = [Location(path="claims/a.yaml", line=1)]
    b = [Location(path="claims/b.yaml", line=1)]
    assert fp(locations=a, message="bad") == fp(locations=a, message="bad")
    assert fp(locations=a, message="bad") != fp(locations=b, message="bad")
    assert fp(locations=a, message="bad") != fp(locations=a, message="worse")


@pytest.mark.parametrize("severity", list(Severity))
def test_the_finding_carries_the_fingerprint_of_its_problem(severity: Severity) -> None:
    problem = Problem(message="m", claims=["a"], key="k")
    finding = Finding.from_problem("A201", "conflict", severity, problem)
    assert finding.fingerprint == fingerprint("A201", problem)
    assert len(finding.fingerprint) == 16 and int(finding.fingerprint, 16) >= 0
