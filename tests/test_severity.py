"""One Severity for the rules, the configuration and --fail-on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from aidcheck.config import ProjectSettings
from aidcheck.findings import Severity as ReportSeverity
from aidcheck.severity import Severity


def test_the_report_model_and_the_configuration_use_the_same_enum() -> None:
    assert ReportSeverity is Severity
    assert ProjectSettings.model_validate({"fail_on": "warning"}).fail_on is Severity.WARNING
    with pytest.raises(ValidationError):
        ProjectSettings.model_validate({"fail_on": "fatal"})


def test_severities_are_ordered() -> None:
    assert Severity.ERROR.at_least(Severity.WARNING)
    assert Severity.WARNING.at_least(Severity.WARNING)
    assert not Severity.INFO.at_least(Severity.WARNING)
