"""The !review mark: a guessed value the loader refuses, at its line, until a person deletes it."""

from __future__ import annotations

from pathlib import Path

from aidcheck import rules
from aidcheck.loader.repository import load_repository
from tests.conftest import SOURCE, RepoFactory


def problems(root: Path) -> list[tuple[str, int, str]]:
    result = load_repository(root, [root / "claims"], rules.names())
    return [(p.code, p.problem.locations[0].line, p.problem.message) for p in result.problems]


def test_each_marked_value_is_an_error_at_its_line(make_repo: RepoFactory) -> None:
    text = SOURCE.replace(
        "    metric: county_hospitals_paired", "    metric: !review county_hospitals_paired"
    ).replace("    period: {as_of: 2018-12-31}", "    period: !review {as_of: 2018-12-31}")
    found = problems(make_repo({"x.yaml": text}))
    assert [(code, line) for code, line, _ in found] == [("L003", 9), ("L003", 12)]
    assert found[0][2].startswith("claims[0].metric: this value is tagged !review")


def test_once_the_marks_are_deleted_the_file_loads(make_repo: RepoFactory) -> None:
    assert problems(make_repo({"x.yaml": SOURCE})) == []


def test_other_tags_are_still_refused(make_repo: RepoFactory) -> None:
    text = SOURCE.replace("    figure: 1180家", "    figure: !!python/object 1180家")
    found = problems(make_repo({"x.yaml": text}))
    assert [code for code, _, _ in found] == ["L001"]
