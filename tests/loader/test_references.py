"""Cross-references: names used but not defined are problems at the place they are written."""

from __future__ import annotations

from aidcheck import rules
from aidcheck.codes import InputCode
from aidcheck.loader.repository import load_repository
from tests.conftest import SOURCE, RepoFactory


def test_a_source_file_verified_alone_says_how_to_read_the_registry_too(
    make_repo: RepoFactory,
) -> None:
    root = make_repo()
    result = load_repository(root, [root / "claims" / "xinhua.yaml"], rules.names())
    by_code = {p.code: p.problem for p in result.problems}
    assert set(by_code) == {"L004", "L005", "L007"}
    message = by_code[InputCode.UNKNOWN_METRIC].message
    assert "no metric is defined in the files given" in message
    assert "'metrics' section" in message and "whole repository" in message
    assert by_code[InputCode.UNKNOWN_METRIC].locations[0].path == "claims/xinhua.yaml"


def test_an_unknown_name_lists_the_names_that_are_defined(make_repo: RepoFactory) -> None:
    root = make_repo()
    (root / "claims" / "xinhua.yaml").write_text(
        (root / "claims" / "xinhua.yaml").read_text().replace("region: CN}", "region: CN-XX}"),
        encoding="utf-8",
    )
    result = load_repository(root, [root / "claims"], rules.names())
    [problem] = [p.problem for p in result.problems]
    assert "unknown region 'CN-XX'" in problem.message
    assert "use one of: CN, CN-TJ" in problem.message


def test_relations_and_suppressions_are_checked_in_order(make_repo: RepoFactory) -> None:
    declarations = """\
    relations:
      - id: r
        left: county_hospitals_paired
        op: "<="
        right: no_such_metric
        where: {programme: no-such-programme}
        description: d
    suppressions:
      - rule: X999
        claims: [no-such-claim]
        reason: r
    """
    root = make_repo({"xinhua.yaml": SOURCE, "declarations.yaml": declarations})
    result = load_repository(root, [root / "claims"], rules.names())
    found = [(p.code, p.problem.locations[0].line) for p in result.problems]
    assert found == [("L004", 5), ("L007", 6), ("L003", 9), ("L009", 10)]
