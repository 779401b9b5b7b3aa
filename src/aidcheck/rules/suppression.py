"""Suppressions: accepted findings, kept in the report with their reason.

A suppression names a rule and claims and says why (`suppressions:` in a claim file). It
accepts every finding of that rule whose claims are all among the claims it names, so a finding
that later involves one more claim is reported again. A suppression that accepts nothing is
itself reported (S001), unless its rule did not run (not selected, or no archive).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aidcheck.findings import Finding, Message, Problem, Severity
from aidcheck.model.relations import Suppression
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.common import NoOptions, skip

if TYPE_CHECKING:
    from aidcheck.loader.repository import Repository


@dataclass
class SuppressionUse:
    index: int
    suppression: Suppression
    code: str
    judged: bool
    matched: int = 0


def apply(repo: Repository, findings: list[Finding], ran: set[str]) -> list[SuppressionUse]:
    """Mark the findings that a suppression accepts; say how often each suppression matched."""
    from aidcheck import rules

    uses: list[SuppressionUse] = []
    by_code: dict[str, list[SuppressionUse]] = defaultdict(list)
    for n, suppression in enumerate(repo.suppressions):
        code = rules.get(suppression.rule).code
        use = SuppressionUse(n, suppression, code, judged=code in ran)
        uses.append(use)
        by_code[code].append(use)
    for finding in findings:
        if not finding.claims or finding.code not in by_code:
            continue
        named = set(finding.claims)
        for use in by_code[finding.code]:
            if named <= set(use.suppression.claims):
                use.matched += 1
                if finding.suppressed is None:
                    finding.suppressed = use.suppression.reason
    return uses


def _unused(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    repo = ctx.repo
    uses = ctx.facts.suppression_uses
    for use in uses:
        s = use.suppression
        what = f"suppression of {use.code} for {', '.join(s.claims)}"
        if not use.judged:
            skip(ctx, f"{what}: {use.code} did not run, so whether it matches is unknown")
            continue
        ctx.tally(
            use.matched > 0, f"{what}: accepts {use.matched} finding(s)" if ctx.wording else None
        )
        if use.matched:
            continue
        yield ACCEPTS_NOTHING(
            rule=use.code,
            claims_named=", ".join(s.claims),
            claims=list(s.claims),
            locations=[repo.locate("suppression", str(use.index))],
            details={"rule": use.code, "reason": s.reason},
            key=f"{use.code}#{use.index}",
        )
    if not uses:
        ctx.run.note = "the claim repository has no suppressions"


ACCEPTS_NOTHING = Message(
    "S001",
    "this suppression of {rule} for {claims_named} accepts no finding: the problem is fixed or "
    "the claims changed; remove it or correct it",
)

UNUSED_SUPPRESSION = Rule(
    code="S001",
    name="unused-suppression",
    family=Family.META,
    title="A suppression accepts no finding",
    severity=Severity.WARNING,
    check=_unused,
    options=NoOptions,
    messages=(ACCEPTS_NOTHING,),
    description="""A suppression (`suppressions:` in a claim file) accepts the findings of one
rule whose claims are all among the claims it names, and must give a reason:

```yaml
suppressions:
  - rule: R302            # a code or a rule name
    claims: [cri-2020-physicians-dispatched-2020, cri-2020-physicians-postgraduate]
    reason: 此次 refers to the 1000余人 sent since 2017, not to the 25 physicians of 2020.
```

Suppressed findings stay in the report, marked with the reason, and do not fail the run. A
suppression without a reason, or naming an unknown rule or claim, is an input error. When a
suppression accepts nothing (the figures were corrected, a claim was renamed), it is reported
here so that it does not silently hide a future finding. Suppressions of rules that did not run
(not selected, or needing the evidence archive when there is none) are not judged.

Passing: the suppression above while R302 reports exactly those two claims.

Failing: the same suppression after `cri-2020-physicians-postgraduate` was corrected.
""",
)

RULES = (UNUSED_SUPPRESSION,)
