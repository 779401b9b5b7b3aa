"""A change that weakens the gate is itself a finding (G001, with `--changed-since REF`).

The configuration comes with the change under test, so a pull request could switch off the
check that gates it: ignore a rule, lower its severity to `info`, raise `fail_on`, or point
`claims` or `archive` somewhere else. With `--changed-since REF` aidcheck reads the
configuration as it was at the merge base and reports every such difference as an error at the
line of the changed key. The finding cannot be suppressed, baselined or left out by
`--changed-since`; a maintainer who means the change merges it anyway, and the next run, whose
merge base carries the new configuration, no longer reports it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from aidcheck.changes import Changes, git_file
from aidcheck.config import ConfigError, Project, config_text, find_project, key_line
from aidcheck.engine import EngineSettings
from aidcheck.findings import Finding, Location, Problem, Report, Severity
from aidcheck.loader.repository import Repository

CODE = "G001"
NAME = "weakened-gate"
CONFIG_NAMES = ("aidcheck.toml", "pyproject.toml")


def weakened(report: Report, repo: Repository, changes: Changes) -> None:
    """Append a G001 finding to `report` for each way the change weakens the configuration."""
    from aidcheck.settings import engine_settings

    head = find_project(repo.root)
    try:
        new = engine_settings(head)
        before, old = _base_settings(head, changes)
    except ConfigError:
        report.notices.append(
            f"--changed-since {changes.ref}: the configuration at the merge base is not valid, "
            "so whether this change weakens the gate was not checked"
        )
        return
    from aidcheck import rules
    from aidcheck.rules.gate import DISABLED, FAIL_ON, LOWERED, MOVED

    place = _Place(head)
    ref = changes.ref
    for rule in rules.REGISTRY.values():
        if rule.check is None:
            continue
        name = f"{rule.code} {rule.name}"
        if old.selected(rule) and not new.selected(rule):
            key = "ignore" if _named(new.ignore, rule.code, rule.name) else "select"
            report.findings.append(place.finding([key], DISABLED(rule=name, ref=ref, setting=key)))
        elif new.selected(rule) and not new.severity(rule).at_least(old.severity(rule)):
            problem = LOWERED(
                rule=name, before=old.severity(rule).value, after=new.severity(rule).value
            )
            report.findings.append(place.finding(["rules", rule.code, "severity"], problem))
    was, now = before.settings, head.settings
    if not was.fail_on.at_least(now.fail_on):
        problem = FAIL_ON(before=was.fail_on.value, after=now.fail_on.value)
        report.findings.append(place.finding(["fail_on"], problem))
    for key, old_value, new_value in (
        ("claims", was.claims, now.claims),
        ("archive", was.archive, now.archive),
    ):
        if old_value != new_value:
            problem = MOVED(setting=key, before=repr(old_value), after=repr(new_value), ref=ref)
            report.findings.append(place.finding([key], problem))


def _named(selectors: list[str], code: str, name: str) -> bool:
    return any(s in (code, name) or code.startswith(s) for s in selectors)


def _base_settings(head: Project, changes: Changes) -> tuple[Project, EngineSettings]:
    """The project and engine settings as configured at the merge base: its aidcheck.toml, or
    its pyproject.toml with a [tool.aidcheck] table, or the defaults when it had neither
    (ConfigError if that configuration is invalid)."""
    from aidcheck.settings import engine_settings

    with tempfile.TemporaryDirectory(prefix="aidcheck-base-") as scratch:
        folder = Path(scratch).resolve()
        for name in CONFIG_NAMES:
            raw = git_file(changes, head.root / name)
            if raw is not None:
                (folder / name).write_bytes(raw)
        found = find_project(folder)
        if found.config_file is None or found.root != folder:
            found = Project(folder, None)  # no configuration at the base: the defaults
        return found, engine_settings(found)


class _Place:
    """Where a key of the current configuration is written, for the finding's location."""

    def __init__(self, project: Project) -> None:
        self.file = project.config_file
        self.shown = self.file.name if self.file else "aidcheck.toml"
        if self.file is not None:
            self.shown = _relative(self.file, project.root)
        self.text = config_text(self.file) if self.file else ""
        in_pyproject = self.file is not None and self.file.name == "pyproject.toml"
        self.prefix: tuple[str, ...] = ("tool", "aidcheck") if in_pyproject else ()

    def finding(self, keys: list[str], problem: Problem) -> Finding:
        line = key_line(self.text, keys, self.prefix) if self.text else 1
        problem.locations = [Location(path=self.shown, line=line)]
        return Finding.from_problem(CODE, NAME, Severity.ERROR, problem)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
