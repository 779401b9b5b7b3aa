"""Finding the project and reading its configuration.

The project root is the nearest folder, from the current directory upwards, that holds an
`aidcheck.toml` or a `pyproject.toml` with a `[tool.aidcheck]` table. Paths in the configuration
are relative to the file that states them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from aidcheck.findings import Location, Problem
from aidcheck.limits import Limits
from aidcheck.model.base import StrictModel
from aidcheck.safeio import UnsafeFile, read_regular
from aidcheck.severity import Severity


class ConfigError(Exception):
    """An invalid configuration, with the place of the problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class ProjectSettings(StrictModel):
    """The keys of `aidcheck.toml` (top level) or `[tool.aidcheck]` in pyproject.toml."""

    claims: list[str] | str = Field(default="claims", description="claim folders or files")
    archive: str | None = Field(default=None, description="the evidence archive folder")
    fail_on: Severity = Severity.ERROR
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


@dataclass
class Project:
    root: Path
    config_file: Path | None
    settings: ProjectSettings = field(default_factory=ProjectSettings)

    def claim_paths(self) -> list[Path]:
        base = self.config_file.parent if self.config_file else self.root
        paths = (
            [self.settings.claims]
            if isinstance(self.settings.claims, str)
            else self.settings.claims
        )
        return [(base / p) for p in paths]

    def archive_path(self) -> Path | None:
        if self.settings.archive is None:
            return None
        base = self.config_file.parent if self.config_file else self.root
        return base / self.settings.archive


def find_project(start: Path) -> Project:
    """The project that contains `start`; `start` itself when no configuration is found."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "aidcheck.toml"
        if os.path.lexists(candidate):  # a FIFO or a link is an error, not a file to skip
            return Project(folder, candidate, _read(candidate, ()))
        pyproject = folder / "pyproject.toml"
        if os.path.lexists(pyproject):
            table = _table(pyproject, ("tool", "aidcheck"))
            if table is not None:
                return Project(folder, pyproject, _validate(pyproject, table, ("tool", "aidcheck")))
    return Project(start, None)


def _read(path: Path, prefix: tuple[str, ...]) -> ProjectSettings:
    table = _table(path, prefix) or {}
    return _validate(path, table, prefix)


def config_text(path: Path) -> str:
    """The text of a configuration file: a regular file within the size limit, in UTF-8
    (ConfigError, at the file, otherwise)."""

    def refuse(message: str, line: int = 1, column: int = 1) -> ConfigError:
        where = Location(path=path.name, line=line, column=column)
        return ConfigError([Problem(message=message, locations=[where])])

    budget = Limits()
    try:
        raw = read_regular(path, budget.file_bytes)
    except UnsafeFile as exc:
        extra = f"; {budget.hint('file_bytes')}" if exc.too_large else ""
        raise refuse(f"cannot read the configuration: {exc.reason}{extra}") from None
    except OSError as exc:
        raise refuse(f"cannot read the configuration: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = "the configuration is not UTF-8 text; save it as UTF-8"
        raise refuse(message, line, column) from None


def _table(path: Path, prefix: tuple[str, ...]) -> dict[str, Any] | None:
    text = config_text(path)
    try:
        data: Any = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(
            [
                Problem(
                    message="the TOML is nested too deeply to read; flatten its arrays and tables",
                    locations=[Location(path=path.name, line=1)],
                )
            ]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        what, line, column = _toml_error(exc, text)
        raise ConfigError(
            [
                Problem(
                    message=f"invalid TOML: {what}; correct the syntax here",
                    locations=[Location(path=path.name, line=line, column=column)],
                )
            ]
        ) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ConfigError(
            [
                Problem(
                    message=f"cannot read the TOML: {str(exc)[:120]}; write a shorter value",
                    locations=[Location(path=path.name, line=1)],
                )
            ]
        ) from None
    for key in prefix:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data if isinstance(data, dict) else None


_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def _toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[str, int, int]:
    """What tomllib says is wrong, and where: Python 3.11 gives the place only in the message
    ("... (at line 2, column 7)", "... (at end of document)")."""
    message = str(exc)
    found = _TOML_PLACE.search(message)
    if found is None:
        return message, 1, 1
    what = message[: found.start()]
    if found.group(1) is not None:
        return what, int(found.group(1)), int(found.group(2))
    lines = text.splitlines() or [""]
    return what, len(lines), len(lines[-1]) + 1


def _validate(path: Path, table: dict[str, Any], prefix: tuple[str, ...]) -> ProjectSettings:
    try:
        return ProjectSettings.model_validate(table)
    except ValidationError as exc:
        text = config_text(path)
        problems = []
        for error in exc.errors(include_url=False)[: Limits().problems_per_file]:
            key = ".".join(str(p) for p in error["loc"])
            line = key_line(text, [str(p) for p in error["loc"]], prefix)
            message = str(error["msg"])
            if error["type"] == "extra_forbidden":
                message = "unknown key; see docs/configuration.md for the keys aidcheck reads"
            problems.append(
                Problem(
                    message=f"{'.'.join((*prefix, key))}: {message}",
                    locations=[Location(path=path.name, line=line)],
                )
            )
        raise ConfigError(problems) from None


def key_line(text: str, loc: list[str], prefix: tuple[str, ...]) -> int:
    """The 1-based line where a TOML key is written (tomllib keeps no positions).

    Looks for the innermost key of `loc` as `key =` or a `[table]` header after the line of the
    enclosing table; falls back to the table's own line.
    """
    lines = text.splitlines()
    table_line = 0
    header = ".".join(prefix)
    for i, raw in enumerate(lines):
        if header and raw.strip() == f"[{header}]":
            table_line = i
            break
    best = table_line
    for key in loc:
        for i in range(best, len(lines)):
            stripped = lines[i].strip()
            bare = stripped.split("=", 1)[0].strip().strip('"')
            if (
                bare == key
                or stripped.startswith(f"[{header}.{key}")
                or stripped.endswith(f".{key}]")
            ):
                best = i
                break
    return best + 1
