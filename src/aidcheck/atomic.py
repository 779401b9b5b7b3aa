"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder and
    `os.replace`, which is atomic on one file system. The new file gets the permissions an
    ordinary `open()` would give it, not the temporary file's 0600.
    """
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode(path))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def create(path: Path, data: bytes) -> None:
    """Write a new file at `path`, all at once, and never over an existing one.

    The bytes go to a temporary file in the same folder, which is then hard-linked to `path`:
    the link fails with FileExistsError when `path` exists (even if it appeared a moment ago),
    and a reader never sees a half-written file. Where the file system has no hard links, the
    file is opened with O_EXCL instead (still no clobbering, but not all-at-once).
    """
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode(path))
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            with open(path, "xb") as out:
                out.write(data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
