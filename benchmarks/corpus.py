"""A synthetic claim repository of any size, reproducible from a seed, with planted findings.

Run: python benchmarks/corpus.py OUT --claims 10000 [--seed 7]

Writes OUT/aidcheck.toml, OUT/claims/registry/*.yaml, OUT/claims/sources/*.yaml, OUT/archive/*.txt
(one snapshot per source, with its sha256 in the source record, listed in OUT/archive/SHA256SUMS)
and OUT/planted.json, the findings the repository is built to produce.

The background is a consistent world: every quantity (metric, region, giver, programme, date) has
one true value; regions and givers split their whole (siblings add up to at most 90% of it);
cumulative totals and stocks grow over the years; declared relations hold. Sources restate those
values in every wording the tool reads (exact, 超过, 余, 近, 约, rounded 万, money in 万元) and
quote which also carries filler text, an end mark and a "related news" tail.
Such claims agree, so the background alone produces no errors.

Into it are planted, in sources of their own, findings of every cross-check and citation rule (a
conflict, a unit drift, a part above its whole, a broken relation, a falling total, a stale
figure, one origin repeated, a missing, changed or unrecorded snapshot, a quote that is absent,
ambiguous, in boilerplate, or states another value, hedge or unit, an unused suppression), about
one of each per 5,000 claims. planted.json lists each as (code, claim id): the benchmark fails a
run whose report misses one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

FIRST_YEAR, LAST_YEAR = 2015, 2023
GROWTH = 1.15  # per year, for cumulative totals and stocks
FAMILY = (
    "东南西北中安和平新宁远山江河湖海阳明光华丰泰兴昌德永长广福清定荣盛康乐嘉祥瑞富佳林春秋金水"
)
SURNAME = (
    "石桥原田川城岭泉峰溪台坡口门关营庄湾洲岛沙松竹梅兰"
    "云天星月文武仁义礼信忠孝良恭俭勤宝玉珠花草木土丘"
)
UNITS = {
    "institutions": ["家", "所"],
    "persons": ["人", "名"],
    "person_times": ["人次"],
    "count": ["个", "项", "台"],
    "money_cny": ["元"],
}
SUBJECTS = {
    "institutions": ["县级医院", "乡镇卫生院", "妇幼保健院", "疾控中心", "村卫生室", "中医医院"],
    "persons": ["医务人员", "专家", "管理人员", "护理人员", "进修医生", "乡村医生"],
    "person_times": ["医务人员", "巡回医疗队员", "义诊专家", "带教医生"],
    "count": ["临床专科", "远程会诊点", "医疗设备", "适宜技术", "重点学科"],
    "money_cny": ["帮扶资金", "设备资金", "培训经费", "建设资金"],
}
VERBS = {
    "institutions": ["对口帮扶", "新建", "提升改造", "结对支援", "托管"],
    "persons": ["派出", "培训", "接收进修", "选派", "培养"],
    "person_times": ["派出", "培训", "组织", "轮换"],
    "count": ["新建", "引进", "推广", "援建", "开设"],
    "money_cny": ["投入", "筹集", "拨付", "落实"],
}
NATURES = ["cumulative", "cumulative", "stock", "flow"]
FILLER = [
    "记者从有关部门了解到，相关工作正在稳步推进。",
    "受援地区群众看病就医条件明显改善。",
    "下一步将继续巩固拓展健康扶贫成果。",
    "专家表示，对口支援要注重长效机制建设。",
    "基层医疗服务能力持续提升，群众获得感不断增强。",
]
TAIL = ["（完）", "相关新闻：", "·基层医疗卫生服务体系建设综述", "·远程医疗让群众少跑路"]


@dataclass(frozen=True)
class Metric:
    id: str
    name: str  # the Chinese phrase before the figure: verb + subject
    dimension: str
    nature: str
    unit: str
    base: int  # the national value in FIRST_YEAR


@dataclass(frozen=True)
class Key:
    metric: Metric
    region: str
    giver: str | None
    programme: str
    year: int  # the as_of year end, or the flow year


@dataclass
class ClaimSpec:
    id: str
    key: Key
    figure: str
    quote: str
    period: dict[str, object]
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class SourceSpec:
    id: str
    published: dt.date
    derived_from: list[str]
    claims: list[ClaimSpec] = field(default_factory=list)
    filler: list[str] = field(default_factory=list)  # extra sentences for the snapshot
    tail: list[str] = field(default_factory=list)  # boilerplate lines after the end mark
    snapshot: str = "recorded"  # recorded | missing | changed | unrecorded


class World:
    def __init__(self, claims: int, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.regions: list[tuple[str, str, str, str | None]] = []  # code, name, level, parent
        self.weight: dict[str, float] = {"CN": 1.0}
        self.names: dict[str, str] = {}
        self._regions()
        self.provinces = [r[0] for r in self.regions if r[2] == "province"]
        self.by_level = {
            level: [r[0] for r in self.regions if r[2] == level]
            for level in ("country", "province", "prefecture", "county")
        }
        self.giver_weight = {
            p: 0.9 / len(self.provinces) * self.rnd.uniform(0.5, 1) for p in self.provinces
        }
        self.programmes = [(f"programme-{i}", f"{FAMILY[i]}{FAMILY[i + 20]}工程") for i in range(8)]
        self.metrics = self._metrics(max(40, claims // 300))
        self.relations = self._relations()

    def _regions(self) -> None:
        rnd = self.rnd

        def add(code: str, name: str, level: str, parent: str | None, siblings: int) -> None:
            self.regions.append((code, name, level, parent))
            self.names[code] = name
            if parent is not None:
                self.weight[code] = self.weight[parent] * 0.9 / siblings * rnd.uniform(0.5, 1)

        add("CN", "全国", "country", None, 1)
        for p in range(31):
            province = f"CN-P{p:02d}"
            add(province, f"{FAMILY[p]}{SURNAME[p]}省", "province", "CN", 31)
            for q in range(6):
                prefecture = f"{province}-Q{q}"
                add(
                    prefecture,
                    f"{FAMILY[p]}{SURNAME[p]}{SURNAME[q + 31]}州",
                    "prefecture",
                    province,
                    6,
                )
                for c in range(5):
                    name = f"{FAMILY[p]}{SURNAME[p]}{SURNAME[q + 31]}{FAMILY[c + 31]}县"
                    add(f"{prefecture}-C{c}", name, "county", prefecture, 5)

    def _metrics(self, count: int) -> list[Metric]:
        out = []
        for i in range(count):
            dimension = list(UNITS)[i % len(UNITS)]
            verb = VERBS[dimension][i // len(UNITS) % len(VERBS[dimension])]
            subject = SUBJECTS[dimension][i // 25 % len(SUBJECTS[dimension])]
            qualifier = (
                "" if i < 25 else f"{FAMILY[i // 25 % len(FAMILY)]}{SURNAME[i % len(SURNAME)]}类"
            )
            nature = NATURES[i // len(UNITS) % len(NATURES)]
            if dimension == "money_cny":
                base = self.rnd.randint(5, 90) * 10**9
            elif dimension == "person_times":  # far above persons, so no figure drifts by chance
                base = self.rnd.randint(20, 99) * 10**6
            else:
                base = self.rnd.randint(20, 99) * 10 ** self.rnd.randint(3, 4)
            unit = UNITS[dimension][i % len(UNITS[dimension])]
            out.append(
                Metric(f"metric_{i}", f"{verb}{qualifier}{subject}", dimension, nature, unit, base)
            )
        return out

    def _relations(self) -> list[tuple[str, Metric, Metric]]:
        """Pairs of metrics of one dimension and nature where the left is at most the right."""
        out = []
        for i, left in enumerate(self.metrics):
            right = self.metrics[i - len(UNITS)] if i >= len(UNITS) else None
            if right is None or i % 7 or right.nature != left.nature:
                continue
            lo, hi = sorted((left, right), key=lambda m: m.base)
            if lo.base * 3 <= hi.base:
                out.append((f"relation-{i}", lo, hi))
        return out

    def value(self, key: Key, when: dt.date | None = None) -> int:
        m = key.metric
        weight = self.weight[key.region] * (self.giver_weight[key.giver] if key.giver else 1.0)
        programme = 0.6 + 0.05 * (sum(map(ord, key.programme)) % 8)
        years = (when or dt.date(key.year, 12, 31)).toordinal() - dt.date(
            FIRST_YEAR, 1, 1
        ).toordinal()
        growth = 1.0 if m.nature == "flow" else GROWTH ** (years / 365.25)
        raw = m.base * weight * programme * growth
        if m.dimension == "money_cny":
            return max(1, round(raw / 10**4)) * 10**4
        return max(3, round(raw))

    def key(self, year: int) -> Key:
        rnd = self.rnd
        level = rnd.choices(["country", "province", "prefecture", "county"], (2, 4, 3, 2))[0]
        region = rnd.choice(self.by_level[level])
        giver = rnd.choice(self.provinces) if rnd.random() < 0.2 else None
        if giver == region:
            giver = None
        return Key(rnd.choice(self.metrics), region, giver, rnd.choice(self.programmes)[0], year)


def _sig(value: int, digits: int, up: bool) -> int:
    """value cut to `digits` significant digits, rounded down (or up)."""
    scale = 10 ** max(0, len(str(value)) - digits)
    cut = value // scale * scale
    return int(cut + scale if up and cut < value else cut)


def wordings(value: int, unit: str) -> list[tuple[str, str]]:
    """(figure text, hedge) wordings whose interval contains `value`."""
    if unit == "元":
        wan = value // 10**4
        out = [(f"{wan}万元", "exact")]
        if wan >= 100:
            low, high = _sig(wan, 2, up=False), _sig(wan, 2, up=True)
            if low < wan:
                out.append((f"超过{low}万元", "more_than"))
            if high > wan:
                out.append((f"近{high}万元", "nearly"))
        if wan >= 10**4:
            yi = (Decimal(wan) / 10**4).quantize(Decimal("0.01"), ROUND_HALF_UP)
            out.append((f"{yi.normalize():f}亿元", "exact"))
        return out
    out = [(f"{value}{unit}", "exact")]
    if value >= 100:
        digits = 2 if value < 10**4 else 3
        low, high = _sig(value, digits, up=False), _sig(value, digits, up=True)
        if low < value:
            out.append((f"超过{low}{unit}", "more_than"))
            odd = _sig(value, len(str(value)) - 1, up=False)
            if odd < value and len(str(odd).rstrip("0")) < len(str(odd)):
                out.append((f"{odd}余{unit}", "odd"))
        if high > value:
            out.append((f"近{high}{unit}", "nearly"))
        about = _sig(value + 10 ** max(0, len(str(value)) - digits) // 2, digits, up=False)
        out.append((f"约{about}{unit}", "about"))
    if value >= 10**5:
        in_wan = (Decimal(value) / 10**4).quantize(Decimal("0.01"), ROUND_HALF_UP)
        out.append((f"{in_wan.normalize():f}万{unit}", "exact"))
    return out


class Builder:
    def __init__(self, claims: int, seed: int) -> None:
        self.n = claims
        self.world = World(claims, seed)
        self.rnd = self.world.rnd
        self.sources: list[SourceSpec] = []
        self.planted: list[tuple[str, str]] = []
        self.suppressions: list[dict[str, object]] = []
        self.extra_programmes: list[tuple[str, str]] = []
        self.relations: list[dict[str, object]] = []
        self._claim_ids = 0

    def claim_id(self, source: SourceSpec) -> str:
        self._claim_ids += 1
        return f"{source.id}-c{self._claim_ids}"

    def phrase(self, key: Key, giver: str | None = None) -> str:
        w = self.world
        giver = key.giver if giver is None else giver
        by = f"{w.names[giver]}对口" if giver else ""
        programme = dict(w.programmes + self.extra_programmes)[key.programme]
        return f"{by}{w.names[key.region]}{programme}{key.metric.name}"

    def claim(
        self,
        source: SourceSpec,
        key: Key,
        *,
        value: int | None = None,
        wording: tuple[str, str] | None = None,
        dated: bool = True,
        quote_figure: str | None = None,
        unit: str | None = None,
        **extra: object,
    ) -> ClaimSpec:
        m = key.metric
        if wording is None:
            value = (
                self.world.value(key, None if dated else source.published)
                if value is None
                else value
            )
            wording = self.rnd.choice(wordings(value, unit or m.unit))
        figure = wording[0]
        if m.nature == "flow":
            period: dict[str, object] = {"year": key.year, "wording": f"{key.year}年"}
            when = f"{key.year}年全年"
        elif dated:
            period = {"as_of": dt.date(key.year, 12, 31), "wording": f"截至{key.year}年底"}
            when = f"截至{key.year}年底，"
        else:
            period, when = {}, "目前"
        quote = f"{when}{self.phrase(key)}{quote_figure or figure}"
        spec = ClaimSpec(self.claim_id(source), key, figure, quote, period, dict(extra))
        source.claims.append(spec)
        return spec

    def source(self, published: dt.date, derived_from: list[str] | None = None) -> SourceSpec:
        spec = SourceSpec(f"s{len(self.sources):06d}", published, derived_from or [])
        spec.filler = self.rnd.sample(FILLER, 2)
        spec.tail = list(TAIL)
        self.sources.append(spec)
        return spec

    # -- the background ---------------------------------------------------------------------

    def background(self, claims: int) -> None:
        rnd, w = self.rnd, self.world
        years = list(range(FIRST_YEAR, LAST_YEAR))
        pools: dict[int, list[Key]] = {y: [] for y in years}
        partners: dict[str, list[Metric]] = {}
        for _, lo, hi in w.relations:
            partners.setdefault(lo.id, []).append(hi)
            partners.setdefault(hi.id, []).append(lo)
        written = 0
        while written < claims:
            year = rnd.choice(years)
            published = dt.date(year + 1, 1, 1) + dt.timedelta(days=rnd.randint(10, 170))
            origin = [f"origin-{len(self.sources)}"] if rnd.random() < 0.5 else []
            source = self.source(published, origin)
            pool, used = pools[year], set()
            for _ in range(min(claims - written, rnd.randint(5, 35))):
                if pool and rnd.random() < 0.5:
                    key = rnd.choice(pool)
                else:
                    key = w.key(year)
                    pool.append(key)
                if key in used:
                    continue
                used.add(key)
                dated = key.metric.nature == "flow" or rnd.random() < 0.9
                self.claim(source, key, dated=dated)
                written += 1
                for partner in partners.get(key.metric.id, ()):
                    other = Key(partner, key.region, key.giver, key.programme, key.year)
                    if other not in used and rnd.random() < 0.5:
                        used.add(other)
                        self.claim(source, other, dated=dated)
                        written += 1
            if not source.claims:
                self.sources.pop()

    # -- planted findings ---------------------------------------------------------------------

    def fresh_key(
        self, nature: str | None = None, dimension: str | None = None, level: str = "province"
    ) -> Key:
        """A key nothing else states: its own programme, so it joins no background group."""
        ident = f"programme-p{len(self.extra_programmes)}"
        self.extra_programmes.append((ident, f"试点{len(self.extra_programmes)}号工程"))
        metrics = [
            m
            for m in self.world.metrics
            if (nature is None or m.nature == nature)
            and (dimension is None or m.dimension == dimension)
        ]
        region = self.rnd.choice(self.world.by_level[level])
        return Key(self.rnd.choice(metrics), region, None, ident, 2019)

    def plant(self, code: str, *claims: ClaimSpec) -> None:
        self.planted.extend((code, c.id) for c in claims)

    def plants(self) -> None:
        for _ in range(max(1, self.n // 5000)):
            for name in sorted(n for n in dir(self) if n.startswith("plant_")):
                getattr(self, name)()

    def _pair(
        self, key: Key, first: int, second: int, **extra: object
    ) -> tuple[ClaimSpec, ClaimSpec]:
        a = self.claim(
            self.source(dt.date(2020, 3, 1)), key, wording=(f"{first}{key.metric.unit}", "exact")
        )
        b = self.claim(
            self.source(dt.date(2020, 4, 1)),
            key,
            wording=(f"{second}{key.metric.unit}", "exact"),
            **extra,  # type: ignore[arg-type]
        )
        return a, b

    def plant_a201_conflict(self) -> None:
        key = self.fresh_key(nature="cumulative", dimension="institutions")
        self.plant("A201", *self._pair(key, 1180, 1500))

    def plant_a202_unit_drift(self) -> None:
        key = self.fresh_key(nature="cumulative", dimension="persons")
        a = self.claim(self.source(dt.date(2020, 3, 1)), key, wording=("8600人", "exact"))
        b = self.claim(
            self.source(dt.date(2020, 4, 1)), key, wording=("8600人次", "exact"), unit="人次"
        )
        self.plant("A202", a, b)
        self.plant("A203", b)

    def plant_a204_scope_drift(self) -> None:
        key = self.fresh_key(nature="stock", dimension="institutions")
        a, b = self._pair(key, 834, 834)
        a.extra["scope"] = {"population": "所有贫困县"}
        b.extra["scope"] = {"population": "所有国家级贫困县"}
        self.plant("A204", a, b)

    def plant_r301_rollup(self) -> None:
        whole = self.fresh_key(nature="stock", dimension="institutions", level="country")
        part = Key(
            whole.metric, self.rnd.choice(self.world.provinces), None, whole.programme, whole.year
        )
        source = self.source(dt.date(2020, 5, 1))
        a = self.claim(source, whole, wording=("500家", "exact"))
        b = self.claim(source, part, wording=("超过600家", "more_than"))
        self.plant("R301", a, b)

    def plant_r302_r303_breakdown(self) -> None:
        key = self.fresh_key(nature="cumulative", dimension="persons")
        source = self.source(dt.date(2020, 5, 1))
        whole = self.claim(source, key, wording=("25人", "exact"))
        big = self.claim(
            source, key, wording=("121人", "exact"), quote_figure="其中121人", part_of=whole.id
        )
        self.plant("R302", whole, big)
        key = self.fresh_key(nature="cumulative", dimension="persons")
        whole = self.claim(source, key, wording=("100人", "exact"))
        parts = [
            self.claim(
                source,
                key,
                wording=(f"{v}人", "exact"),
                quote_figure=f"其中{v}人",
                part_of=whole.id,
            )
            for v in (60, 70)
        ]
        self.plant("R303", whole, *parts)

    def plant_x401_relation(self) -> None:
        left = self.fresh_key(nature="cumulative", dimension="institutions")
        rights = [
            m
            for m in self.world.metrics
            if m.dimension == "institutions" and m.nature == "cumulative" and m != left.metric
        ]
        right = Key(self.rnd.choice(rights), left.region, None, left.programme, left.year)
        ident = f"planted-relation-{len(self.relations)}"
        self.relations.append(
            {
                "id": ident,
                "left": left.metric.id,
                "op": "==",
                "right": right.metric.id,
                "where": {"programme": left.programme},
                "description": "一对一: each hospital of the pilot has exactly one partner.",
            }
        )
        source = self.source(dt.date(2020, 5, 1))
        a = self.claim(source, left, wording=("963家", "exact"))
        b = self.claim(source, right, wording=("1180家", "exact"))
        self.plant("X401", a, b)

    def plant_t501_t502_timeline(self) -> None:
        for nature, code in (("cumulative", "T501"), ("stock", "T502")):
            key = self.fresh_key(nature=nature, dimension="count")
            later = Key(key.metric, key.region, None, key.programme, key.year + 1)
            a = self.claim(
                self.source(dt.date(2020, 2, 1)), key, wording=(f"900{key.metric.unit}", "exact")
            )
            b = self.claim(
                self.source(dt.date(2021, 2, 1)), later, wording=(f"700{key.metric.unit}", "exact")
            )
            self.plant(code, a, b)

    def plant_t503_stale(self) -> None:
        key = self.fresh_key(nature="stock", dimension="institutions")
        a = self.claim(self.source(dt.date(2020, 2, 1)), key, wording=("1180家", "exact"))
        b = self.claim(
            self.source(dt.date(2023, 6, 1)), key, wording=("1180家", "exact"), dated=False
        )
        self.plant("T503", b)
        self.planted.append(("T503", a.id))

    def plant_p601_single_origin(self) -> None:
        key = self.fresh_key(nature="stock", dimension="institutions")
        origin = [f"press-conference-{len(self.sources)}"]
        claims = [
            self.claim(
                self.source(dt.date(2020, 2, d), origin), key, wording=("超过400家", "more_than")
            )
            for d in (14, 15, 16)
        ]
        self.plant("P601", *claims)

    def plant_c10x_snapshots(self) -> None:
        for state, code in (("missing", "C101"), ("changed", "C102"), ("unrecorded", "C109")):
            source = self.source(dt.date(2020, 6, 1))
            source.snapshot = state
            self.claim(source, self.fresh_key())
            self.planted.append((code, source.id))

    def plant_c103_to_c108_quotes(self) -> None:
        source = self.source(dt.date(2020, 6, 1))
        key = self.fresh_key(dimension="persons")
        missing = self.claim(source, key, wording=("300人", "exact"))
        missing.quote += "并全部通过考核"  # the snapshot states the figure without these words
        key = self.fresh_key(dimension="persons")
        twice = self.claim(source, key, wording=("310人", "exact"))
        source.filler.append(twice.quote + "。")
        key = self.fresh_key(dimension="persons")
        other = self.claim(source, key, wording=("320人", "exact"), quote_figure="330人")
        key = self.fresh_key(dimension="persons")
        hedge = self.claim(source, key, wording=("340人", "exact"), quote_figure="超过340人")
        key = self.fresh_key(dimension="persons")
        unit = self.claim(source, key, wording=("350人", "exact"), quote_figure="350人次")
        key = self.fresh_key(dimension="persons")
        tail = self.claim(source, key, wording=("360人", "exact"))
        source.claims.remove(tail)  # written after the end mark, among the related news
        source.tail.append(f"·{tail.quote}")
        source.claims.append(tail)
        self.plant("C103", missing)
        self.plant("C104", twice)
        self.plant("C105", other)
        self.plant("C107", hedge)
        self.plant("C108", unit)
        self.plant("C106", tail)

    def plant_s001_suppression(self) -> None:
        key = self.fresh_key(nature="cumulative", dimension="institutions")
        a, b = self._pair(key, 2000, 2600)
        self.suppressions.append(
            {"rule": "A201", "claims": [a.id, b.id], "reason": "两者口径不同：一个含民营医院。"}
        )
        self.suppressions.append(
            {"rule": "A201", "claims": [a.id], "reason": "一条早已不再适用的豁免。"}
        )
        self.planted.append(("S001", "suppressions"))


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _yaml_value(value: object) -> str:
    if isinstance(value, str):
        return _yaml_str(value)
    if isinstance(value, dt.date | int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _snapshot(source: SourceSpec, rnd: random.Random) -> str:
    lines = [
        f"健康扶贫工作综述（{source.id}）",
        f"{source.published.isoformat()} 来源：综合报道",
        "",
    ]
    sentences = [
        c.quote + "。" for c in source.claims if not any(c.quote in t for t in source.tail)
    ]
    sentences = [s for s in sentences if "并全部通过考核" not in s] + [
        s.replace("并全部通过考核", "") for s in sentences if "并全部通过考核" in s
    ]
    sentences += source.filler
    rnd.shuffle(sentences)
    for start in range(0, len(sentences), 4):
        lines.append("　　" + "".join(sentences[start : start + 4]))
    return "\n".join([*lines, *source.tail]) + "\n"


def write(builder: Builder, out: Path) -> None:
    w = builder.world
    registry, sources_dir, archive = (
        out / "claims" / "registry",
        out / "claims" / "sources",
        out / "archive",
    )
    for folder in (registry, sources_dir, archive):
        folder.mkdir(parents=True, exist_ok=True)
    (out / "aidcheck.toml").write_text('claims = "claims"\narchive = "archive"\n', encoding="utf-8")
    lines = ["metrics:"]
    for m in w.metrics:
        lines.append(
            f"  - {{id: {m.id}, name_zh: {_yaml_str(m.name)}, name_en: {m.id}, "
            f"dimension: {m.dimension}, nature: {m.nature}, additive: true}}"
        )
    (registry / "metrics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["regions:"]
    for code, name, level, parent in w.regions:
        up = f", parent: {parent}" if parent else ""
        lines.append(f"  - {{code: {code}, name_zh: {name}, name_en: {code}, level: {level}{up}}}")
    (registry / "regions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["programmes:"]
    for ident, name in w.programmes + builder.extra_programmes:
        lines.append(f"  - {{id: {ident}, name_zh: {name}, name_en: {ident}}}")
    (registry / "programmes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    relations = [
        {
            "id": ident,
            "left": lo.id,
            "op": "<=",
            "right": hi.id,
            "description": "前者是后者的一部分。",
        }
        for ident, lo, hi in w.relations
    ] + builder.relations
    lines = ["relations:"] + [f"  - {_yaml_value(r)}" for r in relations]
    if len(lines) == 1:
        lines = ["relations: []"]
    (registry / "relations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["suppressions:"] + [f"  - {_yaml_value(s)}" for s in builder.suppressions]
    if len(lines) == 1:
        lines = ["suppressions: []"]
    (out / "claims" / "suppressions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rnd = random.Random(len(builder.sources))
    sums: list[str] = []  # the archive's index, as sha256sum writes it
    for source in builder.sources:
        text = _snapshot(source, rnd).encode("utf-8")
        name = f"{source.id}.txt"
        digest = hashlib.sha256(text).hexdigest()
        if source.snapshot != "missing":
            stored = text + "篡改".encode() if source.snapshot == "changed" else text
            (archive / name).write_bytes(stored)
            sums.append(f"{hashlib.sha256(stored).hexdigest()}  {name}\n")
        (sources_dir / f"{source.id}.yaml").write_text(
            _source_file(source, name, digest), encoding="utf-8"
        )
    (archive / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    planted = [{"code": code, "id": ident} for code, ident in builder.planted]
    (out / "planted.json").write_text(json.dumps(planted, indent=1) + "\n", encoding="utf-8")


def _source_file(source: SourceSpec, snapshot: str, digest: str) -> str:
    lines = [
        "source:",
        f"  id: {source.id}",
        "  publisher: 综合报道",
        f"  title: 健康扶贫工作综述（{source.id}）",
        f"  published: {source.published.isoformat()}",
    ]
    if source.derived_from:
        lines.append(f"  derived_from: {_yaml_value(source.derived_from)}")
    if source.snapshot != "unrecorded":
        lines.append(f"  snapshot: {{file: {snapshot}, sha256: {digest}}}")
    lines.append("claims:")
    for c in source.claims:
        scope: dict[str, object] = {"region": c.key.region}
        if c.key.giver:
            scope["giver"] = c.key.giver
        scope["programme"] = c.key.programme
        extra = dict(c.extra)
        scope.update(extra.pop("scope", {}))  # type: ignore[call-overload]
        lines += [
            f"  - id: {c.id}",
            f"    metric: {c.key.metric.id}",
            f"    figure: {_yaml_str(c.figure)}",
            f"    scope: {_yaml_value(scope)}",
        ]
        if c.period:
            lines.append(f"    period: {_yaml_value(c.period)}")
        lines.append(f"    quote: {_yaml_str(c.quote)}")
        lines += [f"    {k}: {_yaml_value(v)}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def generate(out: Path, claims: int, seed: int = 7) -> list[tuple[str, str]]:
    """Write a repository of about `claims` claims under `out`; return the planted findings."""
    builder = Builder(claims, seed)
    builder.plants()
    builder.background(max(0, claims - builder._claim_ids))
    write(builder, out)
    return builder.planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    planted = generate(args.out, args.claims, args.seed)
    print(f"wrote {args.claims} claims to {args.out} ({len(planted)} planted findings)")


if __name__ == "__main__":
    main()
