"""benchmarks/corpus.py, the synthetic repository the benchmark runs on: reproducible from its
seed (its planted findings are checked by tests/test_cache.py and by the benchmark itself)."""

from __future__ import annotations

from pathlib import Path

from tests.test_cache import _corpus


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_one_seed_writes_the_same_repository_and_another_seed_another(tmp_path: Path) -> None:
    corpus = _corpus()
    first, again, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    planted = corpus.generate(first, 120, seed=11)
    assert corpus.generate(again, 120, seed=11) == planted
    assert _tree(first) == _tree(again)
    corpus.generate(other, 120, seed=12)
    assert _tree(other) != _tree(first)
    codes = {code for code, _ in planted}
    assert {"A201", "R301", "X401", "T501", "P601", "C103", "C105", "S001"} <= codes
