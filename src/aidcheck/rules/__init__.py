"""The rule registry: an explicit table from code to rule. No import magic.

Adding a rule: write its module under aidcheck/rules/, add its RULES to the table below, give
it a test under tests/rules/, and regenerate docs/checks.md
(`python -m aidcheck.commands.rules --write docs/checks.md`).
"""

from __future__ import annotations

from aidcheck.rules import (
    agreement,
    bounds,
    breakdown,
    citation,
    citation_figure,
    citation_quote,
    counted_drift,
    gate,
    load,
    provenance,
    relation,
    rollup,
    scope_drift,
    suppression,
    timeline,
)
from aidcheck.rules.base import Rule

_ALL: tuple[Rule, ...] = (
    *load.RULES,
    *citation.RULES,
    *citation_quote.RULES,
    *citation_figure.RULES,
    *agreement.RULES,
    *scope_drift.RULES,
    *counted_drift.RULES,
    *rollup.RULES,
    *breakdown.RULES,
    *relation.RULES,
    *bounds.RULES,
    *timeline.RULES,
    *provenance.RULES,
    *suppression.RULES,  # meta rules run last, over the other rules' findings
    *gate.RULES,  # reported by --changed-since, never run as a check
)

REGISTRY: dict[str, Rule] = {rule.code: rule for rule in _ALL}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _ALL}


class UnknownRuleError(KeyError):
    pass


def get(code_or_name: str) -> Rule:
    """The rule with this code (L001) or name (yaml-syntax); fails loudly on anything else."""
    rule = REGISTRY.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
    if rule is None:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownRuleError(f"unknown rule '{code_or_name}'; known rules: {known}")
    return rule


def names() -> frozenset[str]:
    """Every rule code (upper case) and rule name (lower case), as the loader checks a
    suppression's rule against them."""
    return frozenset(REGISTRY) | frozenset(BY_NAME)


def runnable() -> list[Rule]:
    return [rule for rule in _ALL if rule.runnable]
