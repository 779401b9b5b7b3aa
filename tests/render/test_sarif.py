"""SARIF 2.1.0: valid against the official OASIS schema, each rule once, stable fingerprints."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aidcheck.findings import Location, Report
from aidcheck.render import Format, RenderOptions, render
from aidcheck.render.common import rule_info
from aidcheck.render.sarif import (
    CHECKS_DOC,
    DESCRIPTION_LIMIT,
    heading_anchor,
    help_uri,
    shorten,
)
from aidcheck.render.sarif import rule_descriptor as sarif_rule

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
    check_github_rules(document)
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
        "uriBaseId": "%SRCROOT%",
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


# What GitHub code scanning reads (docs.github.com, "SARIF support for code scanning"), checked
# on every SARIF the tests make; test_sarif_github.py runs Microsoft's multitool as well.


def check_github_rules(document: dict[str, Any]) -> None:
    """GitHub's ingestion rules: a physical location with a relative URI and a start line on
    every result, descriptions of at most 1,024 characters, a helpUri per rule, the tool's
    informationUri, the fingerprint GitHub reads, related locations linked from the message."""
    for run in document["runs"]:
        driver = run["tool"]["driver"]
        assert driver["informationUri"].startswith("https://")
        for rule in driver["rules"]:
            assert 0 < len(rule["shortDescription"]["text"]) <= DESCRIPTION_LIMIT, rule["id"]
            assert 0 < len(rule["fullDescription"]["text"]) <= DESCRIPTION_LIMIT, rule["id"]
            assert rule["helpUri"].startswith(CHECKS_DOC + "#"), rule["id"]
        for result in run["results"]:
            (location,) = result["locations"]
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert "://" not in uri and not uri.startswith("/"), uri
            assert not uri.startswith("../"), uri
            assert physical["region"]["startLine"] >= 1
            assert result["partialFingerprints"]["primaryLocationLineHash"]
            for related in result.get("relatedLocations", []):
                if "message" in related:  # a claim: linked from the message by its id
                    assert f"]({related['id']})" in result["message"]["text"]


def test_github_ingestion_rules_hold(report: Report) -> None:
    check_github_rules(_sarif(report))


def test_github_rules_can_fail(report: Report) -> None:
    document = _sarif(report)
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ] = "file:///home/runner/work/x.yaml"
    with pytest.raises(AssertionError):
        check_github_rules(document)


def test_every_registered_rule_fits_githubs_limits() -> None:
    """Every rule of the registry, as SARIF describes it, is within the 1,024-character limits
    (A201, R301 and X401 have longer descriptions: cut at a sentence, given in full in help)."""
    from aidcheck import rules

    infos = [rule_info(code, Report()) for code in rules.REGISTRY]
    for info in infos:
        described = sarif_rule(info)
        assert len(described["fullDescription"]["text"]) <= DESCRIPTION_LIMIT
        assert len(described["shortDescription"]["text"]) <= DESCRIPTION_LIMIT
        full = info.description.strip() or info.title
        assert described["help"]["text"].startswith(full)
        if len(full) > DESCRIPTION_LIMIT:
            cut = described["fullDescription"]["text"]
            assert full.startswith(cut) and cut[-1] in ".!?。！？…"


def test_help_uris_point_at_headings_of_the_checks_page() -> None:
    from aidcheck import rules

    checks = (Path(__file__).parents[2] / "docs" / "checks.md").read_text(encoding="utf-8")
    anchors = {
        heading_anchor(line.lstrip("#")) for line in checks.splitlines() if line.startswith("#")
    }
    for code in rules.REGISTRY:
        uri = help_uri(rule_info(code, Report()))
        assert uri.partition("#")[2] in anchors, uri


def test_heading_anchors_as_github_makes_them() -> None:
    assert (
        heading_anchor("L001 yaml-syntax: The file is not readable YAML")
        == "l001-yaml-syntax-the-file-is-not-readable-yaml"
    )
    assert (
        heading_anchor("R302 breakdown-part: A part (其中) is larger than the whole")
        == "r302-breakdown-part-a-part-其中-is-larger-than-the-whole"
    )
    assert heading_anchor("A `code` title, with 100% (of it)") == "a-code-title-with-100-of-it"


def test_shorten_cuts_at_a_sentence() -> None:
    text = "First sentence. " * 100
    cut = shorten(text)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("First sentence.")
    assert shorten("short.") == "short."
    assert shorten("x" * 2000).endswith("…") and len(shorten("x" * 2000)) <= DESCRIPTION_LIMIT


def test_related_locations_are_linked_and_brackets_from_data_are_not_links(
    report: Report,
) -> None:
    report.findings[0].message = "see [this](1) and \\ that"
    result = next(
        r
        for r in _sarif(report)["runs"][0]["results"]
        if r["partialFingerprints"]["aidcheck/v1"] == report.findings[0].fingerprint
    )
    text = result["message"]["text"]
    assert text.startswith("see \\[this\\](1) and \\\\ that")
    ids = [loc["id"] for loc in result["relatedLocations"]]
    assert ids == list(range(1, len(ids) + 1))
    for claim_id, ident in zip(report.findings[0].claims, ids, strict=False):
        assert f"[{claim_id}]({ident})" in text


def test_uris_are_relative_to_the_git_repository(report: Report, tmp_path: Path) -> None:
    """A claim repository in a subfolder: GitHub ignores uriBaseId, so the URI itself must start
    at the repository's top (the annotations of the github format already do)."""
    (tmp_path / ".git").mkdir()
    project = tmp_path / "factcheck"
    project.mkdir()
    (project / "aidcheck.toml").write_text("", encoding="utf-8")
    report.root = str(project)
    document = _sarif(report)
    validate_sarif(document)
    check_github_rules(document)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert "factcheck/claims/sources/xinhua-2019-02-14.yaml" in uris
    assert all(uri.startswith("factcheck/") for uri in uris)
    assert str(tmp_path) not in json.dumps(document, ensure_ascii=False)
    # --sarif-root names another base: the project itself.
    own = json.loads(render(report, Format.SARIF, RenderOptions(sarif_root=project)))
    first = own["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"].startswith("claims/")


def test_a_finding_without_a_place_points_at_the_configuration(
    report: Report, tmp_path: Path
) -> None:
    (tmp_path / "aidcheck.toml").write_text("", encoding="utf-8")
    report.root = str(tmp_path)
    report.findings[0].locations = []
    report.findings[0].claims = []
    document = _sarif(report)
    check_github_rules(document)
    result = next(
        r
        for r in document["runs"][0]["results"]
        if r["partialFingerprints"]["aidcheck/v1"] == report.findings[0].fingerprint
    )
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "aidcheck.toml"
