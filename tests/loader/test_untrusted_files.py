"""The claim folder of an untrusted change: links, FIFOs, devices and oversized inputs end in
input errors that name the file, never in a hang, a read outside the project or a silent skip."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.codes import InputCode
from aidcheck.limits import Limits
from aidcheck.loader.repository import LoadResult, load_repository
from aidcheck.loader.yamlnodes import YamlLimitError, YamlSyntaxError, parse
from tests.conftest import SOURCE, RepoFactory


def load(root: Path, limits: Limits | None = None) -> LoadResult:
    return load_repository(root, [root / "claims"], rules.names(), limits=limits)


def coded(result: LoadResult) -> list[tuple[str, str]]:
    return [(p.code, p.problem.locations[0].path) for p in result.problems]


def test_link_out_of_the_project_is_refused_and_never_read(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: s3cr3t-value\n", encoding="utf-8")
    root = make_repo()
    (root / "claims" / "evil.yaml").symlink_to(secret)
    result = load(root)
    assert ("L001", "claims/evil.yaml") in coded(result)
    assert "outside the project" in str(result.problems)
    assert "s3cr3t" not in str(result.problems)


def test_dangling_and_looping_links_are_input_errors(make_repo: RepoFactory) -> None:
    root = make_repo()
    (root / "claims" / "gone.yaml").symlink_to(root / "nowhere.yaml")
    (root / "claims" / "loop.yaml").symlink_to(root / "claims" / "loop.yaml")
    found = coded(load(root))
    assert ("L001", "claims/gone.yaml") in found
    assert ("L001", "claims/loop.yaml") in found


def test_link_to_a_file_inside_the_project_is_read(make_repo: RepoFactory) -> None:
    root = make_repo({})
    (root / "shared.yaml").write_text(SOURCE, encoding="utf-8")
    (root / "claims" / "xinhua.yaml").symlink_to(root / "shared.yaml")
    result = load(root)
    assert result.ok, result.problems
    assert "xinhua-2019-staff" in result.repository.claims


def test_fifo_in_the_claim_folder_is_an_input_error_not_a_hang(make_repo: RepoFactory) -> None:
    root = make_repo()
    os.mkfifo(root / "claims" / "pipe.yaml")
    started = time.monotonic()
    result = load(root)
    assert time.monotonic() - started < 30
    assert ("L001", "claims/pipe.yaml") in coded(result)
    assert "FIFO" in str(result.problems)


def test_named_fifo_and_device_are_refused_without_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    for path in (pipe, Path("/dev/zero")):
        result = load_repository(tmp_path, [path], rules.names())
        assert [p.code for p in result.problems] == ["L001"]
        assert "not a regular file" in result.problems[0].problem.message


def test_unlistable_folder_is_an_input_error(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({"sub/a.yaml": SOURCE})
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load(root)
    assert ("L001", "claims/sub") in coded(result)
    assert "cannot list the folder" in str(result.problems)


def test_file_over_the_size_limit_is_a_limit_finding(make_repo: RepoFactory) -> None:
    root = make_repo()
    result = load(root, Limits(file_bytes=100))
    assert ("L012", "claims/xinhua.yaml") in coded(result)
    assert "AIDCHECK_LIMITS" in str(result.problems)


def test_alias_bomb_stops_at_the_node_budget() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    started = time.monotonic()
    with pytest.raises(YamlLimitError) as caught:
        parse("\n".join(lines) + "\n", Limits())
    assert caught.value.name == "nodes"
    assert time.monotonic() - started < 30


def test_a_million_items_stop_at_a_limit(make_repo: RepoFactory) -> None:
    root = make_repo({"many.yaml": "claims:\n" + "- x\n" * 300_000})
    result = load(root)
    assert ("L012", "claims/many.yaml") in coded(result)
    assert len(result.problems) < 10


def test_many_unknown_keys_are_listed_up_to_the_limit_and_counted(
    make_repo: RepoFactory,
) -> None:
    keys = "".join(f"    k{i}: 1\n" for i in range(5000))
    root = make_repo({"keys.yaml": "metrics:\n  - id: m\n" + keys})
    result = load(root, Limits(problems_per_file=20))
    codes = [p.code for p in result.problems]
    assert codes.count(InputCode.SCHEMA) == 20
    last = result.problems[-1].problem
    assert (last.message_id, last.arguments["more"]) == ("L012.schema-problems", 4985)
    lines = [p.problem.locations[0].line for p in result.problems if p.code == "L003"]
    assert lines == sorted(lines) and lines[0] > 1


def test_long_quote_is_a_limit_finding(make_repo: RepoFactory) -> None:
    long_quote = SOURCE.replace("派出超过6万人次医务人员", "派出超过6万人次医务人员" + "很" * 6000)
    result = load(make_repo({"xinhua.yaml": long_quote}))
    assert [p.code for p in result.problems] == ["L012"]
    assert result.problems[0].problem.claims == ["xinhua-2019-staff"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0x7E4", "0x7E4"),
        ("0o17", "0o17"),
        ("1:30:00", "1:30:00"),
        ("yes", "yes"),
        ("NO", "NO"),
        ("1_000", "1_000"),
        ("2019-02-14 10:00", "2019-02-14 10:00"),
        ("12", 12),
        ("-1.5", -1.5),
        ("true", True),
        ("~", None),
    ],
)
def test_scalars_are_read_by_yaml_1_2_rules(value: str, expected: object) -> None:
    assert parse(f"a: {value}\n").data == {"a": expected}


@pytest.mark.parametrize("text", ["a: !!binary aGVsbG8=\n", "a: !!set {x}\n", "a: !foo x\n"])
def test_explicit_tags_are_refused(text: str) -> None:
    with pytest.raises(YamlSyntaxError, match="not read"):
        parse(text)


def test_timestamp_number_is_not_a_date(make_repo: RepoFactory) -> None:
    text = SOURCE.replace("published: 2019-02-14", "published: 1550102400")
    result = load(make_repo({"xinhua.yaml": text}))
    assert [p.code for p in result.problems] == ["L003"]
    assert "YYYY-MM-DD" in result.problems[0].problem.message


def test_hex_year_is_not_a_year(make_repo: RepoFactory) -> None:
    text = SOURCE.replace("period: {as_of: 2018-12-31}", "period: {year: 0x7E4}")
    result = load(make_repo({"xinhua.yaml": text}))
    assert [p.code for p in result.problems] == ["L003"]


def test_long_number_is_refused_not_converted() -> None:
    with pytest.raises(YamlSyntaxError, match="quote it"):
        parse("a: " + "9" * 5000 + "\n")


def test_more_claim_files_than_the_limit_is_a_limit_finding(make_repo: RepoFactory) -> None:
    root = make_repo({f"s{i}.yaml": "metrics: []\n" for i in range(6)})
    result = load(root, Limits(files=3))
    assert [p.code for p in result.problems] == ["L012"]
    assert len(result.repository.files) == 3


def test_limits_are_raised_from_the_environment_and_checked() -> None:
    from aidcheck import limits

    assert limits.parse("file_bytes=8000000, nodes=1_000_000").nodes == 1_000_000
    with pytest.raises(limits.LimitsError, match="name=number"):
        limits.parse("nodes=lots")
    with pytest.raises(limits.LimitsError):
        limits.parse("unknown=5")
