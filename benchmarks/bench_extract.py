"""Benchmark: extraction precision and recall against the gold list, and its speed.

Run: python benchmarks/bench_extract.py [ARCHIVE]   (default ../shared/sources)

For each snapshot in tests/extraction/gold.yaml (the five bundled sources, then the field
corpus of tests/field): the gold figures, the figures extracted from
the body, how many match (same place, same value, hedge and unit), precision and recall, and the
figures missed and the spurious ones; then the totals and the time per snapshot. Figures only;
nothing here asserts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.extraction.scoring import score, totals  # noqa: E402


def main() -> None:
    archive = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "sources"
    for corpus in ("bundled", "field"):
        print(f"== {corpus}")
        report(archive, corpus)
    scale()


def report(archive: Path, corpus: str) -> None:
    started = time.perf_counter()
    scores = score(archive, corpus)
    elapsed = time.perf_counter() - started
    print(f"{'snapshot':<28} {'gold':>5} {'found':>6} {'match':>6} {'precision':>10} {'recall':>7}")
    for s in scores:
        print(
            f"{s.snapshot:<28} {s.gold:>5} {s.extracted:>6} {s.matched:>6} "
            f"{s.precision:>10.1%} {s.recall:>7.1%}"
        )
        for missed in s.missed:
            print(f"    missed    {missed}")
        for spurious in s.spurious:
            print(f"    spurious  {spurious}")
    t = totals(scores)
    print(
        f"{'all':<28} {t.gold:>5} {t.extracted:>6} {t.matched:>6} "
        f"{t.precision:>10.1%} {t.recall:>7.1%}"
    )
    print(f"time: {elapsed * 1000:.0f} ms for {len(scores)} snapshots (analysis included)")


def scale() -> None:
    """Extraction on long synthetic texts (distinct lines, so no paragraph is a duplicate): the
    time per figure should stay flat."""
    from aidcheck.evidence.document import analyse
    from aidcheck.extraction.report import extract

    line = "截至2018年底,山东累计派出医务人员{}余人,投入资金{}.9亿元,培训2170余人。\n"
    for repeats in (200, 800, 1600):
        data = "".join(line.format(1000 + i, i) for i in range(repeats)).encode()
        started = time.perf_counter()
        found = extract(
            analyse(data), file="x", source_id=None, published=None, repo=None, evidence=None
        )
        elapsed = time.perf_counter() - started
        per = elapsed / max(1, len(found.figures)) * 1e6
        print(
            f"scale: {len(data):>9} bytes, {len(found.figures):>6} figures, "
            f"{elapsed:6.2f} s, {per:6.0f} µs per figure"
        )


if __name__ == "__main__":
    main()
