"""Input-error codes are named constants, each described by exactly one rule of the catalogue."""

from __future__ import annotations

from aidcheck import rules
from aidcheck.codes import InputCode
from aidcheck.rules.base import Family


def test_every_input_code_is_a_rule_that_cannot_be_run() -> None:
    for code in InputCode:
        rule = rules.get(code)
        assert rule.code == code
        assert rule.check is None, code


def test_every_load_rule_has_an_input_code() -> None:
    load_codes = {r.code for r in rules.REGISTRY.values() if r.family is Family.LOAD}
    assert load_codes <= set(InputCode)
