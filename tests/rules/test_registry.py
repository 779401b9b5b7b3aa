"""The registry: each rule module has its test module, which tests every rule of it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.codes import InputCode
from aidcheck.rules.base import Rule

TESTS = Path(__file__).resolve().parent


def _tests_of(rule: Rule) -> Path:
    module = inspect.getmodule(rule.check)
    assert module is not None
    return TESTS / f"test_{module.__name__.rsplit('.', 1)[-1]}.py"


@pytest.mark.parametrize("rule", rules.runnable(), ids=lambda r: r.code)
def test_every_runnable_rule_is_tested_in_the_test_module_of_its_rule_module(rule: Rule) -> None:
    """`rules/agreement.py` holds A201: `tests/rules/test_agreement.py` must exist and name
    A201 (as in `findings(report, "A201")`)."""
    path = _tests_of(rule)
    assert path.exists(), f"{rule.code}: write {path.relative_to(TESTS.parents[1])}"
    text = path.read_text(encoding="utf-8")
    assert re.search(rf"""["']{rule.code}["']""", text), f"{rule.code}: {path.name} never names it"


@pytest.mark.parametrize("code", list(InputCode), ids=str)
def test_every_input_error_is_produced_by_some_test(code: InputCode) -> None:
    """Each input-error code is named by a test that makes the loader, the configuration or
    verify report it."""
    named = (f'"{code.value}"', f"InputCode.{code.name}")
    for path in TESTS.parent.rglob("test_*.py"):
        if path.name in {"test_codes.py", Path(__file__).name}:
            continue
        text = path.read_text(encoding="utf-8")
        if any(n in text for n in named):
            return
    pytest.fail(f"no test makes {code.value} ({code.name}) happen")
