"""Synthetic evidence archives for tests: snapshots in a temporary folder, sources that cite them.

cited = Cited(tmp_path)
claim = quoted("a", "超过6万人次", "派出超过6万人次医务人员")
cited.source("src-a", "正文……派出超过6万人次医务人员……", [claim])
report = cited.verify()
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aidcheck.findings import Finding, Report
from aidcheck.verify import Outcome, VerifyOptions, verify
from tests.rules.conftest import Repo

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_ARCHIVE = REPO_ROOT.parent / "shared" / "sources"
REAL_CLAIMS = REPO_ROOT / "claims"
NO_REAL_ARCHIVE = f"the evidence archive is not at {REAL_ARCHIVE} (checkout without ../shared)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_in_index(archive: Path, name: str, data: bytes) -> None:
    """Add the snapshot to the archive's index (SHA256SUMS), as an archive's keeper would."""
    with (archive / "SHA256SUMS").open("a", encoding="utf-8") as index:
        index.write(f"{sha256(data)}  {name}\n")


def quoted(
    ident: str,
    figure: str | dict[str, Any],
    quote: str,
    *,
    metric: str = "county_hospitals_paired",
    anchor: dict[str, Any] | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ident,
        "metric": metric,
        "figure": figure,
        "scope": {"region": "CN"},
        "quote": quote,
    }
    if anchor is not None:
        out["anchor"] = anchor
    if source is not None:
        out["source"] = source
    return out


@dataclass
class Cited:
    """A claim repository at `root/repo` whose archive is `root/repo/archive`."""

    base: Path
    files: dict[str, Any] = field(default_factory=dict)
    config_archive: str | None = "archive"

    @property
    def root(self) -> Path:
        return self.base / "repo"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    def snapshot(self, name: str, text: str | bytes) -> str:
        """Write a snapshot into the archive; return its sha256."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        self.archive.mkdir(parents=True, exist_ok=True)
        (self.archive / name).write_bytes(data)
        list_in_index(self.archive, name, data)
        return sha256(data)

    def source(
        self,
        ident: str,
        text: str | bytes | None,
        claims: list[dict[str, Any]],
        *,
        file: str | None = None,
        sha: str | None = None,
    ) -> Cited:
        record: dict[str, Any] = {
            "id": ident,
            "publisher": f"publisher of {ident}",
            "title": f"title of {ident}",
            "published": "2019-02-14",
        }
        name = file or f"{ident}.txt"
        if text is not None:
            digest = self.snapshot(name, text)
            record["snapshot"] = {"file": name, "sha256": sha or digest}
        elif file is not None:
            record["snapshot"] = {"file": file, "sha256": sha or "0" * 64}
        self.files[f"sources/{ident}.yaml"] = {"source": record, "claims": claims}
        return self

    def write(self) -> Path:
        """Write the repository with the shared writer (`tests.rules.conftest.Repo`), its
        configuration naming the archive."""
        config = 'claims = "claims"\n'
        if self.config_archive is not None:
            config += f'archive = "{self.config_archive}"\n'
        return Repo(root=self.root, files=self.files, config=config).write()

    def enter(self, monkeypatch: pytest.MonkeyPatch) -> Cited:
        """Write the repository and work inside it, as a user would: the current directory is
        its root, and no AIDCHECK_ARCHIVE from the environment interferes."""
        monkeypatch.chdir(self.write())
        monkeypatch.delenv("AIDCHECK_ARCHIVE", raising=False)
        return self

    def run(self, archive: Path | None = None, environ: dict[str, str] | None = None) -> Outcome:
        root = self.write()
        return verify(VerifyOptions(cwd=root, archive=archive, environ=environ or {}))

    def verify(self, archive: Path | None = None, environ: dict[str, str] | None = None) -> Report:
        return self.run(archive, environ).report


def findings(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


def copy_real(tmp: Path) -> tuple[Path, Path]:
    """A private copy of the bundled claims and the real archive: (project root, archive)."""
    root = tmp / "project"
    shutil.copytree(REAL_CLAIMS, root / "claims")
    archive = tmp / "sources"
    shutil.copytree(REAL_ARCHIVE, archive)
    archive.chmod(0o755)  # the shared archive is read-only; the copy may be edited
    for path in archive.iterdir():
        path.chmod(0o644)
    (root / "aidcheck.toml").write_text('claims = "claims"\n', encoding="utf-8")
    return root, archive
