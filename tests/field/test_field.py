"""The field test: aidcheck on a corpus it was not built from.

`tests/field/archive` holds short articles written for this test in our own words, imitating how
wire copy (Chinese and English), traditional-script reprints, later-year briefings and provincial
reports phrase the figures of health poverty alleviation, with the real figures those reports
give. `tests/field/claims` records them as a user following docs/claims.md would. The test pins
every finding the run reports: its code, severity and claims. A finding that is not listed here
fails the test, so a false error cannot slip in, and a listed finding that goes missing fails it
too. docs/field-test.md says what each case is and what it caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck import workers
from aidcheck.findings import Report
from aidcheck.verify import VerifyOptions, verify

FIELD = Path(__file__).parent

Expected = tuple[str, str, frozenset[str]]


def expect(code: str, severity: str, *claims: str) -> Expected:
    return (code, severity, frozenset(claims))


# Genuine findings: each is something an editor must see.
EXPECTED: set[Expected] = {
    # Relations asserted by sources (一对一): one finding per period, naming every source that
    # asserts it and nothing else (CCTV, the 2021 English story and the 2024 briefing report
    # both counts without saying one-to-one).
    expect("X401", "error", "gmw-2019-county-hospitals", "gmw-2019-tertiary-hospitals"),
    expect(
        "X401",
        "error",
        "takungpao-2020-county-hospitals",
        "takungpao-2020-tertiary-hospitals",
        "xinhua-2020-county-hospitals",
        "xinhua-2020-tertiary-hospitals",
        "xinhua-en-2020-county-hospitals",
        "xinhua-en-2020-tertiary-hospitals",
    ),
    # A translation that changes what is counted: 超过8万人次 (person-times) became "more than
    # 80,000 medical workers" (persons) in the English story of the same forum ...
    expect(
        "A202",
        "warning",
        "cctv-2020-staff-visits",
        "takungpao-2020-staff-visits",
        "xinhua-2020-staff-visits",
        "xinhua-en-2020-staff",
    ),
    # ... and the telemedicine network that reaches 832 poor counties became "832 county-level
    # hospitals".
    expect("A203", "warning", "xinhua-en-2021-telemedicine"),
    # 1180 county hospitals paired at the end of 2018, 1172 in October and December 2020 in five
    # outlets: a stock that fell, one finding naming them all; 834 poor counties covered at the
    # end of 2018, 832 in 2020.
    expect(
        "T502",
        "info",
        "gmw-2019-county-hospitals",
        "cctv-2020-county-hospitals",
        "takungpao-2020-county-hospitals",
        "xinhua-2020-county-hospitals",
        "xinhua-en-2020-county-hospitals",
        "xinhua-en-2021-county-hospitals",
    ),
    expect("T502", "info", "gmw-2019-poor-counties", "xinhua-2020-poor-counties"),
    # The reprint lost a character inside the figure's sentence (水?的超過560家).
    expect("C106", "warning", "takungpao-2020-grade-2a"),
    # One origin repeated by several outlets: repetition, not corroboration; one finding per
    # origin, naming every figure and every outlet that repeats it.
    expect(
        "P601",
        "info",
        *(
            f"{outlet}-2020-{what}"
            for outlet, what in [
                ("cctv", "county-hospitals"),
                ("cctv", "outpatient-visits"),
                ("cctv", "staff-visits"),
                ("cctv", "tertiary-hospitals"),
                ("people", "new-specialties"),
                ("people", "outpatient-visits"),
                ("takungpao", "county-hospitals"),
                ("takungpao", "grade-2a"),
                ("takungpao", "staff-visits"),
                ("takungpao", "telemedicine"),
                ("takungpao", "tertiary-hospitals"),
                ("xinhua", "county-hospitals"),
                ("xinhua", "grade-2a"),
                ("xinhua", "new-specialties"),
                ("xinhua", "outpatient-visits"),
                ("xinhua", "staff-visits"),
                ("xinhua", "telemedicine"),
                ("xinhua", "tertiary-hospitals"),
                ("xinhua-en", "county-hospitals"),
                ("xinhua-en", "outpatient-visits"),
                ("xinhua-en", "tertiary-hospitals"),
            ]
        ),
    ),
    expect(
        "P601",
        "info",
        "chinadaily-2024-county-hospitals",
        "chinadaily-2024-rural-doctors",
        "chinadaily-2024-tertiary-hospitals",
        "nhc-2024-county-hospitals",
        "nhc-2024-rural-doctors",
        "nhc-2024-tertiary-hospitals",
    ),
    expect(
        "P601",
        "info",
        "hkcna-2019-staff-mentored",
        "hkcna-2019-team-aid-experts",
        "thestandard-2019-experts",
        "thestandard-2019-hosted",
        "thestandard-2019-staff-mentored",
        "xinhua-2019-hosted-for-training",
        "xinhua-2019-staff-mentored",
        "xinhua-2019-team-aid-experts",
    ),
}

# What the tool still gets wrong on this corpus (false findings), each with the issue item
# that fixes it. Must end empty.
KNOWN_WRONG: set[Expected] = set()

# What the tool still misses on this corpus, with the issue item that finds it. Must end empty.
KNOWN_MISSED: set[Expected] = set()


@pytest.fixture(scope="module")
def report() -> Report:
    outcome = verify(VerifyOptions(cwd=FIELD, environ={}))
    return outcome.report


@pytest.mark.skipif(not workers.can_fork(), reason="work is shared among processes on Linux")
@pytest.mark.usefixtures("small_shards")
def test_the_report_is_the_same_when_every_part_of_the_run_is_shared_among_processes(
    report: Report,
) -> None:
    """Files, figure checks, snapshots with their quotes, and the rules, each in two processes:
    the field's own wording, units and snapshots must come back as one process reads them."""
    shared = verify(VerifyOptions(cwd=FIELD, environ={}, jobs=2)).report
    assert shared.model_dump() == report.model_dump()


def found(report: Report) -> set[Expected]:
    return {(f.code, f.severity.value, frozenset(f.claims)) for f in report.findings}


def test_the_corpus_loads_and_every_citation_is_checked(report: Report) -> None:
    assert report.summary.input_errors == 0
    assert report.summary.sources == len(list((FIELD / "claims" / "sources").glob("*.yaml")))
    assert not report.notices, report.notices  # the archive was found and read
    statuses = {s.id: s.citation_status for s in report.sources}
    # every quote is found; the one damaged sentence is the takungpao reprint's (C106)
    assert statuses.pop("takungpao-2020-10-16") == "4/5 verified; C106"
    assert all(status.startswith("verified") for status in statuses.values()), statuses


def test_no_false_error_and_the_report_stays_readable(report: Report) -> None:
    errors = {f for f in found(report) if f[1] == "error"}
    assert errors <= EXPECTED
    # fourteen sources, one finding per repeated identity: a page, not a thousand lines
    assert len(report.findings) == len(EXPECTED)


def test_every_finding_is_expected_and_every_expected_finding_is_found(report: Report) -> None:
    actual = found(report)
    assert actual - EXPECTED - KNOWN_WRONG == set(), "unexpected findings"
    assert EXPECTED - KNOWN_MISSED - actual == set(), "expected findings missing"
    assert KNOWN_MISSED & actual == set(), "found now: move these out of KNOWN_MISSED"
    assert KNOWN_WRONG - actual == set(), "fixed: move these out of KNOWN_WRONG"
