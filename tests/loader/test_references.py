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
    metric = by_code[InputCode.UNKNOWN_METRIC]
    assert metric.message_id == "L004.undefined"
    assert metric.arguments["kind"] == "metric" and metric.arguments["section"] == "metrics"
    assert by_code[InputCode.UNKNOWN_METRIC].locations[0].path == "claims/xinhua.yaml"


def test_an_unknown_name_lists_the_names_that_are_defined(make_repo: RepoFactory) -> None:
    root = make_repo()
    (root / "claims" / "xinhua.yaml").write_text(
        (root / "claims" / "xinhua.yaml").read_text().replace("region: CN}", "region: CN-XX}"),
        encoding="utf-8",
    )
    result = load_repository(root, [root / "claims"], rules.names())
    [problem] = [p.problem for p in result.problems]
    assert problem.message_id == "L005.known"
    assert (problem.arguments["name"], problem.arguments["known"]) == ("CN-XX", "CN, CN-TJ")


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
