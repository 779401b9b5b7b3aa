"""The JSON report matches the shape documented in docs/report-format.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from aidcheck.findings import (
    REPORT_SCHEMA_VERSION,
    ClaimRef,
    Finding,
    Location,
    Report,
    RuleRun,
    SourceSummary,
    Summary,
)
from aidcheck.render import Format, render
from aidcheck.render.common import ordered
from aidcheck.render.json_report import schema_text

DOC = Path(__file__).parents[2] / "docs" / "report-format.md"


def documented_schema() -> dict[str, Any]:
    """The schema shipped in the package (aidcheck/schemas/report.schema.json)."""
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


def test_the_documentation_shows_the_shipped_schema() -> None:
    text = DOC.read_text(encoding="utf-8")
    pattern = r"<!-- schema:start -->\s*```json\n(.*?)```\s*<!-- schema:end -->"
    match = re.search(pattern, text, re.S)
    assert match, "docs/report-format.md lost its schema block"
    assert match.group(1) == schema_text(), (
        "docs/report-format.md and src/aidcheck/schemas/report.schema.json differ: "
        "copy the file into the block"
    )


def validate(document: object) -> None:
    schema = documented_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_output_matches_the_documented_schema(report: Report) -> None:
    validate(json.loads(render(report, Format.JSON)))


def test_schema_rejects_what_it_should() -> None:
    good = json.loads(render(Report(), Format.JSON))
    validate(good)
    bad = json.loads(render(Report(), Format.JSON))
    bad["summary"]["exit_code"] = 3
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad = json.loads(render(Report(), Format.JSON))
    bad["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


@pytest.mark.parametrize(
    ("model", "definition"),
    [
        (Report, None),
        (Summary, "summary"),
        (Finding, "finding"),
        (RuleRun, "rule_run"),
        (SourceSummary, "source"),
        (ClaimRef, "claim"),
        (Location, "location"),
    ],
)
def test_every_model_field_is_documented(model: type[BaseModel], definition: str | None) -> None:
    schema = documented_schema()
    part = schema if definition is None else schema["$defs"][definition]
    assert set(part["properties"]) == set(model.model_fields)


def test_version_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"currently **`{REPORT_SCHEMA_VERSION}`**" in text


def test_round_trip_keeps_the_report(report: Report) -> None:
    text = render(report, Format.JSON)
    loaded = Report.model_validate_json(text)
    assert loaded.findings == ordered(report.findings)
    assert loaded.rules == sorted(report.rules, key=lambda r: r.code)
    assert loaded.claims == report.claims
    assert loaded.model_copy(update={"findings": [], "rules": [], "root": ""}) == (
        report.model_copy(update={"findings": [], "rules": [], "root": ""})
    )
    assert "新华网" in text  # Chinese stays readable, not \\u escapes


def test_lists_are_sorted_whatever_order_the_checks_ran_in(report: Report) -> None:
    shuffled = report.model_copy(
        update={
            "findings": list(reversed(report.findings)),
            "rules": list(reversed(report.rules)),
            "claims": dict(reversed(list(report.claims.items()))),
            "sources": list(reversed(report.sources)),
        }
    )
    assert render(shuffled, Format.JSON) == render(report, Format.JSON)
    data = json.loads(render(report, Format.JSON))
    assert list(data["claims"]) == sorted(data["claims"])
    assert [r["code"] for r in data["rules"]] == sorted(r["code"] for r in data["rules"])
    severity = {"error": 0, "warning": 1, "info": 2}
    keys = [(severity[f["severity"]], f["code"]) for f in data["findings"]]
    assert keys == sorted(keys)


def test_root_is_relative_to_the_git_repository(report: Report, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project = tmp_path / "factcheck"
    project.mkdir()
    for root, expected in [(project, "factcheck"), (tmp_path, ".")]:
        data = json.loads(render(report.model_copy(update={"root": str(root)}), Format.JSON))
        assert data["root"] == expected
        assert str(tmp_path) not in json.dumps(data, ensure_ascii=False)
