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

    @property
    def archive(self) -> Evidence:
        """The evidence archive, for rules marked `needs_archive` (the engine runs them only
        when there is one)."""
        if self.evidence is None:
            raise RuntimeError("a rule that needs the evidence archive ran without one")
        return self.evidence

    def tally(self, ok: bool, what: str | None = None) -> None:
        """Count one comparison the rule made, so the report can say what was checked."""
        self.run.compared += 1
        if ok:
            self.run.passed += 1
        if what is not None and len(self.run.comparisons) < 500:
            self.run.comparisons.append(f"{'pass' if ok else 'FAIL'}: {what}")


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
