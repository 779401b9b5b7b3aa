"""The rule catalogue as text: `aidcheck rules` (one line per rule), `aidcheck rule CODE` and
docs/checks.md (Markdown, one section per rule, from the registry itself).

The catalogue is our own writing (titles, descriptions, option defaults), not data from a claim
repository, so it is plain text and needs no console.
"""

from __future__ import annotations

import json
from typing import Any

from aidcheck.rules.base import Family, Rule

FAMILY_HEADINGS: dict[Family, str] = {
    Family.LOAD: "Input (L0xx)",
    Family.CITATION: "Citations (C1xx)",
    Family.AGREEMENT: "Agreement (A2xx)",
    Family.ROLLUP: "Roll-ups (R3xx)",
    Family.RELATION: "Relations (X4xx)",
    Family.TIMELINE: "Timelines (T5xx)",
    Family.PROVENANCE: "Provenance (P6xx)",
    Family.META: "Suppressions (S0xx)",
}


def options_of(rule: Rule) -> list[dict[str, Any]]:
    """Each option of a rule: its name, default (as JSON) and meaning."""
    if rule.options is None:
        return []
    defaults = rule.options().model_dump(mode="json")
    return [
        {"name": name, "default": defaults[name], "description": info.description or ""}
        for name, info in rule.options.model_fields.items()
    ]


def summary(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family.value,
        "severity": rule.severity.value,
        "title": rule.title,
        "runnable": rule.runnable,
        "needs_archive": rule.needs_archive,
    }


def table(catalogue: list[Rule]) -> str:
    """`aidcheck rules`: one line per rule."""
    width = max(len(r.name) for r in catalogue)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.family.value:<10}  {r.severity.value:<7}  {r.title}\n"
        for r in catalogue
    )


def section(rule: Rule, level: int = 3) -> str:
    """One rule as Markdown: heading, family and severity, description, options."""
    lines = [
        f"{'#' * level} {rule.code} {rule.name}: {rule.title}",
        "",
        f"Family: {rule.family.value}. Default severity: {rule.severity.value}."
        + (" Needs the evidence archive." if rule.needs_archive else ""),
        "",
        rule.description.strip(),
        "",
    ]
    options = options_of(rule)
    if options:
        lines += ["Options (`[tool.aidcheck.rules." + rule.code + "]`):", ""]
        lines += ["| option | default | meaning |", "| --- | --- | --- |"]
        for o in options:
            default = json.dumps(o["default"], ensure_ascii=False)
            lines.append(f"| `{o['name']}` | `{default}` | {o['description']} |")
        lines.append("")
    elif rule.runnable:
        lines += ["Options: none; `severity` can still be set.", ""]
    if rule.messages:
        lines += ["Messages (a finding's `message_id`, and the template its `arguments` fill):", ""]
        lines += [f"- `{m.id}`: {m.template}" for m in rule.messages]
        lines.append("")
    return "\n".join(lines) + "\n"


def markdown(catalogue: list[Rule]) -> str:
    out: list[str] = []
    for family, heading in FAMILY_HEADINGS.items():
        members = [r for r in catalogue if r.family is family]
        out.append(f"## {heading}\n\n")
        if family is Family.CITATION:
            out.append(
                "How the archive is found and quotes are matched: [evidence.md](evidence.md).\n\n"
            )
        out += [section(r) for r in members]
    return "".join(out)
