"""Export a claim repository as a claims table (Parquet), and run two cross-checks on it in SQL.

Run:  pip install duckdb        (or: pip install -e '.[bench]')
      python benchmarks/export_parquet.py [PROJECT] [--out claims.parquet]

The loader reads and validates the repository as `verify` does; each claim becomes one row:
its id, source, origin (the source's first `derived_from`, else the source), metric, dimension,
nature, region, the region's parent, giver, programme, the date its figure holds at, the interval
its wording denotes (low, high, whether each end is open) and its hedge. DuckDB writes the rows
to Parquet and then runs, on the file, the shape of two of aidcheck's cross-checks:

- A201 conflict: the same metric, scope and date with intervals that do not overlap, which is
  a group-by: the group's largest lower bound lies above its smallest upper bound;
- R301 region roll-up: a region's figure above its parent's, which is a join on parent = region.

These are the building blocks a repository of tens of millions of claims would be checked with on
an engine made for it (docs/performance.md): the same queries run on DuckDB or Polars on one
machine, and unchanged in spirit on Spark or BigQuery over a folder of Parquet files.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

COLUMNS = {
    "claim": "VARCHAR",
    "source": "VARCHAR",
    "origin": "VARCHAR",
    "metric": "VARCHAR",
    "dimension": "VARCHAR",
    "nature": "VARCHAR",
    "region": "VARCHAR",
    "parent": "VARCHAR",
    "giver": "VARCHAR",
    "programme": "VARCHAR",
    "holds_at": "DATE",
    "low": "DOUBLE",
    "high": "DOUBLE",
    "low_open": "BOOLEAN",
    "high_open": "BOOLEAN",
    "hedge": "VARCHAR",
}

CONFLICTS = """
SELECT metric, region, coalesce(giver, '') AS giver, coalesce(programme, '') AS programme,
       holds_at, count(*) AS claims, max(low) AS largest_low, min(high) AS smallest_high
FROM read_parquet($path)
WHERE dimension IS NOT NULL
GROUP BY ALL
HAVING max(low) > min(coalesce(high, 'inf'::DOUBLE))
ORDER BY claims DESC, metric
"""

ROLLUPS = """
SELECT part.claim AS part, whole.claim AS whole, part.region, whole.region AS whole_region,
       part.low AS part_low, whole.high AS whole_high
FROM read_parquet($path) AS part
JOIN read_parquet($path) AS whole
  ON part.parent = whole.region AND part.metric = whole.metric
 AND part.holds_at = whole.holds_at
 AND coalesce(part.giver, '') = coalesce(whole.giver, '')
 AND coalesce(part.programme, '') = coalesce(whole.programme, '')
WHERE part.low > whole.high
ORDER BY part.metric
"""


def rows(project: Path) -> list[tuple[Any, ...]]:
    from aidcheck import rules
    from aidcheck.config import find_project
    from aidcheck.loader.repository import load_repository

    found = find_project(project)
    loaded = load_repository(found.root, found.claim_paths(), rules.names())
    if not loaded.ok:
        first = loaded.problems[0].problem
        raise SystemExit(f"the repository has input errors; run aidcheck verify first: {first}")
    repo = loaded.repository
    out = []
    for claim in repo.claims.values():
        if claim.part_of is not None:
            continue  # 其中 parts describe a sub-population, as in the cross-checks
        source = repo.source_of(claim)
        metric = repo.metrics[claim.metric]
        region = repo.regions.get(claim.scope.region)
        interval = claim.figure.interval
        out.append(
            (
                claim.id,
                source.id,
                (source.derived_from or [source.id])[0],
                claim.metric,
                str(metric.dimension),
                str(metric.nature.value),
                claim.scope.region,
                region.parent if region else None,
                claim.scope.giver,
                claim.scope.programme,
                claim.period.end(source.published),
                _number(interval.low),
                _number(interval.high),
                interval.low_open,
                interval.high_open,
                claim.figure.hedge.value,
            )
        )
    return out


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=Path.cwd())
    parser.add_argument("--out", type=Path, default=Path("claims.parquet"))
    args = parser.parse_args()
    try:
        import duckdb
    except ImportError:
        print("this export needs DuckDB: pip install duckdb", file=sys.stderr)
        return 2
    began = time.perf_counter()
    table = rows(args.project)
    loaded = time.perf_counter()
    db = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:  # rows go to DuckDB as JSON lines, in bulk
        lines = Path(folder) / "claims.jsonl"
        with lines.open("w", encoding="utf-8") as out:
            for row in table:
                out.write(json.dumps(dict(zip(COLUMNS, row, strict=True)), default=str) + "\n")
        db.execute(
            "COPY (SELECT * FROM read_json($lines, columns=$columns, format='newline_delimited'))"
            " TO $path (FORMAT parquet)",
            {"lines": str(lines), "columns": COLUMNS, "path": str(args.out)},
        )
    written = time.perf_counter()
    conflicts = db.execute(CONFLICTS, {"path": str(args.out)}).fetchall()
    rollups = db.execute(ROLLUPS, {"path": str(args.out)}).fetchall()
    queried = time.perf_counter()
    print(
        f"{len(table):,} claims: loaded in {loaded - began:.2f} s, written to {args.out} in "
        f"{written - loaded:.2f} s, two checks in SQL in {queried - written:.2f} s"
    )
    print(f"A201-shaped groups whose intervals do not overlap: {len(conflicts)}")
    for row in conflicts[:5]:
        print("  ", row)
    print(f"R301-shaped parts above the figure of their parent region: {len(rollups)}")
    for row in rollups[:5]:
        print("  ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
