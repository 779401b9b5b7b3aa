"""The JSON report: the report model as it is (documented in docs/report-format.md)."""

from __future__ import annotations

import json

from aidcheck.findings import Report
from aidcheck.render import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
