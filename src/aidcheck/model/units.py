"""Units as stated in the text, and the dimension (what is counted) each one measures.

The unit word is kept as written (家, 所, 人次, "personnel"); the dimension is what lets two
claims be compared. 家 and 所 both count institutions, so a claim in 家 and one in 所 agree; 人 and
人次 do not (persons vs person-times), and that drift is itself a finding.

Units are data: the built-in table ships as `aidcheck/data/units.yaml`, and a claim repository
extends it with a `units` section (`UnitTable.extended`). The table is read lazily, on the first
figure read, so commands that read no figure do not pay for it.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Annotated, Any

from pydantic import Field

from aidcheck.model.base import StrictModel


class Dimension(StrEnum):
    """The built-in dimensions a rule may name. A repository may define more (any string)."""

    INSTITUTIONS = "institutions"
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    COUNT = "count"
    COUNTIES = "counties"
    MONEY_CNY = "money_cny"
    PERCENT = "percent"
    NONE = "none"


DimensionName = str
"""A dimension's id: one of `Dimension` or one a repository's units section defines."""

_NAME_RE = r"^[a-z][a-z0-9_]*$"
# A word that states a unit: no digits or white space at its ends, so it cannot swallow or
# split a number ("" would match everywhere).
Word = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[^\s0-9](?:[^0-9]*[^\s0-9])?$")]


class UnitEntry(StrictModel):
    """One unit of a `units` section: its name, what it counts, and the words that state it."""

    unit: Word
    dimension: str = Field(pattern=_NAME_RE, max_length=40)
    zh: list[Word] = Field(
        default_factory=list, max_length=50, description="Chinese words after the number"
    )
    en: list[Word] = Field(
        default_factory=list, max_length=50, description="English nouns, singular"
    )
    before: list[Word] = Field(
        default_factory=list,
        max_length=50,
        description="words that state the unit before the number",
    )
    nouns: list[Word] = Field(
        default_factory=list,
        max_length=50,
        description="Chinese nouns that say what 个 or 项 counts",
    )


class UnitsSection(StrictModel):
    """A `units` section: new dimensions (id → description) and units."""

    dimensions: dict[Annotated[str, Field(pattern=_NAME_RE, max_length=40)], str] = Field(
        default_factory=dict, max_length=200
    )
    units: list[UnitEntry] = Field(default_factory=list, max_length=1000)


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    dimension: DimensionName


def _is_cjk(word: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in word)


def singular(word: str) -> str:
    """The English singular the table is keyed by: surgeries → surgery, hospitals → hospital."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


@dataclass
class UnitTable:
    """Every unit the reader knows, by the words that state it."""

    dimensions: dict[str, str] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)  # canonical name → unit
    zh: dict[str, Unit] = field(default_factory=dict)  # Chinese word → unit
    en: dict[str, Unit] = field(default_factory=dict)  # English singular, lower case → unit
    before: dict[str, Unit] = field(default_factory=dict)
    nouns: dict[str, Unit] = field(default_factory=dict)
    builtin: bool = False  # the shipped table, unextended
    readings: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Figures read with this table, by the text read (kept by aidcheck.numbers.read_figure)."""

    def add(self, section: UnitsSection) -> list[str]:
        """Add a section's dimensions and units; return what could not be added, each as a
        message (an unknown dimension, a word already taken by another dimension)."""
        errors: list[str] = []
        self.dimensions.update(section.dimensions)
        for entry in section.units:
            if entry.dimension not in self.dimensions:
                errors.append(
                    f"unit {entry.unit!r}: unknown dimension {entry.dimension!r}; "
                    f"{did_you_mean(entry.dimension, self.dimensions)}define it under "
                    "'dimensions' or use one of: " + ", ".join(sorted(self.dimensions))
                )
                continue
            unit = Unit(entry.unit, entry.dimension)
            previous = self.units.get(entry.unit)
            if previous is not None and previous.dimension != unit.dimension:
                errors.append(
                    f"unit {entry.unit!r} already counts {previous.dimension}; a unit counts "
                    "one thing, so give this one another name"
                )
                continue
            self.units[entry.unit] = unit
            own = [entry.unit]
            self._words(self.zh, [*entry.zh, *(w for w in own if _is_cjk(w))], unit, str)
            english = [*entry.en, *(w for w in own if not _is_cjk(w))]
            self._words(self.en, english, unit, lambda w: singular(w.lower()))
            self._words(self.before, entry.before, unit, str.lower)
            self._words(self.nouns, entry.nouns, unit, str)
        self.__dict__.pop("patterns", None)
        self.readings.clear()
        return errors

    @staticmethod
    def _words(table: dict[str, Unit], words: Iterable[str], unit: Unit, key: Any) -> None:
        for word in words:
            table[key(word)] = unit

    def extended(self, section: UnitsSection) -> tuple[UnitTable, list[str]]:
        """A copy of this table with a repository's section added."""
        copy = UnitTable(
            dict(self.dimensions),
            dict(self.units),
            dict(self.zh),
            dict(self.en),
            dict(self.before),
            dict(self.nouns),
        )
        return copy, copy.add(section)

    def lookup(self, word: str) -> Unit | None:
        """The unit a written word states: 家, 人次, personnel, surgeries, %."""
        found = self.units.get(word) or self.zh.get(word)
        if found is None and not _is_cjk(word):
            lowered = word.lower()
            found = self.en.get(lowered) or self.en.get(singular(lowered))
        return found

    def dimension_of(self, unit: str | None) -> DimensionName:
        if unit is None:
            return Dimension.NONE
        found = self.lookup(unit)
        return found.dimension if found is not None else Dimension.COUNT

    def suggest(self, word: str) -> str:
        """'did you mean …? ' for an unknown unit, or ''."""
        return did_you_mean(word, [*self.units, *self.zh, *self.en])

    @functools.cached_property
    def patterns(self) -> UnitPatterns:
        return UnitPatterns(self)


# Dimensions that measure rather than count things: a generic classifier (个, 项) never states them.
MEASURES = frozenset({"persons", "person_times", "percent", "money_cny", "years", "none"})


def compatible(a: DimensionName, b: DimensionName) -> bool:
    """Whether figures in dimensions `a` and `b` can state the same quantity: equal, or one is
    the generic `count` (个, 项) and the other counts things (832个 and 832 counties)."""
    if a == b:
        return True
    other = b if a == Dimension.COUNT else a if b == Dimension.COUNT else None
    return other is not None and other not in MEASURES


def did_you_mean(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)
    return f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""


class UnitPatterns:
    """The regular expressions the reader matches units with, built once per table."""

    def __init__(self, table: UnitTable) -> None:
        from aidcheck.numbers.folding import SIMPLIFIED

        zh = sorted({w.translate(SIMPLIFIED) for w in table.zh if w not in {"%", "％"}})
        zh.sort(key=len, reverse=True)
        self.zh = re.compile("|".join(map(re.escape, zh)) or r"(?!)")
        self.zh_table = {w.translate(SIMPLIFIED): u for w, u in table.zh.items()}
        nouns = sorted({w.translate(SIMPLIFIED) for w in table.nouns}, key=len, reverse=True)
        self.nouns = re.compile("|".join(map(re.escape, nouns)) or r"(?!)")
        self.noun_table = {w.translate(SIMPLIFIED): u for w, u in table.nouns.items()}
        zh_before = sorted(
            (w.translate(SIMPLIFIED) for w in table.before if _is_cjk(w)), key=len, reverse=True
        )
        self.zh_before = re.compile(
            "(?:" + ("|".join(map(re.escape, zh_before)) or r"(?!)") + r")\Z"
        )
        self.before_table = {w.translate(SIMPLIFIED).lower(): u for w, u in table.before.items()}
        self.en_before = {w.lower() for w in table.before if not _is_cjk(w)}


def _section(data: Mapping[str, Any]) -> UnitsSection:
    return UnitsSection.model_validate(data)


@functools.cache
def builtin_units() -> UnitTable:
    """The units shipped with aidcheck (aidcheck/data/units.yaml), read once."""
    import yaml

    text = resources.files("aidcheck").joinpath("data/units.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    table = UnitTable()
    errors = table.add(_section(yaml.load(text, Loader=loader)))
    assert not errors, errors
    table.builtin = True
    return table


def dimension_of(unit: str | None, table: UnitTable | None = None) -> DimensionName:
    """The dimension a stated unit measures, in `table` (the built-in units by default)."""
    return (table or builtin_units()).dimension_of(unit)
