"""What editors read: every format shows a source's url; the HTML page has a view per source,
the run's date, aidcheck version and git commit, and links only to web pages."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from aidcheck.findings import Report, SourceSummary
from aidcheck.render import Format, RenderOptions, render
from aidcheck.render.html import safe_url
from aidcheck.runinfo import RunInfo, collect
from tests.render.conftest import make_report

URL = "https://www.news.cn/politics/2019-02/14/c_1124114461.htm?a=1&b=2"


def with_urls() -> Report:
    report = make_report()
    report.claims["xinhua-2019-county"].url = URL
    report.claims["people-2019-county"].url = "javascript:alert(1)"
    report.sources = [
        SourceSummary(
            id="xinhua-2019",
            publisher="新华网",
            title="400余家贫困县医院晋级“二甲”",
            published="2019-02-14",
            url=URL,
            claims=1,
            citation_status="verified (1/1)",
        ),
        SourceSummary(
            id="people-2019",
            publisher="人民网",
            title="<b>title</b>",
            published="2019-02-15",
            url='" onmouseover="alert(1)',
            claims=1,
        ),
        SourceSummary(
            id="gov-2020", publisher="中国政府网", title="t", published="2020-11-20", claims=1
        ),
    ]
    return report


@pytest.mark.parametrize(
    "fmt", [Format.TEXT, Format.JSON, Format.SARIF, Format.GITHUB, Format.MARKDOWN, Format.HTML]
)
def test_every_format_shows_the_source_url(fmt: Format) -> None:
    out = render(with_urls(), fmt, RenderOptions(width=300))
    shown = out.replace("&amp;", "&").replace("\\&", "&").replace("\\_", "_").replace("\\?", "?")
    shown = shown.replace("&#8203;", "")  # Markdown shows a URL as inert text, not a live link
    shown = re.sub(r"\s+", "", shown)
    assert URL in shown or URL.replace("/", "\\/") in shown, fmt


def test_the_json_report_carries_urls_and_stays_the_same_from_run_to_run() -> None:
    first = render(with_urls(), Format.JSON, RenderOptions())
    data = json.loads(first)
    assert data["schema_version"] == "1.1"
    assert {s["id"]: s["url"] for s in data["sources"]}["xinhua-2019"] == URL
    assert data["claims"]["xinhua-2019-county"]["url"] == URL
    run = RunInfo(date="2026-01-01 00:00 UTC", version="9", commit="abc")
    assert render(with_urls(), Format.JSON, RenderOptions(run=run)) == first


def test_the_html_page_has_a_view_per_source_with_its_findings() -> None:
    page = render(with_urls(), Format.HTML, RenderOptions())
    section = page[page.index('<section id="sources">') :]
    section = section[: section.index("</section>")]
    assert section.count('<article class="source"') == 3
    xinhua = section[section.index('id="source-xinhua-2019"') :]
    xinhua = xinhua[: xinhua.index("</article>")]
    assert f'href="{URL.replace("&", "&amp;")}"' in xinhua
    assert "verified (1/1)" in xinhua and "2019-02-14" in xinhua and "1 claim" in xinhua
    # The conflict and the provenance finding involve a claim of this source; their links
    # point at findings on the page.
    for fingerprint in re.findall(r'href="#finding-([0-9a-f]+)"', xinhua):
        assert f'id="finding-{fingerprint}"' in page
    assert "Z901" in xinhua and "Z903" in xinhua and "Z902" not in xinhua
    gov = section[section.index('id="source-gov-2020"') :]
    assert "no address recorded" in gov[: gov.index("</article>")]


def test_only_web_addresses_become_links() -> None:
    page = render(with_urls(), Format.HTML, RenderOptions())
    assert 'href="javascript' not in page
    assert "onmouseover" not in page.replace("&quot; onmouseover=&quot;", "")
    assert "<b>title</b>" not in page
    for url in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "http:///x"):
        assert safe_url(url) is None
    assert safe_url("https://a.example/ x") is None
    assert safe_url(URL) == URL


def test_the_html_page_names_the_run() -> None:
    run = RunInfo(date="2026-12-01 21:00 UTC", version="0.1.0", commit="0123456789ab", dirty=True)
    page = render(with_urls(), Format.HTML, RenderOptions(run=run))
    assert (
        "Run 2026-12-01 21:00 UTC · aidcheck 0.1.0 · commit 0123456789ab with uncommitted" in page
    )


def test_run_info_reads_the_commit_of_a_git_checkout(tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 1, 21, 5, tzinfo=dt.UTC)
    outside = collect(tmp_path, now)
    assert outside.commit is None and outside.date == "2026-12-01 21:05 UTC"
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a"}
    env |= {"GIT_COMMITTER_EMAIL": "a@b", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    try:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        subprocess.run(["git", "-C", str(tmp_path), "add", "a.txt"], check=True, env=env)
        subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "x"], check=True, env=env)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    head = subprocess.run(
        ["git", "-C", str(tmp_path), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    info = collect(tmp_path, now)
    assert info.commit == head[:12] and not info.dirty
    (tmp_path / "a.txt").write_text("changed", encoding="utf-8")
    assert collect(tmp_path, now).dirty
