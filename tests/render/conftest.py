"""One fixed report for every renderer: each severity, a suppressed and a baselined finding, a
finding without claims, Chinese quotes, and text that every format must escape."""

from __future__ import annotations

import pytest

from aidcheck.findings import (
    ClaimRef,
    Finding,
    Location,
    Report,
    RuleRun,
    Severity,
    SourceSummary,
    Summary,
)

HOSTILE = '<script>alert("x")</script> | 100% :: a,b\nsecond line [bold]not markup[/]'
ODD_PATH = "claims/sources/新闻 a,b:c%.yaml"


def _claim(ident: str, figure: str, interval: str, quote: str, path: str, line: int) -> ClaimRef:
    return ClaimRef(
        id=ident,
        metric="county_hospitals_paired",
        figure=figure,
        interval=interval,
        unit="家",
        source=ident.rsplit("-", 1)[0],
        publisher="新华网" if "xinhua" in ident else "人民网",
        published="2019-02-14",
        quote=quote,
        location=Location(path=path, line=line, column=5),
    )


def make_report() -> Report:
    claims = {
        "xinhua-2019-county": _claim(
            "xinhua-2019-county",
            "1180家",
            "[1180, 1180]",
            "963家三级医院与834个贫困县的1180家县级医院建立“一对一”帮扶关系",
            "claims/sources/xinhua-2019-02-14.yaml",
            14,
        ),
        "people-2019-county": _claim(
            "people-2019-county",
            "1100余家",
            "(1100, 1200)",
            "与1100余家县级医院建立帮扶关系" + HOSTILE,
            "claims/sources/people-2019.yaml",
            9,
        ),
        "gov-2020-staff": ClaimRef(
            id="gov-2020-staff",
            metric="staff_dispatch_visits",
            figure="超过6万人次",
            interval="(60000, inf)",
            unit="人次",
            source="gov-2020",
            publisher="中国政府网",
            published="2020-11-20",
            quote="派出超过6万人次医务人员参与贫困县县级医院管理和诊疗工作",
            location=Location(path=ODD_PATH, line=7, column=5),
        ),
    }
    conflict = Finding(
        code="Z901",
        rule="test-agreement",
        severity=Severity.ERROR,
        message="1180家 and 1100余家 do not overlap " + HOSTILE,
        claims=["xinhua-2019-county", "people-2019-county"],
        locations=[claims["xinhua-2019-county"].location, claims["people-2019-county"].location],
        fingerprint="f901aaaaaaaaaaaa",
    )
    citation = Finding(
        code="Z902",
        rule="test-citation",
        severity=Severity.WARNING,
        message="quote not found in the snapshot: 100% of it differs\nsee line 2",
        claims=["gov-2020-staff"],
        locations=[Location(path=ODD_PATH, line=11, column=12)],
        fingerprint="f902bbbbbbbbbbbb",
    )
    provenance = Finding(
        code="Z903",
        rule="test-provenance",
        severity=Severity.INFO,
        message="three reprints of one origin",
        claims=["xinhua-2019-county", "people-2019-county", "gov-2020-staff"],
        locations=[claims["xinhua-2019-county"].location],
        fingerprint="f903cccccccccccc",
    )
    load = Finding(
        code="L001",
        rule="yaml-syntax",
        severity=Severity.ERROR,
        message="mapping values are not allowed here <b>",
        locations=[Location(path="claims/sources/broken.yaml", line=3, column=9)],
        fingerprint="f001dddddddddddd",
    )
    suppressed = Finding(
        code="Z901",
        rule="test-agreement",
        severity=Severity.ERROR,
        message="different as-of dates",
        claims=["xinhua-2019-county", "gov-2020-staff"],
        locations=[claims["gov-2020-staff"].location],
        fingerprint="f901eeeeeeeeeeee",
        suppressed="different as-of dates: 2018 year end vs 2020 | accepted",
    )
    baselined = Finding(
        code="Z902",
        rule="test-citation",
        severity=Severity.WARNING,
        message="an old finding the team accepted",
        claims=["people-2019-county"],
        locations=[claims["people-2019-county"].location],
        fingerprint="f902ffffffffffff",
        baselined=True,
    )
    return Report(
        tool={"name": "aidcheck", "version": "0.1.0"},
        root="/work/example",
        summary=Summary(
            sources=3,
            claims=3,
            metrics=2,
            regions=1,
            files=4,
            errors=2,
            warnings=1,
            infos=1,
            suppressed=1,
            baselined=1,
            checks_run=True,
            exit_code=1,
        ),
        notices=["no evidence archive: citation checks did not run <i>"],
        findings=[provenance, citation, conflict, load, suppressed, baselined],
        rules=[
            RuleRun(
                code="Z901",
                rule="test-agreement",
                title="Claims disagree",
                compared=4,
                passed=2,
                findings=2,
                comparisons=["pass: a vs b"],
            ),
            RuleRun(
                code="Z902",
                rule="test-citation",
                title="Quote not in source",
                compared=3,
                passed=1,
                findings=2,
            ),
            RuleRun(
                code="Z903",
                rule="test-provenance",
                title="One origin",
                compared=1,
                passed=0,
                findings=1,
            ),
            RuleRun(
                code="Z904",
                rule="test-rollup",
                title="Parts exceed the whole",
                note="compared nothing: no claims it applies to",
            ),
        ],
        sources=[
            SourceSummary(
                id="xinhua-2019",
                publisher="新华网",
                title="400余家贫困县医院晋级“二甲”",
                published="2019-02-14",
                claims=1,
            ),
        ],
        claims=claims,
    )


@pytest.fixture
def report() -> Report:
    return make_report()


ACTIVE_FINGERPRINTS = {
    "f901aaaaaaaaaaaa",
    "f902bbbbbbbbbbbb",
    "f903cccccccccccc",
    "f001dddddddddddd",
}
