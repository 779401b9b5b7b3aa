"""The base for every model that is read from a user's file: unknown keys are errors."""

from __future__ import annotations

import datetime as dt
import functools
import typing
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
    shared_sets, setattr_ = _FIELDS_SETS, object.__setattr__
    while stack:
        item = stack.pop()
        frozen, nested = _shape(type(item))
        if frozen:
            own = item.__pydantic_fields_set__
            shared = shared_sets.setdefault(frozenset(own), own)
            if shared is not own:
                setattr_(item, "__pydantic_fields_set__", shared)
        for name in nested:
            value = getattr(item, name)
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, BaseModel))


@functools.cache
def _shape(cls: type[BaseModel]) -> tuple[bool, tuple[str, ...]]:
    """Whether `cls` is frozen, and the names of its fields whose type may hold a model."""
    return bool(cls.model_config.get("frozen")), tuple(
        name for name, info in cls.model_fields.items() if _holds_model(info.annotation)
    )


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))
