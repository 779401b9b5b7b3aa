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


def test_every_loader_message_belongs_to_an_input_code() -> None:
    from aidcheck.findings import Message
    from aidcheck.loader import messages

    said = [m for m in vars(messages).values() if isinstance(m, Message)]
    assert len(said) >= 15
    for message in said:
        assert InputCode(message.id.split(".")[0]), message.id
    assert len({m.id for m in said}) == len(said)


def test_every_configuration_message_is_an_l011() -> None:
    from aidcheck import settings
    from aidcheck.findings import Message

    said = [m for m in vars(settings).values() if isinstance(m, Message)]
    assert said and all(m.id.split(".")[0] == InputCode.CONFIG for m in said)
