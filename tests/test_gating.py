"""Gating: baselines and --changed-since, on a small repository in a scratch git repository."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.changes import changes_since
from aidcheck.findings import Finding, Location, Report, Severity
from aidcheck.gating import (
    GateOptions,
    GatingError,
    apply,
    read_baseline,
    write_baseline,
)
from aidcheck.loader.repository import Repository, load_repository
from tests.conftest import SOURCE, RepoFactory

OTHER = """\
source:
  id: people-2019
  publisher: 人民网
  title: 对口帮扶
  published: 2019-03-01
claims:
  - id: people-2019-county-hospitals
    metric: county_hospitals_paired
    figure: 1300家
    scope: {region: CN, programme: tertiary-county-pairing}
    period: {as_of: 2018-12-31}
    quote: 1300家县级医院
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
         "-c", "commit.gpgsign=false", "-C", str(root), *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def committed_repo(make_repo: RepoFactory) -> Path:
    root = make_repo({"xinhua.yaml": SOURCE})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    return root


def load(root: Path) -> Repository:
    result = load_repository(root, [root / "claims"], rules.names())
    assert not result.problems
    return result.repository


def finding(
    code: str, claims: list[str], path: str = "claims/xinhua.yaml", **kw: object
) -> Finding:
    fp = kw.pop("fingerprint", None) or f"{code}-{'-'.join(claims)}"
    return Finding(
        code=code,
        rule="r",
        severity=Severity.ERROR,
        message=f"{code} on {claims}",
        claims=claims,
        locations=[Location(path=path, line=3)],
        fingerprint=str(fp),
        **kw,
    )


# Baselines


def test_baseline_round_trip_is_readable_and_atomic(tmp_path: Path) -> None:
    report = Report(
        tool={"name": "aidcheck", "version": "9"},
        findings=[
            finding("Z901", ["b", "a"]),
            finding("Z902", ["c"], suppressed="accepted"),
            finding("L001", [], fingerprint="load"),
        ],
    )
    path = tmp_path / "baseline.json"
    write_baseline(path, report)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["aidcheck_baseline"] == 1
    [entry] = data["findings"]  # suppressed findings and input errors are not baselined
    assert entry == {
        "fingerprint": "Z901-b-a",
        "code": "Z901",
        "rule": "r",
        "severity": "error",
        "claims": ["a", "b"],
        "message": "Z901 on ['b', 'a']",
    }
    assert set(read_baseline(path)) == {"Z901-b-a"}
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "write one with --write-baseline"),
        ("{not json", "baseline.json:1:2: the baseline is not valid JSON"),
        ('{"findings": []}', "not an aidcheck baseline"),
        ("[]", "not an aidcheck baseline"),
    ],
)
def test_unreadable_baseline_is_a_usage_error(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GatingError, match=re.escape(expected)):
        read_baseline(path)


def test_baseline_hides_known_findings_and_names_stale_ones(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = load(make_repo())
    old = Report(findings=[finding("Z901", ["a"]), finding("Z902", ["gone"])])
    path = tmp_path / "baseline.json"
    write_baseline(path, old)
    now = Report(findings=[finding("Z901", ["a"]), finding("Z903", ["new"]), finding("L001", [])])
    now.summary.checks_run = True
    now.findings[2].fingerprint = "Z901-a"  # an input error is never hidden, even if listed
    now.findings[2].code = "L001"
    apply(now, repo, GateOptions(baseline=path))
    assert [f.baselined for f in now.findings] == [True, False, False]
    assert [f.code for f in now.active()] == ["Z903", "L001"]
    assert now.summary.baselined == 1
    assert now.summary.stale_baseline == 1
    [notice] = now.notices
    assert "1 entries no longer occur" in notice and "Z902 gone" in notice


def test_write_baseline_accepts_the_current_findings(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = load(make_repo())
    report = Report(findings=[finding("Z901", ["a"]), finding("Z903", ["b"])])
    report.summary.checks_run = True
    apply(report, repo, GateOptions(write_baseline=tmp_path / "b.json"))
    assert report.active() == []
    assert report.summary.baselined == 2 and report.summary.stale_baseline == 0


# Changed files


def changed_files(root: Path, ref: str) -> set[Path]:
    return changes_since(root, ref, Repository(root=root)).files


def test_changed_files_include_committed_staged_unstaged_and_untracked(
    make_repo: RepoFactory,
) -> None:
    root = committed_repo(make_repo)
    (root / ".gitignore").write_text("ignored.yaml\n", encoding="utf-8")
    git(root, "add", ".gitignore")
    git(root, "commit", "-q", "-m", "ignore")
    (root / "claims" / "committed.yaml").write_text("a: 1\n", encoding="utf-8")
    git(root, "add", "claims/committed.yaml")
    git(root, "commit", "-q", "-m", "second")
    (root / "claims" / "staged.yaml").write_text("a: 1\n", encoding="utf-8")
    git(root, "add", "claims/staged.yaml")
    (root / "claims" / "registry.yaml").write_text("metrics: []\n", encoding="utf-8")
    (root / "claims" / "untracked.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "ignored.yaml").write_text("a: 1\n", encoding="utf-8")
    changed = {p.relative_to(root.resolve()).as_posix() for p in changed_files(root, "HEAD~2")}
    assert changed == {
        ".gitignore",
        "claims/committed.yaml",
        "claims/staged.yaml",
        "claims/registry.yaml",
        "claims/untracked.yaml",
    }
    assert changed_files(root / "claims", "HEAD") == {
        (root / "claims" / n).resolve() for n in ("staged.yaml", "registry.yaml", "untracked.yaml")
    }


def test_bad_ref_and_no_repository_are_usage_errors(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = committed_repo(make_repo)
    with pytest.raises(GatingError, match=r"cannot resolve 'origin/nope'.*fetch it first"):
        changed_files(root, "origin/nope")
    with pytest.raises(GatingError, match="cannot start with '-'"):
        changed_files(root, "--output=x")
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    with pytest.raises(GatingError, match="cannot find the git repository"):
        changed_files(lonely, "HEAD")


def test_only_findings_that_involve_a_changed_file_are_kept(make_repo: RepoFactory) -> None:
    root = committed_repo(make_repo)
    (root / "claims" / "people.yaml").write_text(OTHER, encoding="utf-8")
    repo = load(root)
    new, old = "people-2019-county-hospitals", "xinhua-2019-county-hospitals"
    report = Report(
        findings=[
            finding("Z901", [old, new]),  # a new claim against an old one: involves the change
            finding("Z902", [old]),  # old claims only
            finding("Z903", [old], suppressed="accepted"),  # accepted, old: dropped, not counted
            finding("L001", [], path="claims/elsewhere.yaml"),  # input error: always kept
            finding("Z904", [], path="claims/people.yaml"),  # no claims, in the changed file
        ]
    )
    apply(report, repo, GateOptions(changed_since="HEAD"))
    assert [f.code for f in report.findings] == ["Z901", "L001", "Z904"]
    assert report.summary.unchanged == 1
    assert "1 files and 1 claims added or changed" in report.notices[0]


def test_a_baseline_that_is_a_folder_or_not_utf8_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GatingError, match="folder, not a regular file; name a file written with"):
        read_baseline(tmp_path)
    garbled = tmp_path / "baseline.json"
    garbled.write_bytes(b"\xff\xfe{}")
    with pytest.raises(GatingError, match=r"not UTF-8 text .*--write-baseline"):
        read_baseline(garbled)


# A baseline next to a run that did not check


def test_a_run_stopped_by_input_errors_neither_rewrites_nor_judges_the_baseline(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    """After a load error nothing is stale (the checks did not run), no notice advises
    --write-baseline, and --write-baseline is refused: writing it would empty the baseline and
    every accepted finding would fail once the YAML is fixed."""
    from aidcheck.verify import VerifyOptions, verify

    root = make_repo({"xinhua.yaml": SOURCE, "people.yaml": OTHER})
    baseline = tmp_path / "baseline.json"

    def run(**gate: object) -> Report:
        options = VerifyOptions(cwd=root, gate=GateOptions(**gate), environ={})  # type: ignore[arg-type]
        return verify(options).report

    first = run(write_baseline=baseline)
    assert first.summary.exit_code == 0 and first.summary.baselined >= 1
    written = baseline.read_text(encoding="utf-8")
    broken = root / "claims" / "people.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("  - id: people", " - id: people"), encoding="utf-8")
    report = run(baseline=baseline)
    assert report.summary.exit_code == 2 and report.summary.stale_baseline == 0
    assert not any("--write-baseline" in n and "drop them" in n for n in report.notices)
    assert any("not checked for staleness" in n for n in report.notices)
    with pytest.raises(GatingError, match="not written, because the checks did not run"):
        run(write_baseline=baseline)
    assert baseline.read_text(encoding="utf-8") == written
    broken.write_text(good, encoding="utf-8")
    again = run(baseline=baseline)
    assert again.summary.exit_code == 0 and again.summary.stale_baseline == 0


def test_a_partial_run_does_not_rewrite_the_baseline(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    from aidcheck.verify import VerifyOptions, verify

    root = make_repo({"xinhua.yaml": SOURCE, "people.yaml": OTHER})
    baseline = tmp_path / "baseline.json"
    whole = verify(
        VerifyOptions(cwd=root, gate=GateOptions(write_baseline=baseline), environ={})
    ).report
    assert whole.summary.baselined >= 1
    only = [root / "claims" / "registry.yaml", root / "claims" / "xinhua.yaml"]
    options = VerifyOptions(cwd=root, paths=only, gate=GateOptions(baseline=baseline), environ={})
    partial = verify(options).report
    assert partial.summary.stale_baseline == 0
    with pytest.raises(GatingError, match="only some claim files were given"):
        verify(
            VerifyOptions(
                cwd=root, paths=only, gate=GateOptions(write_baseline=baseline), environ={}
            )
        )
    # Naming exactly the project's claim folder is the whole run.
    options = VerifyOptions(
        cwd=root, paths=[root / "claims"], gate=GateOptions(baseline=baseline), environ={}
    )
    assert verify(options).report.summary.baselined == whole.summary.baselined
