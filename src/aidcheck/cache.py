"""A cache of work that depends only on bytes: parsed claim files and analysed snapshots.

Entries live in `.aidcheck-cache/` at the project root (the folder holds a `.gitignore` of `*`,
so git ignores it without a line in yours; deleting it is always safe). Each entry is keyed by
the sha256 of the bytes it was built from, the limits it was built under, and a fingerprint of
the code that built it (aidcheck's version and the hash of its own source files, Python's,
PyYAML's and pydantic-core's versions), so an edit, an upgrade or a change to aidcheck itself
never reads an entry built from something else.

The folder is input like any other: a pull request could commit one. So an entry is trusted only
if this machine wrote it: each is signed (HMAC-SHA256) with a random key kept in the folder and
bound to that key file's inode and change time, which a checkout or a copy cannot reproduce.
Entries are JSON (never pickle: reading one runs no code), bounded in size, opened without
following links, and checked again by the reader that uses them; an entry that fails any check
is a miss, rebuilt and overwritten. `verify --no-cache` neither reads nor writes the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = ".aidcheck-cache"
FORMAT = 1
MAX_ENTRY_BYTES = 64_000_000
_KEY_FILE = "key"
_DATE = "\x00date"
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


@cache
def code_fingerprint() -> str:
    """A hash of what builds an entry: aidcheck's source files and the versions it runs on."""
    import pydantic_core
    import yaml

    from aidcheck import __version__

    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    digest.update(f"|{yaml.__version__}|{pydantic_core.__version__}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml", ".toml", ".txt") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Signed JSON entries in one folder, each named by a hash of its kind and key."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self._secret = secret
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, root: Path) -> Cache | None:
        """The cache of the project at `root`, created if need be; None when the folder cannot
        be used (not a real folder, not writable): the run then works without a cache."""
        folder = root / FOLDER
        try:
            if not folder.exists() and not folder.is_symlink():
                folder.mkdir()
                (folder / ".gitignore").write_text(
                    "# aidcheck's cache (docs/performance.md): safe to delete\n*\n",
                    encoding="utf-8",
                )
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode):
                return None
            return cls(folder, _secret(folder / _KEY_FILE))
        except OSError:
            return None

    def _name(self, kind: str, key: str) -> str:
        ident = hashlib.sha256(f"{code_fingerprint()}|{kind}|{key}".encode()).hexdigest()
        return f"{kind}-{ident[:40]}.json"

    def _sign(self, name: str, body: bytes) -> bytes:
        return hmac.new(self._secret, name.encode() + b"\0" + body, hashlib.sha256).digest()

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored for (kind, key), or None when there is none that can be trusted."""
        name = self._name(kind, key)
        self.used.add(name)
        try:
            raw = _read_regular(self.folder / name)
            signature, body = bytes.fromhex(raw[:64].decode("ascii")), raw[65:]
            if raw[64:65] != b"\n" or not hmac.compare_digest(signature, self._sign(name, body)):
                raise ValueError("bad signature")
            entry = json.loads(body, object_hook=_decode_object)
            if not isinstance(entry, dict) or entry.get("kind") != kind or entry.get("key") != key:
                raise ValueError("not this entry")
        except (OSError, ValueError, RecursionError, UnicodeDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return entry.get("value")

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store `value` (JSON data; dates allowed). Best effort: a full disk is not an error."""
        name = self._name(kind, key)
        self.used.add(name)
        try:
            body = json.dumps(
                {"kind": kind, "key": key, "value": value},
                ensure_ascii=False,
                separators=(",", ":"),
                default=_encode_object,
            ).encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return
        if len(body) > MAX_ENTRY_BYTES:
            return
        data = self._sign(name, body).hex().encode("ascii") + b"\n" + body
        temporary = self.folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _nofollow(), 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, self.folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()

    def prune(self, keep_factor: int = 4) -> int:
        """Delete entries this run did not use, once they outnumber the used ones `keep_factor`
        to one (so the folder does not grow with every edit); return how many were deleted."""
        try:
            names = [e.name for e in os.scandir(self.folder) if e.name.endswith(".json")]
        except OSError:
            return 0
        unused = [n for n in names if n not in self.used]
        if len(unused) <= keep_factor * max(len(self.used), 25):
            return 0
        deleted = 0
        for name in unused:
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()
                deleted += 1
        return deleted


def _nofollow() -> int:
    return getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def _read_regular(path: Path) -> bytes:
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES + 65:
            raise ValueError("not a cache entry")
        return handle.read(MAX_ENTRY_BYTES + 66)


def _secret(path: Path) -> bytes:
    """The signing key: random bytes in the folder, bound to the key file's identity."""
    try:
        raw = _read_regular(path)
    except FileNotFoundError:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _nofollow(), 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
        raw = _read_regular(path)
    except ValueError as exc:
        raise OSError(str(exc)) from None
    info = os.stat(path, follow_symlinks=False)
    return raw + f"|{info.st_dev}|{info.st_ino}|{info.st_ctime_ns}".encode()


def _encode_object(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {_DATE: value.isoformat()}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode_object(value: dict[str, Any]) -> Any:
    if len(value) == 1 and _DATE in value:
        text = value[_DATE]
        if not isinstance(text, str):
            raise ValueError("bad date")
        return dt.date.fromisoformat(text)
    return value
