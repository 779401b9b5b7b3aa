"""Benchmark: the cross-checks on large synthetic claim repositories.

Run: python benchmarks/bench_checks.py [N ...]   (default 1000 10000 100000)

Builds a repository of N claims in memory (no YAML: bench_load.py measures loading), with a
region hierarchy (country, 31 provinces, 8 prefectures each, 6 counties each), givers,
programmes, dated and undated figures with every hedge, 其中 parts, sources that derive from
shared origins, declared relations and suppressions. Then runs each cross-check alone and prints
its time, the time per claim, and how many comparisons and findings it made: near-linear checks
keep the time per claim flat as N grows. Figures only; nothing here asserts on time.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from aidcheck import rules
from aidcheck.engine import EngineSettings, run_rules
from aidcheck.loader.repository import Origin, Repository
from aidcheck.loader.yamlnodes import Document
from aidcheck.model.claim import Claim, Period, Scope
from aidcheck.model.quantity import Hedge, Quantity
from aidcheck.model.registry import Metric, Nature, Programme, Region, RegionLevel
from aidcheck.model.relations import Relation, RelationOp, Suppression
from aidcheck.model.source import Source
from aidcheck.model.units import Dimension
from aidcheck.rules.base import Family

FILE = Path("synthetic.yaml")
UNITS = {
    Dimension.INSTITUTIONS: "家",
    Dimension.PERSONS: "人",
    Dimension.PERSON_TIMES: "人次",
    Dimension.COUNT: "个",
}
PROGRAMMES = [
    "counterpart-support",
    "tertiary-county-pairing",
    "east-west-collaboration",
    "team-aid-tibet",
    "team-aid-xinjiang",
]
HEDGES = [Hedge.EXACT, Hedge.EXACT, Hedge.MORE_THAN, Hedge.ODD, Hedge.NEARLY, Hedge.ABOUT]
DATES = [dt.date(2015 + y, 12, 31) for y in range(8)]


def metrics(n: int) -> list[tuple[str, Dimension, Nature, bool]]:
    """A repository of more claims covers more metrics: about 40 claims per metric."""
    dims, natures = list(UNITS), (Nature.STOCK, Nature.CUMULATIVE)
    return [
        (f"metric_{i}", dims[i % len(dims)], natures[i // len(dims) % 2], True)
        for i in range(max(8, n // 40))
    ]


def build(n: int, seed: int = 4) -> Repository:
    rnd = random.Random(seed)
    repo = Repository(root=Path("."))
    repo.documents[FILE] = Document(data=None)
    metric_table = metrics(n)
    for ident, dim, nature, additive in metric_table:
        repo.metrics[ident] = Metric(
            id=ident, name_zh=ident, name_en=ident, dimension=dim, nature=nature, additive=additive
        )
    _regions(repo)
    for p in PROGRAMMES:
        repo.programmes[p] = Programme(id=p, name_zh=p, name_en=p)
    levels = [[c for c, r in repo.regions.items() if r.level is lvl] for lvl in RegionLevel]
    provinces = levels[1]
    origins = [f"origin-{i}" for i in range(max(1, n // 200))]
    sources: list[str] = []
    parts_budget: list[Claim] = []
    for i in range(n):
        if i % 20 == 0:
            ident = f"source-{i // 20}"
            parents = (
                [rnd.choice(sources)]
                if sources and rnd.random() < 0.3
                else [rnd.choice(origins)]
                if rnd.random() < 0.8
                else []
            )
            repo.sources[ident] = Source(
                id=ident,
                publisher="p",
                title="t",
                published=rnd.choice(DATES) + dt.timedelta(days=45),
                derived_from=parents,
            )
            sources.append(ident)
        metric, dim, _, _ = rnd.choice(metric_table)
        whole = parts_budget[-1] if parts_budget and rnd.random() < 0.05 else None
        if whole is not None:
            metric, dim = whole.metric, Dimension(repo.metrics[whole.metric].dimension)
        level = rnd.choices(range(4), weights=(4, 3, 2, 1))[0]
        region = rnd.choice(levels[level])
        giver = rnd.choice(provinces) if rnd.random() < 0.3 else None
        period = Period(as_of=rnd.choice(DATES)) if rnd.random() < 0.8 else Period()
        scale = 10 ** (4 - level)
        value = Decimal(rnd.randint(1, 99) * scale)
        claim = Claim(
            id=f"claim-{i}",
            metric=metric,
            figure=Quantity(
                value=value, unit=UNITS[dim], hedge=rnd.choice(HEDGES), step=Decimal(scale)
            ),
            scope=whole.scope
            if whole
            else Scope(region=region, giver=giver, programme=rnd.choice(PROGRAMMES)),
            period=period,
            quote="q",
            part_of=whole.id if whole else None,
        )
        repo.claims[claim.id] = claim
        repo.claim_source[claim.id] = sources[-1]
        repo.origins[("claim", claim.id)] = Origin(FILE, ("claims", i))
        if whole is None and rnd.random() < 0.1:
            parts_budget.append(claim)
    _declarations(repo, [m[0] for m in metric_table])
    return repo


def _regions(repo: Repository) -> None:
    def add(code: str, level: RegionLevel, parent: str | None) -> None:
        repo.regions[code] = Region(
            code=code, name_zh=code, name_en=code, level=level, parent=parent
        )

    add("CN", RegionLevel.COUNTRY, None)
    for p in range(31):
        province = f"CN-P{p}"
        add(province, RegionLevel.PROVINCE, "CN")
        for q in range(8):
            prefecture = f"{province}-Q{q}"
            add(prefecture, RegionLevel.PREFECTURE, province)
            for c in range(6):
                add(f"{prefecture}-C{c}", RegionLevel.COUNTY, prefecture)


def _declarations(repo: Repository, idents: list[str]) -> None:
    for i in range(0, len(idents) - 1, 8):
        relation = Relation(
            id=f"relation-{i}",
            left=idents[i],
            op=RelationOp.LE,
            right=idents[i + 1],
            description="d",
        )
        repo.relations[relation.id] = relation
        repo.origins[("relation", relation.id)] = Origin(FILE, ("relations", i))
    for i, claim_id in enumerate(list(repo.claims)[:10]):
        repo.origins[("suppression", str(i))] = Origin(FILE, ("suppressions", i))
        repo.suppressions.append(Suppression(rule="A201", claims=[claim_id], reason="r"))


def main(sizes: list[int]) -> None:
    checks = [r for r in rules.runnable() if r.family not in (Family.LOAD, Family.CITATION)]
    print(
        f"{'claims':>8} {'stage':<22} {'seconds':>8} {'µs/claim':>9} {'compared':>9} "
        f"{'findings':>8}"
    )
    for n in sizes:
        began = time.perf_counter()
        repo = build(n)
        elapsed = time.perf_counter() - began
        print(f"{n:>8} {'build (models)':<22} {elapsed:>8.3f} {elapsed / n * 1e6:>9.1f}")
        total = 0.0
        for rule in checks:
            began = time.perf_counter()
            found, runs = run_rules(repo, EngineSettings(), selection=[rule])
            elapsed = time.perf_counter() - began
            total += elapsed
            compared = sum(r.compared for r in runs)
            print(
                f"{n:>8} {rule.code + ' ' + rule.name:<22} {elapsed:>8.3f} "
                f"{elapsed / n * 1e6:>9.1f} {compared:>9} {len(found):>8}"
            )
        print(f"{n:>8} {'all cross-checks':<22} {total:>8.3f} {total / n * 1e6:>9.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
