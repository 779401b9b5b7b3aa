"""Benchmark: the number reader over whole snapshots and over quotes.

Run: python benchmarks/bench_numbers.py [ARCHIVE]   (default ../shared/sources)
Prints, per snapshot, its size, the figures found (digits and words) and the best time of
`find_figures` over the whole text; then the same over a synthetic English article and the
time per quote for the bundled claim repository's quotes. The first call includes reading the
unit table and compiling its patterns, reported apart. Figures only; nothing asserts on time.
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path

from bench_normalize import best_of  # the scripts run from benchmarks/, which is on sys.path

REPEAT = 10

ENGLISH = (
    "More than 60,000 medical personnel have been sent since 2016, and 1,007 top-level "
    "hospitals are paired with 1,180 county hospitals in 832 poor counties. Nearly half of the "
    "counties now offer telemedicine; one in three patients is referred upward; outpatient "
    "visits exceeded 30 million and doubled at some hospitals. Around 900 experts, two batches "
    "of 315 doctors and tens of thousands of nurses took part; 1.9 million surgeries and 3,700 "
    "key specialties were added on 12 March 2019 (call 010-65363056). "
)


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    from aidcheck.model.units import builtin_units
    from aidcheck.numbers import find_figures

    builtin_units().patterns  # noqa: B018 - read the table and compile its patterns once
    print(f"import, unit table and patterns: {1000 * (time.perf_counter() - start):.1f} ms")

    archive = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "../shared/sources"
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(archive.glob("*.txt"))]
    texts.append(("english (synthetic, x40)", ENGLISH * 40))
    total_chars = total_time = 0.0
    for name, text in texts:
        found = find_figures(text)
        words = sum(1 for f in found if f.words)
        took = best_of(partial(find_figures, text), REPEAT)
        total_chars += len(text)
        total_time += took
        print(
            f"{name:28} {len(text):7} chars {len(found):4} figures ({words:3} in words) "
            f"{1000 * took:7.2f} ms  {len(text) / took / 1e6:5.2f} Mchar/s"
        )
    print(f"total {int(total_chars)} chars in {1000 * total_time:.1f} ms")

    claims = Path(__file__).parents[1] / "claims"
    if claims.is_dir():
        import yaml

        quotes = [
            c["quote"]
            for p in sorted(claims.rglob("*.yaml"))
            for c in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("claims", [])
            if isinstance(c, dict) and isinstance(c.get("quote"), str)
        ]
        took = best_of(lambda: [find_figures(q) for q in quotes], REPEAT)
        print(f"{len(quotes)} bundled quotes: {1e6 * took / max(1, len(quotes)):.1f} µs per quote")


if __name__ == "__main__":
    main(sys.argv)
