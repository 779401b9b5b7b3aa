"""The citation checks on the bundled claims and the real archive, on private copies of both.

Skipped, with the reason shown, in a checkout without ../shared/sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck.findings import Finding, Report
from aidcheck.verify import VerifyOptions, verify
from tests.evidence.harness import NO_REAL_ARCHIVE, REAL_ARCHIVE, copy_real, findings

pytestmark = pytest.mark.skipif(not REAL_ARCHIVE.is_dir(), reason=NO_REAL_ARCHIVE)

XINHUA = "claims/sources/xinhua-2019-02-14.yaml"
CINIC = "claims/sources/cinic-2020-08-01.yaml"
STAFF_QUOTE = "quote: 派出超过6万人次医务人员参与贫困县县级医院管理和诊疗工作"


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    return copy_real(tmp_path)


def run(root: Path, archive: Path) -> Report:
    return verify(VerifyOptions(cwd=root, archive=archive, environ={})).report


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_at(root: Path, finding: Finding) -> str:
    loc = finding.locations[0]
    return (root / loc.path).read_text(encoding="utf-8").splitlines()[loc.line - 1]


def citation_codes(report: Report) -> list[str]:
    return [f.code for f in report.active() if f.code.startswith("C")]


def test_every_bundled_citation_is_checked_and_verifies(copies: tuple[Path, Path]) -> None:
    root, archive = copies
    report = run(root, archive)
    assert citation_codes(report) == []
    runs = {r.code: r for r in report.rules}
    assert runs["C103"].compared == report.summary.claims
    assert runs["C103"].passed == report.summary.claims
    assert all(s.citation_status.startswith("verified") for s in report.sources)


def test_one_character_of_a_quote_edited_is_c103_at_the_claims_line(
    copies: tuple[Path, Path],
) -> None:
    root, archive = copies
    edit(root, XINHUA, STAFF_QUOTE, STAFF_QUOTE.replace("诊疗", "治疗"))
    report = run(root, archive)
    [finding] = findings(report, "C103")
    assert finding.claims == ["xinhua-2019-staff-dispatched"]
    assert finding.locations[0].path == XINHUA
    assert "治疗工作" in line_at(root, finding)
    assert report.summary.exit_code == 1


@pytest.mark.parametrize(
    ("figure", "code"),
    [("超过7万人次", "C105"), ("6万人次", "C107"), ("超过6万人", "C108")],
)
def test_a_figure_the_quote_does_not_state_is_reported_at_the_figures_line(
    copies: tuple[Path, Path], figure: str, code: str
) -> None:
    root, archive = copies
    edit(
        root,
        XINHUA,
        "figure: 超过6万人次\n    scope: {region: CN, programme: tertiary",
        f"figure: {figure}\n    scope: {{region: CN, programme: tertiary",
    )
    report = run(root, archive)
    [finding] = [f for f in findings(report, code) if "xinhua-2019-staff-dispatched" in f.claims]
    assert finding.locations[0].path == XINHUA
    assert f"figure: {figure}" in line_at(root, finding)
    assert report.summary.exit_code == 1


NEW_CLAIM = """
  - id: {ident}
    metric: staff_trained_visits
    figure: {figure}
    scope: {{region: CN-TJ}}
    quote: {quote}
"""


def add_claim(root: Path, name: str, ident: str, figure: str, quote: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + NEW_CLAIM.format(ident=ident, figure=figure, quote=quote), "utf-8")


def test_a_quote_of_000s_traditional_text_verifies(copies: tuple[Path, Path]) -> None:
    root, archive = copies
    add_claim(root, CINIC, "cinic-traditional", "526人次", "接受受援醫療機構來津培訓526人次")
    add_claim(root, CINIC, "cinic-simplified", "526人次", "接受受援医疗机构来津培训526人次")
    report = run(root, archive)
    involved = {c for f in report.active() if f.code.startswith("C") for c in f.claims}
    assert not involved & {"cinic-traditional", "cinic-simplified"}


def test_a_quote_of_001s_mojibake_is_reported_as_damaged_text(copies: tuple[Path, Path]) -> None:
    root, archive = copies
    add_claim(root, XINHUA, "xinhua-garbled", "超过400家", "椅郎")
    add_claim(
        root, XINHUA, "xinhua-recovered", "超过400家", "焦雅辉介绍,截至2018年底,已有超过400家"
    )
    report = run(root, archive)
    spotted = {c: f for f in findings(report, "C106") for c in f.claims}
    assert set(spotted) == {"xinhua-garbled", "xinhua-recovered"}
    assert spotted["xinhua-garbled"].details["spans"][0]["kind"] == "repaired"
    assert spotted["xinhua-garbled"].details["spans"][0]["line"] == 26
    assert spotted["xinhua-recovered"].details["spans"][0]["kind"] == "repaired"


def test_one_changed_byte_of_a_snapshot_is_c102_for_every_claim_citing_it(
    copies: tuple[Path, Path],
) -> None:
    root, archive = copies
    path = archive / "001_cf9ab42a71210f63.txt"
    data = path.read_bytes()
    at = data.index(b"2019-02-14 17:15:02")
    path.write_bytes(data[:at] + b"3" + data[at + 1 :])  # 2019 → 3019 in the dateline
    report = run(root, archive)
    citing = sorted(c for c, s in _claim_sources(root, archive).items() if s == "xinhua-2019-02-14")
    assert sorted(c for f in findings(report, "C102") for c in f.claims) == citing
    assert len(citing) > 10
    assert {f.locations[0].path for f in findings(report, "C102")} == {XINHUA}


def _claim_sources(root: Path, archive: Path) -> dict[str, str]:
    outcome = verify(VerifyOptions(cwd=root, archive=archive, environ={}))
    assert outcome.repository is not None
    return dict(outcome.repository.claim_source)
