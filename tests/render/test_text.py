"""The terminal report: grouped, side by side, plain without a terminal, fits 80 columns."""

from __future__ import annotations

from rich.cells import cell_len

from aidcheck.findings import ClaimRef, Finding, Location, Report, Severity
from aidcheck.render import Format, RenderOptions, render


def _text(report: Report, width: int = 80, color: bool = False) -> str:
    return render(report, Format.TEXT, RenderOptions(color=color, width=width))


def test_no_line_exceeds_80_columns(report: Report) -> None:
    output = _text(report, 80)
    widest = max(cell_len(line) for line in output.splitlines())
    assert widest <= 80


def test_long_unbroken_text_still_fits(report: Report) -> None:
    ref = report.claims["xinhua-2019-county"]
    report.claims["long"] = ClaimRef(
        **{**ref.model_dump(), "id": "x" * 120, "quote": "县" * 300, "publisher": "P" * 90},
    )
    report.findings.append(
        Finding(
            code="Z905",
            rule="a-rule-with-a-very-long-name-" * 4,
            severity=Severity.ERROR,
            message="m" * 200,
            claims=["long"],
            locations=[Location(path="claims/" + "deep/" * 30 + "a.yaml", line=1)],
            fingerprint="0" * 16,
        )
    )
    output = _text(report, 80)
    assert max(cell_len(line) for line in output.splitlines()) <= 80
    assert "县" * 30 in output.replace("\n", "").replace(" ", "")


def test_plain_without_colour_and_coloured_with_it(report: Report) -> None:
    assert "\x1b[" not in _text(report, color=False)
    assert "\x1b[" in _text(report, color=True)


def test_grouped_by_rule_most_severe_first(report: Report) -> None:
    output = _text(report, 100)
    heads = [line.split()[0] for line in output.splitlines() if line[:1] in {"L", "Z"}]
    assert heads == ["L001", "Z901", "Z902", "Z903"]
    assert "Z901 test-agreement: Claims disagree (1 finding)" in output
    assert "  metric county_hospitals_paired" in output


def test_claims_side_by_side_with_source_date_and_wording(report: Report) -> None:
    output = _text(report, 100)
    row = next(line for line in output.splitlines() if "1180家" in line and "新华网" in line)
    assert "963家三级医院" in row
    assert "2019-02-14" in output


def test_report_text_is_not_markup(report: Report) -> None:
    output = _text(report, 120, color=True)
    assert "[bold]not markup[/]" in output
    assert '<script>alert("x")</script>' in output


def test_accepted_findings_are_counted_not_listed(report: Report) -> None:
    output = _text(report, 100)
    assert "an old finding the team accepted" not in output
    assert "Accepted by a suppression (1)" in output
    assert "2 errors, 1 warning, 1 info, 1 suppressed, 1 in the baseline" in output


def test_summary_says_what_the_checks_compared(report: Report) -> None:
    output = _text(report, 100)
    summary = output[output.index("What the checks compared") :]
    for code in ("Z901", "Z902", "Z903", "Z904"):
        assert code in summary
    assert "compared nothing: no claims it applies to" in summary
    assert "4 checks made 8 comparisons, 3 passed" in summary


def test_empty_report() -> None:
    output = _text(Report(), 80)
    assert "0 errors, 0 warnings, 0 info" in output


def test_the_text_report_leads_with_what_to_fix() -> None:
    from aidcheck.findings import Finding, Location, Report, Severity
    from aidcheck.render import RenderOptions
    from aidcheck.render.text import render

    def finding(code: str, severity: Severity, line: int) -> Finding:
        return Finding(
            code=code,
            rule=code,
            severity=severity,
            message=f"{code} says what is wrong " + "at length " * 20,
            locations=[Location(path="claims/a.yaml", line=line)],
        )

    report = Report(
        findings=[
            finding("P601", Severity.INFO, 3),
            finding("A204", Severity.WARNING, 2),
            finding("X401", Severity.ERROR, 1),
        ]
    )
    text = render(report, RenderOptions(color=False, width=120))
    head = text.strip().split("\n\n")[0].splitlines()
    assert head[0] == "What to fix (2 findings)"
    assert head[1].split()[:3] == ["error", "X401", "claims/a.yaml:1:1"]
    assert head[2].split()[:2] == ["warning", "A204"]
    assert head[1].endswith("…") and len(head) == 3  # information is not a thing to fix
