"""Declarations a claim repository makes about its claims: relations between metrics and
accepted findings (suppressions).

A relation says how the figures of two metrics must compare when they describe the same
scope, e.g. an "一对一" pairing has as many tertiary as county hospitals:

```yaml
relations:
  - id: one-to-one-pairing
    left: tertiary_hospitals_pairing
    op: "=="
    right: county_hospitals_paired
    same: [region, giver, programme, period]
    where: {programme: tertiary-county-pairing}
    description: In a one-to-one pairing each county hospital has its own tertiary hospital.
```

A suppression accepts a finding, names the rule and the claims, and says why:

```yaml
suppressions:
  - rule: R302
    claims: [cri-2020-physicians, cri-2020-postgraduates]
    reason: 此次 refers to the 1000余人 sent since 2017, not to the 25 physicians of 2020.
```
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator

from aidcheck.model.base import StrictModel
from aidcheck.model.quantity import Amount
from aidcheck.model.registry import RegionCode
from aidcheck.model.source import Identifier

SameField = Literal["region", "giver", "programme", "period", "source"]


_DEFAULT_SAME: list[SameField] = ["region", "giver", "programme", "period"]


class RelationOp(StrEnum):
    EQ = "=="
    LE = "<="
    GE = ">="


class RelationFilter(StrictModel):
    """Restricts a relation to claims with these scope values (on both sides)."""

    region: RegionCode | None = None
    giver: RegionCode | None = None
    programme: Identifier | None = None


class Holds(StrEnum):
    """Where a relation is checked."""

    ALWAYS = "always"  # by definition, for every source's figures (hospitals >= counties)
    ASSERTED = "asserted"  # where a source says so (一对一): only the asserting sources' figures


class Relation(StrictModel):
    """`left op factor × right` must hold for claims that share the `same` fields."""

    id: Identifier
    left: Identifier = Field(description="the metric on the left-hand side")
    op: RelationOp
    right: Identifier = Field(description="the metric on the right-hand side")
    factor: Amount = Field(default=Decimal(1), gt=0, description="multiplies the right side")
    same: list[SameField] = Field(
        default_factory=lambda: _DEFAULT_SAME.copy(),
        description="what two claims must share to be compared",
    )
    where: RelationFilter | None = None
    holds: Holds = Field(
        default=Holds.ALWAYS,
        description="'always': a fact by definition, checked on every source's figures; "
        "'asserted': a claim some sources make (一对一), checked on the figures of each source "
        "whose claims assert it (`asserts:`)",
    )
    description: str = Field(min_length=1)


class Suppression(StrictModel):
    """An accepted finding: the rule, the claims it names, and why it is accepted."""

    rule: str = Field(min_length=1, description="a rule code (A201) or name")
    claims: list[Identifier] = Field(min_length=1)
    reason: str

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a suppression must say why the finding is accepted: write the reason")
        return value.strip()
