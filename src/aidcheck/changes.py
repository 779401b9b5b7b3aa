"""What a change added or edited since a git ref, claim by claim (for `--changed-since`).

The change is measured from the **merge base** of the ref and HEAD (what `git diff REF...`
shows), so a branch is never charged with what landed on the ref after it branched off; to the
working tree, so staged, unstaged and untracked files count.

A claim counts as changed when the change added it or edited it: its YAML mapping differs from
the one with the same id at the merge base (wherever the file was, so moving a claim or renaming
its file changes nothing), or it inherits an edit: its source's record, or the registry entry of
its metric, region, giver or programme, or a relation on its metric changed; or a suppression
naming it was removed. A comment, a reformatting or an edit to another claim of the same file
does not make a claim changed.

The old files are read from git (`git show BASE:path`) and parsed by the same bounded YAML
reader as the claims; a file that cannot be read or parsed at the base counts as wholly new.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aidcheck.gating import GatingError
from aidcheck.loader.repository import Repository

YAML_SUFFIXES = (".yaml", ".yml")
MAX_OLD_FILE = 10 * 1024 * 1024
"""Bytes of an old file read from git; a bigger one counts as wholly new."""

Key = tuple[str, str]
"""(kind, identity) of an object in a claim or registry file: ('claims', 'xinhua-...')."""


class ChangeError(GatingError):
    """git could not say what changed (bad ref, no repository, no shared history): exit 2."""


@dataclass
class Changes:
    ref: str
    base: str
    """The merge base of `ref` and HEAD (a commit id)."""
    top: Path
    """The top of the git repository."""
    files: set[Path] = field(default_factory=set)
    """Files added or changed since the merge base (resolved paths, new names of renames)."""
    claims: set[str] = field(default_factory=set)
    """Claims added or edited, directly or through what they inherit."""


def changes_since(root: Path, ref: str, repo: Repository) -> Changes:
    if ref.startswith("-"):
        raise ChangeError(f"--changed-since {ref!r}: a git ref cannot start with '-'")
    top_raw = _git(
        root,
        "rev-parse",
        "--show-toplevel",
        what="find the git repository",
        fix="run aidcheck inside a git checkout of the claims, or leave out --changed-since",
    )
    top = Path(top_raw.decode().strip())
    _git(
        top,
        "rev-parse",
        "--verify",
        "--quiet",
        f"{ref}^{{commit}}",
        what=f"resolve {ref!r}",
        fix="no such commit: fetch it first (e.g. `git fetch origin main`) or name another",
    )
    _git(
        top,
        "rev-parse",
        "--verify",
        "--quiet",
        "HEAD^{commit}",
        what="find HEAD",
        fix="the repository has no commit yet: commit first, or leave out --changed-since",
    )
    base = (
        _git(
            top,
            "merge-base",
            f"{ref}^{{commit}}",
            "HEAD",
            what=f"find where HEAD branched off {ref!r}",
            fix="they share no history: fetch the whole history (actions/checkout with "
            "fetch-depth: 0, or `git fetch --unshallow`) or name another ref",
        )
        .decode()
        .strip()
    )
    changes = Changes(ref=ref, base=base, top=top)
    old_paths: list[str] = []
    for status, old, new in _diff(top, base):
        if new is not None:
            changes.files.add((top / new).resolve())
        if old is not None and status != "A":
            old_paths.append(old)
    untracked = _git(
        top, "ls-files", "--others", "--exclude-standard", "-z", what="list untracked files"
    )
    for name in untracked.split(b"\0"):
        if name:
            changes.files.add((top / name.decode()).resolve())
    changes.claims = _changed_claims(repo, top, base, changes.files, old_paths)
    return changes


def _diff(top: Path, base: str) -> Iterator[tuple[str, str | None, str | None]]:
    """(status, old path, new path) of each file changed between `base` and the working tree;
    a rename has both paths, an addition no old path, a deletion no new path."""
    raw = _git(
        top,
        "diff",
        "--name-status",
        "-z",
        "--find-renames",
        "--no-ext-diff",
        base,
        "--",
        what="list changed files",
    )
    fields = [f.decode() for f in raw.split(b"\0")]
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][:1]
        if status in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            yield status, (old if status == "R" else None), new
            continue
        path = fields[i + 1]
        i += 2
        if status == "D":
            yield status, path, None
        elif status == "A":
            yield status, None, path
        else:
            yield status, path, path


def _changed_claims(
    repo: Repository, top: Path, base: str, files: set[Path], old_paths: list[str]
) -> set[str]:
    before: dict[Key, Any] = {}
    for old in old_paths:
        if old.endswith(YAML_SUFFIXES):
            data = _old_data(top, base, old)
            if data is not None:
                before.update(objects(data))
    after: dict[Key, Any] = {}
    unreadable: set[Path] = set()
    for path in repo.documents:  # the loader lets each file's raw data go: read it again
        resolved = path.resolve()
        if resolved in files:
            data = _current_data(resolved)
            if data is None:
                unreadable.add(resolved)
            after.update(objects(data))
    edited = {key for key, value in after.items() if before.get(key, _MISSING) != value}
    removed = {key for key in before if key not in after and _still_absent(repo, key)}
    touched = edited | removed
    changed: set[str] = set()
    relation_metrics = _relation_metrics(before, after, touched)
    for claim_id, claim in repo.claims.items():
        origin = repo.origins.get(("claim", claim_id))
        if origin is not None and origin.file.resolve() in unreadable:
            changed.add(claim_id)
            continue
        scope = claim.scope
        inherited: list[Key] = [
            ("claims", claim_id),
            ("source", repo.claim_source.get(claim_id, "")),
            ("sources", repo.claim_source.get(claim_id, "")),
            ("metrics", claim.metric),
            ("regions", str(getattr(scope, "region", "") or "")),
            ("regions", str(getattr(scope, "giver", "") or "")),
            ("programmes", str(getattr(scope, "programme", "") or "")),
        ]
        if any(key in touched for key in inherited) or claim.metric in relation_metrics:
            changed.add(claim_id)
    for kind, ident in removed:
        if kind == "suppressions":
            named = before[(kind, ident)].get("claims")
            if isinstance(named, list):
                changed.update(c for c in named if isinstance(c, str) and c in repo.claims)
    return changed


_MISSING = object()


def _still_absent(repo: Repository, key: Key) -> bool:
    """Whether an object that left the changed files is gone (not moved to an unchanged file,
    which git would have listed as changed anyway)."""
    kind, ident = key
    singular = kind[:-1] if kind.endswith("s") else kind
    return (singular, ident) not in repo.origins


def _relation_metrics(before: dict[Key, Any], after: dict[Key, Any], touched: set[Key]) -> set[str]:
    """The metrics on either side of a relation that was added, edited or removed."""
    metrics: set[str] = set()
    for key in touched:
        if key[0] != "relations":
            continue
        for side in (before.get(key), after.get(key)):
            if isinstance(side, dict):
                metrics.update(v for k in ("left", "right") if isinstance(v := side.get(k), str))
    return metrics


def objects(data: Any) -> dict[Key, Any]:
    """The objects of one claim or registry file by (kind, identity): the `source` record, and
    each item of a top-level list (claims, metrics, regions, programmes, relations, suppressions)
    by its `id` or `code`, or by its whole content when it has neither (suppressions)."""
    out: dict[Key, Any] = {}
    if not isinstance(data, dict):
        return out
    for kind, value in data.items():
        if kind == "source" and isinstance(value, dict):
            out[("source", str(value.get("id", "")))] = value
        elif isinstance(value, list):
            for item in value:
                if not isinstance(item, dict):
                    continue
                ident = item.get("id", item.get("code"))
                if not isinstance(ident, str):
                    ident = json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
                out[(str(kind), ident)] = item
    return out


def git_file(changes: Changes, path: Path) -> bytes | None:
    """The content of `path` (a file of the working tree) at the merge base, or None when it
    did not exist there or is too large to read."""
    try:
        relative = path.resolve().relative_to(changes.top.resolve()).as_posix()
    except ValueError:
        return None
    return _old_bytes(changes.top, changes.base, relative)


def _old_bytes(top: Path, base: str, path: str) -> bytes | None:
    size = _git_or_none(top, "cat-file", "-s", f"{base}:{path}")
    if size is None or int(size.decode().strip() or 0) > MAX_OLD_FILE:
        return None
    return _git_or_none(top, "show", f"{base}:{path}")


def _old_data(top: Path, base: str, path: str) -> Any:
    """The parsed content of `path` at `base`, or None when it cannot be read or parsed."""
    from aidcheck.loader.yamlnodes import YamlSyntaxError, parse

    raw = _old_bytes(top, base, path)
    if raw is None:
        return None
    try:
        return parse(raw.decode("utf-8")).data
    except (UnicodeDecodeError, YamlSyntaxError):
        return None


def _current_data(path: Path) -> Any:
    """The parsed content of a claim file as it is now, or None when it cannot be read."""
    from aidcheck.limits import Limits
    from aidcheck.loader.yamlnodes import YamlSyntaxError, parse
    from aidcheck.safeio import UnsafeFile, read_regular

    try:
        return parse(read_regular(path, Limits().file_bytes).decode("utf-8")).data
    except (OSError, UnsafeFile, UnicodeDecodeError, YamlSyntaxError):
        return None


def _git_or_none(cwd: Path, *args: str) -> bytes | None:
    try:
        return _git(cwd, *args, what="read an old file")
    except ChangeError:
        return None


def _git(cwd: Path, *args: str, what: str, fix: str = "") -> bytes:
    """Git's output; a ChangeError that says `what` failed, why, and the `fix` if any."""
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise ChangeError("--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise ChangeError(f"--changed-since: git took too long to {what}") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git exited with {done.returncode}"
        if "--quiet" in args or args[0] == "merge-base":  # git says nothing useful
            reason = fix
        elif fix:
            reason = f"{reason}; {fix}"
        raise ChangeError(f"--changed-since: cannot {what} in {cwd}: {reason}")
    return done.stdout
