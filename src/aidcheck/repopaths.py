"""Where the project sits in its git repository, for paths that must not depend on the machine.

Reports name files relative to the project root. GitHub code scanning and anyone comparing
reports from two machines need more: the project root relative to the top of the git
repository (`factcheck` when the claim repository is a subfolder). The top level is found by
walking up to the folder that holds `.git` (a folder, or a file in worktrees and submodules), so
no git process is started.
"""

from __future__ import annotations

import os
from pathlib import Path


def git_top(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git`, or None outside a repository."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def relative_root(root: Path, base: Path | None = None) -> str:
    """`root` relative to `base` (default: its git top level) in POSIX form; '.' when they are
    the same folder, when `root` is in no repository, or when `root` is not under `base`."""
    root = root.resolve()
    base = git_top(root) if base is None else base.resolve()
    if base is None:
        return "."
    try:
        relative = root.relative_to(base)
    except ValueError:
        return "."
    return relative.as_posix() if relative.parts else "."


def repository_path(root: Path, path: str, base: Path | None = None) -> str | None:
    """A report path (relative to the project `root`) made relative to `base` (default: the git
    top level of `root`) in POSIX form, or None when the file does not lie under `base`."""
    if base is None:
        base = git_top(root)
        if base is None:
            return None
    full = Path(os.path.normpath(root.resolve() / path))
    try:
        return full.relative_to(base.resolve()).as_posix()
    except ValueError:
        return None
