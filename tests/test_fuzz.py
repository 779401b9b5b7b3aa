"""Fuzzers for the readers of untrusted input: whatever they are given, they return a result or
raise their own clean error, never anything else. Each runs a bounded number of examples so the
normal suite stays fast (a few seconds in all); raise `max_examples` locally to dig deeper."""

from __future__ import annotations

import json
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidcheck.config import ConfigError, find_project
from aidcheck.evidence.normalize import normalize
from aidcheck.gating import GatingError, read_baseline
from aidcheck.limits import Limits
from aidcheck.loader.yamlnodes import YamlSyntaxError, parse
from aidcheck.numbers import FigureError, read_figure

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

YAML_BITS = st.sampled_from(
    [
        "a",
        ": ",
        "- ",
        "\n",
        "  ",
        "&x ",
        "*x",
        "!!binary ",
        "!!str ",
        "!foo ",
        "<<: ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "|",
        ">",
        "#",
        "? ",
        "0x7E4",
        "1e999999",
        "2019-02-30",
        "yes",
        "~",
        "1:30",
        ".inf",
        "9" * 60,
        "超过6万人次",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "\t",
    ]
)


@FAST
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_yaml_reader_returns_data_or_a_clean_error(text: str) -> None:
    try:
        parse(text, Limits(nodes=2_000, depth=20))
    except YamlSyntaxError as exc:
        assert exc.message and exc.position.line >= 1 and exc.position.column >= 1


FIGURE_CHARS = (
    "0123456789.,万亿千百十一二三四五六七八九零两余多近约超过以上至-~%家人次名 eEmoreathn"
)


@FAST
@given(st.text(alphabet=FIGURE_CHARS, max_size=30) | st.text(max_size=30))
def test_number_reader_returns_a_quantity_or_a_figure_error(text: str) -> None:
    try:
        quantity = read_figure(text)
    except FigureError as exc:
        assert str(exc)
    else:
        str(quantity.interval)  # the interval of whatever was read can be printed


@FAST
@given(st.text(max_size=200))
def test_normalizer_maps_every_character_back_into_the_original(text: str) -> None:
    view = normalize(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    for start, end in zip(view.starts, view.ends, strict=True):
        assert 0 <= start <= end <= len(text)


TOML_BITS = st.sampled_from(
    [
        "claims",
        "archive",
        "fail_on",
        "select",
        "ignore",
        "rules",
        "severity",
        " = ",
        "\n",
        '"x"',
        "'y'",
        "[",
        "]",
        "{",
        "}",
        ",",
        "1",
        "true",
        "[rules.A201]",
        "[tool.aidcheck]",
        "\\u0000",
        "\xff",
        "#",
        ".",
        '"/etc"',
        '"error"',
        "A201",
        "1e999",
        "2019-02-14",
    ]
)


@FAST
@given(st.lists(TOML_BITS, max_size=30).map("".join))
def test_config_reader_returns_a_project_or_a_config_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "aidcheck.toml").write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        find_project(tmp_path)
    except ConfigError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


ENTRY_KEYS = st.sampled_from(["fingerprint", "code", "claims", "message", "severity"])
ENTRIES = st.lists(st.dictionaries(ENTRY_KEYS, JSON_VALUES), max_size=3)
BASELINES = st.fixed_dictionaries(
    {"aidcheck_baseline": st.just(1), "findings": ENTRIES | JSON_VALUES}
) | st.dictionaries(st.sampled_from(["aidcheck_baseline", "findings", "x"]), JSON_VALUES)


@FAST
@given(BASELINES | JSON_VALUES | st.text(alphabet=string.printable, max_size=40))
def test_baseline_reader_returns_entries_or_a_gating_error(tmp_path: Path, data: object) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    try:
        entries = read_baseline(path)
    except GatingError as exc:
        assert str(exc)
    else:
        for fingerprint, entry in entries.items():
            assert isinstance(fingerprint, str)
            assert all(isinstance(c, str) for c in entry.get("claims", []))
