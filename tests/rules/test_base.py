"""CheckContext: what a rule's run counts and which comparisons it words for the report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aidcheck.findings import Problem, RuleRun
from aidcheck.loader.repository import Repository
from aidcheck.rules.base import COMPARISONS_KEPT, CheckContext
from aidcheck.rules.facts import RunFacts


def context() -> CheckContext:
    repo = Repository(root=Path("."))
    return CheckContext(repo=repo, run=RuleRun(code="X", rule="x", title="x"), facts=RunFacts(repo))


def test_every_comparison_is_counted_and_the_first_ones_are_worded() -> None:
    ctx = context()
    for i in range(COMPARISONS_KEPT + 20):
        ctx.tally(i % 3 != 0, f"comparison {i}" if ctx.wording else None)
    assert ctx.compared == COMPARISONS_KEPT + 20
    assert ctx.passed == sum(1 for i in range(COMPARISONS_KEPT + 20) if i % 3 != 0)
    assert len(ctx.run.comparisons) == COMPARISONS_KEPT
    assert ctx.run.comparisons[0] == "FAIL: comparison 0"
    assert ctx.run.comparisons[-1] == f"pass: comparison {COMPARISONS_KEPT - 1}"


def test_wording_stops_once_the_report_keeps_no_more() -> None:
    ctx = context()
    assert ctx.wording
    for _ in range(COMPARISONS_KEPT):
        ctx.tally(True, "same")
    assert not ctx.wording
    ctx.tally(False)  # counted without words
    assert (ctx.compared, ctx.passed) == (COMPARISONS_KEPT + 1, COMPARISONS_KEPT)


def test_the_engine_puts_the_counts_on_the_run(tmp_path: Path) -> None:
    from aidcheck import engine
    from aidcheck.rules.base import Family, Rule
    from aidcheck.severity import Severity

    def check(ctx: CheckContext, options: object) -> Iterator[Problem]:
        for ok in (True, False, True):
            ctx.tally(ok)
        yield from ()

    rule = Rule("X999", "counting", Family.AGREEMENT, "t", Severity.ERROR, "d", check=check)
    _, runs = engine.run_rules(Repository(root=tmp_path), engine.EngineSettings(), selection=[rule])
    assert (runs[0].compared, runs[0].passed) == (3, 2)
