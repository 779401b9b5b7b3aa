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

SCHEMA_FILE = "schemas/report.schema.json"
"""The report's JSON Schema, shipped in the package (and shown in docs/report-format.md)."""


def schema_text() -> str:
    """The report's JSON Schema (2020-12) as shipped in the package."""
    from importlib.resources import files

    return files("aidcheck").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def render(report: Report, options: RenderOptions) -> str:
    return write(report.ordered_data())


def write(data: dict[str, Any]) -> str:
    """The JSON report of `Report.ordered_data()`: from a report, or as the cache kept it."""
    return json.dumps(portable(data), ensure_ascii=False, indent=2) + "\n"


def document(report: Report) -> dict[str, Any]:
    """The report as JSON data, sorted, with a machine-independent `root`."""
    return portable(report.ordered_data())


def portable(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with `root` written as the project's folder relative to its git repository."""
    from aidcheck.repopaths import relative_root

    root = data["root"]
    return {**data, "root": relative_root(Path(root)) if root else "."}
