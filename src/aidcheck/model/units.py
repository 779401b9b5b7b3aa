"""Units as stated in the text, and the dimension each one measures.

The unit word is kept as written (家, 所, 人次, "personnel"); the dimension is what lets two
claims be compared. 家 and 所 both count institutions, so a claim in 家 and one in 所 agree; 人 and
人次 do not (persons vs person-times), and that drift is itself a finding.
"""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    INSTITUTIONS = "institutions"
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    COUNT = "count"
    MONEY_CNY = "money_cny"
    PERCENT = "percent"
    NONE = "none"


# Chinese measure words (量词) and currency. Multi-character units first is not needed here:
# the reader looks units up by exact string.
CHINESE_UNITS: dict[str, Dimension] = {
    "家": Dimension.INSTITUTIONS,
    "所": Dimension.INSTITUTIONS,
    "人次": Dimension.PERSON_TIMES,
    "人": Dimension.PERSONS,
    "名": Dimension.PERSONS,
    "位": Dimension.PERSONS,
    "个": Dimension.COUNT,
    "項": Dimension.COUNT,
    "项": Dimension.COUNT,
    "台": Dimension.COUNT,
    "种": Dimension.COUNT,
    "種": Dimension.COUNT,
    "例": Dimension.COUNT,
    "面": Dimension.COUNT,
    "册": Dimension.COUNT,
    "冊": Dimension.COUNT,
    "件": Dimension.COUNT,
    "张": Dimension.COUNT,
    "批": Dimension.COUNT,
    "次": Dimension.COUNT,
    "座": Dimension.COUNT,
    "间": Dimension.COUNT,
    "辆": Dimension.COUNT,
    "元": Dimension.MONEY_CNY,
    "%": Dimension.PERCENT,
    "％": Dimension.PERCENT,
}

# English nouns that commonly follow a figure in translations of these reports.
ENGLISH_UNITS: dict[str, Dimension] = {
    "hospitals": Dimension.INSTITUTIONS,
    "hospital": Dimension.INSTITUTIONS,
    "institutions": Dimension.INSTITUTIONS,
    "clinics": Dimension.INSTITUTIONS,
    "person-times": Dimension.PERSON_TIMES,
    "person-time": Dimension.PERSON_TIMES,
    "visits": Dimension.PERSON_TIMES,
    "attendances": Dimension.PERSON_TIMES,
    "trips": Dimension.PERSON_TIMES,
    "personnel": Dimension.PERSONS,
    "people": Dimension.PERSONS,
    "persons": Dimension.PERSONS,
    "person": Dimension.PERSONS,
    "staff": Dimension.PERSONS,
    "doctors": Dimension.PERSONS,
    "physicians": Dimension.PERSONS,
    "experts": Dimension.PERSONS,
    "workers": Dimension.PERSONS,
    "patients": Dimension.PERSONS,
    "yuan": Dimension.MONEY_CNY,
    "rmb": Dimension.MONEY_CNY,
    "percent": Dimension.PERCENT,
    "per cent": Dimension.PERCENT,
}


def dimension_of(unit: str | None) -> Dimension:
    """The dimension a stated unit measures; a unit we do not know counts things."""
    if unit is None:
        return Dimension.NONE
    found = CHINESE_UNITS.get(unit)
    if found is not None:
        return found
    return ENGLISH_UNITS.get(unit.lower(), Dimension.COUNT)
