"""Per-file defaults: claims inherit scope, period and source unless they state their own, and
errors in an inherited value point at the line in `defaults` where it is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aidcheck import rules
from aidcheck.loader.repository import LoadResult, load_repository
from tests.conftest import RepoFactory

WITH_DEFAULTS = """\
source:
  id: xinhua-2019
  publisher: 新华网
  title: 400余家贫困县医院晋级“二甲”
  published: 2019-02-14
defaults:
  scope: {region: CN, programme: tertiary-county-pairing}
  period: {as_of: 2018-12-31}
claims:
  - id: inherits
    metric: county_hospitals_paired
    figure: 1180家
    quote: 1180家县级医院
  - id: overrides
    metric: county_hospitals_paired
    figure: 42家
    scope: {region: CN-TJ}
    period: {as_of: 2020-06-30}
    quote: 42家
"""


def load(root: Path) -> LoadResult:
    return load_repository(root, [root / "claims"], rules.names())


def test_claims_inherit_the_defaults_and_may_override_them(make_repo: RepoFactory) -> None:
    result = load(make_repo({"x.yaml": WITH_DEFAULTS}))
    assert result.ok, result.problems
    claims = result.repository.claims
    assert claims["inherits"].scope.region == "CN"
    assert claims["inherits"].scope.programme == "tertiary-county-pairing"
    assert claims["inherits"].period.as_of == dt.date(2018, 12, 31)
    # An override replaces the default as a whole: no programme is merged in.
    assert claims["overrides"].scope.region == "CN-TJ"
    assert claims["overrides"].scope.programme is None
    assert claims["overrides"].period.as_of == dt.date(2020, 6, 30)


def test_an_inherited_field_is_located_at_the_defaults(make_repo: RepoFactory) -> None:
    result = load(make_repo({"x.yaml": WITH_DEFAULTS}))
    repo = result.repository
    assert repo.claim_location("inherits", "scope", "region").line == 7
    assert repo.claim_location("overrides", "scope", "region").line == 17
    assert repo.claim_location("inherits", "figure").line == 12


def test_an_error_in_a_default_is_reported_once_at_its_line(make_repo: RepoFactory) -> None:
    bad = WITH_DEFAULTS.replace("{region: CN, programme", "{region: cn!, programme")
    bad = bad.replace("    scope: {region: CN-TJ}\n", "")
    result = load(make_repo({"x.yaml": bad}))
    found = [(p.code, p.problem.locations[0].line, p.problem.message) for p in result.problems]
    assert len(found) == 1, found
    code, line, message = found[0]
    assert (code, line) == ("L003", 7)
    assert message.startswith("defaults.scope.region")


def test_the_source_default_is_cited_by_claims_that_name_none(make_repo: RepoFactory) -> None:
    text = WITH_DEFAULTS.replace("defaults:\n", "defaults:\n  source: other-2020\n")
    other = """\
    source:
      id: other-2020
      publisher: 人民网
      title: t
      published: 2020-01-01
    """
    result = load(make_repo({"x.yaml": text, "y.yaml": other}))
    assert result.ok, result.problems
    assert result.repository.claim_source["inherits"] == "other-2020"


def test_a_missing_field_without_a_default_is_still_required(make_repo: RepoFactory) -> None:
    text = WITH_DEFAULTS.replace("  scope: {region: CN, programme: tertiary-county-pairing}\n", "")
    result = load(make_repo({"x.yaml": text}))
    found = [(p.problem.locations[0].line, p.problem.message) for p in result.problems]
    assert found == [(9, "claims[0].scope: field 'scope' is required here")], found


def test_an_unknown_key_in_defaults_is_an_error_at_that_key(make_repo: RepoFactory) -> None:
    text = WITH_DEFAULTS.replace("defaults:\n", "defaults:\n  metric: x\n")
    result = load(make_repo({"x.yaml": text}))
    found = [(p.problem.locations[0].line, p.problem.message) for p in result.problems]
    assert any(line == 7 and "unknown field 'metric'" in m for line, m in found), found
