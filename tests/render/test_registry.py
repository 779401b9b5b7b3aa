"""The format registry: every format the library renders is offered by the command line and has
its own test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidcheck.cli import ReportFormat
from aidcheck.render import _MODULES, Format

TESTS = Path(__file__).resolve().parent


def test_the_command_line_offers_exactly_the_formats_the_library_renders() -> None:
    assert {f.value for f in ReportFormat} == {f.value for f in Format}
    assert set(_MODULES) == set(Format) - {Format.AUTO}


@pytest.mark.parametrize("fmt", sorted(_MODULES), ids=str)
def test_every_format_has_its_test_module(fmt: Format) -> None:
    module = _MODULES[fmt].rsplit(".", 1)[-1]
    path = TESTS / f"test_{module}.py"
    assert path.exists(), f"format {fmt}: write tests/render/{path.name}"
