"""Renderers: one module per format, each with `render(report, options) -> str`.

The table below is the registry; the CLI offers exactly these formats.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum

from aidcheck.findings import Report


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


_MODULES: dict[Format, str] = {
    Format.TEXT: "aidcheck.render.text",
    Format.JSON: "aidcheck.render.json_report",
}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100


def render(report: Report, fmt: Format, options: RenderOptions | None = None) -> str:
    module = importlib.import_module(_MODULES[fmt])
    text: str = module.render(report, options or RenderOptions())
    return text
