"""The one harness that writes synthetic claim repositories (tests/conftest.py's `make_repo` and
tests/evidence/harness.py's `Cited` write through `Repo`), and runs `verify` on them.

repo = Repo(tmp_path)
repo.source("xinhua", [claim("a", "county_hospitals_paired", "1180家", as_of="2018-12-31")])
report = repo.verify()
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from aidcheck import rules
from aidcheck.findings import Finding, Report, RuleRun
from aidcheck.verify import VerifyOptions, verify

REGISTRY: dict[str, Any] = {
    "metrics": [
        {"id": m, "name_zh": m, "name_en": m, "dimension": d, "nature": n, "additive": a}
        for m, d, n, a in [
            ("county_hospitals_paired", "institutions", "stock", True),
            ("tertiary_hospitals_pairing", "institutions", "stock", True),
            ("poor_counties_covered", "count", "stock", True),
            ("staff_dispatch_visits", "person_times", "cumulative", True),
            ("staff_dispatched", "persons", "cumulative", True),
            ("aid_funds", "money_cny", "cumulative", True),
            ("coverage", "percent", "rate", False),
        ]
    ],
    "regions": [
        {"code": "CN", "name_zh": "全国", "name_en": "China", "level": "country"},
        *(
            {"code": c, "name_zh": c, "name_en": c, "level": "province", "parent": "CN"}
            for c in ("CN-TJ", "CN-HE", "CN-GS", "CN-SD", "CN-CQ")
        ),
        {
            "code": "CN-HE-CD",
            "name_zh": "承德",
            "name_en": "Chengde",
            "level": "prefecture",
            "parent": "CN-HE",
        },
    ],
    "programmes": [
        {"id": "counterpart-support", "name_zh": "对口支援", "name_en": "all", "umbrella": True},
        *(
            {"id": p, "name_zh": p, "name_en": p}
            for p in ("tertiary-county-pairing", "east-west-collaboration")
        ),
    ],
}


def claim(
    ident: str,
    metric: str,
    figure: str,
    region: str = "CN",
    *,
    giver: str | None = None,
    programme: str | None = None,
    as_of: str | None = None,
    year: int | None = None,
    since: str | None = None,
    part_of: str | None = None,
) -> dict[str, Any]:
    scope: dict[str, Any] = {"region": region}
    if giver:
        scope["giver"] = giver
    if programme:
        scope["programme"] = programme
    period = {k: v for k, v in (("as_of", as_of), ("year", year), ("since", since)) if v}
    out: dict[str, Any] = {"id": ident, "metric": metric, "figure": figure, "scope": scope}
    if period:
        out["period"] = period
    out["quote"] = f"quote of {ident}: {figure}"
    if part_of:
        out["part_of"] = part_of
    return out


@dataclass
class Repo:
    """A claim repository under construction in a temporary folder."""

    root: Path
    files: dict[str, Any] = field(default_factory=dict)
    config: str = 'claims = "claims"\n'
    registry: dict[str, Any] | str = field(default_factory=lambda: copy.deepcopy(REGISTRY))
    """The metrics, regions and programmes written to claims/registry.yaml: a copy of REGISTRY
    to edit, or YAML text."""

    def source(
        self,
        ident: str,
        claims: list[dict[str, Any]],
        *,
        published: str = "2019-02-14",
        derived_from: list[str] | None = None,
    ) -> Repo:
        record: dict[str, Any] = {
            "id": ident,
            "publisher": f"publisher of {ident}",
            "title": f"title of {ident}",
            "published": published,
        }
        if derived_from:
            record["derived_from"] = derived_from
        self.files[f"sources/{ident}.yaml"] = {"source": record, "claims": claims}
        return self

    def add(self, name: str, data: Any) -> Repo:
        self.files[name] = data
        return self

    def write(self) -> Path:
        claims = self.root / "claims"
        claims.mkdir(parents=True, exist_ok=True)
        (self.root / "aidcheck.toml").write_text(self.config, encoding="utf-8")
        self._dump(claims / "registry.yaml", self.registry)
        for name, data in self.files.items():
            path = claims / name
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dump(path, data)
        return self.root

    @staticmethod
    def _dump(path: Path, data: Any) -> None:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
            return
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(text, encoding="utf-8")

    def verify(self) -> Report:
        return verify(VerifyOptions(cwd=self.write())).report


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def findings(report: Report, code: str) -> list[Finding]:
    """The findings of one rule, each checked to be worded by one of its rule's messages."""
    found = [f for f in report.findings if f.code == code]
    for finding in found:
        assert_worded_by_its_rule(finding)
    return found


def assert_worded_by_its_rule(finding: Finding) -> None:
    """A rule's finding carries the id of one of its rule's messages, and its message is that
    template filled with its arguments."""
    rule = rules.get(finding.code)
    if not rule.runnable:
        return
    by_id = {m.id: m for m in rule.messages}
    assert finding.message_id in by_id, (finding.code, finding.message_id)
    assert by_id[finding.message_id].render(finding.arguments) == finding.message


def run_of(report: Report, code: str) -> RuleRun:
    [run] = [r for r in report.rules if r.code == code]
    return run


def figure_lines(root: Path, finding: Finding) -> list[str]:
    """The text of the line each location of a finding points at."""
    out = []
    for loc in finding.locations:
        lines = (root / loc.path).read_text(encoding="utf-8").splitlines()
        out.append(lines[loc.line - 1])
    return out
