"""workers: work split over forked children gives the serial result, in order, or fails whole."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidcheck import workers
from aidcheck.workers import JobsError, WorkerError, map_shards, parse_jobs, shards

forking = pytest.mark.skipif(not workers.can_fork(), reason="workers fork only on Linux")


def squares(items: Sequence[int]) -> list[int]:
    return [i * i for i in items]


def pids(items: Sequence[int]) -> list[int]:
    return [os.getpid() for _ in items]


@given(st.lists(st.integers(), max_size=60), st.integers(min_value=1, max_value=8))
@settings(max_examples=40, deadline=None)
def test_shards_cover_the_items_in_order_and_near_equally(items: list[int], count: int) -> None:
    parts = shards(items, count)
    assert [i for part in parts for i in part] == items
    if items:
        sizes = [len(p) for p in parts]
        assert min(sizes) >= 1 and max(sizes) - min(sizes) <= 1
        assert len(parts) == min(count, len(items))


@pytest.mark.parametrize("jobs", [1, 2, 3, 5])
def test_the_result_is_the_serial_result_in_item_order(jobs: int) -> None:
    items = list(range(101))
    assert map_shards(squares, items, jobs) == squares(items)


@forking
def test_shards_run_in_other_processes() -> None:
    seen = map_shards(pids, list(range(40)), 4)
    assert len(seen) == 40
    assert seen[0] == os.getpid()
    assert len(set(seen)) == 4


@forking
def test_few_items_stay_in_this_process() -> None:
    assert set(map_shards(pids, list(range(10)), 4, min_per_job=10)) == {os.getpid()}
    assert len(set(map_shards(pids, list(range(20)), 4, min_per_job=10))) == 2


def fails_in_a_child(items: Sequence[int]) -> list[int]:
    if items[0] != 0:
        raise ValueError(f"item {items[0]} is bad")
    return list(items)


def dies_in_a_child(items: Sequence[int]) -> list[int]:
    if items[0] != 0:
        os._exit(9)
    return list(items)


@forking
def test_a_child_that_raises_fails_the_call_with_its_traceback() -> None:
    with pytest.raises(WorkerError, match="ValueError: item 5 is bad"):
        map_shards(fails_in_a_child, list(range(10)), 2)


@forking
def test_a_child_that_dies_fails_the_call() -> None:
    with pytest.raises(WorkerError, match="ended without a result"):
        map_shards(dies_in_a_child, list(range(10)), 2)


def test_an_error_in_this_process_is_raised_after_the_children_are_reaped() -> None:
    def fails_here(items: Sequence[int]) -> list[int]:
        if items[0] == 0:
            raise KeyError("here")
        return list(items)

    with pytest.raises(KeyError):
        map_shards(fails_here, list(range(10)), 3)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child is left behind


@pytest.mark.parametrize(
    ("value", "environ", "expected"),
    [
        ("1", {}, 1),
        (" 3 ", {}, 3),
        (4, {}, 4),
        (None, {"AIDCHECK_JOBS": "2"}, 2),
        ("1000", {}, workers.MAX_JOBS),
    ],
)
def test_jobs_are_read_from_the_option_then_the_environment(
    value: str | int | None, environ: dict[str, str], expected: int
) -> None:
    assert parse_jobs(value, environ) == expected


def test_auto_is_one_job_per_usable_core() -> None:
    assert parse_jobs("auto", {}) == min(workers.usable_cpus(), workers.MAX_JOBS)
    assert parse_jobs(None, {}) == parse_jobs("AUTO", {})


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "", "٣", 0])
def test_a_bad_jobs_value_is_an_error_that_says_what_is_allowed(value: str | int) -> None:
    with pytest.raises(JobsError, match="`auto` or a whole number from 1 up"):
        parse_jobs(value, {})


# A whole run: the report is the same whatever the number of processes.


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_cache import _corpus

    root = tmp_path_factory.mktemp("jobs") / "repo"
    _corpus().generate(root, 160, seed=5)
    return root


def _report(root: Path, jobs: int, cache: bool = False, limits: str = "") -> str:
    from aidcheck.render import Format, RenderOptions, render
    from aidcheck.verify import VerifyOptions, verify

    environ = {"AIDCHECK_LIMITS": limits} if limits else {}
    outcome = verify(VerifyOptions(cwd=root, environ=environ, cache=cache, jobs=jobs))
    text = render(outcome.report, Format.JSON, RenderOptions(color=False, width=100))
    assert isinstance(text, str)
    return text


@forking
@pytest.mark.usefixtures("small_shards")
@pytest.mark.parametrize("jobs", [2, 3])
def test_a_run_in_several_processes_reports_what_a_serial_run_does(
    corpus: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aidcheck import engine

    serial = _report(corpus, 1)
    assert '"C103"' in serial and '"C105"' in serial  # quotes not found, figures not stated
    shared: list[int] = []

    def spy(function: Any, items: Sequence[Any], jobs: int, **options: int) -> list[Any]:
        shared.append(len(items))
        return map_shards(function, items, jobs, **options)

    monkeypatch.setattr(engine, "map_shards", spy)
    assert _report(corpus, jobs) == serial
    assert shared and shared[0] > 10  # the rules were dealt out


@pytest.fixture
def copy(corpus: Path, tmp_path: Path) -> Path:
    """A copy of the corpus that a test may change."""
    root = tmp_path / "repo"
    shutil.copytree(corpus, root)
    return root


@forking
@pytest.mark.usefixtures("small_shards")
def test_the_closest_passage_budget_is_spent_in_claim_order_as_in_a_serial_run(
    copy: Path,
) -> None:
    root = copy
    for path in sorted((root / "claims" / "sources").glob("*.yaml"))[:10]:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith("    quote: "))
        lines[at] = lines[at].replace("年底，", "年底时，", 1)  # close, but not in the snapshot
        path.write_text("".join(lines), encoding="utf-8")
    roomy, tight = _report(root, 1), _report(root, 1, limits="closest_chars=600")
    assert tight != roomy  # the budget ran out before the last quote that is not found
    assert _report(root, 2, limits="closest_chars=600") == tight
    assert _report(root, 3) == roomy


@forking
@pytest.mark.usefixtures("small_shards")
def test_work_from_several_processes_is_cached_as_a_serial_run_caches_it(copy: Path) -> None:
    root = copy
    serial = _report(root, 1)
    assert _report(root, 2, cache=True) == serial  # cold: made in two processes, then stored
    (root / "claims" / "extra.yaml").write_text("# a new file: the stored report is not used\n")
    edited = _report(root, 2, cache=True)  # figure checks and matches read from the cache
    assert _report(root, 1) == edited
