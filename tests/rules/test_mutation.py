"""Our own mutation run (issues 10 and 14): every claim whose figure is written in words or in
English is mutated in value, hedge and unit, and every mutation must be reported by C105, C107
or C108 (or X402, for a bound). The originals must pass.

All mutants live in one repository, each a claim of its own citing the original quote, so one
`verify` checks them all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from aidcheck.model.quantity import Hedge, Quantity
from aidcheck.numbers import read_figure
from tests.rules.conftest import Repo, claim

# (metric, figure as typed, quote)
ORIGINALS = [
    ("coverage", "全覆盖", "目前已实现所有贫困县县医院远程医疗全覆盖"),
    ("coverage", "近一半", "近一半的贫困县医院开展了远程会诊"),
    ("coverage", "过半", "过半的县医院建成了胸痛中心"),
    ("coverage", "三分之一", "约有三分之一的患者转诊到上级医院"),
    ("coverage", "七成以上", "七成以上的患者在县内就诊"),
    ("coverage", "翻一番", "县医院门诊量翻了一番"),
    ("coverage", "增长两成", "住院人次增长两成"),
    ("coverage", "下降近一半", "外转患者下降近一半"),
    ("coverage", "nearly half", "nearly half of the county hospitals now offer telemedicine"),
    ("coverage", "one in three", "one in three patients was referred upward"),
    ("coverage", "doubled", "outpatient visits doubled at the county hospital"),
    ("coverage", "most", "most of the counties were covered"),
    ("staff_dispatched", "more than 60,000 personnel", "more than 60,000 medical personnel"),
    ("county_hospitals_paired", "1,007 hospitals", "1,007 top-level hospitals took part"),
    ("staff_dispatched", "over three million patients", "over three million discharged patients"),
    ("staff_dispatched", "around 900 experts", "around 900 experts went each year"),
    ("poor_counties_covered", "1.9 million surgeries", "1.9 million surgeries were performed"),
    ("staff_dispatch_visits", "55 million visits", "55 million outpatient visits"),
    ("county_hospitals_paired", "a dozen hospitals", "a dozen hospitals joined"),
    ("staff_dispatch_visits", "人次超过3000万", "门诊诊疗人次超过3000万,"),
    (
        "staff_dispatch_visits",
        "more than 30 million visits",
        "outpatient visits exceeded 30 million",
    ),
]

# A unit of another dimension for each dimension the originals count.
OTHER_UNIT = {
    "percent": "家",
    "persons": "人次",
    "institutions": "人",
    "person_times": "人",
    "procedures": "人",
}


def _mapping(q: Quantity, **change: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": q.text,
        "value": str(q.value),
        "unit": q.unit,
        "hedge": q.hedge.value,
        "rounded": q.rounded,
        "step": str(q.step),
    }
    if q.resolution is not None:
        out["resolution"] = str(q.resolution)
    out.update(change)
    return out


def mutants(q: Quantity) -> list[tuple[str, dict[str, Any]]]:
    out = [
        ("value-double", _mapping(q, value=str(q.value * 2 if q.value else Decimal(5)))),
        ("value-plus", _mapping(q, value=str(q.value + 7))),
        ("unit", _mapping(q, unit=OTHER_UNIT[q.dimension])),
    ]
    for hedge in Hedge:
        if hedge not in (q.hedge, Hedge.RANGE):
            out.append((f"hedge-{hedge.value}", _mapping(q, hedge=hedge.value)))
    return out


def _claim(ident: str, metric: str, figure: Any, quote: str) -> dict[str, Any]:
    out = claim(ident, metric, "1家")
    out["figure"], out["quote"] = figure, quote
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, set[str]], list[str]]:
    repo = Repo(tmp_path_factory.mktemp("mutation") / "repo")
    claims, mutated = [], []
    for n, (metric, figure, quote) in enumerate(ORIGINALS):
        claims.append(_claim(f"o{n}", metric, figure, quote))
        for kind, changed in mutants(read_figure(figure)):
            ident = f"m{n}-{kind}"
            claims.append(_claim(ident, metric, changed, quote))
            mutated.append(ident)
    repo.source("s", claims)
    report = repo.verify()
    seen: dict[str, set[str]] = {}
    for finding in report.findings:
        for cid in finding.claims:
            seen.setdefault(cid, set()).add(finding.code)
    return seen, mutated


def test_the_originals_state_their_figures(run: tuple[dict[str, set[str]], list[str]]) -> None:
    seen, _ = run
    figure_codes = {"C105", "C107", "C108", "X402"}
    wrong = {
        cid: codes for cid, codes in seen.items() if cid.startswith("o") and codes & figure_codes
    }
    assert wrong == {}


def test_every_mutation_is_reported(run: tuple[dict[str, set[str]], list[str]]) -> None:
    seen, mutated = run
    assert len(mutated) >= 200
    figure_codes = {"C105", "C107", "C108", "X402"}
    missed = [cid for cid in mutated if not seen.get(cid, set()) & figure_codes]
    assert missed == []
