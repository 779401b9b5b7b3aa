"""Work split over the machine's cores: contiguous shards, one in this process, each other one
in a forked child, results back in order.

A cold run of a large repository spends most of its time on work that is independent from one
claim (or one file, or one snapshot) to the next: reading the figures each quote states,
finding each quote in its snapshot. `map_shards` runs such work on every core the process may
use. It forks, so a child starts with everything the parent has loaded (the repository, the
archive, the imported modules) and nothing is sent to it; only its results come back, pickled
through a pipe. The results are the same as a serial run's, in the same order, because each
item's result depends on the item alone.

It runs serially when one job is asked for, when there are too few items to be worth a child,
or where `fork` is not the safe way to start a process (anywhere but Linux). A child that fails
makes the whole call fail with `WorkerError`; nothing is retried and nothing is half-merged.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_JOBS = 32
"""At most this many processes for one call, whatever is asked for."""

JOBS_ENV = "AIDCHECK_JOBS"


class WorkerError(RuntimeError):
    """A child process failed: its exception, or how it ended."""


class JobsError(ValueError):
    """A --jobs or AIDCHECK_JOBS value that is neither `auto` nor a whole number from 1 up."""


def usable_cpus() -> int:
    """The cores this process may run on (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parse_jobs(value: str | int | None, environ: Mapping[str, str]) -> int:
    """How many processes to use: `value` (from --jobs), else AIDCHECK_JOBS, else `auto` (one
    per usable core); capped at MAX_JOBS."""
    if value is None:
        value = environ.get(JOBS_ENV, "auto")
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "auto":
            return min(usable_cpus(), MAX_JOBS)
        if not text.isdigit() or not text.isascii():
            raise JobsError(f"jobs must be `auto` or a whole number from 1 up, not {value!r}")
        value = int(text)
    if value < 1:
        raise JobsError(f"jobs must be `auto` or a whole number from 1 up, not {value}")
    return min(value, MAX_JOBS)


def can_fork() -> bool:
    """Forking a loaded process is safe on Linux; macOS and Windows are served serially."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def shards(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` cut into `count` contiguous runs of near-equal length (none empty)."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def map_shards(
    function: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    jobs: int,
    *,
    min_per_job: int = 1,
) -> list[R]:
    """`function` over `items`, in up to `jobs` processes, each given a contiguous shard of at
    least `min_per_job` items; the shards' results concatenated in item order. `function` must
    return one result per item it is given, depend on nothing but its items and what the process
    had before the call, and return values that pickle."""
    count = min(jobs, len(items) // max(1, min_per_job))
    if count < 2 or not can_fork():
        return function(items)
    parts = shards(items, count)
    children = [_start(function, part) for part in parts[1:]]
    try:
        results = function(parts[0])
    except BaseException:
        for pid, reader in children:
            _reap(pid, reader)
        raise
    failure: str | None = None
    for pid, reader in children:
        received = _collect(pid, reader)
        if isinstance(received, str):
            failure = failure or received
        elif failure is None:
            results.extend(received)
    if failure is not None:
        raise WorkerError(failure)
    return results


def _start(function: Callable[[Sequence[T]], list[R]], part: Sequence[T]) -> tuple[int, Any]:
    import pickle

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, write, and leave without running the parent's exit handlers
        code = 0
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps((True, function(part)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps((False, traceback.format_exc()))
                code = 1
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 2
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _collect(pid: int, reader: Any) -> list[Any] | str:
    """A child's results, or the words for how it failed."""
    import pickle

    with reader:
        data = reader.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return f"a worker process ended without a result (wait status {status})"
    try:
        ok, value = pickle.loads(data)
    except Exception as exc:  # a child that died mid-write
        return f"a worker process sent a broken result ({exc}; wait status {status})"
    if not ok:
        return f"a worker process failed:\n{value}"
    return list(value)


def _reap(pid: int, reader: Any) -> None:
    with reader:
        reader.read()
    os.waitpid(pid, 0)
