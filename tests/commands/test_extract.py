"""`aidcheck extract`: figures with readings, sentences and coverage; stub claims that load
once their review marks are settled."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aidcheck.commands import extract, init
from aidcheck.commands.sources_add import AddRequest
from aidcheck.commands.sources_add import run as add
from aidcheck.verify import VerifyOptions, verify

ARTICLE = """\
鲁渝协作显成效

  记者从重庆市卫生健康委了解到,截至2020年底,山东累计选派医疗人才1000余人到重庆14个区县支医,累计投入帮扶资金1.9亿元。
  2020年,山东新选派医师25名,其中医学博士16人。详情请拨打电话023-63895026。
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    assert init.run(root, color=False) == 0
    monkeypatch.chdir(root)
    monkeypatch.delenv("AIDCHECK_ARCHIVE", raising=False)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    request = AddRequest(str(article), "国际在线", "鲁渝协作显成效", "2021-01-15", cwd=root)
    request.source_id = "cri-2021-01-15"
    assert add(request, color=False) == 0
    return root


def run_json(capsys: pytest.CaptureFixture[str], target: str) -> dict[str, Any]:
    capsys.readouterr()
    assert extract.run(target, "json", color=False) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_figures_come_with_reading_sentence_and_no_phone_number(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(capsys, "cri-2021-01-15")
    figures = data["figures"]
    assert isinstance(figures, list)
    assert [f["text"] for f in figures] == ["1000余人", "14个", "1.9亿元", "25名", "16人"]
    first = figures[0]
    assert (first["value"], first["hedge"], first["unit"], first["interval"]) == (
        "1000",
        "odd",
        "人",
        "(1000, 2000)",
    )
    assert first["sentence"].startswith("记者从重庆市卫生健康委了解到")
    assert first["guesses"]["period"] == {"as_of": "2020-12-31", "wording": "截至2020年底"}
    assert figures[3]["guesses"]["period"] == {"year": 2020, "wording": "2020年"}
    assert first["covered_by"] == []


def test_the_coverage_line_counts_covered_figures(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = project / "claims" / "sources" / "cri-2021-01-15.yaml"
    text = claims.read_text(encoding="utf-8").replace(
        "claims: []\n",
        "claims:\n"
        "  - id: cri-2021-funds\n"
        "    metric: aid_funds\n"
        "    figure: 1.9亿元\n"
        "    scope: {region: CN-CQ, giver: CN-SD}\n"
        "    quote: 累计投入帮扶资金1.9亿元\n",
    )
    claims.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert extract.run("cri-2021-01-15", "text", color=False) == 0
    out = capsys.readouterr().out
    assert "claims cover 1 of 5 figures in this source" in out
    assert "covered by cri-2021-funds" in out
    data = run_json(capsys, "cri-2021-01-15")
    covered = [f["text"] for f in data["figures"] if f["covered_by"]]
    assert covered == ["1.9亿元"]


def test_stubs_are_refused_until_reviewed_and_load_once_settled(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert extract.run("cri-2021-01-15", "yaml", color=False) == 0
    stubs = capsys.readouterr().out
    assert stubs.count("  - id: ") == 5
    assert "metric: !review aid_funds" in stubs
    path = project / "claims" / "sources" / "cri-2021-01-15-claims.yaml"
    path.write_text(stubs, encoding="utf-8")
    outcome = verify(VerifyOptions(cwd=project, environ={}))
    marks = [f for f in outcome.report.findings if "!review" in f.message]
    assert len(marks) == stubs.count(": !review")
    assert all(f.locations[0].path.endswith("cri-2021-01-15-claims.yaml") for f in marks)
    lines = stubs.splitlines()
    for f in marks:
        assert "!review" in lines[f.locations[0].line - 1]
    path.write_text(re.sub(r"!review ", "", stubs), encoding="utf-8")
    outcome = verify(VerifyOptions(cwd=project, environ={}, run_checks=True))
    assert outcome.report.summary.input_errors == 0, outcome.report.findings
    assert outcome.repository is not None
    assert len(outcome.repository.claims) == 6
    # Every stub's quote is found in the snapshot and states its figure.
    citation = [f for f in outcome.report.findings if f.code.startswith("C")]
    assert citation == [], citation
    capsys.readouterr()
    assert extract.run("cri-2021-01-15", "text", color=False) == 0
    assert "claims cover 5 of 5 figures" in capsys.readouterr().out


def test_a_text_file_can_be_extracted_without_recording_it(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("By the end of 2020, more than 60,000 medical staff visits.\n", "utf-8")
    data = run_json(capsys, str(other))
    assert data["source"] is None
    texts = [f["text"] for f in data["figures"]]
    assert texts == ["more than 60,000 medical staff visits"]
    capsys.readouterr()
    assert extract.run(str(other), "yaml", color=False) == 0
    assert "source: !review source-id" in capsys.readouterr().out


def test_an_unknown_source_exits_2_naming_the_known_ones(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert extract.run("no-such-source", "text", color=False) == 2
    err = capsys.readouterr().err
    assert "neither a source id nor a file" in err and "cri-2021-01-15" in err


def test_a_missing_snapshot_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for snapshot in (project / "archive").glob("001_*.txt"):
        snapshot.unlink()
    capsys.readouterr()
    assert extract.run("cri-2021-01-15", "text", color=False) == 2
    assert "cannot read the snapshot" in capsys.readouterr().err
