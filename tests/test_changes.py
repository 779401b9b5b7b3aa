"""--changed-since in a scratch git repository: the merge base, claims rather than files,
diverged branches, renames and deletions, and the registry a claim inherits from."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.changes import changes_since, objects
from aidcheck.gating import GateOptions, GatingError
from aidcheck.loader.repository import Repository, load_repository
from aidcheck.verify import VerifyOptions, verify
from tests.conftest import SOURCE, RepoFactory
from tests.test_gating import OTHER, git

# Two sources that disagree with each other about county hospitals (A201 on the pair), and a
# third, independent claim that stays untouched throughout.
PEOPLE = (
    OTHER
    + """\
  - id: people-2019-staff
    metric: staff_dispatch_visits
    figure: 超过6万人次
    scope: {region: CN}
    quote: 派出超过6万人次医务人员
"""
)
XINHUA_CLAIM = "xinhua-2019-county-hospitals"
PEOPLE_CLAIM = "people-2019-county-hospitals"


@pytest.fixture
def repo_root(make_repo: RepoFactory) -> Path:
    root = make_repo({"xinhua.yaml": SOURCE, "people.yaml": PEOPLE})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "two sources")
    return root


def load(root: Path) -> Repository:
    result = load_repository(root, [root / "claims"], rules.names())
    assert not result.problems, result.problems
    return result.repository


def changed_claims(root: Path, ref: str = "main") -> set[str]:
    return changes_since(root, ref, load(root)).claims


def gate(root: Path, ref: str = "main") -> tuple[int, list[str], list[str]]:
    """Exit code, codes of the findings kept, and the notices of `verify --changed-since`."""
    outcome = verify(VerifyOptions(cwd=root, gate=GateOptions(changed_since=ref), environ={}))
    report = outcome.report
    return report.summary.exit_code, [f.code for f in report.findings], report.notices


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_repository_disagrees_before_any_change(repo_root: Path) -> None:
    outcome = verify(VerifyOptions(cwd=repo_root, environ={}))
    assert "A201" in {f.code for f in outcome.report.findings}
    assert outcome.report.summary.exit_code == 1


def test_a_branch_behind_main_is_not_charged_with_mains_edits(repo_root: Path) -> None:
    """The branch has no change of its own; main moved on and edited a claim after it branched:
    compared with main's tip the branch would seem to undo that edit, compared with the merge
    base it changed nothing."""
    git(repo_root, "checkout", "-q", "-b", "topic")
    git(repo_root, "checkout", "-q", "main")
    edit(repo_root / "claims" / "people.yaml", "1300家", "1400家")  # the figure and its quote
    git(repo_root, "commit", "-q", "-am", "main edits a claim")
    git(repo_root, "checkout", "-q", "topic")
    assert changed_claims(repo_root) == set()
    code, codes, notices = gate(repo_root)
    assert code == 0 and codes == []
    assert any("merge base" in n for n in notices)


def test_diverged_branches_charge_each_side_with_its_own_claims(repo_root: Path) -> None:
    git(repo_root, "checkout", "-q", "-b", "topic")
    edit(repo_root / "claims" / "people.yaml", "figure: 1300家", "figure: 1350家")
    edit(repo_root / "claims" / "people.yaml", "quote: 1300家", "quote: 1350家")
    git(repo_root, "commit", "-q", "-am", "topic edits the people claim")
    git(repo_root, "checkout", "-q", "main")
    edit(
        repo_root / "claims" / "xinhua.yaml", "派出超过6万人次医务人员", "派出超过6万人次的医务人员"
    )
    git(repo_root, "commit", "-q", "-am", "main edits a xinhua quote")
    git(repo_root, "checkout", "-q", "topic")
    assert changed_claims(repo_root) == {PEOPLE_CLAIM}
    code, codes, _ = gate(repo_root)
    assert code == 1 and "A201" in codes  # the edited claim still disagrees with xinhua


def test_a_comment_changes_no_claim(repo_root: Path) -> None:
    path = repo_root / "claims" / "people.yaml"
    path.write_text("# checked again on 2024-05-01\n" + path.read_text(encoding="utf-8"))
    changes = changes_since(repo_root, "main", load(repo_root))
    assert changes.claims == set()
    assert (repo_root / "claims" / "people.yaml").resolve() in changes.files
    code, codes, _ = gate(repo_root)
    assert code == 0 and codes == []


def test_only_the_edited_claim_of_a_file_counts(repo_root: Path) -> None:
    edit(
        repo_root / "claims" / "people.yaml", "派出超过6万人次医务人员", "派出超过6万人次的医务人员"
    )
    assert changed_claims(repo_root) == {"people-2019-staff"}
    codes = gate(repo_root)[1]
    assert "A201" not in codes  # the old disagreement involves no edited claim


def test_a_new_claim_that_disagrees_counts(repo_root: Path) -> None:
    extra = PEOPLE.replace("people-2019", "daily-2019").replace("人民网", "某日报")
    (repo_root / "claims" / "daily.yaml").write_text(extra, encoding="utf-8")  # untracked
    assert changed_claims(repo_root) == {"daily-2019-county-hospitals", "daily-2019-staff"}
    code, codes, _ = gate(repo_root)
    assert code == 1 and "A201" in codes


def test_a_renamed_file_changes_no_claim(repo_root: Path) -> None:
    git(repo_root, "checkout", "-q", "-b", "topic")
    git(repo_root, "mv", "claims/people.yaml", "claims/people-2019-03-01.yaml")
    git(repo_root, "commit", "-q", "-m", "rename")
    changes = changes_since(repo_root, "main", load(repo_root))
    assert changes.claims == set()
    assert (repo_root / "claims" / "people-2019-03-01.yaml").resolve() in changes.files
    assert gate(repo_root)[:2] == (0, [])


def test_a_rename_with_an_edit_charges_the_edited_claim(repo_root: Path) -> None:
    git(repo_root, "checkout", "-q", "-b", "topic")
    git(repo_root, "mv", "claims/people.yaml", "claims/people-2019-03-01.yaml")
    edit(
        repo_root / "claims" / "people-2019-03-01.yaml",
        "period: {as_of: 2018-12-31}",
        "period: {as_of: 2018-12-30}",
    )
    git(repo_root, "add", "-A")
    git(repo_root, "commit", "-q", "-m", "rename and edit")
    assert changed_claims(repo_root) == {PEOPLE_CLAIM}


def test_a_claim_moved_to_another_file_is_not_changed(repo_root: Path) -> None:
    path = repo_root / "claims" / "people.yaml"
    head, _, staff = path.read_text(encoding="utf-8").partition("  - id: people-2019-staff\n")
    path.write_text(head, encoding="utf-8")
    (repo_root / "claims" / "people-staff.yaml").write_text(
        "source: people-2019\nclaims:\n  - id: people-2019-staff\n" + staff, encoding="utf-8"
    )
    assert changed_claims(repo_root) == set()


def test_deleting_a_file_changes_no_remaining_claim(repo_root: Path) -> None:
    git(repo_root, "rm", "-q", "claims/people.yaml")
    git(repo_root, "commit", "-q", "-m", "drop people")
    changes = changes_since(repo_root, "main~1", load(repo_root))
    assert changes.claims == set()
    assert gate(repo_root, "main~1")[:2] == (0, [])


def test_an_edited_source_record_charges_all_its_claims(repo_root: Path) -> None:
    edit(repo_root / "claims" / "people.yaml", "published: 2019-03-01", "published: 2019-03-02")
    assert changed_claims(repo_root) == {PEOPLE_CLAIM, "people-2019-staff"}


def test_an_edited_metric_charges_the_claims_that_use_it(repo_root: Path) -> None:
    edit(
        repo_root / "claims" / "registry.yaml",
        "name_en: County hospitals paired",
        "name_en: County hospitals",
    )
    assert changed_claims(repo_root) == {PEOPLE_CLAIM, XINHUA_CLAIM}


def test_removing_a_suppression_charges_the_claims_it_named(repo_root: Path) -> None:
    suppression = (
        "suppressions:\n  - rule: A201\n"
        f"    claims: [{XINHUA_CLAIM}, {PEOPLE_CLAIM}]\n    reason: different counting rules\n"
    )
    (repo_root / "claims" / "suppressions.yaml").write_text(suppression, encoding="utf-8")
    git(repo_root, "add", ".")
    git(repo_root, "commit", "-q", "-m", "accept the disagreement")
    assert gate(repo_root)[:2] == (0, [])
    git(repo_root, "rm", "-q", "claims/suppressions.yaml")
    assert changed_claims(repo_root) == {XINHUA_CLAIM, PEOPLE_CLAIM}
    code, codes, _ = gate(repo_root)
    assert code == 1 and "A201" in codes


def test_unrelated_histories_and_bad_refs_are_usage_errors(repo_root: Path, tmp_path: Path) -> None:
    git(repo_root, "checkout", "-q", "--orphan", "lonely")
    git(repo_root, "commit", "-q", "-m", "no shared history")
    with pytest.raises(GatingError, match=r"share no history.*fetch-depth: 0"):
        changes_since(repo_root, "main", load(repo_root))
    with pytest.raises(GatingError, match="cannot start with '-'"):
        changes_since(repo_root, "--output=x", load(repo_root))
    with pytest.raises(GatingError, match="fetch it first"):
        changes_since(repo_root, "origin/nope", load(repo_root))


def test_objects_are_keyed_by_kind_and_id() -> None:
    data = {
        "source": {"id": "s"},
        "claims": [{"id": "c", "figure": "1"}, "not a mapping"],
        "suppressions": [{"rule": "A201", "claims": ["c"], "reason": "r"}],
    }
    keys = set(objects(data))
    assert ("source", "s") in keys and ("claims", "c") in keys
    assert any(kind == "suppressions" for kind, _ in keys)
    assert objects(["not", "a", "mapping"]) == {}
