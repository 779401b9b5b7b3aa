"""Putting a new snapshot into the evidence archive: its name, and the archive's index.

**The naming rule.** A snapshot added by aidcheck is named `NNN_<hash>.txt`: `NNN` is one more
than the highest number already used in the archive (three digits at least, `000` in an empty
archive), and `<hash>` is the first 16 hex digits of the sha256 of the file's bytes. The number
keeps the archive in the order sources were recorded; the hash makes a name that cannot be
confused with another snapshot's. (The five bundled snapshots predate the rule: their numbers
follow it, their hex does not.)

**The index.** `index.tsv` in the archive lists every snapshot added this way, one a line:
file, sha256, source id, published, publisher, title, url; tab-separated, UTF-8, with a header.
Tabs and line breaks inside a field are written as spaces, so every record stays one line.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from pathlib import Path

from aidcheck.evidence.archive import sha256_of

SNAPSHOT_NAME = re.compile(r"^(\d{3,})_([0-9a-f]{16})\.txt$")
INDEX_NAME = "index.tsv"
INDEX_HEADER = "file\tsha256\tsource\tpublished\tpublisher\ttitle\turl\n"
HASH_DIGITS = 16


def next_number(root: Path) -> int:
    """One more than the highest `NNN` of a snapshot name in the archive; 0 when it has none."""
    numbers = [
        int(m.group(1))
        for entry in root.iterdir()
        if (m := re.match(r"^(\d{3,})_", entry.name)) is not None
    ]
    return max(numbers, default=-1) + 1


def snapshot_name(number: int, data: bytes) -> str:
    return f"{number:03d}_{sha256_of(data)[:HASH_DIGITS]}.txt"


@dataclass(frozen=True)
class IndexEntry:
    file: str
    sha256: str
    source: str
    published: str
    publisher: str
    title: str
    url: str = ""

    def line(self) -> str:
        return "\t".join(_one_line(v) for v in astuple(self)) + "\n"


def _one_line(value: str) -> str:
    return re.sub(r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", value).strip()


def index_with(root: Path, entry: IndexEntry) -> str:
    """The text of the archive's index with `entry` added at the end."""
    path = root / INDEX_NAME
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not current:
        current = INDEX_HEADER
    elif not current.endswith("\n"):
        current += "\n"
    return current + entry.line()
