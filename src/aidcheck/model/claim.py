"""A claim: what one source states about one quantity. Never what is true."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from aidcheck.model.base import Date, StrictModel
from aidcheck.model.quantity import Quantity
from aidcheck.model.registry import RegionCode
from aidcheck.model.source import Identifier
from aidcheck.model.units import UnitTable


class Scope(StrictModel):
    """Where the figure applies, who gave the aid, under which programme, and over what."""

    region: RegionCode
    giver: RegionCode | None = None
    programme: Identifier | None = None
    population: str | None = Field(
        default=None,
        description="which units within the region the figure covers, in the source's words "
        "(所有国家级贫困县 vs 所有贫困县); two claims that differ here are not about one quantity",
    )
    note: str | None = None


class Per(StrEnum):
    """The span a rate is stated for: 每年 (each year), 每月 (each month)."""

    YEAR = "year"
    MONTH = "month"


class Period(StrictModel):
    """When the figure holds.

    `as_of` is the date a stock or running total is stated for (截至2018年底 → 2018-12-31);
    `since` starts a cumulative span (2017年以来); `year` is a calendar year for a flow
    (2020年投入). With neither `as_of` nor `year`, the figure holds as of the source's
    publication date (截至目前).
    """

    as_of: Date | None = None
    since: Date | None = None
    year: int | None = Field(default=None, ge=1949, le=2100)
    per: Per | None = Field(
        default=None,
        description="the figure is a rate per year or per month over the period (每年120余名, "
        "'around 900 experts each year for five years'), not a total for it",
    )
    wording: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Period:
        if self.year is not None and (self.as_of is not None or self.since is not None):
            raise ValueError("give either 'year' or 'as_of'/'since', not both")
        if self.since and self.as_of and self.since > self.as_of:
            raise ValueError("'since' is after 'as_of'")
        return self

    def start(self) -> dt.date | None:
        return dt.date(self.year, 1, 1) if self.year is not None else self.since

    def end(self, published: dt.date) -> dt.date:
        """The date the figure holds at; the publication date when the claim gives none."""
        if self.year is not None:
            return dt.date(self.year, 12, 31)
        return self.as_of or published


class Anchor(StrictModel):
    """Context that pins a quote down when it occurs more than once in its source."""

    before: str | None = None
    after: str | None = None
    occurrence: int | None = Field(default=None, ge=1)


class Claim(StrictModel):
    id: Identifier
    metric: Identifier
    figure: Quantity
    scope: Scope
    period: Period = Field(default_factory=Period)
    quote: str = Field(min_length=1)
    anchor: Anchor | None = None
    source: Identifier | None = Field(
        default=None, description="the cited source; defaults to the file's source"
    )
    asserts: list[Identifier] = Field(
        default_factory=list,
        description="relations the quote states (its source calls the pairing 一对一): the "
        "source's figures for the relation's two metrics are held to it (X401)",
    )
    part_of: Identifier | None = Field(
        default=None, description="the claim whose total this figure is a part of (其中)"
    )
    note: str | None = None

    @field_validator("figure", mode="before")
    @classmethod
    def _read_figure(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            from aidcheck.numbers import read_figure

            context = info.context if isinstance(info.context, dict) else {}
            table = context.get("units")
            return read_figure(value, table if isinstance(table, UnitTable) else None)
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(
                "write the figure as the source states it, in quotes if needed "
                f"(e.g. figure: '{value}家'), or as a mapping with value, unit and hedge"
            )
        return value
