"""`aidcheck init`: a new repository that verifies cleanly, and never overwrites anything."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aidcheck.commands import init
from aidcheck.evidence.archive import sha256_of
from aidcheck.evidence.intake import INDEX_HEADER, SNAPSHOT_NAME
from aidcheck.verify import VerifyOptions, verify


def test_the_new_repository_verifies_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new"
    assert init.run(target, color=False) == 0
    assert "aidcheck.toml" in capsys.readouterr().out
    monkeypatch.chdir(target)
    monkeypatch.delenv("AIDCHECK_ARCHIVE", raising=False)
    outcome = verify(VerifyOptions())
    summary = outcome.report.summary
    assert outcome.repository is not None
    assert len(outcome.repository.claims) == 1
    assert len(outcome.repository.metrics) > 10
    assert summary.input_errors == 0
    assert not outcome.report.findings, outcome.report.findings
    assert not outcome.report.notices, outcome.report.notices


def test_the_example_snapshot_follows_the_naming_rule_and_is_indexed(tmp_path: Path) -> None:
    assert init.run(tmp_path, color=False) == 0
    snapshots = [p for p in (tmp_path / "archive").iterdir() if p.suffix == ".txt"]
    assert len(snapshots) == 1
    match = SNAPSHOT_NAME.match(snapshots[0].name)
    assert match is not None and match.group(1) == "000"
    digest = sha256_of(snapshots[0].read_bytes())
    assert match.group(2) == digest[:16]
    index = (tmp_path / "archive" / "index.tsv").read_text(encoding="utf-8")
    assert index.startswith(INDEX_HEADER)
    assert f"{snapshots[0].name}\t{digest}\texample-2019-02-14\t" in index


def test_nothing_is_overwritten_and_nothing_is_written_when_one_file_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "aidcheck.toml").write_text("# mine\n", encoding="utf-8")
    assert init.run(tmp_path, color=False) == 2
    err = capsys.readouterr().err
    assert "aidcheck.toml" in err and "never overwrites" in err
    assert (tmp_path / "aidcheck.toml").read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aidcheck.toml"]


def test_a_dangling_symlink_counts_as_existing(tmp_path: Path) -> None:
    os.symlink(tmp_path / "elsewhere", tmp_path / "aidcheck.toml")
    assert init.run(tmp_path, color=False) == 2
    assert not (tmp_path / "elsewhere").exists()


def test_a_second_init_refuses(tmp_path: Path) -> None:
    assert init.run(tmp_path, color=False) == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert init.run(tmp_path, color=False) == 2
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_file_as_target_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert init.run(target, color=False) == 2
    assert "is a file" in capsys.readouterr().err
