"""The per-claim cache of citation work: a run after an edit reads back every figure check and
quote match whose inputs did not change, recomputes those whose inputs did (the quote, the
anchor, the figure, the snapshot, the unit table, aidcheck's code), replays the closest-passage
budget as an uncached run spends it, and trusts no entry it cannot read back whole; the report is
the same as without the cache, byte for byte."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from aidcheck import cache as cache_module
from aidcheck import runcache
from aidcheck.cache import FOLDER, Cache
from aidcheck.evidence import citations, claimcache, document, figures, matching
from aidcheck.evidence.claimcache import StoredFigureCheck
from aidcheck.evidence.figures import FigureVerdict
from aidcheck.evidence.mojibake import find_mojibake
from aidcheck.model.claim import Claim
from aidcheck.model.units import UnitsSection, builtin_units
from aidcheck.render.json_report import document as report_json
from aidcheck.verify import VerifyOptions, verify
from tests.evidence.harness import NO_REAL_ARCHIVE, REAL_ARCHIVE, Cited, copy_real, quoted
from tests.test_cache import _corpus


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


class Work:
    """How much citation work a run does: figure checks, quote searches, closest-passage
    searches and snapshot analyses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.figures = self.quotes = self.passages = self.analysed = 0
        figure, find, closest = figures.check_figure, matching.find_quote, matching.closest_passage
        mojibake = find_mojibake

        def counted_figure(*args: Any, **kwargs: Any) -> Any:
            self.figures += 1
            return figure(*args, **kwargs)

        def counted_find(*args: Any, **kwargs: Any) -> Any:
            self.quotes += 1
            return find(*args, **kwargs)

        def counted_closest(*args: Any, **kwargs: Any) -> Any:
            self.passages += 1
            return closest(*args, **kwargs)

        def counted_mojibake(*args: Any, **kwargs: Any) -> Any:
            self.analysed += 1
            return mojibake(*args, **kwargs)

        monkeypatch.setattr(claimcache, "check_figure", counted_figure)
        monkeypatch.setattr(figures, "check_figure", counted_figure)
        monkeypatch.setattr(citations, "find_quote", counted_find)
        monkeypatch.setattr(citations, "closest_passage", counted_closest)
        monkeypatch.setattr(matching, "closest_passage", counted_closest)
        monkeypatch.setattr(document, "find_mojibake", counted_mojibake)

    def reset(self) -> None:
        self.figures = self.quotes = self.passages = self.analysed = 0
        document._CACHE.clear()  # the in-process cache would hide what the folder holds


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    document._CACHE.clear()
    return Work(monkeypatch)


def run(
    root: Path,
    work: Work | None = None,
    *,
    cache: bool = True,
    environ: dict[str, str] | None = None,
    archive: Path | None = None,
) -> str:
    """The JSON report of a run, as `aidcheck verify -f json` prints it."""
    if work is not None:
        work.reset()
    outcome = verify(VerifyOptions(cwd=root, environ=environ or {}, cache=cache, archive=archive))
    return json.dumps(report_json(outcome.report), ensure_ascii=False, indent=2)


def touch(root: Path) -> Path:
    """Append a comment to one claim file: the run report is not reused, the run is made."""
    path = sorted((root / "claims" / "sources").glob("*.yaml"))[3]
    path.write_text(path.read_text("utf-8") + "# edited\n", "utf-8")
    return path


def claims_in(root: Path) -> int:
    return sum(
        text.count("\n  - id: ")
        for text in (p.read_text("utf-8") for p in (root / "claims").rglob("*.yaml"))
    )


def test_an_edited_run_takes_every_citation_check_from_the_cache(project: Path, work: Work) -> None:
    cold = run(project, work)
    assert work.figures == claims_in(project) and work.quotes > 0 and work.analysed > 0
    touch(project)
    edited = run(project, work)
    assert (work.figures, work.quotes, work.passages, work.analysed) == (0, 0, 0, 0)
    assert edited == cold == run(project, cache=False)


def _edit_claim(root: Path, old: str, new: str) -> None:
    for path in sorted((root / "claims" / "sources").glob("*.yaml")):
        text = path.read_text("utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), "utf-8")
            return
    raise AssertionError(f"{old!r} is in no claim file")


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('figure: "1180家"', 'figure: "1181家"', "C105"),  # the figure
        ('figure: "1180家"', 'figure: "超过1180家"', "C107"),  # its hedge
        ('quote: "截至2019年底，和岭省试点0号工程', 'quote: "截至2019年底和岭省试点0号工程', None),
        (
            'quote: "截至2019年底，和岭省试点0号工程',
            'quote: "截至2019年底，和岭省实验0号工程',
            "C103",
        ),
        (
            '\n    quote: "截至2019年底，和岭省试点0号工程',
            '\n    anchor: {occurrence: 2}\n    quote: "截至2019年底，和岭省试点0号工程',
            "C104",
        ),
    ],
    ids=["figure", "hedge", "quote-punctuation", "quote-absent", "anchor"],
)
def test_a_changed_claim_is_checked_again_and_only_it(
    project: Path, work: Work, old: str, new: str, code: str | None
) -> None:
    run(project, work)
    _edit_claim(project, old, new)
    edited = run(project, work)
    assert work.figures == 1 and work.quotes == 1
    assert edited == run(project, cache=False)
    if code is not None:
        findings = json.loads(edited)["findings"]
        assert any(f["code"] == code and "s000000-c1" in f["claims"] for f in findings)


def test_a_re_recorded_snapshot_has_its_claims_quotes_searched_again(
    project: Path, work: Work
) -> None:
    run(project, work)
    snapshot = project / "archive" / "s000000.txt"
    before = snapshot.read_bytes()
    after = before.replace("截至2019年底，".encode(), "截至2019年底，截至2019年底，".encode(), 1)
    assert after != before
    snapshot.write_bytes(after)
    record = project / "claims" / "sources" / "s000000.yaml"
    text = record.read_text("utf-8")
    old, new = hashlib.sha256(before).hexdigest(), hashlib.sha256(after).hexdigest()
    record.write_text(text.replace(old, new), "utf-8")
    sums = project / "archive" / "SHA256SUMS"
    sums.write_text(sums.read_text("utf-8").replace(old, new), "utf-8")
    edited = run(project, work)
    assert work.quotes == text.count("\n  - id: ") and work.figures == 0
    assert edited == run(project, cache=False)


UNITS = {
    "units": {
        "dimensions": {"operations": "operations counted per session"},
        "units": [{"unit": "台次", "dimension": "operations"}],
    }
}


def test_a_change_to_the_unit_table_checks_every_figure_again(tmp_path: Path, work: Work) -> None:
    """Read with the built-in units, 500台次 states 500台 (a count); once the repository
    defines 台次, it states 500台次 (operations): the cached check must not survive that."""
    cited = Cited(tmp_path).source(
        "src",
        "正文。去年完成手术500台次。其余内容。",
        [quoted("a", "500", "完成手术500台次"), quoted("b", "1180家", "完成手术500台次")],
    )
    root = cited.write()
    cold = run(root, work)
    assert "500台 (" in cold and work.figures == 2
    cited.files["registry/units.yaml"] = UNITS
    cited.write()
    extended = run(root, work)
    assert work.figures == 2 and work.quotes == 0
    assert "500台次 (" in extended and "500台 (" not in extended
    assert extended == run(root, cache=False)


def test_a_new_version_of_aidcheck_checks_every_citation_again(
    project: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project, work)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another build")
    run(project, work)
    assert work.figures == claims_in(project) and work.quotes > 0


def test_a_run_without_the_archive_keeps_the_quote_matches(project: Path, work: Work) -> None:
    run(project, work)
    config = project / "aidcheck.toml"
    with_archive = config.read_text("utf-8")
    config.write_text(
        "\n".join(line for line in with_archive.splitlines() if "archive" not in line) + "\n",
        "utf-8",
    )
    run(project, work)
    assert work.quotes == 0 and work.figures == 0
    config.write_text(with_archive, "utf-8")
    touch(project)
    edited = run(project, work)
    assert work.quotes == 0
    assert edited == run(project, cache=False)


def _claim_entries(root: Path) -> list[Path]:
    return sorted((root / FOLDER).glob(f"{claimcache.KIND}-*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b'"stated"', b'"statex"', 1),
        lambda data: b"0" * 64 + data[64:],  # a forged signature
    ],
    ids=["empty", "truncated", "edited", "forged"],
)
def test_damaged_entries_are_checked_again_not_trusted(
    project: Path, work: Work, damage: Any
) -> None:
    cold = run(project, work)
    entries = _claim_entries(project)
    assert entries
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    touch(project)
    assert run(project, work) == cold
    assert work.figures == claims_in(project) and work.quotes > 0
    touch(project)
    assert run(project, work) == cold  # and rewritten: the next run reads them again
    assert work.figures == 0 and work.quotes == 0


def _hostile_figure(record: Any, n: int) -> Any:
    if not isinstance(record, dict):
        return None
    match n % 6:
        case 0:
            return {**record, "verdict": "not a verdict"}
        case 1:
            return {**record, "closest": 99}
        case 2:
            return {**record, "stated": [[1, 2]]}  # a quantity of the wrong length
        case 3:  # the right length, but no quantity
            return {**record, "stated": [["x", "not a number", *record["stated"][0][2:]]]}
        case 4:
            return {**record, "noun": 5}
        case _:
            return "text"


def _hostile_quote(record: Any, n: int) -> Any:
    if not isinstance(record, list):
        return None
    bad = list(record)
    match n % 6:
        case 0:
            bad[2] = [[5, 1]]  # an occurrence that ends before it starts
        case 1:
            bad[3] = [99]  # counts an occurrence that is not there
        case 2:
            bad[1] = "fuzzy"  # a kind of match aidcheck never makes
        case 3:
            bad[8] = -1
        case 4:
            bad = bad[:5]
        case _:
            bad[9] = [{"kind": "nonsense"}]
    return bad


def test_signed_records_of_the_wrong_shape_are_checked_again(
    project: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project, work)
    real_get = Cache.get

    def hostile_get(self: Cache, kind: str, key: str) -> Any:
        value = real_get(self, kind, key)
        if kind != claimcache.KIND or not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for n, (file, records) in enumerate(sorted(value.items())):
            if n % 4 == 3:
                out[file] = ["not", "records"] if n % 8 == 3 else {"figures": 5, "quotes": "x"}
                continue
            figures = records[claimcache.FIGURES].items()
            quotes = records[claimcache.QUOTES].items()
            out[file] = {
                **records,
                claimcache.FIGURES: {k: _hostile_figure(v, i) for i, (k, v) in enumerate(figures)},
                claimcache.QUOTES: {k: _hostile_quote(v, i) for i, (k, v) in enumerate(quotes)},
            }
        return out

    monkeypatch.setattr(Cache, "get", hostile_get)
    touch(project)
    assert run(project, work) == cold
    assert work.quotes > 0


def test_a_stored_closest_passage_that_is_not_the_snapshots_text_is_searched_again(
    tmp_path: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "正文。已派出超过6万人次医务人员参与县级医院管理工作。其余内容。"
    cited = Cited(tmp_path).source(
        "src", text, [quoted("a", "超过6万人次", "已派出超过7万人次医务人员参与县级医院管理工作")]
    )
    root = cited.write()
    cold = run(root, work)
    assert "closest" in cold and work.passages == 1
    real_get = Cache.get

    def forged_passage(self: Cache, kind: str, key: str) -> Any:
        value = real_get(self, kind, key)
        if kind == claimcache.KIND and isinstance(value, dict):
            for records in value.values():
                for record in records[claimcache.QUOTES].values():
                    record[7][2] = "这段文字不在快照里"
        return value

    monkeypatch.setattr(Cache, "get", forged_passage)
    (root / "claims" / "sources" / "src.yaml").write_text(
        (root / "claims" / "sources" / "src.yaml").read_text("utf-8") + "# edited\n", "utf-8"
    )
    assert run(root, work) == cold
    assert work.passages == 1 and "这段文字不在快照里" not in cold


NEAR_A = quoted(
    "a",
    "超过6万人次",
    "已派出超过6万人次医务人员参与县级医院管理工作",
    metric="staff_dispatch_visits",
)
NEAR_B = quoted("b", "1180家", "1180家县级医院获得了帮扶")
TEXT = (
    "截至2018年底，已派出超过6.5万人次医务人员参与县级医院管理工作。"
    "全国共有1181家县级医院获得帮扶。" * 3
)


@pytest.mark.parametrize(
    ("first", "then"),
    [(10_000_000, 1), (10_000_000, 0), (1, 10_000_000), (0, 10_000_000), (0, 1)],
)
def test_the_closest_passage_budget_is_spent_as_without_the_cache(
    tmp_path: Path, work: Work, first: int, then: int
) -> None:
    """The budget is counted in snapshots' lengths: `first` and `then` are how many unfound
    quotes get their closest passage in the run that fills the cache and the run after it."""
    cited = Cited(tmp_path).source("src", TEXT, [NEAR_A, NEAR_B])
    root = cited.write()

    def budget(quotes: int) -> dict[str, str]:
        return {"AIDCHECK_LIMITS": f"closest_chars={max(1, len(TEXT) * quotes)}"}

    run(root, work, environ=budget(first))
    assert work.quotes == 2 and work.passages == min(first, 2)
    again = run(root, work, environ=budget(then))
    assert work.quotes == 0
    assert work.passages == max(0, min(then, 2) - min(first, 2))
    assert again == run(root, cache=False, environ=budget(then))
    assert again.count('"closest": {') == min(then, 2)


@pytest.mark.parametrize(
    ("figure", "quote", "verdict"),
    [
        ("约1180家", "全国共有1180家县级医院、超过6万人次医务人员", FigureVerdict.HEDGE),
        ("6万人次", "超过6万人次医务人员", FigureVerdict.HEDGE),
        ("12.5%", "覆盖率达到12.5%，较上年提高", FigureVerdict.STATED),
        ("3至5个", "每县3至5个专科", FigureVerdict.STATED),
        ("1214万元", "投入资金1214万元", FigureVerdict.STATED),
        ("832个", "832个贫困县", FigureVerdict.STATED),
        ("三分之一", "约三分之一的医院", FigureVerdict.HEDGE),
        ("500", "完成手术500台次", FigureVerdict.UNIT),
        ("7家", "共有1180家医院", FigureVerdict.VALUE),
        ("7家", "医院建设进展顺利", FigureVerdict.NO_FIGURE),
    ],
)
def test_figure_checks_read_back_are_the_checks_made(
    figure: str, quote: str, verdict: FigureVerdict
) -> None:
    units = builtin_units()
    claim = Claim.model_validate(
        {"id": "a", "metric": "m", "figure": figure, "scope": {"region": "CN"}, "quote": quote}
    )
    made = figures.check_figure(claim, units)
    value = claimcache._figure_to(made)
    assert value is not None
    back = claimcache._figure_from(json.loads(json.dumps(value)), claim, units)
    assert isinstance(back, StoredFigureCheck)
    assert (back.verdict, back.stated, back.closest, back.noun) == (
        made.verdict,
        made.stated,
        made.closest,
        made.noun,
    )
    assert [repr(q) for q in back.stated] == [repr(q) for q in made.stated]
    assert back.verdict is verdict


def test_a_stored_quantity_that_does_not_validate_is_read_again() -> None:
    units = builtin_units()
    claim = Claim.model_validate(
        {"id": "a", "metric": "m", "figure": "1180家", "scope": {"region": "CN"}, "quote": "1180家"}
    )
    value = claimcache._figure_to(figures.check_figure(claim, units))
    assert value is not None
    value["stated"][0][1] = "not a number"
    value["verdict"] = "value"
    back = claimcache._figure_from(value, claim, units)
    assert back is not None
    assert back.stated == figures.check_figure(claim, units).stated
    assert back.verdict is FigureVerdict.STATED  # the check made again replaces the record


@pytest.mark.skipif(not REAL_ARCHIVE.is_dir(), reason=NO_REAL_ARCHIVE)
def test_the_bundled_repository_reports_the_same_from_the_cache(tmp_path: Path, work: Work) -> None:
    root, archive = copy_real(tmp_path)
    cold = run(root, work, archive=archive)
    assert work.figures > 0
    edited = next((root / "claims").rglob("*.yaml"))
    edited.write_text(edited.read_text("utf-8") + "# edited\n", "utf-8")
    warm = run(root, work, archive=archive)
    assert (work.figures, work.quotes, work.analysed) == (0, 0, 0)
    assert warm == cold == run(root, cache=False, archive=archive)


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def test_the_records_of_many_claim_files_share_a_few_entries(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claimcache, "SHARDS", 4)
    run(project)
    files = [p for p in (project / "claims").rglob("*.yaml") if "\n  - id: " in p.read_text()]
    shards = {claimcache.shard_of(_shown(project, p)) for p in files}
    assert len(_claim_entries(project)) == len(shards) <= 4 < len(files)


def _stored_files(root: Path) -> set[str]:
    cache = Cache.open(root)
    assert cache is not None
    out: set[str] = set()
    for number in range(claimcache.SHARDS):
        value = cache.get(claimcache.KIND, f"{number}/{claimcache.SHARDS}")
        out.update(value or {})
    return out


def test_a_run_on_some_files_keeps_the_records_of_the_others(project: Path, work: Work) -> None:
    run(project, work)
    sources = sorted((project / "claims" / "sources").glob("*.yaml"))
    some = [project / "claims" / "registry", *sources[:2]]
    partial = verify(VerifyOptions(cwd=project, paths=some, environ={}, cache=True)).report
    assert partial.summary.checks_run
    touch(project)
    run(project, work)
    assert work.figures == 0 and work.quotes == 0


def test_the_records_of_a_deleted_claim_file_are_dropped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claimcache, "SHARDS", 1)  # so that the next run rewrites its entry
    run(project)
    sources = sorted((project / "claims" / "sources").glob("*.yaml"))
    gone = next(p for p in sources if "s000000-c1" not in p.read_text("utf-8"))
    assert _shown(project, gone) in _stored_files(project)
    gone.unlink()
    assert json.loads(run(project))["summary"]["checks_run"]
    assert _shown(project, gone) not in _stored_files(project)
    assert _shown(project, sources[0]) in _stored_files(project)


def test_a_stored_report_records_the_snapshots_as_its_run_read_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot edited after the run read it, but before its report was stored: the next
    run must not take that report for one made from the edited snapshot."""
    snapshot = project / "archive" / "s000000.txt"
    real_store = runcache.store_report

    def edit_then_store(*args: Any) -> None:
        snapshot.write_bytes(snapshot.read_bytes() + "补充说明。\n".encode())
        real_store(*args)

    monkeypatch.setattr(runcache, "store_report", edit_then_store)
    run(project)
    monkeypatch.setattr(runcache, "store_report", real_store)
    report = json.loads(run(project))
    assert any(f["code"] == "C102" and "s000000.txt" in f["message"] for f in report["findings"])


def test_a_match_two_claims_share_keeps_its_closest_passage_when_the_budget_ends(
    tmp_path: Path, work: Work
) -> None:
    """Two claims with the same quote and figure share one record. With budget for one closest
    passage, the second claim's finding gives none, and the record must still hold the passage
    the first one found, for the next run."""
    twin = dict(NEAR_A, id="a2")
    cited = Cited(tmp_path).source("src", TEXT, [NEAR_A, twin])
    root = cited.write()
    one = {"AIDCHECK_LIMITS": f"closest_chars={len(TEXT)}"}
    first = run(root, work, environ=one)
    assert first.count('"closest": {') == 1 and work.passages == 1
    both = {"AIDCHECK_LIMITS": f"closest_chars={len(TEXT) * 2}"}
    again = run(root, work, environ=both)
    assert work.quotes == 0 and work.passages == 0
    assert again == run(root, cache=False, environ=both)
    assert again.count('"closest": {') == 2


def test_every_word_of_the_unit_table_is_in_its_fingerprint() -> None:
    from aidcheck.model.units import Unit

    base = builtin_units()
    seen = {claimcache.units_fingerprint(base)}
    tables = [f.name for f in dataclasses.fields(base) if f.compare and f.name != "builtin"]
    for name in tables:
        table, _ = base.extended(UnitsSection())
        value = getattr(table, name)
        if name == "dimensions":
            value["operations"] = "operations"
        else:
            value["台次x"] = Unit("台次x", "count")
        seen.add(claimcache.units_fingerprint(table))
    assert len(seen) == len(tables) + 1
