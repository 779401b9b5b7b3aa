"""Load rules: problems with the input itself. The loader reports them; they cannot be run."""

from __future__ import annotations

from aidcheck.codes import InputCode
from aidcheck.findings import Severity
from aidcheck.rules.base import Family, Rule


def _load_rule(code: InputCode, name: str, title: str, description: str) -> Rule:
    return Rule(
        code=code,
        name=name,
        family=Family.LOAD,
        title=title,
        severity=Severity.ERROR,
        description=description,
    )


YAML_SYNTAX = _load_rule(
    InputCode.YAML_SYNTAX,
    "yaml-syntax",
    "The file is not readable YAML",
    """A claim file must be UTF-8 text that parses as one YAML document.

Passing:

```yaml
claims:
  - id: xinhua-2019-county-hospitals
```

Failing (the list item is indented less than its key's siblings):

```yaml
claims:
  - id: xinhua-2019-county-hospitals
 metric: county_hospitals_paired
```
""",
)

DUPLICATE_KEY = _load_rule(
    InputCode.DUPLICATE_KEY,
    "duplicate-key",
    "A mapping key is written twice",
    """YAML parsers keep only the last of two equal keys and drop the first without a word.
aidcheck reports both places instead of losing data.

Passing: `figure: 1180家` once. Failing:

```yaml
  - id: a
    figure: 1180家
    figure: 963家
```
""",
)

SCHEMA = _load_rule(
    InputCode.SCHEMA,
    "schema",
    "A field is missing, unknown, or of the wrong type",
    """Every section is checked against its model: unknown fields, missing required fields,
values of the wrong type and figures that cannot be read are errors at the field's line.

Passing: `figure: 超过6万人次`. Failing: `figure: 60000` (a bare number loses the unit and the
hedge: write it as the source states it) or `figur: 1180家` (unknown field).
""",
)

UNKNOWN_METRIC = _load_rule(
    InputCode.UNKNOWN_METRIC,
    "unknown-metric",
    "A claim names a metric the registry does not define",
    """Passing: `metric: county_hospitals_paired`, defined under `metrics:`.
Failing: `metric: county_hospital_paired` (a typo).""",
)

UNKNOWN_REGION = _load_rule(
    InputCode.UNKNOWN_REGION,
    "unknown-region",
    "A scope or region parent names a region the registry does not define",
    """Passing: `scope: {region: CN-TJ}` with CN-TJ under `regions:`.
Failing: `region: CN-TIANJIN`.""",
)

UNKNOWN_SOURCE = _load_rule(
    InputCode.UNKNOWN_SOURCE,
    "unknown-source",
    "A claim cites no source, or a source that is not defined",
    """Passing: a file whose `source:` section is the full record, or the id of a record
defined elsewhere. Failing: `source: xinhua-2019-02-15` when no source has that id.""",
)

UNKNOWN_PROGRAMME = _load_rule(
    InputCode.UNKNOWN_PROGRAMME,
    "unknown-programme",
    "A scope names a programme the registry does not define",
    """Passing: `programme: tertiary-county-pairing`, defined under `programmes:`.
Failing: `programme: tertiary-pairing`.""",
)

DUPLICATE_ID = _load_rule(
    InputCode.DUPLICATE_ID,
    "duplicate-id",
    "Two objects of one kind share an id",
    """Claim, source, metric, programme ids and region codes are unique across the repository;
both places are reported. Passing: two claims `xinhua-2019-a` and `xinhua-2019-b`. Failing:
two claims both called `xinhua-2019-a`, in one file or in two.""",
)

UNKNOWN_CLAIM = _load_rule(
    InputCode.UNKNOWN_CLAIM,
    "unknown-claim",
    "A claim refers to a claim that does not exist",
    """`part_of` names the claim whose total a figure belongs to. Passing: `part_of:
cri-2020-physicians` with that claim defined. Failing: `part_of: cri-2020-physician`.""",
)

NO_INPUT = _load_rule(
    InputCode.NO_INPUT,
    "no-input",
    "The paths given hold no claim files",
    """Passing: `aidcheck verify claims/`. Failing: `aidcheck verify docs/` (no YAML files),
or a path that does not exist.""",
)

CONFIG = _load_rule(
    InputCode.CONFIG,
    "config",
    "The project configuration is invalid",
    """`aidcheck.toml` or `[tool.aidcheck]` in `pyproject.toml` is checked like a claim file:
an unknown key or a value of the wrong type is an error at its line.
Passing: `archive = "../sources"`. Failing: `archve = "../sources"`.""",
)

LIMIT = _load_rule(
    InputCode.LIMIT,
    "limit",
    "An input exceeds one of aidcheck's limits",
    """Every input is bounded so that a run ends in bounded time and memory, whatever a pull
request holds: bytes per file, values built per YAML document (each alias use counted), nesting
depth, characters per quote, claim files, problems listed per file. The message names the limit
and how to raise it (the environment variable `AIDCHECK_LIMITS`, see docs/security.md).

Passing: a quote of one or two sentences. Failing: a quote of 100,000 characters, or nine
levels of nine YAML aliases (a few hundred bytes that would build 400 million values).""",
)

UNKNOWN_DIMENSION = _load_rule(
    InputCode.UNKNOWN_DIMENSION,
    "unknown-dimension",
    "A metric or unit counts a dimension the unit table does not define",
    """Every metric's `dimension` and every unit's `dimension` in a `units` section must be one
the unit table defines: built in (institutions, persons, person_times, count, counties, …; see
docs/claims.md, 'units') or listed under `dimensions` in a `units` section. An unknown unit in a
figure (`unit: surgerys`) is a schema error (L003) that suggests the closest known unit.
Passing: `dimension: beds` with `units: {dimensions: {beds: hospital beds}}`. Failing:
`dimension: bed` with no such dimension defined.""",
)

UNKNOWN_RELATION = _load_rule(
    InputCode.UNKNOWN_RELATION,
    "unknown-relation",
    "A claim asserts a relation that is not declared, or that is not about its metric",
    """`asserts` names relations that the claim's quote states (its source says the pairing is
一对一): each must be declared in a `relations` section, and the claim's metric must be one of the
relation's two sides.

Passing: `asserts: [one-to-one-pairing]` on a claim of `county_hospitals_paired`, with the
relation declared between `tertiary_hospitals_pairing` and `county_hospitals_paired`.

Failing: `asserts: [one-to-one-paring]` (no such relation), or that relation asserted by a claim
of `poor_counties_covered`.""",
)

RULES = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    SCHEMA,
    UNKNOWN_METRIC,
    UNKNOWN_REGION,
    UNKNOWN_SOURCE,
    UNKNOWN_PROGRAMME,
    DUPLICATE_ID,
    UNKNOWN_CLAIM,
    NO_INPUT,
    CONFIG,
    LIMIT,
    UNKNOWN_DIMENSION,
    UNKNOWN_RELATION,
)
