"""The claim repository that ships with aidcheck: it loads, covers all five sources, and cites them.

The quote checks here are cheap sanity checks on the bundled data, not aidcheck's citation check:
a quote must be a verbatim substring of its snapshot once the pinyin glued after the characters
of 000 is removed, and must carry its figure.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from aidcheck import rules
from aidcheck.loader.repository import Repository, load_repository
from aidcheck.model.claim import Claim

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
ARCHIVE = ROOT.parent / "shared" / "sources"

EXPECTED_SOURCES = {
    "cinic-2020-08-01": "000_4a716e175e08b5d0.txt",
    "xinhua-2019-02-14": "001_cf9ab42a71210f63.txt",
    "cri-2020-10-15": "002_781346ec3ccc00e6.txt",
    "medsci-2019-02-14": "003_11d5bb6ca88abc63.txt",
    "chinanews-2024-06-12": "004_3bef1d7e4aaca9cd.txt",
}

# A pinyin annotation glued after a character: 實(shí)現(xiàn) → 實現.
PINYIN = re.compile(r"\([a-zA-Z\u00c0-\u024f\u0300-\u036f]+\)")
README_HASH = re.compile(r"^([0-9a-f]{64})\s+(\S+)$", re.MULTILINE)

needs_archive = pytest.mark.skipif(
    not ARCHIVE.is_dir(), reason=f"evidence archive not found at {ARCHIVE}"
)


@pytest.fixture(scope="module")
def repo() -> Repository:
    result = load_repository(ROOT, [CLAIMS], rules.names())
    messages = [f"{p.code} {p.problem.message}" for p in result.problems]
    assert messages == []
    return result.repository


@pytest.fixture(scope="module")
def snapshots(repo: Repository) -> dict[str, str]:
    """Each source's snapshot text, with the pinyin annotations removed."""
    texts: dict[str, str] = {}
    for source in repo.sources.values():
        assert source.snapshot is not None, source.id
        raw = (ARCHIVE / source.snapshot.file).read_text(encoding="utf-8")
        texts[source.id] = PINYIN.sub("", raw)
    return texts


def test_the_repository_loads_without_problems() -> None:
    result = load_repository(ROOT, [CLAIMS], rules.names())
    assert [p.problem.message for p in result.problems] == []


def test_at_least_85_claims(repo: Repository) -> None:
    assert len(repo.claims) >= 85


def test_claims_from_all_five_sources(repo: Repository) -> None:
    assert set(repo.sources) == set(EXPECTED_SOURCES)
    assert set(repo.claim_source.values()) == set(EXPECTED_SOURCES)
    for source_id, file in EXPECTED_SOURCES.items():
        snapshot = repo.sources[source_id].snapshot
        assert snapshot is not None and snapshot.file == file


def test_part_of_points_to_a_claim_of_the_same_source(repo: Repository) -> None:
    for claim in repo.claims.values():
        if claim.part_of is not None:
            assert repo.claim_source[claim.part_of] == repo.claim_source[claim.id], claim.id


@needs_archive
def test_snapshot_hashes_match_the_archive_readme(repo: Repository) -> None:
    readme = (ARCHIVE / "README.md").read_text(encoding="utf-8")
    listed = {name: digest for digest, name in README_HASH.findall(readme)}
    for source in repo.sources.values():
        assert source.snapshot is not None
        assert source.snapshot.sha256 == listed[source.snapshot.file], source.id
        actual = hashlib.sha256((ARCHIVE / source.snapshot.file).read_bytes()).hexdigest()
        assert actual == source.snapshot.sha256, source.id


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _carries_its_figure(claim: Claim) -> bool:
    quote = unicodedata.normalize("NFKC", claim.quote)
    figure = claim.figure
    text = unicodedata.normalize("NFKC", figure.text) if figure.text else None
    return (text is not None and text in quote) or _plain(figure.value) in quote


def test_every_quote_carries_its_figure(repo: Repository) -> None:
    missing = [c.id for c in repo.claims.values() if not _carries_its_figure(c)]
    assert missing == []


def test_the_figure_check_rejects_a_quote_without_the_figure(repo: Repository) -> None:
    claim = repo.claims["xinhua-2019-county-hospitals-paired"]
    assert _carries_its_figure(claim)
    assert not _carries_its_figure(claim.model_copy(update={"quote": "963家三级医院"}))


@needs_archive
def test_every_quote_is_verbatim_in_its_snapshot(
    repo: Repository, snapshots: dict[str, str]
) -> None:
    absent = [
        c.id for c in repo.claims.values() if c.quote not in snapshots[repo.claim_source[c.id]]
    ]
    assert absent == []


@needs_archive
def test_traditional_quotes_match_only_without_the_pinyin(
    repo: Repository, snapshots: dict[str, str]
) -> None:
    raw = (ARCHIVE / EXPECTED_SOURCES["cinic-2020-08-01"]).read_text(encoding="utf-8")
    quote = repo.claims["cinic-2020-staff-trained"].quote
    assert quote not in raw
    assert quote in snapshots["cinic-2020-08-01"]


@needs_archive
def test_a_quote_that_occurs_twice_says_which_occurrence(
    repo: Repository, snapshots: dict[str, str]
) -> None:
    for claim in repo.claims.values():
        count = snapshots[repo.claim_source[claim.id]].count(claim.quote)
        if count > 1:
            assert claim.anchor is not None, f"{claim.id}: quote occurs {count} times"
