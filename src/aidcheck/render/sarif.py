"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

What GitHub code scanning needs, beyond the schema (docs/report-format.md lists it too):
- **Paths relative to the repository**, not to the project: code scanning ignores `uriBaseId`,
  so a claim repository kept in `factcheck/` must say `factcheck/claims/...`. URIs are relative
  to the top of the git repository holding the project, or to `--sarif-root`.
- **Rule metadata within its limits**: `shortDescription` and `fullDescription` of at most 1,024
  characters (a longer description is cut at a sentence and given in full in `help`), a
  `helpUri` to the rule's section of docs/checks.md, and the tool's `informationUri`.
- **A location on every result** (a finding with no place of its own points at the project's
  configuration file), and related locations (the claims a finding compares) linked from the
  message with SARIF's `[text](id)` links.
- **Fingerprints it reads**: `partialFingerprints.primaryLocationLineHash` carries the finding's
  fingerprint (rule and claim ids, never line numbers), so an alert keeps its identity when lines
  move; `aidcheck/v1` carries the same value under our own name.

Suppressed findings carry an `inSource` suppression; findings accepted by a baseline an
`external` one and `baselineState: unchanged`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aidcheck.findings import Finding, Location, Report, Severity
from aidcheck.render import RenderOptions
from aidcheck.render.common import RuleInfo, claim_refs, ordered, rule_infos

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/aidcheck/aidcheck"
"""The project's home page (also `Homepage` in pyproject.toml)."""
CHECKS_DOC = f"{INFORMATION_URI}/blob/main/docs/checks.md"
ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "aidcheck/v1"
GITHUB_FINGERPRINT_KEY = "primaryLocationLineHash"
DESCRIPTION_LIMIT = 1024
"""GitHub code scanning's limit on `shortDescription` and `fullDescription` (characters)."""
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
CONFIG_FILES = ("aidcheck.toml", "pyproject.toml")


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(sarif_log(report, options.sarif_root), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report, sarif_root: Path | None = None) -> dict[str, Any]:
    paths = _Paths(report, sarif_root)
    infos = rule_infos(report)
    index = {info.code: i for i, info in enumerate(infos)}
    driver: dict[str, Any] = {
        "name": report.tool.get("name", "aidcheck"),
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(info) for info in infos],
    }
    if report.tool.get("version"):
        driver["version"] = report.tool["version"]
        driver["semanticVersion"] = report.tool["version"]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, f, index[f.code], paths) for f in ordered(report.findings)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def help_uri(info: RuleInfo) -> str:
    """The rule's section of docs/checks.md, by the anchor GitHub gives its heading."""
    return f"{CHECKS_DOC}#{heading_anchor(f'{info.code} {info.name}: {info.title}')}"


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation and symbols dropped
    (letters of any script, digits, '-' and '_' kept), each space a '-'."""
    kept = [
        ch for ch in heading.strip().lower() if ch in "-_ " or unicodedata.category(ch)[0] in "LNM"
    ]
    return "".join(kept).replace(" ", "-")


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` if it fits in `limit` characters, else its longest run of whole sentences that
    fits (or a cut at a word, with an ellipsis, when even the first sentence does not)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    ends = [m.end() for m in re.finditer(r"[.!?。！？](?=\s|$)", room)]
    if ends:
        return room[: ends[-1]]
    cut = room.rsplit(" ", 1)[0] if " " in room else room
    return cut.rstrip() + "…"


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    uri = help_uri(info)
    full = info.description.strip() or info.title
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": shorten(info.title)},
        "fullDescription": {"text": shorten(full)},
        "help": {
            "text": f"{full}\n\nDocumentation: {uri}",
            "markdown": f"{full}\n\n[{info.code} in docs/checks.md]({uri})",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": {"tags": [info.family]},
    }


def _invocation(report: Report) -> dict[str, Any]:
    return {
        "executionSuccessful": report.summary.input_errors == 0,
        "exitCode": report.summary.exit_code,
        "toolExecutionNotifications": [
            {"message": {"text": notice}, "level": "note"} for notice in report.notices
        ],
    }


def _result(report: Report, finding: Finding, rule_index: int, paths: _Paths) -> dict[str, Any]:
    refs = claim_refs(report, finding)
    places = finding.locations or [ref.location for ref in refs][:1]
    primary = paths.location(places[0]) if places else paths.fallback()
    related: list[dict[str, Any]] = []
    links: list[str] = []
    for ref in refs:
        ident = len(related) + 1
        url = f", {ref.url}" if ref.url else ""
        label = f"{ref.id}: {ref.figure} ({ref.publisher} {ref.published}{url})"
        related.append(paths.location(ref.location, ident, label))
        links.append(f"[{_escape(ref.id)}]({ident})")
    for loc in places[1:]:
        related.append(paths.location(loc, len(related) + 1))
    text = _escape(finding.message.rstrip())
    if links:
        stop = "" if text.endswith((".", "!", "?", "。", "！", "？")) else "."
        text += f"{stop} Claims: " + ", ".join(links) + "."
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [primary],
        "partialFingerprints": {
            GITHUB_FINGERPRINT_KEY: finding.fingerprint,
            FINGERPRINT_KEY: finding.fingerprint,
        },
        "properties": {"claims": finding.claims, "severity": finding.severity.value},
    }
    if related:
        result["relatedLocations"] = related
    suppressions = []
    if finding.suppressed is not None:
        suppressions.append({"kind": "inSource", "justification": finding.suppressed})
    if finding.baselined:
        suppressions.append({"kind": "external", "justification": "listed in the baseline"})
        result["baselineState"] = "unchanged"
    if suppressions:
        result["suppressions"] = suppressions
    return result


def _escape(text: str) -> str:
    """Message text with SARIF's link syntax made literal: a bracket from data never links."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


class _Paths:
    """Report paths (relative to the project root) as URIs relative to the repository root."""

    def __init__(self, report: Report, sarif_root: Path | None) -> None:
        from aidcheck.repopaths import git_top

        self.root = Path(report.root) if report.root else None
        self.base = sarif_root if sarif_root is not None else None
        if self.base is None and self.root is not None:
            self.base = git_top(self.root) or self.root

    def artifact(self, path: str) -> dict[str, Any]:
        from aidcheck.repopaths import repository_path

        if Path(path).is_absolute():
            return {"uri": Path(path).as_uri()}
        if self.root is None or self.base is None:
            return {"uri": _uri(Path(path).as_posix()), "uriBaseId": ROOT}
        relative = repository_path(self.root, path, self.base)
        if relative is None:  # outside the repository: only an absolute URI can name it
            return {"uri": (self.root.resolve() / path).as_uri()}
        return {"uri": _uri(relative), "uriBaseId": ROOT}

    def location(
        self, loc: Location, ident: int | None = None, text: str | None = None
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": self.artifact(loc.path),
                "region": {"startLine": loc.line, "startColumn": loc.column},
            }
        }
        if ident is not None:
            out["id"] = ident
        if text:
            out["message"] = {"text": text}
        return out

    def fallback(self) -> dict[str, Any]:
        """Where a finding with no place points: the project's configuration file (GitHub
        drops a result without a location)."""
        name = CONFIG_FILES[-1]
        if self.root is not None:
            name = next((n for n in CONFIG_FILES if (self.root / n).is_file()), name)
        return self.location(Location(path=name, line=1))


def _uri(path: str) -> str:
    return quote(path, safe="/")
