"""What a rule is: a stable code, a title, a default severity, a description, a check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from aidcheck.findings import Message, Problem, RuleRun, Severity

if TYPE_CHECKING:
    from aidcheck.evidence.citations import Evidence
    from aidcheck.loader.repository import Repository
    from aidcheck.rules.facts import RunFacts


COMPARISONS_KEPT = 500
"""How many worded comparisons (`CheckContext.tally`, `skip`) a rule's run keeps for the report."""


class Family(StrEnum):
    LOAD = "load"
    CITATION = "citation"
    AGREEMENT = "agreement"
    ROLLUP = "roll-up"
    RELATION = "relation"
    TIMELINE = "timeline"
    PROVENANCE = "provenance"
    META = "meta"


@dataclass
class CheckContext:
    """What a check sees: the repository, the evidence archive if any, and its own tally.

    `facts` is shared by every rule of one run: what several rules need is computed once there,
    and the engine hands the meta rules what the other rules did.
    """

    repo: Repository
    run: RuleRun
    facts: RunFacts
    evidence: Evidence | None = None
    compared: int = 0
    """Comparisons counted so far (`tally`); the engine puts the count on `run` at the end."""
    passed: int = 0

    @property
    def archive(self) -> Evidence:
        """The evidence archive, for rules marked `needs_archive` (the engine runs them only
        when there is one)."""
        if self.evidence is None:
            raise RuntimeError("a rule that needs the evidence archive ran without one")
        return self.evidence

    @property
    def wording(self) -> bool:
        """Whether the report still keeps worded comparisons (the first `COMPARISONS_KEPT` of
        a rule). Word a comparison only then, where the words cost something to build
        (figures, scopes, periods): `ctx.tally(ok, f"…" if ctx.wording else None)`. A run of
        100,000 claims would otherwise word 100,000 comparisons and throw them away."""
        return len(self.run.comparisons) < COMPARISONS_KEPT

    def tally(self, ok: bool, what: str | None = None) -> None:
        """Count one comparison the rule made, so the report can say what was checked."""
        self.compared += 1
        if ok:
            self.passed += 1
        comparisons = self.run.comparisons
        if what is not None and len(comparisons) < COMPARISONS_KEPT:
            comparisons.append(f"{'pass' if ok else 'FAIL'}: {what}")


CheckFn = Callable[[CheckContext, Any], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: Family
    title: str
    severity: Severity
    description: str
    check: CheckFn | None = None
    options: type[BaseModel] | None = None
    needs_archive: bool = False
    messages: tuple[Message, ...] = ()
    """Everything the rule can say; each message id starts with the rule's code."""

    @property
    def runnable(self) -> bool:
        return self.check is not None
