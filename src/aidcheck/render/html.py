"""One self-contained HTML page for editors: summary, findings with the quotes side by side,
a filter by severity and by rule, and a view per source (its address, date, claims, citation
status and the findings that involve it), with the run's date, aidcheck version and commit.

Everything is rendered here, server side, with every piece of report text passed through
`html.escape`; the inline script only shows and hides what is already on the page. The page
loads nothing: its Content-Security-Policy allows no network at all and only the inline style
and script whose hashes it names.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from aidcheck.findings import ClaimRef, Finding, Report, Severity
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
    scale,
)


def _asset(name: str) -> str:
    return resources.files("aidcheck.render").joinpath(name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def e(value: object) -> str:
    """Text for HTML: escaped, with line breaks and control characters written as character
    references, so data never starts a line of the file (a `::error` line would be a workflow
    command if the page were printed in a CI log) nor carries a raw escape sequence."""
    return _CONTROL.sub(lambda m: f"&#{ord(m.group())};", escape(str(value), quote=True))


def render(report: Report, options: RenderOptions) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    policy = (
        f"default-src 'none'; style-src {_digest(css)}; script-src {_digest(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    active = ordered(report.active())
    body = [
        "<header>",
        "<h1>aidcheck report</h1>",
        f'<p class="headline">{e(headline(report))}</p>',
        _run(report, options),
        "</header>",
        _cards(report),
        _notices(report),
        _filters(report, active),
        '<main id="findings">',
        *(_group(report, code, group) for code, group in by_rule(active)),
        '<p id="none-shown" class="empty" hidden>No finding matches the filter.</p>',
        "" if active else '<p class="empty">No findings that fail or need attention.</p>',
        "</main>",
        _accepted(report),
        _sources(report, active),
        _checks(report),
        f"<footer>{e(report.tool.get('name', 'aidcheck'))} "
        f"{e(report.tool.get('version', ''))} · {e(report.root)}</footer>",
    ]
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{e(policy)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>aidcheck: {e(headline(report))}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            *[part for part in body if part],
            f"<script>{js}</script>",
            "</body>",
            "</html>",
        ]
    )


def safe_url(url: str | None) -> str | None:
    """`url` if it may be a link: http or https with a host, and nothing that could break out
    of an attribute or run a script (no white space or control characters). Else None."""
    if not url or len(url) > 2000 or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _link(url: str | None, label: str) -> str:
    href = safe_url(url)
    if href is None:
        return e(label)
    return f'<a href="{e(href)}" rel="noopener noreferrer nofollow">{e(label)}</a>'


def _run(report: Report, options: RenderOptions) -> str:
    run = options.run
    if run is None:
        return ""
    parts = [f"Run {run.date}", f"aidcheck {run.version}"]
    if run.commit:
        parts.append(f"commit {run.commit}" + (" with uncommitted changes" if run.dirty else ""))
    else:
        parts.append("not in a git checkout")
    return f'<p class="run">{e(" · ".join(parts))}</p>'


def _source_anchor(source_id: str) -> str:
    return "source-" + re.sub(r"[^a-z0-9._-]", "-", source_id.lower())


def _sources(report: Report, active: list[Finding]) -> str:
    if not report.sources:
        return ""
    involving: dict[str, list[Finding]] = {}
    for finding in active:
        cited = {report.claims[c].source for c in finding.claims if c in report.claims}
        for source_id in sorted(cited):
            involving.setdefault(source_id, []).append(finding)
    articles = []
    for s in sorted(report.sources, key=lambda s: s.id):
        findings = involving.get(s.id, [])
        items = "".join(
            f'<li><a href="#finding-{e(f.fingerprint)}">{e(f.code)} {e(f.rule)}</a> '
            f"({e(f.severity.value)}): {e(f.message)}</li>"
            for f in findings
        )
        listed = f"<ul>{items}</ul>" if items else "<p>No finding involves its claims.</p>"
        address = (
            f'<p class="url">{_link(s.url, s.url)}</p>'
            if s.url
            else '<p class="url">no address recorded</p>'
        )
        articles.append(
            f'<article class="source" id="{_source_anchor(s.id)}">'
            f"<h3>{_link(s.url, s.title)}</h3>"
            f"<p>{e(s.publisher)} · <time>{e(s.published)}</time> · {e(s.id)} · "
            f"{plural(s.claims, 'claim')} · citations: {e(s.citation_status)}</p>"
            f"{address}{listed}</article>"
        )
    return (
        f'<section id="sources"><h2>Sources ({len(report.sources)})</h2>'
        + "".join(articles)
        + "</section>"
    )


def _cards(report: Report) -> str:
    items = "".join(
        f'<li class="card-{e(label.split()[0])}"><b>{count}</b>{e(label)}</li>'
        for label, count in counts(report)
    )
    return (
        f'<ul class="cards" aria-label="summary">{items}</ul>'
        f"<p>{e(scale(report))}. {e(checks_line(report))}.</p>"
    )


def _notices(report: Report) -> str:
    if not report.notices:
        return ""
    items = "".join(f"<li>{e(n)}</li>" for n in report.notices)
    return f'<ul class="notices">{items}</ul>'


def _filters(report: Report, active: list[Finding]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{sev.value}" '
        f'id="severity-{sev.value}" checked> {sev.value} '
        f"({sum(f.severity is sev for f in active)})</label>"
        for sev in Severity
    )
    options = "".join(
        f'<option value="{e(code)}">{e(code)} {e(rule_heading(code, report)[0])}'
        f" ({len(group)})</option>"
        for code, group in sorted(by_rule(active))
    )
    return (
        '<form id="filters" class="filters" hidden>'
        f"<fieldset><legend>Severity</legend>{boxes}</fieldset>"
        '<label>Rule <select name="rule" id="rule-filter">'
        f'<option value="">all rules</option>{options}</select></label>'
        f'<p id="shown" aria-live="polite">{plural(len(active), "finding")}</p>'
        "</form>"
    )


def _group(report: Report, code: str, group: list[Finding]) -> str:
    name, title = rule_heading(code, report)
    articles = "".join(_finding(report, f) for f in group)
    return (
        f'<section class="rule" data-rule="{e(code)}">'
        f"<h2>{e(code)} {e(name)} <small>{e(title)} · "
        f"{plural(len(group), 'finding')}</small></h2>{articles}</section>"
    )


def _finding(report: Report, finding: Finding) -> str:
    where = "".join(f'<div class="where">{e(loc)}</div>' for loc in finding.locations[:1])
    claims = "".join(_claim(ref) for ref in claim_refs(report, finding))
    return (
        f'<article class="finding" id="finding-{e(finding.fingerprint)}" '
        f'data-severity="{e(finding.severity.value)}" '
        f'data-rule="{e(finding.code)}" data-fingerprint="{e(finding.fingerprint)}">'
        f'<span class="badge">{e(finding.severity.value)}</span> {where}'
        f'<p class="message">{e(finding.message)}</p>'
        + (f'<div class="claims">{claims}</div>' if claims else "")
        + "</article>"
    )


def _claim(ref: ClaimRef) -> str:
    return (
        '<figure class="claim">'
        f'<figcaption><a href="#{_source_anchor(ref.source)}">{e(ref.publisher)}</a> · '
        f"<time>{e(ref.published)}</time>"
        + (f" · {_link(ref.url, 'source page')}" if safe_url(ref.url) else "")
        + "</figcaption>"
        f'<div class="figure">{e(ref.figure)}</div>'
        f'<div class="interval">{e(ref.interval)} · {e(ref.metric)}</div>'
        f'<blockquote lang="zh">{e(ref.quote)}</blockquote>'
        f'<div class="id">{e(ref.id)} · {e(ref.location)}</div>'
        "</figure>"
    )


def _accepted(report: Report) -> str:
    items = ordered(accepted(report))
    if not items:
        return ""
    rows = "".join(
        f"<tr><td>{e(f.code)}</td><td>{e(f.severity.value)}</td>"
        f"<td>{e(', '.join(f.claims) or f.message)}</td>"
        f"<td>{e(f.suppressed if f.suppressed is not None else 'in the baseline')}</td></tr>"
        for f in items
    )
    return (
        f'<section id="accepted"><h2>Accepted findings ({len(items)})</h2><table>'
        "<thead><tr><th>rule</th><th>severity</th><th>claims</th><th>why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _checks(report: Report) -> str:
    if not report.rules:
        return ""
    rows = "".join(
        f"<tr><td>{e(r.code)}</td><td>{e(r.rule)}<br><small>{e(r.title)}</small></td>"
        f'<td class="num">{r.compared}</td><td class="num">{r.passed}</td>'
        f'<td class="num">{r.findings}</td><td>{e(r.note or "")}</td></tr>'
        for r in rule_runs(report)
    )
    return (
        '<section id="checks"><h2>What the checks compared</h2><table><thead><tr>'
        '<th>code</th><th>check</th><th class="num">compared</th><th class="num">passed</th>'
        f'<th class="num">findings</th><th>note</th></tr></thead><tbody>{rows}</tbody></table>'
        "</section>"
    )
