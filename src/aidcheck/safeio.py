"""Reading input files without being led astray: regular files only, within a size budget.

Every file aidcheck reads from a claim repository or an archive (claim files, the project
configuration, baselines, snapshots) goes through `read_regular`: it opens without blocking and
without following a final symbolic link, checks on the open descriptor that the file is a
regular file (not a FIFO, a device such as /dev/zero, a socket or a folder) and reads at most the
budget plus one byte, so that neither a hanging FIFO nor an endless device can stall a run.
`inside` says whether a path, with every link resolved, stays below one of a set of roots.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_FLAGS |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafeFile(OSError):
    """A file that may not be read; `reason` says why in words for the user."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file `path` (UnsafeFile if it is not one, is a link, or holds
    more than `max_bytes`; OSError if it cannot be opened)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeFile("it is a symbolic link; aidcheck does not follow it here") from None
        raise exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"it is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise UnsafeFile(f"it holds {info.st_size} bytes, over the limit", too_large=True)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise UnsafeFile(f"it holds more than {max_bytes} bytes", too_large=True)
        return data
    finally:
        os.close(fd)


def resolved(path: Path) -> Path | None:
    """`path` with every link resolved, or None for a dangling or looping link."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the resolved `path` lies below (or is) one of the resolved `roots`."""
    real = resolved(path)
    return real is not None and any(real.is_relative_to(root) for root in roots)
