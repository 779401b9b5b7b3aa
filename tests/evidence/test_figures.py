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
        ("1180家", "所有贫困县县医院实现远程医疗全覆盖", FigureVerdict.VALUE),
        ("1180家", "县医院实现远程医疗", FigureVerdict.NO_FIGURE),
        ("26913人次", "天津共培訓(xùn)受援單位醫(yī)務(wù)人員26913人次", FigureVerdict.STATED),
        (
            {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "exact"},
            "实现了县级医院结对全覆盖",
            FigureVerdict.STATED,
        ),
        # Issue 14: a figure in words is read back from the quote, so a mutated one is seen.
        (
            {"text": "全覆盖", "value": 200, "unit": "%", "hedge": "exact"},
            "实现了县级医院结对全覆盖",
            FigureVerdict.VALUE,
        ),
        (
            {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "more_than"},
            "实现了县级医院结对全覆盖",
            FigureVerdict.HEDGE,
        ),
        ("近一半", "近一半的贫困县", FigureVerdict.STATED),
        (
            {"text": "近一半", "value": 60, "unit": "%", "hedge": "nearly"},
            "近一半的贫困县",
            FigureVerdict.VALUE,
        ),
        (
            {"text": "近一半", "value": 50, "unit": "%", "hedge": "exact"},
            "近一半的贫困县",
            FigureVerdict.HEDGE,
        ),
        ({"value": 33.3, "unit": "%"}, "三分之一的县医院", FigureVerdict.STATED),
        ({"value": 40, "unit": "%"}, "三分之一的县医院", FigureVerdict.VALUE),
        ({"value": 100, "unit": "%"}, "门诊量翻了一番", FigureVerdict.STATED),
        ({"value": 20, "unit": "%"}, "就诊人次增长两成", FigureVerdict.STATED),
        # Issue 10: three unit cases: another unit, a unit not in the table, no unit.
        ("more than 60,000 personnel", "more than 60,000 medical personnel", "stated"),
        ("more than 60,000 personnel", "more than 60,000 person-times", "unit"),
        ("3,700个", "3,700 key widgetries were built", "unit-unread"),
        ("超过6万人", "派出超过6万,", "no-unit"),
        ("1.9 million surgeries", "1.9 million surgeries", "stated"),
        ("超过3000万人次", "门诊诊疗人次超过3000万,", "stated"),
        ("超过3000万人", "门诊诊疗人次超过3000万,", "unit"),
        # the subject's noun, not the noun of a phrase between it and the verb (field corpus)
        (
            "more than 36 million outpatient visits",
            "outpatient visits at the assisted county hospitals exceeded 36 million",
            "stated",
        ),
        (
            "more than 36 million hospitals",
            "outpatient visits at the assisted county hospitals exceeded 36 million",
            "unit",
        ),
        (
            {"text": "全覆盖", "value": 100, "unit": "%", "hedge": "exact"},
            "实现了县级医院结对",
            FigureVerdict.NO_FIGURE,
        ),
    ],
)
def test_value_then_hedge_then_unit(figure: Any, quote: str, verdict: FigureVerdict) -> None:
    assert check_figure(claim(figure, quote)).verdict == verdict


def test_the_verdict_keeps_the_quote_figure_it_compared_with() -> None:
    check = check_figure(claim("超过6万人", QUOTE))
    assert check.closest is not None
    assert (check.closest.unit, check.closest.hedge.value) == ("人次", "more_than")
    assert not check.ok
