"""The package metadata: license, lower bounds proven by CI, pinned development tools."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)\s*(?:>=\s*([0-9][^,;\s]*))?")


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            package, _, version = line.partition("==")
            assert version, f".ci/{name}: {line!r} is not pinned with =="
            pins[package.strip().lower()] = version.strip()
    return pins


def _bounds(requirements: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        assert match, requirement
        out[match.group(1).lower()] = match.group(2)
    return out


def test_every_dependency_has_a_lower_bound_that_ci_installs() -> None:
    """.ci/run installs .ci/minimum-versions.txt and runs the tests: that file must pin each
    runtime and test dependency at exactly its declared lower bound."""
    project = PYPROJECT["project"]
    declared = _bounds(project["dependencies"]) | _bounds(project["optional-dependencies"]["test"])
    linters = {"ruff", "mypy", "types-pyyaml"}  # pinned exactly in .ci/constraints.txt instead
    minimum = _pins("minimum-versions.txt")
    for name, bound in declared.items():
        if name in linters:
            continue
        assert bound is not None, f"{name} has no lower bound"
        pinned = minimum.get(name)
        assert pinned is not None and _version(pinned) == _version(bound), (
            f"{name}>={bound} but the minimum job pins {pinned}"
        )
    assert set(minimum) == set(declared) - linters


def test_the_development_tools_are_pinned_within_their_bounds() -> None:
    pins = _pins("constraints.txt")
    declared = _bounds(PYPROJECT["project"]["optional-dependencies"]["test"])
    for tool in ("ruff", "mypy", "pytest", "types-pyyaml"):
        assert tool in pins, f"{tool} is not pinned in .ci/constraints.txt"
        bound = declared.get(tool)
        if bound is not None:
            assert _version(pins[tool]) >= _version(bound), tool


def _version(text: str) -> tuple[int, ...]:
    """A release's numbers with trailing zeros dropped, so that 0.19 == 0.19.0."""
    parts = [int(part) for part in re.findall(r"\d+", text)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    # A license classifier next to an SPDX expression is an error under PEP 639.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    # setuptools reads the SPDX string from 77.0 on.
    (requires,) = PYPROJECT["build-system"]["requires"]
    assert _version(requires) >= (77,)


def test_project_urls_and_typed_marker() -> None:
    urls = PYPROJECT["project"]["urls"]
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    assert "Typing :: Typed" in PYPROJECT["project"]["classifiers"]
    assert (ROOT / "src" / "aidcheck" / "py.typed").exists()


def _quickstart() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_ci_runs_exactly_the_readme_commands() -> None:
    """The README has one command that installs and runs the main job and one that runs the
    tests; .ci/run runs both, word for word, on its own lines."""
    commands = _quickstart()
    assert len(commands) == 2, commands
    install, tests = commands
    assert "pip install" in install and "aidcheck verify" in install
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert "\n" not in command
        assert ci.count(command) == 1, f".ci/run does not run the README's command: {command}"
    assert ci.index(install) < ci.index(tests)
