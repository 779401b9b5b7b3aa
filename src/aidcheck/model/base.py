"""The base for every model that is read from a user's file: unknown keys are errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _calendar_date(value: Any) -> Any:
    """Refuse numbers for dates: pydantic would read 1550102400 as a Unix timestamp."""
    if isinstance(value, bool | int | float | dt.datetime):
        raise ValueError(f"write the date as YYYY-MM-DD, not {value!r}")
    return value


Date = Annotated[dt.date, BeforeValidator(_calendar_date)]
"""A calendar date written YYYY-MM-DD (a number is refused, not taken as a timestamp)."""
