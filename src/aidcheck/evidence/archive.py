"""Finding the evidence archive and reading snapshots from it without leaving it.

The archive is the user's folder of snapshots. It is found, first match wins, from the
`--archive DIR` option, the `AIDCHECK_ARCHIVE` environment variable (both relative to the
current directory), or the `archive` key of the project configuration (relative to the file
that states it). A snapshot's file name is a plain relative name: absolute paths, `..` parts
and symbolic links that lead outside the archive are refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath, PureWindowsPath

from aidcheck.config import Project

ENV_VAR = "AIDCHECK_ARCHIVE"
ENABLE_HINT = (
    f'pass --archive DIR, set {ENV_VAR}=DIR, or add archive = "DIR" to aidcheck.toml '
    "(or [tool.aidcheck] in pyproject.toml)"
)


@dataclass(frozen=True)
class ArchiveLocation:
    """Where the archive was looked for, and by which setting."""

    path: Path | None
    setting: str  # "--archive", "AIDCHECK_ARCHIVE", "archive in <config file>", or ""

    @property
    def exists(self) -> bool:
        try:
            return self.path is not None and self.path.is_dir()
        except OSError:  # a name longer than a path may be
            return False


def locate_archive(
    option: Path | None, environ: Mapping[str, str], project: Project, cwd: Path
) -> ArchiveLocation:
    if option is not None:
        return ArchiveLocation(cwd / option, "--archive")
    env = environ.get(ENV_VAR, "").strip()
    if env:
        return ArchiveLocation(cwd / env, ENV_VAR)
    configured = project.archive_path()
    if configured is not None:
        name = project.config_file.name if project.config_file else "the project configuration"
        return ArchiveLocation(configured, f"archive in {name}")
    return ArchiveLocation(None, "")


class LookupStatus(StrEnum):
    FOUND = "found"
    MISSING = "missing"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Lookup:
    status: LookupStatus
    path: Path | None = None
    reason: str = ""


def unsafe_reason(name: str) -> str | None:
    """Why a snapshot file name may not be used, or None when it is a plain relative name."""
    if not name or "\x00" in name:
        return "the file name is empty or holds a NUL character"
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or (PureWindowsPath(name).drive)
    ):
        return "the file name is an absolute path"
    if name.startswith(("/", "\\")):
        return "the file name is an absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "the file name climbs out with '..'"
    return None


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved = root.resolve()

    def lookup(self, name: str) -> Lookup:
        reason = unsafe_reason(name)
        if reason is not None:
            return Lookup(LookupStatus.UNSAFE, reason=reason)
        candidate = self.root / name
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop
            return Lookup(LookupStatus.UNSAFE, reason=f"the file name cannot be resolved: {exc}")
        if not resolved.is_relative_to(self._resolved):
            return Lookup(
                LookupStatus.UNSAFE, reason="the file is a link that leads outside the archive"
            )
        if not resolved.is_file():
            return Lookup(LookupStatus.MISSING, candidate, "no such file in the archive")
        return Lookup(LookupStatus.FOUND, resolved)

    def read(self, lookup: Lookup) -> bytes:
        assert lookup.status is LookupStatus.FOUND and lookup.path is not None
        return lookup.path.read_bytes()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
