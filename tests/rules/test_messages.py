"""Every rule words its findings with messages it declares: a template on the rule, the
arguments on the finding (pyflakes' message classes, frictionless' error templates)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.findings import Message, Report
from aidcheck.rules.base import Rule
from aidcheck.verify import VerifyOptions, verify
from tests.rules.conftest import assert_worded_by_its_rule

ROOT = Path(__file__).resolve().parents[2]


def test_every_runnable_rule_declares_its_messages_under_its_own_code() -> None:
    seen: set[str] = set()
    for rule in rules.runnable():
        assert rule.messages, rule.code
        for message in rule.messages:
            assert message.id.split(".")[0] == rule.code, message.id
            assert message.id not in seen, message.id
            seen.add(message.id)


@pytest.mark.parametrize("rule", rules.runnable(), ids=lambda r: r.code)
def test_every_template_names_its_fields(rule: Rule) -> None:
    for message in rule.messages:
        fields = [f for _, f, _, _ in string.Formatter().parse(message.template) if f]
        assert fields, message.id
        assert all(f.isidentifier() for f in fields), message.id


def test_a_message_fills_its_template_and_keeps_its_arguments() -> None:
    said = Message("Z999", "{claim} states {value:.3} of {total}")(
        claims=["a"], claim="a", value="1.2345", total=7
    )
    assert said.message == "a states 1.2 of 7"
    assert (said.message_id, said.arguments) == (
        "Z999",
        {"claim": "a", "value": "1.2345", "total": 7},
    )
    assert said.claims == ["a"]


def test_data_in_an_argument_is_never_read_as_a_template() -> None:
    said = Message("Z999", "quote {quote}")(quote="{0} {__class__} {quote}")
    assert said.message == "quote {0} {__class__} {quote}"


@pytest.fixture(scope="module")
def bundled() -> Report:
    return verify(VerifyOptions(cwd=ROOT)).report


def test_every_finding_on_the_bundled_repository_is_worded_by_its_rule(bundled: Report) -> None:
    assert bundled.findings
    for finding in bundled.findings:
        assert_worded_by_its_rule(finding)
