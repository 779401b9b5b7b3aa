"""Benchmark: the normalized view and the span scan of the snapshots in an evidence archive.

Run: python benchmarks/bench_normalize.py [ARCHIVE]   (default ../shared/sources)
Prints, per snapshot and in total, the time to build the normalized view (NFKC, pinyin removed,
t2s, white space folded, with the offset map) and the time of the whole analysis (view plus
mojibake, boilerplate and duplicate spans), then the duplicate search on three hostile shapes
(3,000 distinct, near-identical and identical lines). The first pass includes loading OpenCC;
the best of several warm passes is the steady figure. Figures only; nothing here asserts on time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from aidcheck.evidence import document
from aidcheck.evidence.normalize import normalize

REPEAT = 20


def best_of(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> None:
    archive = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "../shared/sources"
    files = sorted(archive.glob("*.txt"))
    if not files:
        sys.exit(f"no snapshots (*.txt) in {archive}")
    datas = [p.read_bytes() for p in files]
    texts = [d.decode("utf-8") for d in datas]

    start = time.perf_counter()
    for text in texts:
        normalize(text)
    cold = time.perf_counter() - start
    print(f"{len(files)} snapshots, {sum(map(len, texts))} characters, in {archive}")
    print(f"  normalize, first pass (loads OpenCC): {cold * 1000:8.2f} ms")

    def analyse_all() -> None:
        document._CACHE.clear()
        for data in datas:
            document.analyse(data)

    for path, text in zip(files, texts, strict=True):
        ms = best_of(partial(normalize, text)) * 1000
        print(f"  normalize {path.name}: {len(text):6} chars {ms:8.2f} ms")
    total = best_of(lambda: [normalize(t) for t in texts]) * 1000
    print(f"  normalize, all five (best of {REPEAT}):   {total:8.2f} ms")
    spans = best_of(analyse_all) * 1000
    print(f"  analyse (view + spans), all five:       {spans:8.2f} ms")
    hostile_duplicates()


def hostile_duplicates() -> None:
    """The duplicate search on snapshots shaped to make a naive search quadratic."""
    from aidcheck.evidence.duplicates import search_duplicates

    line = "通过聚焦健康扶贫，我国实现了所有贫困县县医院远程医疗全覆盖"
    shapes = {
        "3,000 distinct lines": "\n".join(f"{i:05d}{line[i % 7 :]}{i}" for i in range(3000)),
        "3,000 near-identical lines": "\n".join(f"{line}{i}" for i in range(3000)),
        "3,000 identical lines": "\n".join([line] * 3000),
    }
    for name, text in shapes.items():
        view = normalize(text)
        start = time.perf_counter()
        spans, work = search_duplicates(view, [])
        ms = (time.perf_counter() - start) * 1000
        print(
            f"  duplicates, {name:26} {ms:8.2f} ms"
            f" ({len(spans)} spans, {work.candidates} candidates"
            f"{', budget spent' if work.exhausted else ''})"
        )


if __name__ == "__main__":
    main(sys.argv)
