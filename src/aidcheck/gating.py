"""Gating: which findings a run reports and fails on.

Three options narrow a report down to what a change introduced:
- a **baseline** (`--baseline FILE`) lists accepted findings by fingerprint; findings in it are
  kept in the report but marked `baselined`, counted apart, and never fail the run. Entries that
  no longer occur are counted as stale and named in a notice;
- `--write-baseline FILE` records the current findings (then applies them as the baseline);
- `--changed-since REF` keeps only the findings that involve a file added or changed since the
  git ref: a claim in it, or a location in it (load errors have only locations). A discrepancy
  between a new claim and an old one involves the new claim's file, so it counts.

Input errors (the load family) are never baselined or left out: with them the checks did not
run, so nothing can be said about what a change introduced.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aidcheck.atomic import write_text
from aidcheck.findings import Finding, Report
from aidcheck.limits import Limits
from aidcheck.loader.repository import Repository
from aidcheck.safeio import UnsafeFile, read_regular

BASELINE_VERSION = 1
SHOWN_STALE = 10


class GatingError(Exception):
    """A usage error in the gating options (bad git ref, unreadable baseline): exit 2."""


@dataclass(frozen=True)
class GateOptions:
    changed_since: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None


def apply(report: Report, repo: Repository, options: GateOptions) -> None:
    """Mark, count and drop findings of `report` in place, as the options ask."""
    if options.write_baseline is not None:
        write_baseline(options.write_baseline, report)
    chosen = options.write_baseline or options.baseline
    if chosen is not None:
        _apply_baseline(report, read_baseline(chosen), chosen)
    if options.changed_since is not None:
        changed = changed_files(repo.root, options.changed_since)
        _keep_changed(report, repo, changed, options.changed_since)


def gateable(finding: Finding) -> bool:
    """Whether gating may hide this finding: everything but input errors."""
    from aidcheck import rules
    from aidcheck.rules.base import Family

    try:
        return rules.get(finding.code).family is not Family.LOAD
    except KeyError:
        return True


# Baselines


def write_baseline(path: Path, report: Report) -> None:
    findings = [f for f in report.findings if f.suppressed is None and gateable(f)]
    entries = [
        {
            "fingerprint": f.fingerprint,
            "code": f.code,
            "rule": f.rule,
            "severity": f.severity.value,
            "claims": sorted(f.claims),
            "message": f.message,
        }
        for f in sorted(findings, key=lambda f: (f.code, f.fingerprint))
    ]
    document = {
        "aidcheck_baseline": BASELINE_VERSION,
        "tool": " ".join(report.tool.values()),
        "note": "findings accepted as they are; regenerate with --write-baseline",
        "findings": entries,
    }
    try:
        write_text(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise GatingError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None


def read_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """The baseline's entries by fingerprint."""
    budget = Limits()
    try:
        data = json.loads(read_regular(path, budget.baseline_bytes).decode("utf-8"))
    except UnsafeFile as exc:
        fix = "name a file written with --write-baseline"
        if exc.too_large:
            fix = budget.hint("baseline_bytes")
        raise GatingError(f"cannot read the baseline {path}: {exc.reason}; {fix}") from None
    except FileNotFoundError:
        raise GatingError(
            f"no baseline at {path}: write one with --write-baseline {path}"
        ) from None
    except OSError as exc:
        raise GatingError(
            f"cannot read the baseline {path}: {exc.strerror or exc}; name a file written "
            "with --write-baseline"
        ) from None
    except UnicodeDecodeError as exc:
        raise GatingError(
            f"{path}: the baseline is not UTF-8 text (byte {exc.start}); write it again with "
            "--write-baseline"
        ) from None
    except json.JSONDecodeError as exc:
        raise GatingError(
            f"{path}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON ({exc.msg}); "
            "write it again with --write-baseline"
        ) from None
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits; nesting too deep
        raise GatingError(
            f"{path}: the baseline cannot be read ({str(exc)[:100]}); write it again with "
            "--write-baseline"
        ) from None
    if not isinstance(data, dict):
        data = {}
    findings = data.get("findings")
    if data.get("aidcheck_baseline") != BASELINE_VERSION or not isinstance(findings, list):
        raise GatingError(
            f"{path}: not an aidcheck baseline (version {BASELINE_VERSION}); "
            "write it again with --write-baseline"
        )
    entries: dict[str, dict[str, Any]] = {}
    for entry in findings:
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            entries[entry["fingerprint"]] = _plain_entry(entry)
    return entries


def _plain_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """The fields of a baseline entry that are read, as short strings (the file may come
    from a pull request: a field of another type or of a megabyte is dropped or cut)."""
    plain: dict[str, Any] = {
        key: value[:300]
        for key, value in entry.items()
        if key in ("fingerprint", "code", "rule", "severity", "message") and isinstance(value, str)
    }
    claims = entry.get("claims")
    if isinstance(claims, list):
        plain["claims"] = [c[:120] for c in claims[:20] if isinstance(c, str)]
    return plain


def _apply_baseline(report: Report, entries: dict[str, dict[str, Any]], path: Path) -> None:
    occurring = {f.fingerprint for f in report.findings}
    for finding in report.findings:
        if finding.fingerprint in entries and finding.suppressed is None and gateable(finding):
            finding.baselined = True
    report.summary.baselined = sum(f.baselined for f in report.findings)
    stale = [entry for fp, entry in entries.items() if fp not in occurring]
    report.summary.stale_baseline = len(stale)
    if stale:
        named = "; ".join(
            f"{e.get('code', '?')} {', '.join(e.get('claims') or []) or e.get('message', '')}"
            for e in stale[:SHOWN_STALE]
        )
        more = f" and {len(stale) - SHOWN_STALE} more" if len(stale) > SHOWN_STALE else ""
        report.notices.append(
            f"baseline {path}: {len(stale)} entries no longer occur (fixed, or their claims "
            f"changed): {named}{more}; drop them with --write-baseline {path}"
        )


# Changed files


def changed_files(root: Path, ref: str) -> set[Path]:
    """Files added or changed since `ref` (committed, staged, unstaged or untracked)."""
    if ref.startswith("-"):
        raise GatingError(f"--changed-since {ref!r}: a git ref cannot start with '-'")
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
    names = _git(top, "diff", "--name-only", "-z", ref, "--", what="list changed files").split(
        b"\0"
    )
    names += _git(
        top, "ls-files", "--others", "--exclude-standard", "-z", what="list untracked files"
    ).split(b"\0")
    return {(top / name.decode()).resolve() for name in names if name}


def _git(cwd: Path, *args: str, what: str, fix: str = "") -> bytes:
    """Git's output; a GatingError that says `what` failed, why, and the `fix` if any."""
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GatingError("--changed-since needs git, and git is not installed") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git exited with {done.returncode}"
        if "--quiet" in args:  # git says nothing; the fix says it all
            reason = fix
        elif fix:
            reason = f"{reason}; {fix}"
        raise GatingError(f"--changed-since: cannot {what} in {cwd}: {reason}")
    return done.stdout


def _keep_changed(report: Report, repo: Repository, changed: set[Path], ref: str) -> None:
    kept: list[Finding] = []
    left_out = 0
    for finding in report.findings:
        if not gateable(finding) or _involves(repo, finding, changed):
            kept.append(finding)
        elif finding.suppressed is None and not finding.baselined:
            left_out += 1
    report.findings[:] = kept
    report.summary.unchanged = left_out
    report.summary.baselined = sum(f.baselined for f in kept)
    report.notices.append(
        f"--changed-since {ref}: {len(changed)} files added or changed; only findings that "
        f"involve them are reported ({left_out} more in unchanged files)"
    )


def _involves(repo: Repository, finding: Finding, changed: set[Path]) -> bool:
    files = [(repo.root / loc.path).resolve() for loc in finding.locations]
    for claim_id in finding.claims:
        origin = repo.origins.get(("claim", claim_id))
        if origin is not None:
            files.append(origin.file.resolve())
    return any(path in changed for path in files)
