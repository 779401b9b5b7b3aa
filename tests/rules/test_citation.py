"""C100, C101, C102, C109: the archive and the snapshots a source names."""

from __future__ import annotations

import os
from pathlib import Path

from aidcheck.evidence.archive import ENV_VAR
from tests.evidence.harness import Cited, findings, list_in_index, quoted

TEXT = (
    "某省卫生健康委员会介绍，截至2018年底，已派出超过6万人次医务人员参与县级医院管理诊疗工作，"
    "1180家县级医院获得帮扶。\n"
)
STAFF = quoted("a", "超过6万人次", "已派出超过6万人次医务人员", metric="staff_dispatch_visits")
HOSPITALS = quoted("b", "1180家", "1180家县级医院获得帮扶")


def test_every_citation_verifies_against_an_unchanged_snapshot(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", TEXT, [STAFF, HOSPITALS])
    report = cited.verify()
    assert [f.code for f in report.findings if f.code.startswith("C")] == []
    assert report.summary.exit_code == 0
    [summary] = report.sources
    assert summary.citation_status == "verified (2/2)"
    runs = {r.code: r for r in report.rules}
    assert (runs["C103"].compared, runs["C103"].passed) == (2, 2)


def test_one_changed_byte_is_reported_for_every_claim_citing_the_snapshot(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", TEXT, [STAFF, HOSPITALS])
    cited.write()
    path = cited.archive / "src.txt"
    path.write_bytes(path.read_bytes().replace(b"2018", b"2019"))  # one byte, outside the quotes
    report = cited.verify()
    changed = findings(report, "C102")
    assert sorted(c for f in changed for c in f.claims) == ["a", "b"]
    assert all(f.severity == "error" for f in changed)
    assert changed[0].locations[0].path == "claims/sources/src.yaml"
    assert {loc.line for f in changed for loc in f.locations[:1]} == {
        _line_of(cited.root / "claims/sources/src.yaml", "quote: 已派出"),
        _line_of(cited.root / "claims/sources/src.yaml", "quote: 1180家"),
    }
    assert report.summary.exit_code == 1
    assert report.sources[0].citation_status == "not checked (snapshot changed)"
    assert findings(report, "C103") == []  # text nobody recorded is not matched or shown


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_a_snapshot_missing_from_the_archive_is_reported_per_claim(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", None, [STAFF, HOSPITALS], file="gone.txt")
    cited.snapshot("other.txt", TEXT)
    list_in_index(cited.archive, "gone.txt", b"")
    report = cited.verify()
    missing = findings(report, "C101")
    assert sorted(c for f in missing for c in f.claims) == ["a", "b"]
    assert missing[0].message_id == "C101.absent"
    assert missing[0].arguments["file"] == "gone.txt"
    assert findings(report, "C103") == []


def test_a_snapshot_name_that_leaves_the_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
    cited = Cited(tmp_path).source("src", None, [HOSPITALS], file="../../secret.txt")
    cited.snapshot("other.txt", TEXT)
    [finding] = findings(cited.verify(), "C101")
    assert finding.message_id == "C101.unsafe"
    assert finding.arguments["file"] == "../../secret.txt"


def test_a_symlink_out_of_the_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
    cited = Cited(tmp_path).source("src", None, [HOSPITALS], file="link.txt")
    cited.snapshot("other.txt", TEXT)
    list_in_index(cited.archive, "link.txt", TEXT.encode())
    os.symlink(tmp_path / "secret.txt", cited.archive / "link.txt")
    [finding] = findings(cited.verify(), "C101")
    assert finding.message_id == "C101.unsafe"
    assert "outside the archive" in str(finding.arguments["reason"])


def test_a_source_without_a_snapshot_is_said_once_per_claim(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", None, [HOSPITALS])
    cited.snapshot("other.txt", TEXT)
    report = cited.verify()
    [finding] = findings(report, "C109")
    assert finding.severity == "info" and finding.claims == ["b"]
    assert report.summary.exit_code == 0


def test_without_an_archive_verify_runs_says_so_and_does_not_fail(tmp_path: Path) -> None:
    cited = Cited(tmp_path, config_archive=None).source("src", TEXT, [STAFF, HOSPITALS])
    report = cited.verify()
    assert report.summary.exit_code == 0
    [notice] = report.notices
    assert "citations were not checked" in notice
    assert "--archive" in notice and ENV_VAR in notice and "archive =" in notice
    runs = {r.code: r for r in report.rules}
    assert runs["C103"].note is not None and "no evidence archive" in runs["C103"].note
    assert runs["C105"].compared == 2  # figure checks need no archive
    assert report.sources[0].citation_status == "not checked (no archive)"


def test_a_configured_archive_that_does_not_exist_is_a_notice(tmp_path: Path) -> None:
    cited = Cited(tmp_path, config_archive="nowhere").source("src", TEXT, [HOSPITALS])
    report = cited.verify()
    assert report.summary.exit_code == 0
    assert any("is not a folder" in n for n in report.notices)


def test_an_archive_option_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", TEXT, [HOSPITALS])
    report = cited.verify(archive=tmp_path / "typo")
    assert report.summary.exit_code == 2
    assert [f.code for f in report.findings] == ["C100"]


def test_the_option_and_the_environment_override_the_configuration(tmp_path: Path) -> None:
    cited = Cited(tmp_path, config_archive="nowhere").source("src", TEXT, [HOSPITALS])
    assert cited.verify(archive=cited.archive).sources[0].citation_status == "verified (1/1)"
    report = cited.verify(environ={ENV_VAR: str(cited.archive)})
    assert report.sources[0].citation_status == "verified (1/1)"
    assert report.notices == []


def test_the_source_status_counts_the_claims_whose_citation_failed(tmp_path: Path) -> None:
    wrong = quoted("c", "1181家", "1181家县级医院获得帮扶")
    report = Cited(tmp_path).source("src", TEXT, [STAFF, HOSPITALS, wrong]).verify()
    assert report.sources[0].citation_status == "2/3 verified; C103"


def test_a_snapshot_the_index_does_not_list_is_not_opened(tmp_path: Path) -> None:
    cited = Cited(tmp_path).source("src", None, [HOSPITALS], file="unlisted.txt")
    cited.snapshot("other.txt", TEXT)
    cited.archive.joinpath("unlisted.txt").write_text(TEXT, encoding="utf-8")
    report = cited.verify()
    [finding] = findings(report, "C101")
    assert finding.message_id == "C101.unlisted"
    assert findings(report, "C103") == [] and findings(report, "C102") == []


def test_archive_set_to_the_root_discloses_nothing(tmp_path: Path) -> None:
    """A pull request's configuration points the archive at / and cites /etc/passwd with a
    made-up sha256: nothing of the file reaches the report."""
    cited = Cited(tmp_path).source("src", None, [HOSPITALS], file="etc/passwd", sha="1" * 64)
    cited.config_archive = "/"
    report = cited.verify()
    dumped = report.model_dump_json()
    assert "root:" not in dumped and "/bin/" not in dumped
    [finding] = findings(report, "C101")
    assert finding.message_id == "C101.unlisted"


def test_closest_passages_stop_at_the_run_budget(tmp_path: Path) -> None:
    """Each unfound quote's closest passage scans its whole snapshot: a fixed budget of
    characters per run bounds thousands of unfound quotes in a large snapshot."""
    near_a = quoted(
        "a",
        "超过6万人次",
        "已派出超过6万人次医务人员参与县级医院管理工作",
        metric="staff_dispatch_visits",
    )
    near_b = quoted("b", "1180家", "1180家县级医院获得了帮扶")
    cited = Cited(tmp_path).source("src", TEXT, [near_a, near_b])
    with_closest = findings(cited.verify(), "C103")
    assert all("closest" in f.details for f in with_closest) and len(with_closest) == 2
    budget = {"AIDCHECK_LIMITS": f"closest_chars={len(TEXT)}"}
    limited = findings(cited.verify(environ=budget), "C103")
    assert sum("closest" in f.details for f in limited) == 1
