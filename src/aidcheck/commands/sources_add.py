"""`aidcheck sources add FILE|-`: archive a new snapshot and start its claim file.

It names the snapshot by the rule in `aidcheck.evidence.intake`, copies it into the archive,
records it in the archive's index, and writes the source record (with the snapshot's sha256)
into a new claim file. It writes only inside the archive and the claim folder of the project,
never over an existing file or id, and each file all at once; `--dry-run` writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from aidcheck.atomic import create, write_text
from aidcheck.evidence.archive import sha256_of
from aidcheck.evidence.intake import INDEX_NAME, IndexEntry, index_with, next_number, snapshot_name
from aidcheck.model.source import Snapshot, Source
from aidcheck.verify import EXIT_INPUT

MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024
# Host labels that say nothing about the publisher (www.xinhuanet.com -> xinhuanet).
_GENERIC_LABELS = {
    "www", "m", "news", "wap", "mobile", "en", "english", "cn", "com", "org", "net", "gov",
    "edu", "co", "info", "int", "hk", "tw", "mo", "uk",
}  # fmt: skip


@dataclass
class AddRequest:
    input: str  # a file path, or "-" for standard input
    publisher: str
    title: str
    published: str
    url: str | None = None
    language: str = "zh-Hans"
    derived_from: list[str] = field(default_factory=list)
    author: str | None = None
    source_id: str | None = None
    dry_run: bool = False
    archive: Path | None = None
    cwd: Path = field(default_factory=Path.cwd)


@dataclass
class AddPlan:
    source: Source
    snapshot_path: Path
    claim_path: Path
    index_path: Path
    claim_text: str
    index_text: str
    data: bytes


class AddError(Exception):
    """Why nothing was written, and what to do."""


def suggested_id(publisher: str, published: str, url: str | None) -> str:
    """`<publisher>-<yyyy-mm-dd>`: the publisher from the URL's host when there is one
    (www.xinhuanet.com -> xinhuanet), else from the ASCII words of its name, else `source`."""
    slug = ""
    if url:
        host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
        labels = [x for x in host.split(".") if x and x not in _GENERIC_LABELS]
        if labels:
            slug = re.sub(r"[^a-z0-9]+", "-", labels[-1]).strip("-")
    if not slug:
        slug = "-".join(re.findall(r"[a-z0-9]+", publisher.lower()))[:40].strip("-")
    return f"{slug or 'source'}-{published}"


def read_input(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        data = stdin.read(MAX_SNAPSHOT_BYTES + 1)
        where = "standard input"
    else:
        path = Path(name)
        if not path.is_file():
            raise AddError(f"{name}: no such file; name the text file of the article, or - ")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_SNAPSHOT_BYTES + 1)
        except OSError as exc:
            raise AddError(f"{name}: cannot read it: {exc.strerror}") from None
        where = name
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise AddError(
            f"{where}: more than {MAX_SNAPSHOT_BYTES // (1024 * 1024)} MiB; a snapshot is the "
            "text of one article: save the article alone as plain text"
        )
    if not data.strip():
        raise AddError(f"{where}: empty; give the plain text of the article")
    return data


def _source_record(request: AddRequest, snapshot: Snapshot) -> Source:
    source_id = request.source_id or suggested_id(request.publisher, request.published, request.url)
    fields = {
        "id": source_id,
        "publisher": request.publisher.strip(),
        "title": request.title.strip(),
        "published": request.published,
        "url": request.url or None,
        "language": request.language,
        "author": request.author or None,
        "derived_from": request.derived_from,
        "snapshot": snapshot,
    }
    try:
        return Source.model_validate(fields)
    except ValidationError as exc:
        option = {"id": "--id", "derived_from": "--derived-from"}
        reasons = []
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "?"
            flag = option.get(name, f"--{name.replace('_', '-')}")
            given = error.get("input")
            shown = f" {given!r}" if isinstance(given, str) else ""
            reasons.append(f"{flag}{shown}: {str(error['msg']).removeprefix('Value error, ')}")
        raise AddError(
            "; ".join(reasons)
            + " (ids are lower-case letters, digits, '.', '_' and '-'; dates are YYYY-MM-DD)"
        ) from None


def _claim_folder(claim_paths: list[Path]) -> Path:
    folder = next((p for p in claim_paths if p.is_dir()), None)
    if folder is None:
        raise AddError("the project has no claim folder; create it (or run 'aidcheck init') first")
    sources = folder / "sources"
    return sources if sources.is_dir() else folder


def _inside(path: Path, root: Path, what: str) -> None:
    if not path.resolve().is_relative_to(root.resolve()):
        raise AddError(
            f"{path} leads outside the {what} ({root}); sources add writes only inside the "
            "project and the archive: remove the link or fix the 'claims' setting"
        )


def claim_file_text(source: Source, today: dt.date) -> str:
    import yaml

    record = source.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    if not record.get("derived_from"):
        record.pop("derived_from", None)
    record["published"] = source.published  # a date, written unquoted
    body = yaml.safe_dump({"source": record}, allow_unicode=True, sort_keys=False, width=100)
    return (
        f"# Recorded with 'aidcheck sources add' on {today.isoformat()}. Next: 'aidcheck "
        f"extract {source.id} --format yaml'\n# prints stub claims for the figures in the "
        "article; see docs/workflow.md.\n" + body + "claims: []\n"
    )


def plan_add(request: AddRequest, data: bytes) -> AddPlan:
    from aidcheck.commands.loading import load
    from aidcheck.config import find_project

    outcome = load(request.archive, False, run_checks=False, cwd=request.cwd)
    if outcome is None:
        raise AddError("the claim repository has input errors (above); fix them first")
    repo, evidence = outcome.repository, outcome.evidence
    assert repo is not None
    if evidence is None:
        notices = "; ".join(outcome.report.notices)
        raise AddError(f"no evidence archive to add the snapshot to: {notices}")
    archive = evidence.archive.root
    digest = sha256_of(data)
    for other in repo.sources.values():
        if other.snapshot is not None and other.snapshot.sha256 == digest:
            raise AddError(
                f"this text is already archived as {other.snapshot.file}, the snapshot of "
                f"source '{other.id}'; cite that source instead of adding it again"
            )
    name = snapshot_name(next_number(archive), data)
    source = _source_record(request, Snapshot(file=name, sha256=digest))
    if source.id in repo.sources:
        where = repo.locate("source", source.id)
        raise AddError(
            f"source id '{source.id}' is already defined at {where}; choose another with --id"
        )
    project = find_project(request.cwd)
    folder = _claim_folder(project.claim_paths())
    claim_path = folder / f"{source.id}.yaml"
    snapshot_path = archive / name
    index_path = archive / INDEX_NAME
    _inside(claim_path.parent, project.root, "project")
    _inside(index_path.parent, archive, "archive")
    for path in (claim_path, snapshot_path):
        if path.exists() or path.is_symlink():
            raise AddError(f"{path} already exists; sources add never overwrites a file")
    if index_path.is_symlink() or (index_path.exists() and not index_path.is_file()):
        raise AddError(f"{index_path} is not a plain file; replace it with the index or remove it")
    entry = IndexEntry(
        file=name,
        sha256=digest,
        source=source.id,
        published=source.published.isoformat(),
        publisher=source.publisher,
        title=source.title,
        url=source.url or "",
    )
    return AddPlan(
        source=source,
        snapshot_path=snapshot_path,
        claim_path=claim_path,
        index_path=index_path,
        claim_text=claim_file_text(source, dt.date.today()),
        index_text=index_with(archive, entry),
        data=data,
    )


def write(plan: AddPlan) -> None:
    """Snapshot, then claim file, then index; a failure removes what this call wrote."""
    create(plan.snapshot_path, plan.data)
    try:
        create(plan.claim_path, plan.claim_text.encode("utf-8"))
    except BaseException:
        plan.snapshot_path.unlink(missing_ok=True)
        raise
    write_text(plan.index_path, plan.index_text)


def run(request: AddRequest, color: bool) -> int:
    from aidcheck.evidence.document import analyse
    from aidcheck.render.workflow import render_added, visible

    try:
        data = read_input(request.input, sys.stdin.buffer)
        plan = plan_add(request, data)
        if not request.dry_run:
            write(plan)
    except AddError as exc:
        print(f"aidcheck: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(
            f"aidcheck: error: cannot write {visible(str(exc.filename))}: {exc.strerror}; "
            "nothing was added (check the folder's permissions and free space)",
            file=sys.stderr,
        )
        return EXIT_INPUT
    print(render_added(plan, analyse(data), request.dry_run, color), end="")
    return 0
