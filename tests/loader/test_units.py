"""Units are data (issue 10.2): a repository's `units` section extends the built-in table; an
unknown unit or dimension is an input error at its place, with the closest known name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aidcheck.model.units import builtin_units
from aidcheck.verify import VerifyOptions, verify
from tests.rules.conftest import Repo, claim


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


UNITS: dict[str, Any] = {
    "units": {
        "dimensions": {"operations": "operations counted per session"},
        "units": [
            {
                "unit": "台次",
                "dimension": "operations",
                "zh": ["台次"],
                "en": ["operation-session"],
            },
        ],
    }
}


def _claim(ident: str, metric: str, figure: Any, quote: str) -> dict[str, Any]:
    out = claim(ident, metric, "1家")
    out["figure"], out["quote"] = figure, quote
    return out


def test_a_repository_unit_is_read_in_figures_and_quotes(repo: Repo) -> None:
    repo.add("registry/units.yaml", UNITS)
    repo.add(
        "ops.yaml",
        {
            "metrics": [
                {
                    "id": "operations",
                    "name_zh": "手术",
                    "name_en": "Operations",
                    "dimension": "operations",
                    "nature": "cumulative",
                    "additive": True,
                }
            ]
        },
    )
    repo.source("s", [_claim("c", "operations", "500台次", "帮助完成手术500台次")])
    result = verify(VerifyOptions(cwd=repo.write()))
    assert result.report.summary.exit_code == 0, [f.message for f in result.report.findings]
    claim_ = result.repository.claims["c"]  # type: ignore[union-attr]
    assert (claim_.figure.unit, claim_.figure.dimension) == ("台次", "operations")


def test_without_the_section_the_unit_is_an_input_error(repo: Repo) -> None:
    repo.source("s", [_claim("c", "county_hospitals_paired", "500台次", "完成手术500台次")])
    report = verify(VerifyOptions(cwd=repo.write())).report
    assert report.summary.exit_code == 2
    [problem] = [f for f in report.findings if f.code == "L003"]
    assert "台次" in problem.message and problem.locations[0].line > 1


def test_an_unknown_unit_suggests_the_closest(repo: Repo) -> None:
    figure = {"value": 3, "unit": "surgeriez"}
    repo.source("s", [_claim("c", "county_hospitals_paired", figure, "3 surgeries")])
    report = verify(VerifyOptions(cwd=repo.write())).report
    [problem] = [f for f in report.findings if f.code == "L003"]
    assert "unknown unit 'surgeriez'" in problem.message
    assert "did you mean" in problem.message and "surgery" in problem.message
    loc = problem.locations[0]
    assert loc.path.endswith("s.yaml") and loc.line > 1 and loc.column > 1


def test_an_unknown_dimension_is_l013_with_did_you_mean(repo: Repo) -> None:
    repo.add(
        "m.yaml",
        {
            "metrics": [
                {
                    "id": "beds_added",
                    "name_zh": "床位",
                    "name_en": "Beds",
                    "dimension": "bedz",
                    "nature": "stock",
                    "additive": True,
                }
            ],
            "units": {"units": [{"unit": "床次", "dimension": "bed_dayz"}]},
        },
    )
    report = verify(VerifyOptions(cwd=repo.write())).report
    problems = [f for f in report.findings if f.code == "L013"]
    assert len(problems) == 2
    assert any("did you mean 'beds'" in p.message for p in problems)
    assert all(p.locations[0].path.endswith("m.yaml") for p in problems)


def test_the_builtin_table_has_aliases_per_language() -> None:
    table = builtin_units()
    assert table.dimension_of("人次") == table.dimension_of("visits") == "person_times"
    assert table.dimension_of("person-times") == "person_times"
    assert table.dimension_of("surgeries") == table.dimension_of("台手术") == "procedures"
    assert table.dimension_of("個") == table.dimension_of("个") == "count"


@pytest.mark.parametrize(
    ("key", "inner"),
    [
        ("units", "units"),
        ('"\\x75nits"', '"\\x75nits"'),  # no byte of the file spells `units`
        ("? |-\n  units\n", "units"),
    ],
    ids=["plain", "escaped", "block-scalar"],
)
def test_a_units_section_in_the_last_file_serves_the_files_before_it(
    repo: Repo, key: str, inner: str
) -> None:
    # Files are validated one by one as they are parsed, but every figure is still read with
    # the whole table: a section in a file that sorts last, however its key is written.
    repo.add(
        "zz-units.yaml",
        f"{key}:\n"
        "  dimensions: {operations: operations counted per session}\n"
        f"  {inner}:\n"
        "    - {unit: 台次, dimension: operations, zh: [台次]}\n",
    )
    repo.add(
        "aa-ops.yaml",
        {
            "metrics": [
                {
                    "id": "operations",
                    "name_zh": "手术",
                    "name_en": "Operations",
                    "dimension": "operations",
                    "nature": "cumulative",
                    "additive": True,
                }
            ]
        },
    )
    repo.source("a", [_claim("c", "operations", "500台次", "帮助完成手术500台次")])
    result = verify(VerifyOptions(cwd=repo.write()))
    assert result.report.summary.exit_code == 0, [f.message for f in result.report.findings]
    assert result.repository is not None
    assert result.repository.claims["c"].figure.dimension == "operations"
