"""C103, C104, C106: the quote is in the snapshot, once, in the article's own text."""

from __future__ import annotations

from pathlib import Path

from tests.evidence.harness import Cited, findings, quoted
from tests.evidence.test_mojibake import ARTICLE, garble

BODY = (
    "截至2018年底，三级医院已派出超过6万人次医务人员参与贫困县县级医院管理诊疗工作，"
    "帮助县医院新建临床专科5900个。甲省派出专家100名，乙省派出专家100名。"
)
TEXT = f"某省健康扶贫取得成效\n\n{BODY}\n\n相关推荐\n某地累计发送旅客5350万人次\n"


def test_a_quote_with_one_character_changed_is_not_found_at_the_claims_line(
    tmp_path: Path,
) -> None:
    claim = quoted("a", "5900个", "帮助县医院新建临床专业5900个", metric="poor_counties_covered")
    cited = Cited(tmp_path).source("src", TEXT, [claim])
    report = cited.verify()
    [finding] = findings(report, "C103")
    assert finding.claims == ["a"]
    assert finding.locations[0].path == "claims/sources/src.yaml"
    lines = (cited.root / finding.locations[0].path).read_text(encoding="utf-8").splitlines()
    assert "quote: 帮助县医院新建临床专业5900个" in lines[finding.locations[0].line - 1]
    assert "帮助县医院新建临床专科5900个" in finding.details["closest"]["text"]
    assert finding.details["closest"]["numbers_differ"] is False
    assert report.summary.exit_code == 1


def test_the_closest_passage_is_not_accepted_when_its_numbers_differ(tmp_path: Path) -> None:
    claim = quoted("a", "5901个", "帮助县医院新建临床专科5901个", metric="poor_counties_covered")
    [finding] = findings(Cited(tmp_path).source("src", TEXT, [claim]).verify(), "C103")
    assert finding.details["closest"]["numbers_differ"] is True
    assert finding.message_id == "C103.numbers-differ"
    assert finding.arguments["closest"] == "帮助县医院新建临床专科5900个"


def test_a_quote_found_twice_without_an_anchor_is_ambiguous(tmp_path: Path) -> None:
    bare = quoted("a", "100名", "派出专家100名", metric="staff_dispatched")
    anchored = quoted(
        "b", "100名", "派出专家100名", metric="staff_dispatched", anchor={"before": "乙省"}
    )
    report = Cited(tmp_path).source("src", TEXT, [bare, anchored]).verify()
    [finding] = findings(report, "C104")
    assert finding.claims == ["a"] and finding.severity == "warning"
    assert finding.message_id == "C104.repeated"
    assert finding.arguments["times"] == 2


def test_an_anchor_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    claim = quoted(
        "a", "100名", "派出专家100名", metric="staff_dispatched", anchor={"occurrence": 5}
    )
    [finding] = findings(Cited(tmp_path).source("src", TEXT, [claim]).verify(), "C104")
    assert finding.message_id == "C104.anchor"
    assert "occurrence 5" in str(finding.arguments["problem"])


def test_a_quote_from_the_related_news_tail_lands_in_boilerplate(tmp_path: Path) -> None:
    claim = quoted("a", "5350万人次", "累计发送旅客5350万人次", metric="staff_dispatch_visits")
    report = Cited(tmp_path).source("src", TEXT, [claim]).verify()
    [finding] = findings(report, "C106")
    assert finding.claims == ["a"]
    assert finding.message_id == "C106"
    assert finding.details["spans"][0]["kind"] == "boilerplate"
    assert finding.details["spans"][0]["heuristic"] == "section-marker"


def test_a_quote_of_mojibake_or_of_its_repair_is_reported_as_such(tmp_path: Path) -> None:
    target = "”国家卫生健康委员会医政医管局副局长介绍"
    garbled = garble(target)
    text = f"{ARTICLE}\n“帮扶工作。?{garbled}?，截至年底，已有超过400家医院成为二级甲等医院。\n"
    repaired = quoted("a", "超过400家", "医政医管局副局长介")
    raw = quoted("b", "超过400家", garbled[3:9])
    report = Cited(tmp_path).source("src", text, [repaired, raw]).verify()
    spotted = {c: f for f in findings(report, "C106") for c in f.claims}
    assert set(spotted) == {"a", "b"}
    assert spotted["a"].details["spans"][0]["kind"] == "repaired"
    assert findings(report, "C103") == []


def test_a_clean_quote_next_to_mojibake_is_trusted(tmp_path: Path) -> None:
    garbled = garble("”国家卫生健康委员会医政医管局副局长介绍")
    text = (
        f"{ARTICLE}\n“帮扶工作。?{garbled}新建临床专科7000多个，"
        "已有超过400家医院成为二级甲等医院。\n"
    )
    clean = quoted("a", "7000多个", "新建临床专科7000多个", metric="poor_counties_covered")
    report = Cited(tmp_path).source("src", text, [clean]).verify()
    assert findings(report, "C103") == []
    assert findings(report, "C106") == []


def test_a_lost_character_in_the_quote_is_flagged_and_the_suggested_suppression_clears_it(
    tmp_path: Path,
) -> None:
    text = f"{ARTICLE}\n贫困县县医院中达到二级甲等水?的超过560家。\n"
    claim = quoted("a", "超过560家", "达到二级甲等水?的超过560家")
    cited = Cited(tmp_path).source("src", text, [claim])
    [finding] = findings(cited.verify(), "C106")
    assert finding.details["spans"][0]["heuristic"] == "lost-character"
    assert "suppressions: [{rule: C106, claims: [a]" in finding.message
    cited.files["suppressions.yaml"] = {
        "suppressions": [{"rule": "C106", "claims": ["a"], "reason": "水? is 水平 in print"}]
    }
    report = cited.verify()
    [accepted] = findings(report, "C106")
    assert accepted.suppressed == "水? is 水平 in print"
    assert findings(report, "S001") == []
    assert report.summary.exit_code == 0
