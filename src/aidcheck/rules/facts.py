"""What several rules of one run read, computed once on first use: a typed per-run cache.

The engine makes one `RunFacts` per run and hands it to every rule through `CheckContext.facts`;
each property is computed by the first rule that reads it. A new run starts afresh. Add a
property here (not a string key in a dict) when a second rule needs what one rule computes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from aidcheck.model.claim import Claim
from aidcheck.rules.common import PeriodKey, QuantityKey, period_key, scope_key

if TYPE_CHECKING:
    from aidcheck.evidence.claimcache import ClaimCache
    from aidcheck.evidence.figures import FigureCheck
    from aidcheck.loader.repository import Repository
    from aidcheck.rules.suppression import SuppressionUse


FIGURES_PER_JOB = 1000
"""Figure checks are shared among processes only by this many claims or more to a process:
each takes a fraction of a millisecond, and a process costs a fork and a pickle."""


class RunFacts:
    def __init__(self, repo: Repository, claims: ClaimCache | None = None, jobs: int = 1) -> None:
        self.repo = repo
        self.claims = claims
        """Where figure checks are kept between runs (set by verify; None: not kept)."""
        self.jobs = jobs
        """How many processes may share work that is independent per claim (`workers`)."""
        self.suppression_uses: list[SuppressionUse] = []
        """How often each suppression matched, set by the engine before the meta rules run."""

    def settle(self, *, citations: bool, groups: bool) -> None:
        """Work out now what several rules read: the figure checks (`citations`), and the
        claims grouped by quantity and period (`groups`). Before the rules are shared among
        processes, so that each process reads them rather than working them out again."""
        if citations:
            _ = self.figure_checks
        if groups:
            _ = self.quantities, self.quantities_any_dimension, self.periods

    @cached_property
    def cross_checkable(self) -> list[Claim]:
        """Claims that stand for their metric and scope: no 其中 parts, and with a known
        source. Do not change the list."""
        repo = self.repo
        return [
            c
            for c in repo.claims.values()
            if c.part_of is None and repo.claim_source.get(c.id) in repo.sources
        ]

    @cached_property
    def periods(self) -> dict[str, PeriodKey]:
        """Each cross-checkable claim's `period_key` (start, end, per), by claim id: worked out
        once per run, for the several rules that group or order claims by their periods."""
        repo = self.repo
        return {claim.id: period_key(repo, claim) for claim in self.cross_checkable}

    @cached_property
    def quantities(self) -> dict[QuantityKey, tuple[Claim, ...]]:
        """Cross-checkable claims grouped by metric, scope, period and unit dimension."""
        return self._group(by_dimension=True)

    @cached_property
    def quantities_any_dimension(self) -> dict[QuantityKey, tuple[Claim, ...]]:
        """As `quantities`, with claims of every unit dimension together (None in the key)."""
        return self._group(by_dimension=False)

    def _group(self, *, by_dimension: bool) -> dict[QuantityKey, tuple[Claim, ...]]:
        groups: dict[QuantityKey, list[Claim]] = defaultdict(list)
        periods = self.periods
        for claim in self.cross_checkable:
            dimension = claim.figure.dimension if by_dimension else None
            key = (claim.metric, scope_key(claim), periods[claim.id], dimension)
            groups[key].append(claim)
        return {key: tuple(claims) for key, claims in groups.items()}

    @cached_property
    def figure_checks(self) -> dict[str, FigureCheck]:
        """Each claim's figure against its own quote, by claim id (C105, C107, C108)."""
        from aidcheck.evidence.figures import check_figure
        from aidcheck.workers import map_shards

        units = self.repo.units
        kept = self.claims
        checks: dict[str, FigureCheck | None] = {}
        missing: list[Claim] = []
        for claim in self.repo.claims.values():
            stored = kept.stored_figure(claim) if kept is not None else None
            checks[claim.id] = stored
            if stored is None:
                missing.append(claim)

        def check(claims: Sequence[Claim]) -> list[FigureCheck]:
            return [check_figure(claim, units) for claim in claims]

        made = map_shards(check, missing, self.jobs, min_per_job=FIGURES_PER_JOB)
        for claim, made_check in zip(missing, made, strict=True):
            made_check.claimed = claim.figure  # the claim's own object, not a worker's copy
            checks[claim.id] = made_check
            if kept is not None:
                kept.store_figure(claim, made_check)
        return {ident: check for ident, check in checks.items() if check is not None}
