"""Markdown for a pull-request comment or a GitHub job summary.

A summary table, the findings grouped by rule with each finding's claims side by side in a
table, and what the checks compared. All report text is escaped: HTML special characters become
entities and Markdown punctuation is backslash-escaped, so a quote cannot open a tag, a link or
a table cell. The output stays under GitHub's 65,536-character comment limit by leaving out the
findings that do not fit and saying how many.
"""

from __future__ import annotations

import html
import re

from aidcheck.findings import Finding, Report
from aidcheck.render import RenderOptions
from aidcheck.render.common import (
    accepted,
    by_rule,
    checks_line,
    claim_refs,
    counts,
    headline,
    ordered,
    plural,
    rule_info,
    rule_runs,
)

LIMIT = 60_000
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def text(value: str) -> str:
    """Report text made inert in Markdown, on one line (newlines become `<br>`).

    Report text never starts a line (it follows a table pipe or a label), so only the inline
    punctuation needs escaping: emphasis, code, links, strike-through and table pipes.
    """
    escaped = html.escape(value, quote=False)
    escaped = _PUNCTUATION.sub(r"\\\1", escaped)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def render(report: Report, options: RenderOptions) -> str:
    parts = [f"## aidcheck: {text(headline(report))}", "", *_summary(report), ""]
    parts += [f"> **Note:** {text(n)}" + "\n" for n in report.notices]
    budget = LIMIT - sum(len(p) + 1 for p in parts)
    active = ordered(report.active())
    left_out = 0
    for code, group in by_rule(active):
        info = rule_info(code, report)
        block = [f"### {text(code)} {text(info.name)}: {text(info.title)} ({len(group)})", ""]
        for finding in group:
            item = _finding(report, finding)
            if budget - len("\n".join(block + item)) < 2_000:
                left_out += 1
                continue
            block += item
        if len(block) > 2:
            parts += block
            budget -= len("\n".join(block)) + 1
    if left_out:
        parts += [f"_{plural(left_out, 'more finding')} not shown here: see the full report._", ""]
    if not active:
        parts += ["No findings that fail or need attention.", ""]
    parts += _accepted(report)
    parts += _checks(report)
    return "\n".join(parts).rstrip("\n") + "\n"


def _summary(report: Report) -> list[str]:
    s = report.summary
    lines = ["| findings | count |", "| --- | ---: |"]
    lines += [f"| {label} | {count} |" for label, count in counts(report)]
    lines += [
        "",
        f"Checked {plural(s.claims, 'claim')} from {plural(s.sources, 'source')} in "
        f"{plural(s.files, 'file')}; {text(checks_line(report))}.",
    ]
    return lines


def _finding(report: Report, finding: Finding) -> list[str]:
    where = f" at {text(str(finding.locations[0]))}" if finding.locations else ""
    lines = [f"**{finding.severity.value}**{where}: {text(finding.message)}", ""]
    refs = claim_refs(report, finding)
    if refs:
        lines += ["| source | date | figure | wording | claim |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {text(r.publisher)}{'<br>' + text(r.url) if r.url else ''} | {text(r.published)} "
            f"| {text(r.figure)}<br>"
            f"{text(r.interval)} | {text(r.quote)} | {text(r.id)}<br>{text(str(r.location))} |"
            for r in refs
        ]
        lines.append("")
    return lines


def _accepted(report: Report) -> list[str]:
    suppressed = [f for f in ordered(accepted(report)) if f.suppressed is not None]
    if not suppressed:
        return []
    lines = [
        f"<details><summary>{plural(len(suppressed), 'suppressed finding')}</summary>",
        "",
        "| rule | claims | reason |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {text(f.code)} | {text(', '.join(f.claims) or f.message)} | "
        f"{text(f.suppressed or '')} |"
        for f in suppressed
    ]
    return [*lines, "", "</details>", ""]


def _checks(report: Report) -> list[str]:
    if not report.rules:
        return []
    lines = [
        "<details><summary>What the checks compared</summary>",
        "",
        "| code | check | compared | passed | findings | note |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {text(r.code)} | {text(r.rule)} | {r.compared} | {r.passed} | {r.findings} | "
        f"{text(r.note or '')} |"
        for r in rule_runs(report)
    ]
    return [*lines, "", "</details>", ""]
