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

DOC = Path(__file__).parents[2] / "docs" / "report-format.md"


def documented_schema() -> dict[str, Any]:
    text = DOC.read_text(encoding="utf-8")
    pattern = r"<!-- schema:start -->\s*```json\n(.*?)```\s*<!-- schema:end -->"
    match = re.search(pattern, text, re.S)
    assert match, "docs/report-format.md lost its schema block"
    schema: dict[str, Any] = json.loads(match.group(1))
    return schema


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
    assert Report.model_validate_json(text) == report
    assert "新华网" in text  # Chinese stays readable, not \\u escapes
