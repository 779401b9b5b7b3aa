from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from aidcheck import rules
from aidcheck.engine import EngineSettings, run_rules
from aidcheck.findings import Problem, Severity
from aidcheck.loader.repository import Repository
from aidcheck.rules.base import CheckContext, CheckFn, Family, Rule
from aidcheck.rules.common import NoOptions
from aidcheck.rules.facts import RunFacts
from aidcheck.rules.rollup import RollupOptions


def _rule(
    code: str,
    check: CheckFn,
    family: Family = Family.AGREEMENT,
    *,
    options: type[BaseModel] | None = None,
    needs_archive: bool = False,
) -> Rule:
    return Rule(
        code=code,
        name=f"rule-{code.lower()}",
        family=family,
        title="t",
        severity=Severity.ERROR,
        description="d",
        check=check,
        options=options,
        needs_archive=needs_archive,
    )


def _finds(ctx: CheckContext, options: object) -> Iterator[Problem]:
    ctx.tally(False, "one comparison")
    yield Problem(message="found", claims=["a"])


def _compares_nothing(ctx: CheckContext, options: object) -> Iterator[Problem]:
    return iter(())


def test_the_engine_stamps_code_name_and_configured_severity() -> None:
    rule = _rule("A999", _finds)
    settings = EngineSettings(severities={"A999": Severity.WARNING})
    found, runs = run_rules(Repository(root=Path(".")), settings, selection=[rule])
    [finding] = found
    assert (finding.code, finding.rule, finding.severity) == ("A999", "rule-a999", Severity.WARNING)
    assert (runs[0].compared, runs[0].passed, runs[0].findings) == (1, 0, 1)
    assert runs[0].comparisons == ["FAIL: one comparison"]


def test_a_rule_that_compared_nothing_says_so() -> None:
    _, runs = run_rules(
        Repository(root=Path(".")), EngineSettings(), selection=[_rule("A998", _compares_nothing)]
    )
    assert runs[0].note and "compared nothing" in runs[0].note


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    catalogue = [_rule(code, _finds) for code in ("A201", "A202", "A203", "R301", "R302", "T501")]
    settings = EngineSettings(select=["A2", "R301"], ignore=["rule-a202"])
    assert {r.code for r in catalogue if settings.selected(r)} == {"A201", "A203", "R301"}
    assert {r.code for r in catalogue if EngineSettings(ignore=["R3"]).selected(r)} == {
        "A201",
        "A202",
        "A203",
        "T501",
    }


def test_options_reach_the_rule_and_default_when_not_configured() -> None:
    seen: list[object] = []

    def record(ctx: CheckContext, options: object) -> Iterator[Problem]:
        seen.append(options)
        return iter(())

    rule = _rule("R999", record, options=RollupOptions)
    configured = RollupOptions(stock_days_after_whole=7)
    run_rules(
        Repository(root=Path(".")), EngineSettings(options={"R999": configured}), selection=[rule]
    )
    run_rules(Repository(root=Path(".")), EngineSettings(), selection=[rule])
    assert seen == [configured, RollupOptions()]


def test_meta_rules_run_last_and_see_suppressions_applied() -> None:
    order: list[str] = []

    def meta(ctx: CheckContext, options: object) -> Iterator[Problem]:
        order.append("meta")
        assert ctx.facts.suppression_uses == []
        return iter(())

    def plain(ctx: CheckContext, options: object) -> Iterator[Problem]:
        order.append("plain")
        return iter(())

    selection = [_rule("S999", meta, Family.META, options=NoOptions), _rule("A997", plain)]
    _, runs = run_rules(Repository(root=Path(".")), EngineSettings(), selection=selection)
    assert order == ["plain", "meta"]
    assert [r.code for r in runs] == ["A997", "S999"]


def test_a_rule_needing_the_archive_is_reported_as_not_run_without_it() -> None:
    rule = _rule("C999", _finds, Family.CITATION, needs_archive=True)
    found, runs = run_rules(Repository(root=Path(".")), EngineSettings(), selection=[rule])
    assert found == []
    assert runs[0].note and runs[0].note.startswith("not run")


def test_every_registered_cross_check_has_options_that_forbid_unknown_keys() -> None:
    cross_checks = [r for r in rules.runnable() if r.family not in (Family.LOAD, Family.CITATION)]
    assert len(cross_checks) >= 12
    for rule in cross_checks:
        assert rule.options is not None, rule.code
        assert rule.options.model_config.get("extra") == "forbid", rule.code
        assert "Passing" in rule.description and "Failing" in rule.description, rule.code


def test_rules_of_one_run_share_what_they_compute_once_and_a_new_run_starts_afresh() -> None:
    seen: list[RunFacts] = []

    def shared(ctx: CheckContext, options: object) -> Iterator[Problem]:
        seen.append(ctx.facts)
        assert ctx.facts.cross_checkable is ctx.facts.cross_checkable
        return iter(())

    selection = [_rule("A996", shared), _rule("A995", shared)]
    run_rules(Repository(root=Path(".")), EngineSettings(), selection=selection)
    assert seen[0] is seen[1]
    first = seen[0].cross_checkable
    run_rules(Repository(root=Path(".")), EngineSettings(), selection=selection)
    assert seen[2] is not seen[0]
    assert seen[2].cross_checkable is not first
