"""Atomic writes: whole files only, ordinary permissions, nothing left behind on failure."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aidcheck import atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    atomic.write_text(target, "一\n")
    atomic.write_text(target, "二\n")
    assert target.read_text(encoding="utf-8") == "二\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_new_file_gets_umask_permissions_and_old_file_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        atomic.write_text(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("x", encoding="utf-8")
        kept.chmod(0o600)
        atomic.write_text(kept, "y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_failure_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_create_writes_a_new_file_and_refuses_an_existing_one(tmp_path: Path) -> None:
    from aidcheck.atomic import create

    target = tmp_path / "new.txt"
    create(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        create(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt"]  # no temporary file left


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private character device (1, minor: 3 is null, 7 is full), or skip."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError):
        pytest.skip("cannot create a character device here (not root)")
    return path


def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    null = _device(tmp_path, "null", 3)
    atomic.write_text(null, "report\n")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    full = _device(tmp_path, "full", 7)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_text(full, "report\n")
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]


def test_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "bashrc"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "aidcheck.sarif"
    link.symlink_to(target)
    with pytest.raises(atomic.UnsafeTarget, match="symbolic link"):
        atomic.write_text(link, "report")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"


def test_a_fifo_without_a_reader_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(atomic.UnsafeTarget, match="FIFO"):
        atomic.write_text(fifo, "report")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_with_a_reader_gets_the_report(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic.write_text(fifo, "report")
        assert os.read(reader, 100) == b"report"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dash_and_dev_stdout_are_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    atomic.write_text(Path("-"), "one\n")
    atomic.write_text(Path("/dev/stdout"), "two\n")
    assert capsys.readouterr().out == "one\ntwo\n"


@pytest.mark.parametrize(
    ("anonymous", "call"), [(True, "write"), (False, "write"), (False, "create")]
)
def test_sigterm_during_a_write_leaves_no_temporary_file(
    tmp_path: Path, anonymous: bool, call: str
) -> None:
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from aidcheck import atomic\n"
        + ("" if anonymous else "atomic._anonymous = lambda folder, mode: (None, None)\n")
        + "def slow(fd):\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
        "os.fsync = slow\n"
        + (
            "atomic.write_text(Path(sys.argv[1]), 'x' * 1000)\n"
            if call == "write"
            else "atomic.create(Path(sys.argv[1]), b'x' * 1000)\n"
        )
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "report.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline() == "writing\n", child.stderr.read()
    child.send_signal(signal.SIGTERM)
    code = child.wait(timeout=120)
    assert code == -signal.SIGTERM, child.stderr.read()
    assert list(tmp_path.iterdir()) == []
