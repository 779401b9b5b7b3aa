"""share_fields_sets: equal `model_fields_set`s of frozen models become one object, safely."""

from __future__ import annotations

import pydantic
import pytest

from aidcheck.model.base import share_fields_sets
from aidcheck.model.files import RepositoryFile


def _file(*figures: str) -> RepositoryFile:
    claims = [
        {
            "id": f"c{i}",
            "metric": "m",
            "figure": figure,
            "scope": {"region": "CN"},
            "quote": f"q{figure}",
        }
        for i, figure in enumerate(figures)
    ]
    return RepositoryFile.model_validate({"source": "s", "claims": claims})


def test_equal_fields_sets_become_one_object_and_keep_their_content() -> None:
    model = _file("12家", "13家")
    first, second = model.claims
    assert first.model_fields_set is not second.model_fields_set
    share_fields_sets(model)
    assert first.model_fields_set is second.model_fields_set
    assert first.scope.model_fields_set is second.scope.model_fields_set
    assert first.model_fields_set == {"id", "metric", "figure", "scope", "quote"}
    assert first.scope.model_fields_set == {"region"}
    assert first.model_dump(exclude_unset=True)["scope"] == {"region": "CN"}


def test_different_fields_sets_stay_apart() -> None:
    model = _file("12家")
    other = RepositoryFile.model_validate(
        {
            "source": "s",
            "claims": [
                {
                    "id": "d",
                    "metric": "m",
                    "figure": "12家",
                    "scope": {"region": "CN", "programme": "p"},
                    "quote": "q",
                    "note": "n",
                }
            ],
        }
    )
    share_fields_sets(model)
    share_fields_sets(other)
    assert model.claims[0].model_fields_set != other.claims[0].model_fields_set
    assert other.claims[0].scope.model_fields_set == {"region", "programme"}


def test_a_shared_set_cannot_be_changed_through_one_of_its_models() -> None:
    model = _file("12家", "13家")
    share_fields_sets(model)
    first, second = model.claims
    with pytest.raises(pydantic.ValidationError):
        first.note = "changed"  # type: ignore[misc]
    copy = first.model_copy(update={"note": "copied"})
    assert "note" in copy.model_fields_set
    assert "note" not in second.model_fields_set and "note" not in first.model_fields_set


def test_intervals_of_figures_share_their_fields_sets() -> None:
    first, second, third = _file("12家", "超过13家", "超过14家").claims
    a, b, c = first.figure.interval, second.figure.interval, third.figure.interval
    assert b.model_fields_set is c.model_fields_set
    assert a.model_fields_set == {"low", "high"} != b.model_fields_set
    assert (str(a), str(b), str(c)) == ("{12}", "(13, ∞)", "(14, ∞)")
