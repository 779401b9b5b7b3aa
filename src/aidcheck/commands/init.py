"""`aidcheck init [DIR]`: a new claim repository that verifies cleanly from the first minute.

It writes a configuration file, starter registries (metrics, regions, programmes, units), an
evidence archive with its index, and one example source whose claim cites an example snapshot.
Nothing that exists is overwritten: when any file it would write is already there, it writes
nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from aidcheck.atomic import create
from aidcheck.evidence.archive import sha256_of
from aidcheck.evidence.intake import INDEX_NAME, IndexEntry, index_with, snapshot_name
from aidcheck.verify import EXIT_INPUT

EXAMPLE_ID = "example-2019-02-14"


@dataclass(frozen=True)
class Planned:
    path: Path  # relative to the new repository
    data: bytes


def _starter(name: str) -> bytes:
    return resources.files("aidcheck").joinpath("starter", name).read_bytes()


def plan(target: Path) -> list[Planned]:
    """Every file `init` writes under `target`, with its content."""
    snapshot = _starter("example-snapshot.txt")
    name = snapshot_name(0, snapshot)
    digest = sha256_of(snapshot)
    source = _starter("example-source.yaml").decode("utf-8").format(file=name, sha256=digest)
    entry = IndexEntry(
        file=name,
        sha256=digest,
        source=EXAMPLE_ID,
        published="2019-02-14",
        publisher="示例 (example)",
        title="示例报道",
    )
    archive = target / "archive"
    files = [
        Planned(Path("aidcheck.toml"), _starter("aidcheck.toml")),
        Planned(Path("claims/registry/metrics.yaml"), _starter("metrics.yaml")),
        Planned(Path("claims/registry/regions.yaml"), _starter("regions.yaml")),
        Planned(Path("claims/registry/programmes.yaml"), _starter("programmes.yaml")),
        Planned(Path("claims/registry/units.yaml"), _starter("units.yaml")),
        Planned(Path(f"claims/sources/{EXAMPLE_ID}.yaml"), source.encode("utf-8")),
        Planned(Path("archive") / name, snapshot),
        Planned(Path("archive") / INDEX_NAME, index_with(archive, entry).encode("utf-8")),
    ]
    return files


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def run(target: Path, color: bool) -> int:
    from aidcheck.render.workflow import render_init, visible

    if target.exists() and not target.is_dir():
        print(
            f"aidcheck: error: {visible(str(target))} is a file; name a folder to create the "
            "repository in",
            file=sys.stderr,
        )
        return EXIT_INPUT
    files = plan(target)
    existing = [
        f.path for f in files if (target / f.path).exists() or (target / f.path).is_symlink()
    ]
    if existing:
        listed = ", ".join(visible(str(target / p)) for p in existing)
        print(
            f"aidcheck: error: not creating a repository in {visible(str(target))}: {listed} "
            "already exist; init never overwrites, so choose an empty folder or move them away",
            file=sys.stderr,
        )
        return EXIT_INPUT
    written: list[Path] = []
    try:
        for f in files:
            path = target / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            create(path, f.data)
            written.append(f.path)
    except OSError as exc:
        print(
            f"aidcheck: error: cannot write {visible(str(exc.filename or target))}: "
            f"{exc.strerror}; check the folder's permissions (written so far: "
            f"{', '.join(str(p) for p in written) or 'nothing'})",
            file=sys.stderr,
        )
        return EXIT_INPUT
    print(render_init(target, written, color), end="")
    return 0
