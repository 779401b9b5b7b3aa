from __future__ import annotations

from typing import Any

import pytest

from aidcheck.evidence.figures import FigureVerdict, check_figure
from aidcheck.model.claim import Claim

QUOTE = "派出超过6万人次医务人员参与贫困县县级医院管理和诊疗工作"


def claim(figure: Any, quote: str = QUOTE) -> Claim:
    return Claim.model_validate(
        {"id": "c", "metric": "m", "figure": figure, "scope": {"region": "CN"}, "quote": quote}
    )


@pytest.mark.parametrize(
    ("figure", "quote", "verdict"),
    [
        ("超过6万人次", QUOTE, FigureVerdict.STATED),
        ("超過6萬人次", QUOTE, FigureVerdict.STATED),
        ("超过60000人次", QUOTE, FigureVerdict.STATED),
        ("超过6.5万人次", QUOTE, FigureVerdict.VALUE),
        ({"value": 60000, "unit": "人次", "hedge": "exact"}, QUOTE, FigureVerdict.HEDGE),
        ("6万余人次", QUOTE, FigureVerdict.HEDGE),
        ("超过6万人", QUOTE, FigureVerdict.UNIT),
        ("超过6万名", QUOTE, FigureVerdict.UNIT),
        ("1180家", "与834个贫困县的1180所县级医院建立帮扶关系", FigureVerdict.STATED),
        ("1180家", "所有贫困县县医院实现远程医疗全覆盖", FigureVerdict.NO_FIGURE),
        ("26913人次", "天津共培訓(xùn)受援單位醫(yī)務(wù)人員26913人次", FigureVerdict.STATED),
        (
            {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "exact"},
            "实现了县级医院结对全覆盖",
            FigureVerdict.IN_WORDS,
        ),
        (
            {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "exact"},
            "实现了县级医院结对",
            FigureVerdict.NO_FIGURE,
        ),
    ],
)
def test_value_then_hedge_then_unit(figure: Any, quote: str, verdict: FigureVerdict) -> None:
    assert check_figure(claim(figure, quote)).verdict is verdict


def test_the_verdict_keeps_the_quote_figure_it_compared_with() -> None:
    check = check_figure(claim("超过6万人", QUOTE))
    assert check.closest is not None
    assert (check.closest.unit, check.closest.hedge.value) == ("人次", "more_than")
    assert not check.ok
