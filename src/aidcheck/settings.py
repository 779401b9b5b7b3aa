"""From the project configuration to engine settings, with every mistake at its line.

`select` and `ignore` take rule codes (A201), code prefixes (A2, R) or rule names (conflict);
`[tool.aidcheck.rules.<code or name>]` takes `severity` and the rule's options, validated by
the rule's options model, so a misspelt option is an error (L011, exit 2) rather than a silent
default. See docs/configuration.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aidcheck import rules
from aidcheck.config import ConfigError, Project, config_text, key_line
from aidcheck.engine import EngineSettings
from aidcheck.findings import Argument, Location, Message, Problem
from aidcheck.rules.base import Rule
from aidcheck.rules.common import NoOptions
from aidcheck.severity import SEVERITY_NAMES, Severity


class _Place:
    """Where the configuration was read from, to turn a key path into a line."""

    def __init__(self, project: Project) -> None:
        self.file: Path | None = project.config_file
        self.text = config_text(self.file) if self.file else ""
        in_pyproject = self.file is not None and self.file.name == "pyproject.toml"
        self.prefix: tuple[str, ...] = ("tool", "aidcheck") if in_pyproject else ()
        self.problems: list[Problem] = []

    def error(self, keys: list[str], message: Message, **arguments: Argument) -> None:
        name = self.file.name if self.file else "configuration"
        line = key_line(self.text, keys, self.prefix) if self.file else 1
        dotted = ".".join((*self.prefix, *keys))
        where = [Location(path=name, line=line)]
        self.problems.append(message.problem({"key": dotted, **arguments}, locations=where))


UNKNOWN_RULE = Message(
    "L011.unknown-rule", "{key}: unknown rule '{rule}'; `aidcheck rules` lists them"
)
BAD_SEVERITY = Message("L011.severity", "{key}: must be one of {severities}")
UNKNOWN_OPTION = Message(
    "L011.unknown-option",
    "{key}: {code} has no option '{option}'; `aidcheck rule {code}` lists its options",
)
BAD_OPTION = Message("L011.invalid-option", "{key}: {reason}")
INPUT_RULE = Message(
    "L011.input-rule",
    "{key}: {code} is an input check: input errors always stop the run (exit 2) and cannot be "
    "configured",
)


def resolve_selector(selector: str) -> str | None:
    """A rule code, code prefix or rule name as the engine matches it; None if it names none."""
    try:
        return rules.get(selector).code
    except rules.UnknownRuleError:
        prefix = selector.upper()
        if prefix and any(code.startswith(prefix) for code in rules.REGISTRY):
            return prefix
        return None


def engine_settings(project: Project) -> EngineSettings:
    """The engine settings the project's configuration asks for; ConfigError if it is wrong."""
    place = _Place(project)
    chosen: dict[str, list[str]] = {"select": [], "ignore": []}
    for key, chosen_list in chosen.items():
        for selector in getattr(project.settings, key):
            resolved = resolve_selector(selector)
            if resolved is None:
                place.error([key], UNKNOWN_RULE, rule=selector)
            else:
                chosen_list.append(resolved)
    severities: dict[str, Severity] = {}
    options: dict[str, Any] = {}
    for name, table in project.settings.rules.items():
        rule = _configurable(place, name)
        if rule is None:
            continue
        settings = dict(table)
        severity = settings.pop("severity", None)
        if severity is not None:
            try:
                severities[rule.code] = Severity(severity)
            except ValueError:
                place.error(["rules", name, "severity"], BAD_SEVERITY, severities=SEVERITY_NAMES)
        model = rule.options or NoOptions
        try:
            options[rule.code] = model.model_validate(settings)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                keys = [str(part) for part in error["loc"]]
                if error["type"] == "extra_forbidden":
                    place.error(
                        ["rules", name, *keys], UNKNOWN_OPTION, code=rule.code, option=keys[-1]
                    )
                else:
                    place.error(["rules", name, *keys], BAD_OPTION, reason=str(error["msg"]))
    if place.problems:
        raise ConfigError(place.problems)
    return EngineSettings(
        select=chosen["select"], ignore=chosen["ignore"], severities=severities, options=options
    )


def _configurable(place: _Place, name: str) -> Rule | None:
    try:
        rule = rules.get(name)
    except rules.UnknownRuleError:
        place.error(["rules", name], UNKNOWN_RULE, rule=name)
        return None
    if rule.check is None:
        place.error(["rules", name], INPUT_RULE, code=rule.code)
        return None
    return rule
