"""Markdown for pull-request comments: escaped, tables intact, within GitHub's size limit."""

from __future__ import annotations

import re

from aidcheck.findings import Finding, Location, Report, Severity
from aidcheck.render import Format, render
from aidcheck.render.markdown import LIMIT, text

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_text_is_inert() -> None:
    assert text("<script>a|b</script>") == "&lt;script&gt;a\\|b&lt;/script&gt;"
    assert text("*bold* [link](x) `code`\nnext") == ("\\*bold\\* \\[link\\](x) \\`code\\`<br>next")


def test_summary_table_and_heading(report: Report) -> None:
    output = render(report, Format.MARKDOWN)
    assert output.startswith("## aidcheck: 2 errors, 1 warning, 1 info, 1 suppressed")
    assert "| errors | 2 |" in output and "| in the baseline | 1 |" in output


def test_tables_keep_their_columns(report: Report) -> None:
    output = render(report, Format.MARKDOWN)
    in_table = False
    columns = 0
    for line in output.splitlines():
        if line.startswith("|"):
            cells = len(UNESCAPED_PIPE.findall(line)) - 1
            if not in_table:
                in_table, columns = True, cells
            assert cells == columns, line
        else:
            in_table = False
    assert "<script>" not in output
    assert "\\| 100% :: a,b<br>second line" in output


def test_quotes_side_by_side(report: Report) -> None:
    output = render(report, Format.MARKDOWN)
    assert "| source | date | figure | wording | claim |" in output
    assert "| 新华网 | 2019-02-14 | 1180家<br>\\[1180, 1180\\] | 963家三级医院" in output


def test_suppressed_listed_apart_and_checks_shown(report: Report) -> None:
    output = render(report, Format.MARKDOWN)
    head, _, accepted = output.partition("<details><summary>1 suppressed finding")
    assert "different as-of dates" not in head
    assert "different as-of dates" in accepted
    assert "| Z904 | test-rollup | 0 | 0 | 0 | compared nothing" in output


def test_stays_under_the_comment_limit(report: Report) -> None:
    long_message = "很长的说明" * 400
    report.findings = [
        Finding(
            code="Z901",
            rule="test-agreement",
            severity=Severity.ERROR,
            message=f"{i} {long_message}",
            locations=[Location(path="claims/a.yaml", line=i + 1)],
            fingerprint=f"{i:016x}",
        )
        for i in range(200)
    ]
    output = render(report, Format.MARKDOWN)
    assert len(output) <= LIMIT < 65_536  # GitHub's limit on a comment
    match = re.search(r"_(\d+) more findings not shown here", output)
    assert match and int(match.group(1)) + output.count("**error**") == 200


def test_the_markdown_table_and_the_html_cards_count_the_same_things(report: Report) -> None:
    report.summary.stale_baseline = 3
    report.summary.unchanged = 4
    markdown = render(report, Format.MARKDOWN)
    page = render(report, Format.HTML)
    for label, count in (("stale baseline entries", 3), ("in unchanged files", 4)):
        assert f"| {label} | {count} |" in markdown
        assert f"<b>{count}</b>{label}</li>" in page


def test_mentions_references_and_urls_stay_inert() -> None:
    out = text("@octocat see #123, GH-5, https://evil.example/x and www.evil.example")
    assert "@octocat" not in out and "#123" not in out and "GH-5" not in out
    assert "https://" not in out and "www." not in out
    assert "octocat" in out and "123" in out and "evil.example" in out


def test_stays_under_the_limit_with_long_suppression_reasons(report: Report) -> None:
    report.findings = [
        Finding(
            code="Z901",
            rule="test-agreement",
            severity=Severity.ERROR,
            message=f"finding {i}",
            claims=[f"claim-{i}"],
            fingerprint=f"{i:016x}",
            suppressed="很长的理由" * 2_000,
        )
        for i in range(300)
    ]
    output = render(report, Format.MARKDOWN)
    assert len(output) <= 65_536
    assert "more suppressed findings not shown" in output
    assert output.count("<details>") == output.count("</details>")


def test_stays_under_the_limit_with_many_long_notices(report: Report) -> None:
    report.notices = [f"baseline entry {i} no longer occurs: " + "x" * 50_000 for i in range(200)]
    output = render(report, Format.MARKDOWN)
    assert len(output) <= 65_536
    assert "more notices in the full report" in output
