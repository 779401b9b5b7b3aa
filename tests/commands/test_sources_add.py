"""`aidcheck sources add`: name, archive, index and record a snapshot; never clobber."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from aidcheck.commands import init
from aidcheck.commands.sources_add import (
    AddError,
    AddRequest,
    read_input,
    run,
    suggested_id,
)
from aidcheck.evidence.archive import sha256_of
from aidcheck.verify import VerifyOptions, verify

ARTICLE = "标题\n\n截至2020年底,山东累计派出医务人员1000余人,投入资金1.9亿元。\n".encode()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    assert init.run(root, color=False) == 0
    monkeypatch.chdir(root)
    monkeypatch.delenv("AIDCHECK_ARCHIVE", raising=False)
    (tmp_path / "article.txt").write_bytes(ARTICLE)
    return root


def request(root: Path, **changes: object) -> AddRequest:
    fields: dict[str, object] = {
        "input": str(root.parent / "article.txt"),
        "publisher": "国际在线",
        "title": "鲁渝协作: 显成效 # 1",
        "published": "2020-10-15",
        "url": "http://cq.cri.cn/20201015/x.html",
        "cwd": root,
    }
    fields.update(changes)
    return AddRequest(**fields)  # type: ignore[arg-type]


def snapshot_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "archive").iterdir())


def test_adds_snapshot_index_and_source_record_that_verify_accepts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(request(project), color=False) == 0
    out = capsys.readouterr().out
    digest = sha256_of(ARTICLE)
    name = f"001_{digest[:16]}.txt"
    assert (project / "archive" / name).read_bytes() == ARTICLE
    index = (project / "archive" / "index.tsv").read_text(encoding="utf-8").splitlines()
    assert index[-1].split("\t")[:3] == [name, digest, "cri-2020-10-15"]
    record = (project / "claims" / "sources" / "cri-2020-10-15.yaml").read_text(encoding="utf-8")
    assert digest in record and name in record
    assert "Added source cri-2020-10-15" in out
    outcome = verify(VerifyOptions(cwd=project, environ={}))
    assert outcome.report.summary.input_errors == 0, outcome.report.findings
    source = outcome.repository.sources["cri-2020-10-15"]  # type: ignore[union-attr]
    assert source.title == "鲁渝协作: 显成效 # 1"  # quoted in YAML, read back intact
    assert str(source.published) == "2020-10-15"


def test_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot_files(project), sorted((project / "claims").rglob("*"))
    index = (project / "archive" / "index.tsv").read_bytes()
    assert run(request(project, dry_run=True), color=False) == 0
    assert "Would add" in capsys.readouterr().out
    assert (snapshot_files(project), sorted((project / "claims").rglob("*"))) == before
    assert (project / "archive" / "index.tsv").read_bytes() == index


def test_an_existing_id_or_text_is_refused_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(request(project), color=False) == 0
    capsys.readouterr()
    files = snapshot_files(project)
    # The same text again, under another id: already archived.
    assert run(request(project, source_id="other-2020-10-15"), color=False) == 2
    assert "already archived" in capsys.readouterr().err
    # Another text under the same id.
    (project.parent / "article.txt").write_bytes(ARTICLE + b"more\n")
    assert run(request(project), color=False) == 2
    err = capsys.readouterr().err
    assert "already defined at claims/sources/cri-2020-10-15.yaml:" in err
    assert snapshot_files(project) == files


def test_an_existing_claim_file_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = project / "claims" / "sources" / "cri-2020-10-15.yml.yaml"
    (project / "claims" / "sources" / "cri-2020-10-15.yaml").symlink_to(target)
    assert run(request(project), color=False) == 2
    err = capsys.readouterr().err
    # The dangling link is already an input error of the claim folder (it names the link).
    assert "never overwrites" in err or "cri-2020-10-15.yaml" in err
    assert not target.exists()
    assert len(snapshot_files(project)) == 2  # example snapshot and index only


def test_a_claim_folder_linked_outside_the_project_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    sources = project / "claims" / "sources"
    for f in sources.iterdir():
        f.rename(project / "claims" / f.name)
    sources.rmdir()
    sources.symlink_to(outside, target_is_directory=True)
    assert run(request(project), color=False) == 2
    assert "outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("changes", "flag"),
    [
        ({"published": "2020-13-01"}, "--published"),
        ({"source_id": "../escape"}, "--id"),
        ({"language": "fr"}, "--language"),
        ({"derived_from": ["Not An Id"]}, "--derived-from"),
    ],
)
def test_bad_options_name_the_option(
    project: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, object], flag: str
) -> None:
    assert run(request(project, **changes), color=False) == 2
    assert flag in capsys.readouterr().err
    assert len(snapshot_files(project)) == 2


def test_without_an_archive_it_says_how_to_name_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "aidcheck.toml").write_text('claims = "claims"\n', encoding="utf-8")
    assert run(request(project), color=False) == 2
    assert "--archive" in capsys.readouterr().err


def test_input_is_bounded_and_must_not_be_empty(tmp_path: Path) -> None:
    with pytest.raises(AddError, match="empty"):
        read_input("-", io.BytesIO(b" \n"))
    with pytest.raises(AddError, match="MiB"):
        read_input("-", io.BytesIO(b"x" * (16 * 1024 * 1024 + 1)))
    with pytest.raises(AddError, match="no such file"):
        read_input(str(tmp_path / "missing.txt"), io.BytesIO())
    assert read_input("-", io.BytesIO(b"1180\n")) == b"1180\n"


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("新华网", "http://www.xinhuanet.com/politics/2019-02/14/c_1124114461.htm", "xinhuanet"),
        ("国际在线", "http://cq.cri.cn/20201015/x.html", "cri"),
        ("Reuters", None, "reuters"),
        ("中新网", None, "source"),
        ("中新网", "https://www.chinanews.com.cn/x", "chinanews"),
    ],
)
def test_suggested_ids(publisher: str, url: str | None, expected: str) -> None:
    assert suggested_id(publisher, "2020-01-02", url) == f"{expected}-2020-01-02"


def test_markup_in_the_options_is_printed_as_data(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(request(project, source_id="x-[bold]\x1b[2J"), color=True) == 2
    err = capsys.readouterr().err
    assert "[bold]" in err and "\x1b" not in err
    assert len(os.listdir(project / "archive")) == 2
