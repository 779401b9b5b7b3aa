"""The HTML report: escaped, self-contained, and working in a real headless Chromium."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidcheck.findings import Report
from aidcheck.render import Format, render
from aidcheck.verify import VerifyOptions, verify
from tests.render.cdp import Browser, find_chromium

ROOT = Path(__file__).parents[2]
CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium not installed: run `apt-get install -y chromium` (Debian) to run the "
    "HTML report's browser tests; .ci/run installs it in CI",
)


def test_all_report_text_is_escaped(report: Report) -> None:
    page = render(report, Format.HTML)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;" in page and "&lt;i&gt;" in page
    assert page.count("<script>") == 1


def test_page_is_self_contained(report: Report) -> None:
    page = render(report, Format.HTML)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in html.unescape(page)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, tmp_path / "profile") as opened:
        yield opened


def _open(browser: Browser, tmp_path: Path, page: str) -> None:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.open(path.as_uri())


def _visible(browser: Browser) -> list[str]:
    value = browser.evaluate(
        "Array.from(document.querySelectorAll('#findings .finding'))"
        ".filter(a => a.offsetParent !== null).map(a => a.dataset.fingerprint)"
    )
    assert isinstance(value, list)
    return [str(v) for v in value]


@needs_chromium
def test_page_loads_without_errors_and_shows_findings(
    browser: Browser, report: Report, tmp_path: Path
) -> None:
    _open(browser, tmp_path, render(report, Format.HTML))
    assert browser.console_errors() == []
    assert set(_visible(browser)) == {f.fingerprint for f in report.active()}
    text = browser.evaluate("document.body.innerText")
    assert "963家三级医院与834个贫困县的1180家县级医院" in text
    assert '<script>alert("x")</script>' in text  # shown as text, never run
    assert browser.evaluate("document.getElementById('shown').textContent") == (
        "Showing 4 of 4 findings"
    )
    assert [u for u in browser.requests() if not u.startswith("file:")] == []


@needs_chromium
def test_bundled_repository_report_shows_every_finding(browser: Browser, tmp_path: Path) -> None:
    report = verify(VerifyOptions(cwd=ROOT)).report
    assert report.active(), "the bundled repository reports findings"
    _open(browser, tmp_path, render(report, Format.HTML))
    assert browser.console_errors() == []
    assert sorted(_visible(browser)) == sorted(f.fingerprint for f in report.active())


@needs_chromium
def test_severity_filter_hides_other_severities(
    browser: Browser, report: Report, tmp_path: Path
) -> None:
    _open(browser, tmp_path, render(report, Format.HTML))
    browser.click("#severity-error")
    browser.click("#severity-warning")
    visible = _visible(browser)
    assert visible == ["f903cccccccccccc"]  # only the info finding is left
    assert browser.evaluate("document.getElementById('shown').textContent") == (
        "Showing 1 of 4 findings"
    )
    browser.click("#severity-info")
    assert _visible(browser) == []
    assert browser.evaluate("document.getElementById('none-shown').hidden") is False
    assert browser.console_errors() == []


@needs_chromium
def test_rule_filter_hides_other_rules(browser: Browser, report: Report, tmp_path: Path) -> None:
    _open(browser, tmp_path, render(report, Format.HTML))
    browser.evaluate(
        "(() => { const s = document.getElementById('rule-filter'); s.value = 'Z901';"
        " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )
    assert _visible(browser) == ["f901aaaaaaaaaaaa"]
    hidden_groups = browser.evaluate(
        "Array.from(document.querySelectorAll('#findings .rule')).filter(s => s.hidden)"
        ".map(s => s.dataset.rule)"
    )
    assert sorted(hidden_groups) == ["L001", "Z902", "Z903"]
    assert browser.console_errors() == []


@needs_chromium
def test_harness_sees_console_errors(browser: Browser, tmp_path: Path) -> None:
    """The no-error checks above mean something: a broken page is caught."""
    _open(browser, tmp_path, "<!doctype html><script>console.error('boom'); nope();</script>")
    errors = browser.console_errors()
    assert any("boom" in e for e in errors)
    assert any("ReferenceError" in e or "nope" in e for e in errors)


@needs_chromium
def test_harness_sees_policy_violations(browser: Browser, tmp_path: Path) -> None:
    """A style or a request the page's policy forbids shows up as an error."""
    page = (
        "<!doctype html><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"
        "<style>body { color: red }</style><img src='https://example.invalid/x.png'>"
    )
    _open(browser, tmp_path, page)
    errors = browser.console_errors()
    assert any("Content Security Policy" in e for e in errors), errors


def test_data_never_starts_a_line_nor_carries_a_raw_escape() -> None:
    from aidcheck.render.html import e

    out = e("1180家\x1b[31m\x1b]0;title\x07\n::error file=README.md,line=1::x\r\u2028y")
    assert "\n" not in out and "\r" not in out and "\x1b" not in out and "\x07" not in out
    assert "&#10;::error" in out and "&#27;" in out
