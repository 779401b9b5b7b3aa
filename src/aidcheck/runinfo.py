"""What a report for people says about the run itself: when it ran, which aidcheck, which commit.

Only the renderers for people show it (the HTML page): the JSON report stays byte-stable, the
same files giving the same report on any machine and day.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class RunInfo:
    date: str  # ISO 8601, UTC, to the minute
    version: str
    commit: str | None = None  # the claim repository's git commit, when it is in one
    dirty: bool = False  # the checkout has changes the commit does not hold


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").strip()


def collect(root: Path, now: dt.datetime | None = None) -> RunInfo:
    from aidcheck import __version__

    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    commit = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    dirty = False
    if commit:
        status = _git(root, "status", "--porcelain", "--untracked-files=no", "--", ".")
        dirty = bool(status)
    return RunInfo(
        date=moment.strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        commit=commit[:12] if commit else None,
        dirty=dirty,
    )
