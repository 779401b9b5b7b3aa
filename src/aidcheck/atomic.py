"""Writing a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from aidcheck.safeio import kind_of

_STREAMS = {"-": "stdout", "/dev/stdout": "stdout", "/dev/stderr": "stderr"}


class UnsafeTarget(OSError):
    """A path that aidcheck will not write to (a symbolic link, a folder, a socket)."""


def write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` so that nothing is destroyed on the way.

    - `-` is standard output.
    - A regular file (or a new one) is written through a temporary file in the same folder and
      `os.replace`, which is atomic on one file system; the new file gets the permissions an
      ordinary `open()` would give it. The temporary file is anonymous where the system allows
      (Linux `O_TMPFILE`), so even SIGKILL leaves nothing behind, and it is removed on SIGTERM.
    - A character device (/dev/null, /dev/stdout) or a FIFO with a reader is written through,
      never replaced by a regular file.
    - A symbolic link, a folder, a socket or a FIFO nobody reads is refused (UnsafeTarget):
      a link in a checked-out pull request must not redirect a report over another file.
    """
    stream = _STREAMS.get(str(path))
    if stream is not None:
        out = getattr(sys, stream)
        out.write(text)
        out.flush()
        return
    data = text.encode("utf-8")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(path, info.st_mode, data)
        return
    with _removed_on_sigterm() as temps:
        _replace(path, data, temps)


def _write_through(path: Path, mode: int, data: bytes) -> None:
    if stat.S_ISLNK(mode):
        with contextlib.suppress(OSError):
            mode = os.stat(path).st_mode  # a link to a device or a FIFO is written through
    if stat.S_ISLNK(mode) or stat.S_ISREG(mode):
        raise UnsafeTarget(
            errno.ELOOP,
            "it is a symbolic link, which aidcheck neither follows nor replaces; name the file "
            "it points to",
        )
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise UnsafeTarget(errno.EISDIR, f"it is {kind_of(mode)}; name a regular file")
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISFIFO(mode):
        flags |= os.O_NONBLOCK
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UnsafeTarget(errno.ENXIO, "it is a FIFO that no process reads") from None
        raise
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes, temps: list[str]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode(path)
    fd, temp = _anonymous(folder, mode)
    if fd is None:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        temps.append(temp)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        os.fchmod(fd, mode)
        if temp is None:  # anonymous: give it a name only now that it is complete
            named = str(folder / f".{path.name}.{os.urandom(6).hex()}.tmp")
            try:
                os.link(f"/proc/self/fd/{fd}", named, follow_symlinks=True)
            except OSError:  # the system will not name it: write a named one instead
                os.close(fd)
                fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
                temps.append(temp)
                _write_all(fd, data)
                os.fsync(fd)
                os.fchmod(fd, mode)
            else:
                temp = named
                temps.append(temp)
    finally:
        os.close(fd)
    os.replace(temp, path)
    temps.remove(temp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _anonymous(folder: Path, mode: int) -> tuple[int | None, str | None]:
    """An unnamed file in `folder` (Linux O_TMPFILE), or (None, None) where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None, None
    try:
        return os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), mode), None
    except OSError:
        return None, None


@contextlib.contextmanager
def _removed_on_sigterm() -> Iterator[list[str]]:
    """The names of temporary files being written; removed when the block fails, or when the
    process gets SIGTERM meanwhile (the signal then ends the process as it would have)."""
    temps: list[str] = []

    def cleanup() -> None:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        temps.clear()

    previous: Any = None
    main = threading.current_thread() is threading.main_thread()
    if main:

        def on_sigterm(signum: int, frame: FrameType | None) -> None:
            cleanup()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)

        previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield temps
    except BaseException:
        cleanup()
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


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
    with _removed_on_sigterm() as temps:
        _create(path, data, temps)


def _create(path: Path, data: bytes, temps: list[str]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temps.append(temp)
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
        temps.remove(temp)
