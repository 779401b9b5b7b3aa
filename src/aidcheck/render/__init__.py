"""Renderers: one module per format, each with `render(report, options) -> str`.

The table below is the registry; the CLI offers exactly these formats, plus `auto`, which
`resolve` turns into `github` inside GitHub Actions and `text` everywhere else.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from aidcheck.findings import Report
from aidcheck.runinfo import RunInfo


class Format(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    MARKDOWN = "markdown"
    HTML = "html"


_MODULES: dict[Format, str] = {
    Format.TEXT: "aidcheck.render.text",
    Format.JSON: "aidcheck.render.json_report",
    Format.SARIF: "aidcheck.render.sarif",
    Format.GITHUB: "aidcheck.render.github",
    Format.MARKDOWN: "aidcheck.render.markdown",
    Format.HTML: "aidcheck.render.html",
}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    workspace: str | None = None
    """The folder that annotation paths are relative to (GitHub's `GITHUB_WORKSPACE`)."""
    run: RunInfo | None = None
    """When the run was, which aidcheck and which commit (shown by the HTML page only)."""
    sarif_root: Path | None = None
    """The folder SARIF paths are relative to (default: the git top level of the project)."""


def resolve(fmt: Format, environ: Mapping[str, str]) -> Format:
    """The concrete format for `auto`: GitHub annotations inside GitHub Actions, else text."""
    if fmt is not Format.AUTO:
        return fmt
    return Format.GITHUB if environ.get("GITHUB_ACTIONS") == "true" else Format.TEXT


def render(report: Report, fmt: Format, options: RenderOptions | None = None) -> str:
    module = importlib.import_module(_MODULES[resolve(fmt, {})])
    text: str = module.render(report, options or RenderOptions())
    return text
