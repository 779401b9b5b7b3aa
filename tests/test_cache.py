"""The cache of parsed claim files and analysed snapshots: a warm run reports exactly what a cold
run reports, anything an entry was built from invalidates it, and no entry that this machine did
not write (corrupted, copied, committed, reshaped) is trusted or can crash a run."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from aidcheck import cache as cache_module
from aidcheck.cache import FOLDER, Cache
from aidcheck.evidence import document
from aidcheck.evidence.mojibake import find_mojibake
from aidcheck.loader import repository, yamlnodes
from aidcheck.render.json_report import document as report_json
from aidcheck.verify import VerifyOptions, verify

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.py"


def _corpus() -> Any:
    spec = importlib.util.spec_from_file_location("aidcheck_bench_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is created
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "repo"
    _corpus().generate(root, 80, seed=3)
    return root


@pytest.fixture
def project(generated: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(generated, root)
    return root


class Counts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed = 0
        self.analysed = 0
        parse, mojibake = yamlnodes.parse, find_mojibake

        def counted_parse(*args: Any, **kwargs: Any) -> Any:
            self.parsed += 1
            return parse(*args, **kwargs)

        def counted_mojibake(*args: Any, **kwargs: Any) -> Any:
            self.analysed += 1
            return mojibake(*args, **kwargs)

        monkeypatch.setattr(repository, "parse", counted_parse)
        monkeypatch.setattr(document, "find_mojibake", counted_mojibake)

    def reset(self) -> None:
        self.parsed = self.analysed = 0
        document._CACHE.clear()


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    document._CACHE.clear()  # the in-process cache would hide what the folder holds
    return Counts(monkeypatch)


def run(root: Path, counts: Counts | None = None, *, cache: bool = True) -> dict[str, Any]:
    if counts is not None:
        counts.reset()
    outcome = verify(VerifyOptions(cwd=root, environ={}, cache=cache))
    return report_json(outcome.report)


def test_a_warm_run_reads_nothing_again_and_reports_exactly_what_a_cold_run_does(
    project: Path, counts: Counts
) -> None:
    cold = run(project, counts)
    files = len(list((project / "claims").rglob("*.yaml")))
    assert counts.parsed == files and counts.analysed > 0
    assert (project / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    warm = run(project, counts)
    assert counts.parsed == 0 and counts.analysed == 0
    assert warm == cold
    assert warm == run(project, cache=False)


def test_the_planted_findings_are_all_reported(project: Path) -> None:
    report = run(project)
    found = {(f["code"], c) for f in report["findings"] for c in f["claims"]}
    codes = {f["code"] for f in report["findings"]}
    planted = json.loads((project / "planted.json").read_text(encoding="utf-8"))
    for item in planted:
        if item["code"] in {"C101", "C102", "C109", "S001"}:  # about a source or suppression
            assert item["code"] in codes
        else:
            assert (item["code"], item["id"]) in found, item


def test_an_edited_file_is_parsed_again_and_the_edit_is_reported(
    project: Path, counts: Counts
) -> None:
    run(project, counts)
    path = next((project / "claims" / "sources").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("claims:\n", "claims:\n  - {id: broken}\n", 1), encoding="utf-8")
    report = run(project, counts)
    assert counts.parsed == 1
    assert any(f["code"] == "L003" for f in report["findings"])
    path.write_text(text, encoding="utf-8")
    assert run(project, counts) == run(project, cache=False)


def test_a_changed_snapshot_is_reported_and_a_re_recorded_one_analysed_again(
    project: Path, counts: Counts
) -> None:
    run(project, counts)
    snapshot = next((project / "archive").glob("*.txt"))
    before = snapshot.read_bytes()
    after = before + "补充说明。\n".encode()
    snapshot.write_bytes(after)
    report = run(project, counts)
    assert counts.parsed == 0
    assert any(f["code"] == "C102" and snapshot.name in f["message"] for f in report["findings"])
    record = next(
        p for p in (project / "claims").rglob("*.yaml") if snapshot.name in p.read_text("utf-8")
    )
    record.write_text(
        record.read_text("utf-8").replace(
            hashlib.sha256(before).hexdigest(), hashlib.sha256(after).hexdigest()
        ),
        "utf-8",
    )
    report = run(project, counts)
    assert counts.parsed == 1 and counts.analysed == 1
    assert not any(
        f["code"] == "C102" and snapshot.name in f["message"] for f in report["findings"]
    )
    assert report == run(project, cache=False)


def test_a_new_version_of_aidcheck_reads_no_entry(
    project: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project, counts)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another build")
    run(project, counts)
    assert counts.parsed > 0 and counts.analysed > 0


def test_other_limits_parse_again(
    project: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project, counts)
    monkeypatch.setenv("AIDCHECK_LIMITS", "nodes=150000")
    counts.reset()
    verify(VerifyOptions(cwd=project, cache=True))
    assert counts.parsed > 0


def test_the_configuration_still_applies_on_a_warm_run(project: Path, counts: Counts) -> None:
    run(project, counts)
    config = project / "aidcheck.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\nignore = ["A201"]\n', "utf-8")
    report = run(project, counts)
    assert counts.parsed == 0
    assert not any(f["code"] == "A201" for f in report["findings"])


def _entries(root: Path) -> list[Path]:
    return sorted((root / FOLDER).glob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"\xe5", b"\xe6", 1),  # one character of the data changed
        lambda data: b"0" * 64 + b"\n" + data[65:],  # a forged signature
        lambda data: os.urandom(300),
    ],
    ids=["empty", "truncated", "edited", "forged", "noise"],
)
def test_damaged_entries_are_rebuilt_not_trusted(
    project: Path, counts: Counts, damage: Any
) -> None:
    cold = run(project, counts)
    for entry in _entries(project):
        entry.write_bytes(damage(entry.read_bytes()))
    assert run(project, counts) == cold
    assert counts.parsed > 0 and counts.analysed > 0
    assert run(project, counts) == cold  # and rewritten: the third run is warm again
    assert counts.parsed == 0


@pytest.mark.parametrize(
    "value",
    [
        5,
        None,
        "text",
        [],
        {"root": "x"},
        {"data": {}, "root": [1, 2], "duplicates": [[1]]},
        {"snapshots": [], "report": "{}"},
        {"snapshots": [], "report": '{"root": ".", "summary": {"exit_code": "0"}}'},
        {"snapshots": [], "report": "[1"},
        {"snapshots": [], "report": {"root": ".", "summary": {"exit_code": 0}}},
    ],
)
def test_signed_entries_of_the_wrong_shape_are_rebuilt(
    project: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch, value: Any
) -> None:
    cold = run(project, counts)
    cache = Cache.open(project)
    assert cache is not None
    monkeypatch.setattr(cache_module.Cache, "get", lambda self, kind, key: value, raising=True)
    assert run(project, counts) == cold


def test_a_cache_folder_that_was_copied_or_committed_is_not_trusted(
    project: Path, counts: Counts, tmp_path: Path
) -> None:
    run(project, counts)
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)  # as a checkout or a restored CI cache would lay it out
    assert _entries(copy)
    warm = run(copy, counts)
    assert counts.parsed > 0 and counts.analysed > 0
    assert warm == run(copy, cache=False)


def test_a_cache_folder_that_is_a_link_is_not_used(
    project: Path, counts: Counts, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / FOLDER).symlink_to(elsewhere, target_is_directory=True)
    cold = run(project, cache=False)
    assert run(project, counts) == cold
    assert list(elsewhere.iterdir()) == []


def test_no_cache_writes_nothing(project: Path) -> None:
    run(project, cache=False)
    assert not (project / FOLDER).exists()


def test_an_error_in_the_configuration_is_reported_before_the_cache_is_touched(
    project: Path,
) -> None:
    config = project / "aidcheck.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'select = ["no-such-rule"]\n')
    report = run(project)
    assert report["summary"]["exit_code"] == 2
    assert [f["code"] for f in report["findings"]] == ["L011"]
    assert not (project / FOLDER).exists()


def test_unused_entries_are_pruned_once_they_outnumber_the_used(project: Path) -> None:
    run(project)
    folder = project / FOLDER
    for i in range(500):
        (folder / f"document-stale{i}.json").write_bytes(b"old")
    edited = next((project / "claims" / "sources").glob("*.yaml"))
    edited.write_text(edited.read_text("utf-8") + "# edited\n", "utf-8")  # a full run
    run(project)
    assert not list(folder.glob("document-stale*.json"))
    assert _entries(project)


def test_a_snapshot_gone_from_the_archive_is_noticed_though_no_claim_file_changed(
    project: Path, counts: Counts
) -> None:
    run(project, counts)
    snapshot = next((project / "archive").glob("*.txt"))
    snapshot.unlink()
    report = run(project, counts)
    assert any(f["code"] == "C101" and snapshot.name in f["message"] for f in report["findings"])
    assert report == run(project, cache=False)


def test_a_new_claim_file_is_noticed(project: Path, counts: Counts) -> None:
    cold = run(project, counts)
    extra = project / "claims" / "sources" / "zz-new.yaml"
    extra.write_text("source: s000001\nclaims: []\n", encoding="utf-8")
    report = run(project, counts)
    assert counts.parsed == 1
    assert report["summary"]["files"] == cold["summary"]["files"] + 1
