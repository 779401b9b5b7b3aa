"""Hostile inputs: whatever bytes a claim file holds, loading ends in data or in findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidcheck import rules
from aidcheck.loader.repository import load_repository
from tests.conftest import SOURCE

CASES = {
    "tab indentation": "claims:\n\t- id: a\n",
    "anchors and aliases": "a: &x {id: b}\nclaims: [*x, *x]\n",
    "merge key": "base: &b {metric: m}\nclaims:\n  - <<: *b\n    id: a\n",
    "two documents": "claims: []\n---\nclaims: []\n",
    "python tag": "claims: !!python/object:os.system ls\n",
    "deep nesting": "a: " + "[" * 200 + "]" * 200 + "\n",
    "binary": "\x00\x01\x02",
    "bom": "\ufeffclaims: []\n",
    "key is a list": "? [a, b]\n: 1\n",
    "null claims": "claims: ~\n",
    "number as id": "claims:\n  - id: 12\n",
    "huge figure": SOURCE.replace("1180家", "9" * 400 + "家"),
    "impossible date": SOURCE.replace("2019-02-14", "2019-02-30"),
    "deeper than the recursion limit": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "figure is a list": SOURCE.replace("figure: 1180家", "figure: [1180, 家]"),
}


def _load_text(folder: Path, text: str | bytes) -> list[str]:
    path = folder / "claims.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load_repository(folder, [folder], rules.names())
    for item in result.problems:
        for loc in item.problem.locations:
            assert loc.line >= 1 and loc.column >= 1
        assert item.problem.message
    return [p.code for p in result.problems]


@pytest.mark.parametrize("name", sorted(CASES))
def test_named_hostile_input_gives_findings_not_a_crash(name: str, tmp_path: Path) -> None:
    codes = _load_text(tmp_path, CASES[name])
    assert all(code.startswith("L") for code in codes)
    if name in {
        "python tag",
        "two documents",
        "tab indentation",
        "binary",
        "impossible date",
        "merge key",
        "key is a list",
    }:
        assert codes, f"{name} must be reported"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(tmp_path: Path, data: bytes) -> None:
    _load_text(tmp_path, data)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_mutated_claim_file_never_crashes(tmp_path: Path, data: st.DataObject) -> None:
    text = SOURCE
    position = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.text(alphabet=":-[]{}&*!|>'\"#\n 家万超过0123456789", max_size=8))
    cut = data.draw(st.integers(0, 5))
    _load_text(tmp_path, text[:position] + insert + text[position + cut :])
