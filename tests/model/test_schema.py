"""The claim files' JSON Schema: exported from the models, shipped in the package, and it
accepts what the loader accepts and refuses what the schema can see is wrong."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from aidcheck.cli import app
from aidcheck.model.schema import claims_schema, claims_schema_text
from aidcheck.render.json_report import schema_text

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src/aidcheck/schemas/claims.schema.json"


def _as_json(value: Any) -> Any:
    """YAML data as a JSON validator sees it: dates are the text they were written as."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _validator() -> jsonschema.Draft202012Validator:
    schema = claims_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_packaged_schema_is_the_one_the_models_export() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == claims_schema_text(), (
        "src/aidcheck/schemas/claims.schema.json is out of step with the models: regenerate it "
        "with python -c 'from aidcheck.model.schema import claims_schema_text; "
        'print(claims_schema_text(), end="")\' > src/aidcheck/schemas/claims.schema.json'
    )


@pytest.mark.parametrize("path", sorted((ROOT / "claims").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_claim_file_is_valid(path: Path) -> None:
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in _validator().iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("claim", "wrong"),
    [
        ({"figure": 1180}, "1180 is not valid"),  # a bare number has no unit
        ({"colour": "red"}, "colour"),  # unknown fields are refused, as the loader does
        ({"id": "Upper Case"}, "does not match"),
    ],
)
def test_what_the_schema_can_see_is_refused(claim: dict[str, Any], wrong: str) -> None:
    data = {
        "source": "xinhua-2019-02-14",
        "claims": [
            {
                "id": "c1",
                "metric": "county_hospitals_paired",
                "figure": "超过400家",
                "scope": {"region": "CN"},
                "period": {"as_of": "2018-12-31"},
                "quote": "已有超过400家贫困县医院",
                **claim,
            }
        ],
    }
    errors = " ".join(e.message for e in _validator().iter_errors(data))
    assert wrong in errors


def test_a_figure_as_text_or_as_a_mapping_is_valid() -> None:
    validator = _validator()
    for figure in ("超过6万人次", {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "exact"}):
        data = {
            "source": "s",
            "claims": [
                {
                    "id": "c1",
                    "metric": "m",
                    "figure": figure,
                    "scope": {"region": "CN"},
                    "quote": "q",
                }
            ],
        }
        assert list(validator.iter_errors(data)) == []


def test_the_command_prints_the_claims_schema_by_default_and_the_report_schema_on_request() -> None:
    runner = CliRunner()
    claims = runner.invoke(app, ["schema"])
    assert claims.exit_code == 0
    assert json.loads(claims.output) == claims_schema()
    report = runner.invoke(app, ["schema", "report"])
    assert report.exit_code == 0
    assert report.output == schema_text()
    assert runner.invoke(app, ["schema", "sarif"]).exit_code == 2
