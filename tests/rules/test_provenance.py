from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aidcheck.loader.repository import Repository
from aidcheck.model.claim import Claim
from aidcheck.model.quantity import Hedge, Quantity
from aidcheck.model.source import Source
from aidcheck.rules.common import agreeing_clusters
from aidcheck.rules.provenance import root_origins
from tests.rules.conftest import Repo, claim, findings, run_of

HOSPITALS = "county_hospitals_paired"
NHC = "nhc-press-conference-2019-02-13"


def _source(ident: str, *parents: str) -> Source:
    return Source(
        id=ident, publisher="p", title="t", published="2019-02-14", derived_from=list(parents)
    )


def test_sources_resolve_to_their_root_origins_transitively_and_safely() -> None:
    repo = Repository(root=Path("."))
    for s in (
        _source("xinhua", NHC),
        _source("reprint", "xinhua"),
        _source("digest", "reprint", "own-reporting"),
        _source("independent"),
        _source("loop-a", "loop-b"),
        _source("loop-b", "loop-a"),
    ):
        repo.sources[s.id] = s
    origins = root_origins(repo)
    assert origins["reprint"] == {NHC}
    assert origins["digest"] == {NHC, "own-reporting"}
    assert origins["independent"] == {"independent"}
    assert origins["loop-a"] and origins["loop-b"]


def test_a_figure_repeated_by_sources_of_one_origin_is_single_origin(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")], derived_from=[NHC])
    repo.source("medsci", [claim("m", HOSPITALS, "1180家", as_of="2018-12-31")], derived_from=[NHC])
    report = repo.verify()
    [finding] = findings(report, "P601")
    assert finding.severity == "info"
    assert sorted(finding.claims) == ["m", "x"]
    assert finding.details["origins"] == [NHC]
    assert finding.details["sources"] == {"medsci": [NHC], "xinhua": [NHC]}
    assert report.summary.exit_code == 0
    run = run_of(report, "P601")
    assert (run.compared, run.passed) == (1, 0)  # the single-origin figure is a failed comparison


def test_a_reprint_of_a_source_is_not_a_second_origin(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")])
    repo.source(
        "cinic", [claim("c", HOSPITALS, "1180家", as_of="2018-12-31")], derived_from=["xinhua"]
    )
    [finding] = findings(repo.verify(), "P601")
    assert finding.details["origins"] == ["xinhua"]


def test_independent_origins_corroborate_and_the_count_is_reported(repo: Repo) -> None:
    repo.source("xinhua", [claim("x", HOSPITALS, "1180家", as_of="2018-12-31")], derived_from=[NHC])
    repo.source("survey", [claim("s", HOSPITALS, "约1200家", as_of="2018-12-31")])
    report = repo.verify()
    assert findings(report, "P601") == []
    run = run_of(report, "P601")
    assert (run.compared, run.passed) == (1, 1)
    assert "2 independent origin(s)" in run.comparisons[0]


@st.composite
def claim_lists(draw: st.DrawFn) -> list[Claim]:
    out = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        q = Quantity(
            value=Decimal(draw(st.integers(0, 40))),
            step=Decimal(5),
            hedge=draw(st.sampled_from([Hedge.EXACT, Hedge.ODD, Hedge.MORE_THAN])),
        )
        out.append(Claim(id=f"c{i}", metric="m", figure=q, scope={"region": "CN"}, quote="q"))
    return out


@given(claim_lists())
def test_every_cluster_of_agreeing_claims_shares_a_common_value(claims: list[Claim]) -> None:
    clusters = agreeing_clusters(claims)
    assert sorted(c.id for cluster in clusters for c in cluster) == sorted(c.id for c in claims)
    for cluster in clusters:
        for a in cluster:
            for b in cluster:
                assert a.figure.interval.overlaps(b.figure.interval)


def test_the_figures_one_origin_repeats_are_one_finding_per_origin(repo: Repo) -> None:
    for name in ("xinhua", "medsci", "cctv"):
        repo.source(
            name,
            [
                claim(f"{name}-h", HOSPITALS, "1180家", as_of="2018-12-31"),
                claim(f"{name}-v", "staff_dispatch_visits", "超过6万人次", as_of="2018-12-31"),
            ],
            derived_from=[NHC],
        )
    report = repo.verify()
    [finding] = findings(report, "P601")
    assert finding.message_id == "P601.origin"
    assert finding.arguments["quantities"] == 2
    assert finding.arguments["count"] == 3
    assert len(finding.claims) == 6
    assert run_of(report, "P601").compared == 2  # still one comparison per figure
