"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Each rule the report mentions is listed once in `tool.driver.rules`; each finding is a result
pointing at it by `ruleId` and `ruleIndex`, with a region at the claim's line and column and a
`partialFingerprints` entry that is the finding's fingerprint (rule and claim ids, never line
numbers), so a result keeps its identity when lines move. Suppressed findings carry an `inSource`
suppression (the suppression is written in the claim repository that was analysed); findings
accepted by a baseline carry an `external` one and `baselineState: unchanged`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aidcheck.findings import Finding, Location, Report, Severity
from aidcheck.render import RenderOptions
from aidcheck.render.common import claim_refs, ordered, rule_infos

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
ROOT = "PROJECTROOT"
FINGERPRINT_KEY = "aidcheck/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    infos = rule_infos(report)
    index = {info.code: i for i, info in enumerate(infos)}
    driver: dict[str, Any] = {
        "name": report.tool.get("name", "aidcheck"),
        "rules": [
            {
                "id": info.code,
                "name": info.name,
                "shortDescription": {"text": info.title},
                "fullDescription": {"text": info.description},
                "help": {"text": info.description, "markdown": info.description},
                "defaultConfiguration": {"level": LEVEL[info.severity]},
                "properties": {"tags": [info.family]},
            }
            for info in infos
        ],
    }
    if report.tool.get("version"):
        driver["version"] = report.tool["version"]
        driver["semanticVersion"] = report.tool["version"]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, f, index[f.code]) for f in ordered(report.findings)],
    }
    if report.root:
        run["originalUriBaseIds"] = {ROOT: {"uri": Path(report.root).resolve().as_uri() + "/"}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _invocation(report: Report) -> dict[str, Any]:
    return {
        "executionSuccessful": report.summary.input_errors == 0,
        "exitCode": report.summary.exit_code,
        "toolExecutionNotifications": [
            {"message": {"text": notice}, "level": "note"} for notice in report.notices
        ],
    }


def _result(report: Report, finding: Finding, rule_index: int) -> dict[str, Any]:
    locations = finding.locations or [ref.location for ref in claim_refs(report, finding)][:1]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(loc) for loc in locations[:1]],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"claims": finding.claims, "severity": finding.severity.value},
    }
    related = [
        _location(
            ref.location,
            i,
            f"{ref.id}: {ref.figure} ({ref.publisher} {ref.published}"
            f"{', ' + ref.url if ref.url else ''})",
        )
        for i, ref in enumerate(claim_refs(report, finding))
    ]
    related += [_location(loc, len(related) + i) for i, loc in enumerate(locations[1:])]
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


def _location(loc: Location, ident: int | None = None, text: str | None = None) -> dict[str, Any]:
    path = Path(loc.path)
    artifact = (
        {"uri": path.as_uri()}
        if path.is_absolute()
        else {"uri": quote(path.as_posix()), "uriBaseId": ROOT}
    )
    out: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": loc.line, "startColumn": loc.column},
        }
    }
    if ident is not None:
        out["id"] = ident
    if text:
        out["message"] = {"text": text}
    return out
