"""SARIF 2.1.0: valid against the official OASIS schema, each rule once, stable fingerprints."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from aidcheck.findings import Location, Report
from aidcheck.render import Format, render

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@cache
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def validate_sarif(document: dict[str, Any]) -> None:
    """Validate against the official schema, and check the URIs it cannot check without rfc3987."""
    _validator().validate(document)
    for run in document["runs"]:
        for result in run["results"]:
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                assert URI_REFERENCE.match(uri), uri


def _sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(report, Format.SARIF))
    return document


def test_valid_against_the_official_schema(report: Report) -> None:
    document = _sarif(report)
    validate_sarif(document)
    assert document["version"] == "2.1.0"


def test_schema_check_can_fail(report: Report) -> None:
    document = _sarif(report)
    document["runs"][0]["results"][0]["level"] = "fatal"
    try:
        _validator().validate(document)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an invalid level passed the schema")


def test_each_rule_once_and_results_point_at_it(report: Report) -> None:
    run = _sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {"L001", "Z901", "Z902", "Z903", "Z904"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    z901 = rules[ids.index("Z901")]
    assert z901["shortDescription"]["text"] == "Claims disagree"
    assert z901["defaultConfiguration"]["level"] == "error"
    l001 = rules[ids.index("L001")]
    assert "Passing" in l001["help"]["text"]  # the registry's description with its examples


def test_levels_messages_and_regions(report: Report) -> None:
    results = _sarif(report)["runs"][0]["results"]
    by_fp = {r["partialFingerprints"]["aidcheck/v1"]: r for r in results}
    assert len(results) == len(report.findings)
    assert by_fp["f903cccccccccccc"]["level"] == "note"
    assert by_fp["f902bbbbbbbbbbbb"]["level"] == "warning"
    conflict = by_fp["f901aaaaaaaaaaaa"]
    assert conflict["level"] == "error"
    assert conflict["message"]["text"].startswith("1180家 and 1100余家")
    physical = conflict["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "claims/sources/xinhua-2019-02-14.yaml",
        "uriBaseId": "PROJECTROOT",
    }
    assert physical["region"] == {"startLine": 14, "startColumn": 5}
    odd = by_fp["f902bbbbbbbbbbbb"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert odd["uri"] == "claims/sources/%E6%96%B0%E9%97%BB%20a%2Cb%3Ac%25.yaml"


def test_suppressions_and_baseline(report: Report) -> None:
    results = _sarif(report)["runs"][0]["results"]
    by_fp = {r["partialFingerprints"]["aidcheck/v1"]: r for r in results}
    assert by_fp["f901eeeeeeeeeeee"]["suppressions"] == [
        {
            "kind": "inSource",
            "justification": "different as-of dates: 2018 year end vs 2020 | accepted",
        }
    ]
    baselined = by_fp["f902ffffffffffff"]
    assert baselined["suppressions"][0]["kind"] == "external"
    assert baselined["baselineState"] == "unchanged"
    assert "suppressions" not in by_fp["f901aaaaaaaaaaaa"]


def test_fingerprints_do_not_move_with_lines(report: Report) -> None:
    before = _sarif(report)["runs"][0]["results"]
    for finding in report.findings:
        finding.locations = [
            Location(path=loc.path, line=loc.line + 40, column=loc.column)
            for loc in finding.locations
        ]
    after = _sarif(report)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert before[0]["locations"] != after[0]["locations"]


def test_empty_report_is_valid() -> None:
    validate_sarif(_sarif(Report()))
