"""Markdown for a pull-request comment or a GitHub job summary.

A summary table, the findings grouped by rule with each finding's claims side by side in a
table, and what the checks compared. All report text is escaped: HTML special characters become
entities and Markdown punctuation is backslash-escaped, so a quote cannot open a tag, a link or
a table cell; a zero-width space after `@`, before the digits of `#123` and inside `http://` and
`www.` keeps GitHub from turning data into a mention, an issue reference or a link. The output
stays under GitHub's 65,536-character comment limit in every case: notices, suppressed findings
and findings each have a share of the budget, and what does not fit is counted, not shown.
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
    rule_heading,
    rule_runs,
)

LIMIT = 60_000
HARD_LIMIT = 65_536
NOTICE_CHARS = 1_000
NOTICES_SHOWN = 20
ACCEPTED_SHARE = 15_000
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_ZWSP = "&#8203;"
_MENTION = re.compile(r"@")
_REFERENCE = re.compile(r"#(?=\d)")
_URL = re.compile(r"(?i)(?<=http)(s?)(?=:)|(?<=www)(?=\.)|(?<=ftp)(?=:)|\bGH(?=-\d)")


def text(value: str) -> str:
    """Report text made inert in Markdown, on one line (newlines become `<br>`).

    Report text never starts a line (it follows a table pipe or a label), so only the inline
    punctuation needs escaping: emphasis, code, links, strike-through and table pipes.
    """
    escaped = html.escape(value, quote=False)
    escaped = _PUNCTUATION.sub(r"\\\1", escaped)
    escaped = _REFERENCE.sub("#" + _ZWSP, escaped)  # first: the inserted entity holds "#8"
    escaped = _MENTION.sub("@" + _ZWSP, escaped)
    escaped = _URL.sub(lambda m: m.group(0) + _ZWSP, escaped)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def render(report: Report, options: RenderOptions) -> str:
    parts = [f"## aidcheck: {text(headline(report))}", "", *_summary(report), ""]
    parts += [
        f"> **Note:** {text(_cut(n, NOTICE_CHARS))}" + "\n" for n in report.notices[:NOTICES_SHOWN]
    ]
    if len(report.notices) > NOTICES_SHOWN:
        hidden = len(report.notices) - NOTICES_SHOWN
        parts += [f"> **Note:** {plural(hidden, 'more notice')} in the full report.\n"]
    tail = _accepted(report) + _checks(report)
    budget = LIMIT - sum(len(p) + 1 for p in parts) - sum(len(p) + 1 for p in tail)
    active = ordered(report.active())
    left_out = 0
    for code, group in by_rule(active):
        name, title = rule_heading(code, report)
        block = [f"### {text(code)} {text(name)}: {text(title)} ({len(group)})", ""]
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
    out = "\n".join(parts + tail).rstrip("\n") + "\n"
    if len(out) > HARD_LIMIT:  # a last guard: every part above is budgeted
        out = out[: HARD_LIMIT - 200].rsplit("\n", 1)[0]
        out += "\n\n_The rest of the report is cut at GitHub's comment limit._\n"
    return out


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
    used = 0
    shown = 0
    for f in suppressed:
        row = (
            f"| {text(f.code)} | {text(_cut(', '.join(f.claims) or f.message, 300))} | "
            f"{text(_cut(f.suppressed or '', 500))} |"
        )
        if used + len(row) > ACCEPTED_SHARE:
            break
        lines.append(row)
        used += len(row) + 1
        shown += 1
    if shown < len(suppressed):
        lines += ["", f"{plural(len(suppressed) - shown, 'more suppressed finding')} not shown."]
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
