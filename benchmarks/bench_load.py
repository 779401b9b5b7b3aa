"""Benchmark: start-up and loading a large synthetic claim repository.

Run: python benchmarks/bench_load.py [N ...]   (default 1000 10000)
Prints the time to start the CLI, to parse the YAML (C loader, with positions) and to validate
the models, per claim count. Figures only; nothing here asserts on time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aidcheck import rules
from aidcheck.loader.repository import load_repository

REGISTRY = """\
metrics:
  - {id: county_hospitals_paired, name_zh: 县级医院, name_en: County hospitals,
     dimension: institutions, nature: stock, additive: true}
regions:
  - {code: CN, name_zh: 全国, name_en: China, level: country}
"""

FIGURES = ["1180家", "超过400家", "400余家", "近500家", "9.32万家", "约900家", "至少1家"]


def write_repository(root: Path, claims: int, per_file: int = 100) -> None:
    (root / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    for start in range(0, claims, per_file):
        lines = [
            "source:",
            f"  id: source-{start}",
            "  publisher: 新华网",
            "  title: 标题",
            "  published: 2019-02-14",
            "claims:",
        ]
        for i in range(start, min(start + per_file, claims)):
            figure = FIGURES[i % len(FIGURES)]
            lines += [
                f"  - id: claim-{i}",
                "    metric: county_hospitals_paired",
                f"    figure: {figure}",
                "    scope: {region: CN}",
                "    period: {as_of: 2018-12-31}",
                f"    quote: 已有{figure}贫困县医院成为二级甲等医院",
            ]
        (root / f"source-{start}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def startup() -> float:
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "aidcheck", "--version"], check=True, capture_output=True
        )
        best = min(best, time.perf_counter() - began)
    return best


def main(sizes: list[int]) -> None:
    print(f"start-up (python -m aidcheck --version, best of 5): {startup() * 1000:.0f} ms")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_repository(root, n)
            began = time.perf_counter()
            result = load_repository(root, [root], rules.names())
            took = time.perf_counter() - began
            assert result.ok, result.problems[:3]
            print(f"load {n:>7} claims: {took:7.2f} s  ({took / n * 1e6:6.0f} µs per claim)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
