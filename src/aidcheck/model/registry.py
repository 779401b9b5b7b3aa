"""The registries a claim repository defines: metrics, regions and programmes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from aidcheck.model.base import StrictModel
from aidcheck.model.source import Identifier

RegionCode = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Za-z0-9]+)*$", max_length=60)]


class Nature(StrEnum):
    """How a metric behaves over time."""

    CUMULATIVE = "cumulative"  # a running total since a start: may not fall
    STOCK = "stock"  # a level at a date: may rise or fall
    FLOW = "flow"  # an amount within a period (a year's funds)
    RATE = "rate"  # a ratio or percentage


class Metric(StrictModel):
    id: Identifier
    name_zh: str
    name_en: str
    dimension: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=40,
        description="what the metric counts: a dimension of the unit table",
    )
    nature: Nature
    additive: bool = Field(
        description="whether figures for disjoint regions add up to the figure for their union"
    )
    minimum: Decimal | None = Field(
        default=Decimal(0),
        description="the least any figure of the metric can be (counts cannot be negative); "
        "null for none",
    )
    maximum: Decimal | None = Field(
        default=None,
        description="the most any figure can be: 100 for a share or coverage in percent",
    )
    description: str | None = None


class RegionLevel(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    INSTITUTION = "institution"


class Region(StrictModel):
    code: RegionCode
    name_zh: str
    name_en: str
    level: RegionLevel
    parent: RegionCode | None = None


class Programme(StrictModel):
    id: Identifier
    name_zh: str
    name_en: str
    started: dt.date | None = Field(
        default=None,
        description="when the programme started: a cumulative figure with no `since` runs from "
        "this date (自2016年启动以来)",
    )
    description: str | None = None
    umbrella: bool = Field(
        default=False,
        description="true for a programme whose totals cover every programme (all forms of "
        "counterpart support together): the roll-up check (R301) compares the figures of every "
        "programme with its figures",
    )
