"""Listing a run's claim files: what `verify` reads, and what it keys a stored report by.

Kept apart from the loader so that a run whose report the cache holds lists and hashes its
claim files without importing the YAML reader or the models.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aidcheck.codes import InputCode
from aidcheck.findings import Location, Problem
from aidcheck.limits import Limits
from aidcheck.safeio import kind_of, resolved

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """An input problem, with the code of the load rule it belongs to."""

    code: InputCode
    problem: Problem


def collect_files(
    paths: Iterable[Path], roots: Sequence[Path], limits: Limits, root: Path | None = None
) -> tuple[list[Path], list[LoadProblem]]:
    """Every YAML file named or below a named folder, in a stable order, and a problem for each
    entry that could not be taken: a folder that cannot be listed, a FIFO or device with a
    YAML name, a link that dangles, loops, leads to a folder or out of `roots`. Nothing is
    skipped without a word, and nothing outside `roots` (resolved) is ever listed."""
    found: list[Path] = []
    problems: list[LoadProblem] = []

    def problem(path: Path, message: str, code: InputCode = InputCode.YAML_SYNTAX) -> None:
        problems.append(LoadProblem(code, Problem(message=message, locations=[_at(path, root)])))

    def take_link(path: Path, named: bool) -> None:
        target = resolved(path)
        if target is None:
            problem(path, "the link leads nowhere (it dangles or loops); remove it or fix it")
        elif not any(target.is_relative_to(root) for root in roots):
            problem(
                path,
                "the link leads outside the project; aidcheck reads nothing there: copy the "
                "file into the claim folder, or name it on the command line",
            )
        elif target.is_dir():
            problem(
                path,
                "the link leads to a folder, which aidcheck does not follow; name "
                "the folder itself",
            )
        elif named or path.suffix in YAML_SUFFIXES:
            found.append(target)

    for path in paths:
        if path.is_symlink():
            take_link(path, named=True)
            continue
        if not path.is_dir():
            found.append(path)
            continue
        start = len(found)
        stack = [path]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError as exc:
                problem(
                    folder,
                    f"cannot list the folder: {exc.strerror or exc}; make it "
                    "readable or move it out of the claim folder",
                )
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                child = Path(entry.path)
                if entry.is_symlink():
                    take_link(child, named=False)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(child)
                elif child.suffix in YAML_SUFFIXES:
                    if entry.is_file(follow_symlinks=False):
                        found.append(child)
                    else:
                        mode = entry.stat(follow_symlinks=False).st_mode
                        problem(
                            child,
                            f"it is {kind_of(mode)}, not a regular file; aidcheck "
                            "reads claim files only from regular files",
                        )
            if len(found) > limits.files:
                problem(
                    path,
                    f"more than {limits.files} claim files; {limits.hint('files')}",
                    InputCode.LIMIT,
                )
                del found[limits.files :]
                break
        found[start:] = sorted(found[start:])
    unique: dict[Path, None] = dict.fromkeys(p.resolve() for p in found)
    return list(unique), problems


def _at(path: Path, root: Path | None) -> Location:
    """Where an entry of the claim folder is, relative to the project root when inside it."""
    shown = Path(os.path.abspath(path))
    if root is not None and shown.is_relative_to(root):
        shown = shown.relative_to(root)
    return Location(path=shown.as_posix(), line=1)
