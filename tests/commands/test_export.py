"""`aidcheck export claimreview` on the bundled repository, and its option errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidcheck.commands.export import run_claimreview

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT.parent / "shared" / "sources"


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason=f"evidence archive not found at {ARCHIVE}")
def test_the_bundled_findings_become_claim_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("AIDCHECK_ARCHIVE", raising=False)
    out = tmp_path / "claimreview.jsonld"
    assert run_claimreview("Example Fact Check", "2026-12-01", None, out) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    assert graph and all(r["@type"] == "ClaimReview" for r in graph)
    ratings = {r["reviewRating"]["ratingValue"] for r in graph}
    assert ratings <= {1, 2, 3}
    assert all(r["claimReviewed"] and r["itemReviewed"]["appearance"] for r in graph)


@pytest.mark.parametrize(
    ("author", "date", "url", "says"),
    [
        ("  ", None, None, "--author"),
        ("A", "2026-13-01", None, "--date"),
        ("A", None, "javascript:alert(1)", "--url"),
    ],
)
def test_bad_options_exit_2(
    capsys: pytest.CaptureFixture[str], author: str, date: str | None, url: str | None, says: str
) -> None:
    assert run_claimreview(author, date, url, None) == 2
    assert says in capsys.readouterr().err
