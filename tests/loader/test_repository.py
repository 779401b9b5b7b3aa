"""The loader: every input problem is a finding with a stable code at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck import rules, workers
from aidcheck.loader import repository
from aidcheck.loader.repository import LoadResult, load_repository
from tests.conftest import SOURCE, RepoFactory


def load(root: Path) -> LoadResult:
    return load_repository(root, [root / "claims"], rules.names())


def problems(result: LoadResult) -> list[tuple[str, str, int]]:
    return [
        (p.code, p.problem.locations[0].path, p.problem.locations[0].line) for p in result.problems
    ]


def test_valid_repository_loads_with_positions(make_repo: RepoFactory) -> None:
    root = make_repo()
    result = load(root)
    assert result.ok, result.problems
    repo = result.repository
    assert set(repo.claims) == {"xinhua-2019-county-hospitals", "xinhua-2019-staff"}
    assert repo.claim_source["xinhua-2019-staff"] == "xinhua-2019"
    loc = repo.claim_location("xinhua-2019-staff", "figure")
    assert (loc.path, loc.line) == ("claims/xinhua.yaml", 16)
    claim = repo.claims["xinhua-2019-staff"]
    assert str(claim.figure.interval) == "(60000, ∞)"
    assert claim.figure.unit == "人次"


def test_bad_indentation_is_a_syntax_error_at_its_line(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("    metric: staff_dispatch_visits", "   metric: staff_dispatch_visits")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert [code for code, _, _ in problems(result)] == ["L001"]
    _, path, line = problems(result)[0]
    assert path == "claims/xinhua.yaml"
    assert line in (15, 16)


def test_unknown_metric_points_at_the_metric_line(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("metric: staff_dispatch_visits", "metric: staff_dispatched_visits")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert problems(result) == [("L004", "claims/xinhua.yaml", 15)]
    said = result.problems[0].problem
    assert (said.message_id, said.arguments["close"]) == ("L004.close", "'staff_dispatch_visits'")
    assert result.problems[0].problem.claims == ["xinhua-2019-staff"]


def test_unknown_region_and_programme(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("scope: {region: CN}", "scope: {region: CN-XX, programme: nope}")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert sorted(code for code, _, _ in problems(result)) == ["L005", "L007"]
    assert all(line == 17 for _, _, line in problems(result))


def test_duplicate_id_reports_both_places(make_repo: RepoFactory) -> None:
    other = SOURCE.replace("id: xinhua-2019\n", "id: other-2019\n").replace(
        "xinhua-2019-county-hospitals", "other-county-hospitals"
    )
    result = load(make_repo({"a.yaml": SOURCE, "b.yaml": other}))
    [(code, problem)] = [(p.code, p.problem) for p in result.problems]
    assert code == "L008"
    assert [(loc.path, loc.line) for loc in problem.locations] == [
        ("claims/b.yaml", 14),
        ("claims/a.yaml", 14),
    ]


def test_duplicate_key_is_an_error_not_a_silent_overwrite(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("    figure: 1180家\n", "    figure: 1180家\n    figure: 963家\n")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert problems(result) == [("L002", "claims/xinhua.yaml", 11)]
    said = result.problems[0].problem
    assert (said.message_id, said.arguments) == (
        "L002",
        {"key": "claims.0.figure", "first_line": 10},
    )


def test_value_of_the_wrong_type_names_the_field(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("figure: 1180家", "figure: 1180")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert problems(result) == [("L003", "claims/xinhua.yaml", 10)]
    said = result.problems[0].problem
    assert (said.message_id, said.arguments["field"]) == ("L003.invalid", "claims[0].figure")
    assert "as the source states it" in str(said.arguments["reason"])  # pydantic's words


def test_wrong_date_type_and_unknown_field(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("published: 2019-02-14", "published: yesterday").replace(
        "    quote: 派出", "    qoute: 派出"
    )
    result = load(make_repo({"xinhua.yaml": broken}))
    found = sorted(problems(result))
    assert ("L003", "claims/xinhua.yaml", 5) in found  # published
    assert ("L003", "claims/xinhua.yaml", 18) in found  # the unknown field qoute
    said = {(p.problem.message_id, p.problem.arguments.get("name")) for p in result.problems}
    assert ("L003.unknown-field", "qoute") in said
    assert ("L003.required", "quote") in said


def test_unreadable_figure_is_a_schema_error(make_repo: RepoFactory) -> None:
    broken = SOURCE.replace("figure: 1180家", "figure: 三级医院")
    result = load(make_repo({"xinhua.yaml": broken}))
    assert problems(result) == [("L003", "claims/xinhua.yaml", 10)]


def test_claim_without_any_source(make_repo: RepoFactory) -> None:
    text = "claims:\n" + SOURCE.split("claims:\n", 1)[1]
    result = load(make_repo({"orphan.yaml": text}))
    assert {code for code, _, _ in problems(result)} == {"L006"}


def test_unknown_cited_source_and_part_of(make_repo: RepoFactory) -> None:
    extra = """\
        source: xinhua-2019
        claims:
          - id: extra
            metric: county_hospitals_paired
            figure: 42家
            scope: {region: CN-TJ}
            quote: 42家
            source: nobody
            part_of: missing-claim
        """
    result = load(make_repo({"xinhua.yaml": SOURCE, "extra.yaml": extra}))
    assert sorted(code for code, _, _ in problems(result)) == ["L006", "L009"]


def test_not_utf8_and_not_a_mapping(make_repo: RepoFactory) -> None:
    root = make_repo({"list.yaml": "- a\n- b\n"})
    (root / "claims" / "gbk.yaml").write_bytes("source: 新华网\n".encode("gbk"))
    result = load(root)
    assert sorted(code for code, _, _ in problems(result)) == ["L001", "L003"]


def test_loaded_files_keep_neither_raw_data_nor_positions_nobody_asked_for(
    make_repo: RepoFactory,
) -> None:
    result = load(make_repo())
    assert result.ok, result.problems
    docs = result.repository.documents.values()
    assert docs and all(doc.data is None for doc in docs)
    assert not any(doc._placed for doc in docs)
    claim_id = next(iter(result.repository.claims))
    assert result.repository.claim_location(claim_id, "figure").line > 1


@pytest.mark.skipif(not workers.can_fork(), reason="workers fork only on Linux")
@pytest.mark.parametrize("jobs", [2, 4])
def test_files_loaded_in_several_processes_give_what_one_process_gives(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Problems in the same order at the same places, the same claims, and positions read from
    documents that came back from other processes."""
    other = SOURCE.replace("id: xinhua-2019\n", "id: other-2019\n").replace(
        "xinhua-2019-", "other-2019-"
    )
    files = {
        "a.yaml": SOURCE,
        "b.yaml": other.replace("figure: 1180家", "figure: 1180"),  # a schema error
        "c.yaml": SOURCE.replace("    figure: 1180家\n", "    figure: 1180家\n    figure: 9家\n"),
        "d.yaml": "- a\n- b\n",  # not a mapping
        "e.yaml": "units:\n  - {name: 台, dimension: machines}\n",
        "f.yaml": SOURCE.replace("    metric: staff_dispatch_visits", "   metric: x"),  # syntax
        "g.yaml": other.replace("other-2019", "third-2019"),
    }
    root = make_repo(files)

    def loaded(n: int) -> tuple[list[str], list[str], list[str]]:
        result = load_repository(root, [root / "claims"], rules.names(), jobs=n)
        repo = result.repository
        said = [f"{p.code} {p.problem.message} {p.problem.locations}" for p in result.problems]
        places = [str(repo.claim_location(ident, "figure")) for ident in repo.claims]
        return said, list(repo.claims), places

    serial = loaded(1)
    assert len(serial[0]) >= 4 and serial[2]
    monkeypatch.setattr(repository, "FILES_PER_JOB", 1)
    assert loaded(jobs) == serial
