"""`aidcheck schema [claims|report]`: print a JSON Schema shipped in the package."""

from __future__ import annotations

import sys
from importlib.resources import files

SCHEMAS = {"claims": "schemas/claims.schema.json", "report": "schemas/report.schema.json"}
"""What each kind prints: the package files (render.json_report reads the report's too)."""


def run(kind: str) -> int:
    text = files("aidcheck").joinpath(SCHEMAS[kind]).read_text(encoding="utf-8")
    sys.stdout.write(text)
    return 0
