"""Scoring extraction against the gold list: precision and recall, figure by figure.

An extracted figure matches a gold figure when its span overlaps one of the gold figure's
occurrences (the reader may take in a verb: 降低了近一半 for the gold 近一半) and it reads the
same (value, hedge, unit). Each figure matches at most once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from aidcheck.evidence.document import analyse
from aidcheck.evidence.normalize import normalize_quote
from aidcheck.extraction.body import BodyFigure, body_figures

GOLD = Path(__file__).with_name("gold.yaml")


ROOT = Path(__file__).resolve().parents[2]
UNSET = object()


@dataclass
class GoldFigure:
    text: str
    starts: list[int]
    value: Decimal
    hedge: str
    unit: object  # a unit word, None for no unit, or UNSET: not checked
    dimension: str | None = None  # checked when given


@dataclass
class Score:
    snapshot: str
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def load_gold(text_of: dict[str, str], corpus: str = "bundled") -> dict[str, list[GoldFigure]]:
    gold: dict[str, list[GoldFigure]] = {}
    for entry in entries(corpus):
        text = text_of[entry["snapshot"]]
        figures = []
        for f in entry["figures"]:
            places = _occurrences(text, f["text"])
            wanted = f["occurrence"] if isinstance(f["occurrence"], list) else [f["occurrence"]]
            if max(wanted) > len(places):
                raise ValueError(f"{entry['snapshot']}: {f['text']!r} occurs {len(places)} times")
            unit = f.get("unit", UNSET)
            figures.append(
                GoldFigure(
                    str(f["text"]),
                    [places[n - 1] for n in wanted],
                    Decimal(str(f["value"])),
                    f["hedge"],
                    unit if unit in (None, UNSET) else str(unit),
                    f.get("dimension"),
                )
            )
        gold[entry["snapshot"]] = figures
    return gold


def _unit(unit: str | None) -> str | None:
    return None if unit is None else normalize_quote(unit).replace("％", "%")


def _same(found: BodyFigure, gold: GoldFigure) -> bool:
    q = found.quantity
    return (
        any(found.start < s + len(gold.text) and s < found.end for s in gold.starts)
        and q.value == gold.value
        and q.hedge.value == gold.hedge
        and (gold.unit is UNSET or _unit(q.unit) == _unit(gold.unit))  # type: ignore[arg-type]
        and (gold.dimension is None or q.dimension == gold.dimension)
    )


def entries(corpus: str) -> list[dict[str, Any]]:
    """The gold entries of one corpus: "bundled" (the shared archive) or "field"."""
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    field = [e for e in data["sources"] if e.get("archive")]
    return field if corpus == "field" else [e for e in data["sources"] if not e.get("archive")]


def score(archive: Path, corpus: str = "bundled") -> list[Score]:
    chosen = entries(corpus)
    names = [entry["snapshot"] for entry in chosen]
    folders = {e["snapshot"]: ROOT / e["archive"] if e.get("archive") else archive for e in chosen}
    snapshots = {name: analyse((folders[name] / name).read_bytes()) for name in names}
    gold = load_gold({name: s.text for name, s in snapshots.items()}, corpus)
    scores = []
    for name in names:
        extracted = body_figures(snapshots[name]).figures
        result = Score(name, gold=len(gold[name]), extracted=len(extracted))
        left = list(gold[name])
        for found in extracted:
            match = next((g for g in left if _same(found, g)), None)
            if match is None:
                result.spurious.append(
                    f"{found.text} ({found.quantity.hedge.value} {found.quantity.value} "
                    f"{found.quantity.unit}) at {found.start}"
                )
                continue
            left.remove(match)
            result.matched += 1
        result.missed = [f"{g.text} at {g.starts}" for g in left]
        scores.append(result)
    return scores


def totals(scores: list[Score]) -> Score:
    total = Score("all")
    for s in scores:
        total.gold += s.gold
        total.extracted += s.extracted
        total.matched += s.matched
    return total
