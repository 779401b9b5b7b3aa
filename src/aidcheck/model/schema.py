"""The JSON Schema of a claim file, exported from the models that the loader validates with.

Editors that validate YAML as you type (and `check-jsonschema`) read it. It describes the
file as written, so `figure` is the text a source states (`超过6万人次`) or the mapping form,
and dates are `YYYY-MM-DD`. What a schema cannot say (a figure's wording is readable, ids are
defined once, references point at something defined) is left to `aidcheck verify`.
The package ships the result as `aidcheck/schemas/claims.schema.json`; a test keeps it equal to
`claims_schema()`.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://aidcheck.invalid/claims-1.0.schema.json"


def claims_schema() -> dict[str, Any]:
    from aidcheck.model.files import RepositoryFile

    schema = RepositoryFile.model_json_schema()
    claim = schema["$defs"]["Claim"]["properties"]
    claim["figure"] = {
        "description": "the figure as the source states it (超过6万人次, 400余家, 1180家), or "
        "a mapping for words that are not a number (全覆盖)",
        "anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/Quantity"}],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "aidcheck claim file",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def claims_schema_text() -> str:
    return json.dumps(claims_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
