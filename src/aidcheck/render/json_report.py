"""The JSON report: the report model (documented in docs/report-format.md), in a stable order.

Two runs over the same files give the same bytes on any machine: findings in report order
(severity, code, place, fingerprint), rules and sources by code and id, claims by id, and `root`
written as the project's folder relative to its git repository instead of an absolute path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aidcheck.findings import Report
from aidcheck.render import RenderOptions
from aidcheck.render.common import ordered

SCHEMA_FILE = "schemas/report.schema.json"
"""The report's JSON Schema, shipped in the package (and shown in docs/report-format.md)."""


def schema_text() -> str:
    """The report's JSON Schema (2020-12) as shipped in the package."""
    from importlib.resources import files

    return files("aidcheck").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"


def document(report: Report) -> dict[str, Any]:
    """The report as JSON data, sorted, with a machine-independent `root`."""
    from aidcheck.repopaths import relative_root

    data = report.model_dump(mode="json")
    data["root"] = relative_root(Path(report.root)) if report.root else "."
    data["findings"] = [f.model_dump(mode="json") for f in ordered(report.findings)]
    data["rules"] = sorted(data["rules"], key=lambda r: r["code"])
    data["sources"] = sorted(data["sources"], key=lambda s: s["id"])
    data["claims"] = dict(sorted(data["claims"].items()))
    return data
