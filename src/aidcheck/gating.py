"""Gating: which findings a run reports and fails on.

Three options narrow a report down to what a change introduced:
- a **baseline** (`--baseline FILE`) lists accepted findings by fingerprint; findings in it are
  kept in the report but marked `baselined`, counted apart, and never fail the run. Entries that
  no longer occur are counted as stale and named in a notice, but only after a run that checked
  everything (all claim files, no input errors, every rule run);
- `--write-baseline FILE` records the current findings (then applies them as the baseline), and
  refuses to after a run that did not check everything: it would drop accepted findings;
- `--changed-since REF` keeps only the findings that involve a claim added or edited since the
  merge base of REF and HEAD (aidcheck.changes), and reports a change that weakens the
  configuration compared with the merge base's as G001 (aidcheck.weakening).

Input errors (the load family) and G001 are never baselined or left out: with input errors the
checks did not run, so nothing can be said about what a change introduced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aidcheck.atomic import write_text
from aidcheck.limits import Limits
from aidcheck.safeio import UnsafeFile, read_regular

if TYPE_CHECKING:
    from aidcheck.changes import Changes
    from aidcheck.findings import Finding, Report
    from aidcheck.loader.repository import Repository

BASELINE_VERSION = 1
SHOWN_STALE = 10


class GatingError(Exception):
    """A usage error in the gating options (bad git ref, unreadable baseline): exit 2."""


@dataclass(frozen=True)
class GateOptions:
    changed_since: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None


NOT_RUN = "not run"
"""How a rule run's note starts when the rule could not run (no evidence archive)."""


def apply(report: Report, repo: Repository, options: GateOptions, *, partial: bool = False) -> None:
    """Mark, count and drop findings of `report` in place, as the options ask.

    `partial` says that only some of the claim files were given, so that findings about the
    others are missing from the report: such a run neither writes a baseline nor calls baseline
    entries stale, and neither does a run stopped by input errors. Entries of rules that did not
    run (citation rules without an evidence archive) are neither stale nor dropped on rewrite.
    """
    unchecked = _unchecked(report, partial)
    skipped = _skipped(report)
    if options.write_baseline is not None:
        if unchecked:
            raise GatingError(
                f"--write-baseline {options.write_baseline}: not written, because "
                f"{'; '.join(unchecked)}. A baseline written now would drop the findings it "
                "accepts; fix that and run again"
            )
        write_baseline(options.write_baseline, report, keep=_kept_entries(options, skipped))
    chosen = options.write_baseline or options.baseline
    if chosen is not None:
        _apply_baseline(report, read_baseline(chosen), chosen, unchecked, skipped)
    if options.changed_since is not None:
        from aidcheck.changes import changes_since
        from aidcheck.weakening import weakened

        changes = changes_since(repo.root, options.changed_since, repo)
        _keep_changed(report, repo, changes)
        weakened(report, repo, changes)


def _unchecked(report: Report, partial: bool) -> list[str]:
    """Why this run did not check what a baseline covers (empty when it did)."""
    reasons = []
    if not report.summary.checks_run:
        reasons.append(
            "the checks did not run (input errors: run `aidcheck verify` without "
            "--write-baseline to see them)"
        )
    if partial:
        reasons.append("only some claim files were given (name none, to check the whole project)")
    return reasons


def _skipped(report: Report) -> set[str]:
    """The rules that were selected but could not run (no evidence archive)."""
    return {r.code for r in report.rules if (r.note or "").startswith(NOT_RUN)}


def _kept_entries(options: GateOptions, skipped: set[str]) -> list[dict[str, Any]]:
    """The entries of an existing baseline that a rewrite keeps: those of rules that did not run
    this time, which the run could neither confirm nor drop."""
    path = options.write_baseline
    if not skipped or path is None or not path.exists():
        return []
    try:
        entries = read_baseline(path)
    except GatingError:
        return []
    return [e for e in entries.values() if e.get("code") in skipped]


def gateable(finding: Finding) -> bool:
    """Whether gating may hide this finding: everything but input errors."""
    from aidcheck import rules
    from aidcheck.rules.base import Family
    from aidcheck.rules.gate import WEAKENED_GATE

    if finding.code == WEAKENED_GATE.code:
        return False
    try:
        return rules.get(finding.code).family is not Family.LOAD
    except KeyError:
        return True


# Baselines


def write_baseline(path: Path, report: Report, keep: list[dict[str, Any]] | None = None) -> None:
    """Record the report's findings (and the `keep` entries of an older baseline) in `path`."""
    findings = [f for f in report.findings if f.suppressed is None and gateable(f)]
    entries: list[dict[str, Any]] = [
        {
            "fingerprint": f.fingerprint,
            "code": f.code,
            "rule": f.rule,
            "severity": f.severity.value,
            "claims": sorted(f.claims),
            "message": f.message,
        }
        for f in findings
    ]
    written = {e["fingerprint"] for e in entries}
    entries += [e for e in keep or [] if e.get("fingerprint") not in written]
    entries.sort(key=lambda e: (str(e.get("code")), str(e.get("fingerprint"))))
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


def _apply_baseline(
    report: Report,
    entries: dict[str, dict[str, Any]],
    path: Path,
    unchecked: list[str],
    skipped: set[str],
) -> None:
    occurring = {f.fingerprint for f in report.findings}
    for finding in report.findings:
        if finding.fingerprint in entries and finding.suppressed is None and gateable(finding):
            finding.baselined = True
    report.summary.baselined = sum(f.baselined for f in report.findings)
    report.summary.stale_baseline = 0
    if unchecked:
        # Entries may be missing from this run only because it did not check them: calling
        # them stale would advise rewriting the baseline without them.
        report.notices.append(
            f"baseline {path}: entries were not checked for staleness, because "
            f"{'; '.join(unchecked)}"
        )
        return
    missing = [entry for fp, entry in entries.items() if fp not in occurring]
    stale = [entry for entry in missing if entry.get("code") not in skipped]
    unjudged = len(missing) - len(stale)
    if unjudged:
        report.notices.append(
            f"baseline {path}: {unjudged} entries belong to rules that did not run "
            f"({', '.join(sorted(skipped))}) and were not compared"
        )
    report.summary.stale_baseline = len(stale)
    if stale:
        named = "; ".join(
            f"{e.get('code', '?')} {', '.join(_names(e.get('claims'))) or e.get('message', '')}"
            for e in stale[:SHOWN_STALE]
        )
        more = f" and {len(stale) - SHOWN_STALE} more" if len(stale) > SHOWN_STALE else ""
        report.notices.append(
            f"baseline {path}: {len(stale)} entries no longer occur (fixed, or their claims "
            f"changed): {named}{more}; drop them with --write-baseline {path}"
        )


def _names(claims: object) -> list[str]:
    return [str(c) for c in claims] if isinstance(claims, list) else []


# Changed claims


def _keep_changed(report: Report, repo: Repository, changes: Changes) -> None:
    kept: list[Finding] = []
    left_out = 0
    for finding in report.findings:
        if not gateable(finding) or _involves(repo, finding, changes):
            kept.append(finding)
        elif finding.suppressed is None and not finding.baselined:
            left_out += 1
    report.findings[:] = kept
    report.summary.unchanged = left_out
    report.summary.baselined = sum(f.baselined for f in kept)
    report.notices.append(
        f"--changed-since {changes.ref}: compared with the merge base {changes.base[:12]}; "
        f"{len(changes.files)} files and {len(changes.claims)} claims added or changed; only "
        f"findings that involve those claims are reported ({left_out} more about unchanged "
        "claims)"
    )


def _involves(repo: Repository, finding: Finding, changes: Changes) -> bool:
    """A finding about claims involves the change when one of its claims was added or edited;
    a finding about no claim, when one of its places is in a changed file."""
    if finding.claims:
        return any(claim in changes.claims for claim in finding.claims)
    return any((repo.root / loc.path).resolve() in changes.files for loc in finding.locations)
