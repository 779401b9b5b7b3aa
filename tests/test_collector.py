"""The collector is paused during a run (aidcheck/collector.py), so whatever a run leaves in a
reference cycle stays in memory until the run ends: a run must leave none."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidcheck import collector
from aidcheck.verify import VerifyOptions, verify

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


def test_a_run_leaves_no_reference_cycles_of_its_own(saved_garbage: list[object]) -> None:
    verify(VerifyOptions(cwd=ROOT, environ={}))  # loads, checks and analyses the snapshots
    with collector.paused():
        outcome = verify(VerifyOptions(cwd=ROOT, environ={}))
        assert outcome.report.summary.checks_run
        gc.collect()
    ours = [o for o in saved_garbage if type(o).__module__.startswith("aidcheck")]
    assert ours == []
    assert len(saved_garbage) < 100, sorted({type(o).__name__ for o in saved_garbage})


def test_the_collector_is_paused_during_a_run_and_restored_after() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
