"""Finding the evidence archive and reading snapshots from it without leaving it.

The archive is the user's folder of snapshots. It is found, first match wins, from the
`--archive DIR` option, the `AIDCHECK_ARCHIVE` environment variable (both relative to the
current directory), or the `archive` key of the project configuration (relative to the file
that states it). A snapshot's file name is a plain relative name: absolute paths, `..` parts,
hidden parts (`.git/config`) and symbolic links that lead outside the archive are refused.

The archive's **index** says which files are snapshots: `index.tsv` (written by `sources add`
and `init`), `SHA256SUMS` (the output of `sha256sum`), or, for archives that predate both, the
`sha256sum`-style lines of its `README.md`. A file the index does not list is never opened, so
an archive setting that points at `/` or `/proc/self` reads nothing, and only a regular file
within the snapshot size limit is read (docs/security.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath, PureWindowsPath

from aidcheck.config import Project
from aidcheck.limits import Limits
from aidcheck.safeio import UnsafeFile, read_regular

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
    UNLISTED = "unlisted"


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
    if any(part.startswith(".") and part != "." for part in parts):
        return "the file name has a hidden part (starting with '.'), which is never a snapshot"
    return None


INDEX_TSV = "index.tsv"
INDEX_FILES = (INDEX_TSV, "SHA256SUMS", "README.md")
_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *]?(\S.*?)\s*$")
UNLISTED_REASON = (
    "the archive's index does not list it, so it is not opened; record it with `aidcheck "
    "sources add`, or add its line (`<sha256>  <file>`) to the archive's SHA256SUMS"
)


def _key(name: str) -> str:
    return name.replace("\\", "/").removeprefix("./")


def read_index(root: Path, limits: Limits) -> dict[str, str]:
    """The snapshots the archive's index files list: file name → sha256 (lower case)."""
    listed: dict[str, str] = {}
    for name in INDEX_FILES:
        try:
            text = read_regular(root / name, limits.snapshot_bytes).decode("utf-8", "replace")
        except OSError:  # absent, a link, not a regular file, too large: lists nothing
            continue
        for line in text.splitlines():
            if name == INDEX_TSV:
                fields = line.split("\t")
                if len(fields) >= 2 and re.fullmatch(r"[0-9a-fA-F]{64}", fields[1]):
                    listed.setdefault(_key(fields[0]), fields[1].lower())
            elif (found := _SUM_LINE.match(line)) is not None:
                listed.setdefault(_key(found.group(2)), found.group(1).lower())
    return listed


class Archive:
    def __init__(self, root: Path, limits: Limits | None = None) -> None:
        self.root = root
        self.limits = limits or Limits()
        self._resolved = root.resolve()
        self._index: dict[str, str] | None = None

    @property
    def index(self) -> dict[str, str]:
        if self._index is None:
            self._index = read_index(self.root, self.limits)
        return self._index

    def lookup(self, name: str) -> Lookup:
        reason = unsafe_reason(name)
        if reason is not None:
            return Lookup(LookupStatus.UNSAFE, reason=reason)
        if _key(name) not in self.index:
            return Lookup(LookupStatus.UNLISTED, reason=UNLISTED_REASON)
        candidate = self.root / name
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop
            return Lookup(LookupStatus.UNSAFE, reason=f"the file name cannot be resolved: {exc}")
        if not resolved.is_relative_to(self._resolved):
            return Lookup(
                LookupStatus.UNSAFE, reason="the file is a link that leads outside the archive"
            )
        if not resolved.exists():
            return Lookup(LookupStatus.MISSING, candidate, "no such file in the archive")
        return Lookup(LookupStatus.FOUND, resolved)

    def read(self, lookup: Lookup) -> bytes:
        """The snapshot's bytes (UnsafeFile when it is not a regular file within the limit)."""
        assert lookup.status is LookupStatus.FOUND and lookup.path is not None
        try:
            return read_regular(lookup.path, self.limits.snapshot_bytes)
        except UnsafeFile as exc:
            if exc.too_large:
                raise UnsafeFile(f"{exc.reason}; {self.limits.hint('snapshot_bytes')}") from None
            raise

    def fingerprint(self, name: str) -> str:
        """What the archive gives for the snapshot `name` now: its sha256, or why it gives
        nothing (a stored report is reused only if this is unchanged: aidcheck.runcache)."""
        lookup = self.lookup(name)
        if lookup.status is not LookupStatus.FOUND:
            return f"{lookup.status.value}:{lookup.reason}"
        try:
            return "found:" + sha256_of(self.read(lookup))
        except OSError as exc:
            return f"unreadable:{exc}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
