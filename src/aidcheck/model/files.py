"""The shape of one file in a claim repository.

A file may hold any of the sections below; most hold a `source` and its `claims`, and the
registries (`metrics`, `regions`, `programmes`) usually live in files of their own.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from aidcheck.model.base import StrictModel
from aidcheck.model.claim import Claim, Period, Scope
from aidcheck.model.registry import Metric, Programme, Region
from aidcheck.model.relations import Relation, Suppression
from aidcheck.model.source import Identifier, Source
from aidcheck.model.units import UnitsSection


def _source_kind(value: Any) -> str:
    return "record" if isinstance(value, dict | Source) else "id"


# A full record or the id of one; the discriminator keeps errors to the branch the user meant.
SourceField = Annotated[
    Annotated[Source, Tag("record")] | Annotated[Identifier, Tag("id")],
    Discriminator(_source_kind),
]


class FileDefaults(StrictModel):
    """What the claims of one file inherit unless they state it (loader/defaults.py)."""

    scope: Scope | None = None
    period: Period | None = None
    source: Identifier | None = Field(
        default=None, description="the source cited by claims that name none"
    )


class RepositoryFile(StrictModel):
    source: SourceField | None = Field(
        default=None,
        description="the source the claims in this file cite: a full record, or the id of one",
    )
    defaults: FileDefaults | None = Field(
        default=None, description="scope, period and source that the file's claims inherit"
    )
    claims: list[Claim] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    relations: list[Relation] = Field(
        default_factory=list, description="declared relations between metrics (docs/checks.md)"
    )
    suppressions: list[Suppression] = Field(
        default_factory=list, description="accepted findings, each with its reason"
    )
    units: UnitsSection | None = Field(
        default=None, description="dimensions and units that extend the built-in unit table"
    )
