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
        from tests.rules.conftest import Repo  # the one repository writer

        written = files if files is not None else {"xinhua.yaml": SOURCE}
        repo = Repo(root=tmp_path / "repo", config=config, registry=registry)
        repo.files = {name: textwrap.dedent(text) for name, text in written.items()}
        return repo.write()

    return make


# CI cannot pass by skipping. Under CI=true (set by GitHub Actions and by our own .ci/run), a test
# that would skip fails instead: a missing Chromium, evidence archive or SARIF multitool means
# the build did not test what it says it tested. A test whose skip is legitimate on a CI
# machine opts out with @pytest.mark.skip_allowed_in_ci("why").


def _strict_ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and _strict_ci()) or hasattr(report, "wasxfail"):
        return None
    if item.get_closest_marker("skip_allowed_in_ci") is not None:
        return None
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"skipped under CI=true, which fails the build: {reason}. Install what the test needs "
        "(.ci/run does), or mark it @pytest.mark.skip_allowed_in_ci(reason) if skipping is right"
    )
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "skip_allowed_in_ci(reason): this test may skip under CI=true"
    )


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Share even a small repository's work among processes: files, figure checks, snapshots
    and quotes, and the rules."""
    from aidcheck import engine
    from aidcheck.evidence import citations
    from aidcheck.loader import repository
    from aidcheck.rules import facts

    monkeypatch.setattr(facts, "FIGURES_PER_JOB", 1)
    monkeypatch.setattr(citations, "SOURCES_PER_JOB", 1)
    monkeypatch.setattr(repository, "FILES_PER_JOB", 1)
    monkeypatch.setattr(engine, "RULES_SHARED_FROM", 1)
