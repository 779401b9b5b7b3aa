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


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def share_fields_sets(model: BaseModel) -> None:
    """Let every frozen model in `model` (itself and the models its fields hold) share one
    `model_fields_set` object with each other model that has the same fields set.

    pydantic gives each instance its own set of the names it was given; for a claim with its
    scope, period and figure those sets were a third of the claim's memory. A frozen model's
    set is never changed (pydantic adds to it only on assignment, which a frozen model refuses,
    and `model_copy` copies it before changing the copy), so equal sets can be one object."""
    stack: list[BaseModel] = [model]
    while stack:
        item = stack.pop()
        if item.model_config.get("frozen"):
            own = item.__pydantic_fields_set__
            shared = _FIELDS_SETS.setdefault(frozenset(own), own)
            if shared is not own:
                object.__setattr__(item, "__pydantic_fields_set__", shared)
        for value in item.__dict__.values():
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, BaseModel))
