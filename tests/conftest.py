"""Shared fixtures: small claim repositories written to a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REGISTRY = """\
metrics:
  - id: county_hospitals_paired
    name_zh: 获得对口帮扶的县级医院
    name_en: County hospitals paired
    dimension: institutions
    nature: stock
    additive: true
  - id: staff_dispatch_visits
    name_zh: 派出医务人员（人次）
    name_en: Medical staff dispatched (person-times)
    dimension: person_times
    nature: cumulative
    additive: true
regions:
  - {code: CN, name_zh: 全国, name_en: China, level: country}
  - {code: CN-TJ, name_zh: 天津市, name_en: Tianjin, level: province, parent: CN}
programmes:
  - {id: tertiary-county-pairing, name_zh: 三级医院对口帮扶, name_en: Tertiary-county pairing}
"""

SOURCE = """\
source:
  id: xinhua-2019
  publisher: 新华网
  title: 400余家贫困县医院晋级“二甲”
  published: 2019-02-14
  derived_from: [nhc-2019-02-13]
claims:
  - id: xinhua-2019-county-hospitals
    metric: county_hospitals_paired
    figure: 1180家
    scope: {region: CN, programme: tertiary-county-pairing}
    period: {as_of: 2018-12-31}
    quote: 与834个贫困县的1180家县级医院建立“一对一”帮扶关系
  - id: xinhua-2019-staff
    metric: staff_dispatch_visits
    figure: 超过6万人次
    scope: {region: CN}
    quote: 派出超过6万人次医务人员
"""

RepoFactory = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> RepoFactory:
    """Write a claim repository: aidcheck.toml, claims/registry.yaml and the given files.

    `files` maps a path under claims/ to its YAML text (dedented). By default one source file
    with two valid claims is written.
    """

    def make(
        files: dict[str, str] | None = None,
        *,
        registry: str = REGISTRY,
        config: str = 'claims = "claims"\n',
    ) -> Path:
        root = tmp_path / "repo"
        claims = root / "claims"
        claims.mkdir(parents=True, exist_ok=True)
        (root / "aidcheck.toml").write_text(config, encoding="utf-8")
        (claims / "registry.yaml").write_text(registry, encoding="utf-8")
        for name, text in (files if files is not None else {"xinhua.yaml": SOURCE}).items():
            path = claims / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make
