"""Suggesting a metric for a figure from the registry: by its unit and by its words.

A metric is a candidate only if its dimension can be the figure's (人次 is person-times, never
persons; a figure without a unit, or with a unit that counts things, may be any count). The
candidates are ranked by the words they share with the figure's clause: Chinese by character
pairs, English by words, each weighted by how rare it is among the metrics (IDF), so 派出 counts
for more than 医院. A metric's words are its names and description, and the quotes of
the claims already recorded with it, so suggestions improve as the repository grows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aidcheck.model.quantity import Quantity
from aidcheck.model.registry import Metric
from aidcheck.model.units import Dimension, DimensionName, compatible

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z]{3,}")
_STOP = {"the", "and", "with", "for", "that", "from", "per", "are", "was", "were", "has", "have"}


def _compatible(stated: DimensionName, measured: DimensionName) -> bool:
    """A figure without a unit may measure anything; 个 (a count) may count things."""
    return stated == Dimension.NONE or compatible(stated, measured)


def terms(text: str) -> Counter[str]:
    """Character pairs of the Chinese runs and the English words (singular) of `text`."""
    found: Counter[str] = Counter()
    for run in _HAN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    for word in _WORD.findall(text.lower()):
        if word not in _STOP:
            found[word.removesuffix("s")] += 1
    return found


@dataclass(frozen=True)
class Suggestion:
    metric: str
    score: float


class MetricIndex:
    """The words of each metric, built once per extraction run."""

    def __init__(self, metrics: Mapping[str, Metric], quotes: Mapping[str, Iterable[str]]):
        self.metrics = dict(metrics)
        self.words: dict[str, Counter[str]] = {}
        for mid, metric in self.metrics.items():
            text = " ".join(
                (metric.name_zh, metric.name_en, metric.description or "", *quotes.get(mid, ()))
            )
            self.words[mid] = Counter(set(terms(text)))
        documents = Counter(t for words in self.words.values() for t in words)
        total = max(1, len(self.words))
        self.idf = {t: math.log(1 + total / n) for t, n in documents.items()}

    def suggest(self, quantity: Quantity, clause: str, top: int = 3) -> list[Suggestion]:
        context = set(terms(clause))
        dimension = quantity.dimension
        ranked = []
        for mid, metric in self.metrics.items():
            if not _compatible(dimension, metric.dimension):
                continue
            score = sum(self.idf.get(t, 0.0) for t in context if t in self.words[mid])
            ranked.append(Suggestion(mid, round(score, 2)))
        ranked.sort(key=lambda s: (-s.score, s.metric))
        return ranked[:top]
