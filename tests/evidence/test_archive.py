from __future__ import annotations

import os
from pathlib import Path

import pytest

from aidcheck.config import find_project
from aidcheck.evidence.archive import ENV_VAR, Archive, LookupStatus, locate_archive, read_index
from aidcheck.limits import Limits
from aidcheck.safeio import UnsafeFile


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "sub").mkdir(parents=True)
    (root / "aidcheck.toml").write_text('archive = "../configured"\n', encoding="utf-8")
    return root


def test_the_option_wins_over_the_environment_and_the_configuration(project: Path) -> None:
    where = locate_archive(Path("opt"), {ENV_VAR: "env"}, find_project(project), project / "sub")
    assert (where.path, where.setting) == (project / "sub" / "opt", "--archive")


def test_the_environment_wins_over_the_configuration(project: Path) -> None:
    where = locate_archive(None, {ENV_VAR: "env"}, find_project(project), project / "sub")
    assert (where.path, where.setting) == (project / "sub" / "env", ENV_VAR)


def test_the_configuration_is_relative_to_its_file(project: Path) -> None:
    where = locate_archive(None, {}, find_project(project / "sub"), project / "sub")
    assert where.path is not None
    assert where.path.resolve() == (project.parent / "configured").resolve()
    assert where.setting == "archive in aidcheck.toml"
    assert not where.exists


def test_no_setting_means_no_archive(tmp_path: Path) -> None:
    where = locate_archive(None, {ENV_VAR: "  "}, find_project(tmp_path), tmp_path)
    assert where.path is None and not where.exists


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    root = tmp_path / "archive"
    (root / "nested").mkdir(parents=True)
    (root / "a.txt").write_text("正文", encoding="utf-8")
    (root / "nested" / "b.txt").write_text("正文", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "escape.txt")
    os.symlink(root / "a.txt", root / "alias.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "unlisted.txt").write_text("正文", encoding="utf-8")
    (root / ".hidden").write_text("token", encoding="utf-8")
    listed = ["a.txt", "nested/b.txt", "alias.txt", "escape.txt", "nope.txt", "pipe.txt"]
    (root / "SHA256SUMS").write_text(
        "".join(f"{'0' * 64}  {name}\n" for name in [*listed, ".hidden"]), encoding="utf-8"
    )
    return Archive(root)


@pytest.mark.parametrize("name", ["a.txt", "nested/b.txt", "alias.txt", "./a.txt"])
def test_plain_names_inside_the_archive_are_found(archive: Archive, name: str) -> None:
    found = archive.lookup(name)
    assert found.status is LookupStatus.FOUND
    assert archive.read(found) == "正文".encode()


@pytest.mark.parametrize(
    "name",
    [
        "../secret.txt",
        "nested/../../secret.txt",
        "/etc/passwd",
        "C:\\x.txt",
        "\\\\host\\x",
        "escape.txt",
        "",
    ],
)
def test_names_that_would_leave_the_archive_are_refused(archive: Archive, name: str) -> None:
    found = archive.lookup(name)
    assert found.status is LookupStatus.UNSAFE
    assert found.reason


def test_a_missing_file_is_missing_not_unsafe(archive: Archive) -> None:
    assert archive.lookup("nope.txt").status is LookupStatus.MISSING


def test_a_file_the_index_does_not_list_is_not_opened(archive: Archive) -> None:
    found = archive.lookup("unlisted.txt")
    assert found.status is LookupStatus.UNLISTED
    assert "index" in found.reason


def test_hidden_names_are_refused_even_when_listed(archive: Archive) -> None:
    assert archive.lookup(".hidden").status is LookupStatus.UNSAFE
    assert archive.lookup("nested/../.git/config").status is LookupStatus.UNSAFE


def test_a_fifo_in_the_archive_is_refused_without_blocking(archive: Archive) -> None:
    found = archive.lookup("pipe.txt")
    with pytest.raises(UnsafeFile, match="FIFO"):
        archive.read(found)


def test_index_tsv_and_readme_lines_list_snapshots(tmp_path: Path) -> None:
    (tmp_path / "index.tsv").write_text(
        f"file\tsha256\tsource\n001_a.txt\t{'a' * 64}\tx\n", encoding="utf-8"
    )
    (tmp_path / "README.md").write_text(
        f"# snapshots\n\n```\n{'B' * 64}  002_b.txt\n```\n", encoding="utf-8"
    )
    assert read_index(tmp_path, Limits()) == {"001_a.txt": "a" * 64, "002_b.txt": "b" * 64}
