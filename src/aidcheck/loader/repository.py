"""Load a claim repository: every file, every cross-reference, every problem with its place."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aidcheck.codes import InputCode
from aidcheck.findings import Argument, Location, Message, Problem
from aidcheck.limits import Limits
from aidcheck.loader import messages as say
from aidcheck.loader.defaults import apply_defaults
from aidcheck.loader.listing import LoadProblem, collect_files
from aidcheck.loader.references import check_references
from aidcheck.loader.yamlnodes import (
    Document,
    PathKey,
    YamlLimitError,
    YamlSyntaxError,
    from_cache,
    parse,
    to_cache,
)
from aidcheck.model.base import share_fields_sets
from aidcheck.model.claim import Claim
from aidcheck.model.files import RepositoryFile
from aidcheck.model.registry import Metric, Programme, Region
from aidcheck.model.relations import Relation, Suppression
from aidcheck.model.source import Source
from aidcheck.model.units import UnitsSection, UnitTable, builtin_units
from aidcheck.safeio import UnsafeFile, read_regular
from aidcheck.workers import map_shards

if TYPE_CHECKING:
    from aidcheck.cache import Cache


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a loaded object was written: its file and its path inside the document."""

    file: Path
    path: PathKey


@dataclass
class Repository:
    root: Path
    files: list[Path] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    claim_source: dict[str, str] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    # Suppressions have no id; each is located as ("suppression", its index in this list).
    suppressions: list[Suppression] = field(default_factory=list)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    documents: dict[Path, Document] = field(default_factory=dict)
    # The built-in units extended by the repository's `units` sections (docs/claims.md).
    units: UnitTable = field(default_factory=builtin_units)
    # display_path resolves paths on the file system; findings ask for the same few files often.
    _shown: dict[Path, str] = field(default_factory=dict, repr=False, compare=False)

    def source_of(self, claim: Claim) -> Source:
        return self.sources[self.claim_source[claim.id]]

    def display_path(self, path: Path) -> str:
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                shown = path.as_posix()
            self._shown[path] = shown
        return shown

    def locate(self, kind: str, ident: str, *fields: str | int) -> Location:
        """The 1-based location of an object (kind: claim, source, metric, ...) or a field of it."""
        origin = self.origins[(kind, ident)]
        doc = self.documents[origin.file]
        pos = doc.position((*origin.path, *fields))
        return Location(path=self.display_path(origin.file), line=pos.line, column=pos.column)

    def claim_location(self, claim_id: str, *fields: str | int) -> Location:
        return self.locate("claim", claim_id, *fields)

    def claims_by_metric(self) -> dict[str, list[Claim]]:
        grouped: dict[str, list[Claim]] = {}
        for claim in self.claims.values():
            grouped.setdefault(claim.metric, []).append(claim)
        return grouped


@dataclass
class LoadResult:
    repository: Repository
    problems: list[LoadProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_repository(
    root: Path,
    paths: Iterable[Path],
    known_rules: Collection[str],
    *,
    limits: Limits | None = None,
    roots: Sequence[Path] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
) -> LoadResult:
    """Load the claim files under `paths`. `known_rules` holds the rule codes and names a
    suppression may name (`aidcheck.rules.names()`): the loader is given them rather than
    asking the rule registry, which sits above it. Links are followed only to files below
    `roots` (default: the project root and the named paths themselves, resolved). With a
    `cache`, a file read before (same bytes, same limits, same aidcheck) is not parsed again;
    it is still read through the same bounds, and validated as if it were new. `jobs`
    processes may share the parsing and validation of the files (`aidcheck.workers`); the
    result is the same whatever their number."""
    paths = list(paths)
    limits = limits or Limits()
    if roots is None:
        roots = [root.resolve(), *(p.resolve() for p in paths)]
    repo = Repository(root=root)
    result = LoadResult(repository=repo)
    files, walk_problems = collect_files(paths, roots, limits, Path(os.path.abspath(root)))
    result.problems.extend(walk_problems)
    # Each file is read first; the few that may extend the unit table are parsed next, since
    # every claim's figure is read with the whole table; then each file is parsed (if it was
    # not) and validated in turn, and its raw data let go before the next: the raw data of all
    # files together took more memory than their models. Problems keep the order of a run that
    # parses every file, then extends the units, then validates every file.
    loads: list[_Loading] = []
    for path in files:
        repo.files.append(path)
        loads.append(_read(path, repo, limits))
    for loading in loads:
        if loading.raw is not None and _may_define_units(loading.raw):
            _load_file(loading, repo, limits, cache)
    units = LoadResult(repository=repo)
    for loading in loads:
        if loading.data is not None:
            _extend_units(loading.path, loading.data, repo, units)
    checked = LoadResult(repository=repo)
    parsed: list[tuple[Path, RepositoryFile]] = []

    def settle(shard: Sequence[_Loading]) -> list[_Settled]:
        return [_settle(loading, repo, limits, cache) for loading in shard]

    for settled in map_shards(settle, loads, jobs, min_per_job=FILES_PER_JOB):
        if settled.document is not None:
            repo.documents[settled.path] = settled.document
        result.problems.extend(settled.problems)
        checked.problems.extend(settled.invalid)
        if settled.model is not None:
            share_fields_sets(settled.model)
            parsed.append((settled.path, settled.model))
    result.problems.extend(units.problems)
    result.problems.extend(checked.problems)
    for path, model in parsed:
        _register(path, model, repo, result, limits)
    result.problems.extend(
        LoadProblem(code, problem) for code, problem in check_references(repo, known_rules)
    )
    result.problems = _capped(result.problems, limits)
    return result


def _capped(problems: list[LoadProblem], limits: Limits) -> list[LoadProblem]:
    """At most `limits.problems_per_file` problems for each file, and one that counts the rest."""
    kept: list[LoadProblem] = []
    count: dict[str, int] = {}
    for item in problems:
        if item.code == InputCode.LIMIT:
            kept.append(item)
            continue
        locations = item.problem.locations
        path = locations[0].path if locations else ""
        count[path] = count.get(path, 0) + 1
        if count[path] <= limits.problems_per_file:
            kept.append(item)
    for path, n in count.items():
        if n > limits.problems_per_file:
            more = n - limits.problems_per_file
            message = (
                f"{more} more input problems in this file are not listed; fix the ones above "
                f"first ({limits.hint('problems_per_file')})"
            )
            kept.append(
                LoadProblem(
                    InputCode.LIMIT,
                    Problem(message=message, locations=[Location(path=path, line=1)]),
                )
            )
    return kept


def _add(
    result: LoadResult,
    message: Message,
    arguments: Mapping[str, Argument],
    *locations: Location,
    claims: list[str] | None = None,
) -> None:
    """Record an input problem worded by `message` (whose id starts with its input code)."""
    code = InputCode(message.id.split(".")[0])
    problem = message.problem(arguments, locations=list(locations), claims=claims)
    result.problems.append(LoadProblem(code, problem))


def _extend_units(path: Path, data: dict[str, Any], repo: Repository, result: LoadResult) -> None:
    """Add a file's `units` section to the repository's unit table, before any figure is read
    (claims in every file may use the units any file defines)."""
    raw = data.get("units")
    if raw is None:
        return
    shown, doc = repo.display_path(path), repo.documents[path]
    try:
        section = UnitsSection.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            error = {**error, "loc": ("units", *error["loc"])}
            _add_schema_error(result, shown, doc, error)
        return
    repo.units, errors = repo.units.extended(section)
    for message in errors:
        pos = doc.position(("units",), prefer_key=True)
        _add(
            result,
            say.UNITS,
            {"reason": message},
            Location(path=shown, line=pos.line, column=pos.column),
        )


def _validate(
    path: Path, data: dict[str, Any], repo: Repository, result: LoadResult, limits: Limits
) -> RepositoryFile | None:
    try:
        return RepositoryFile.model_validate(data, context={"units": repo.units})
    except ValidationError as exc:
        shown, doc = repo.display_path(path), repo.documents[path]
        before = len(result.problems)
        errors = exc.errors(include_url=False)
        for error in errors[: limits.problems_per_file]:
            _add_schema_error(result, shown, doc, error)
        _drop_repeats(result, before)  # an error in `defaults` is inherited by many claims
        if len(errors) > limits.problems_per_file:
            _add(
                result,
                say.MORE_SCHEMA_PROBLEMS,
                {
                    "more": len(errors) - limits.problems_per_file,
                    "hint": limits.hint("problems_per_file"),
                },
                Location(path=shown, line=1),
            )
        return None


@dataclass(slots=True)
class _Loading:
    """One claim file on its way to a model: its bytes, its parsed data, its problems so far."""

    path: Path
    raw: bytes | None = None
    data: dict[str, Any] | None = None
    loaded: bool = False
    problems: list[LoadProblem] = field(default_factory=list)


FILES_PER_JOB = 100
"""Files are parsed and validated in several processes only by this many or more to a process."""


@dataclass(slots=True)
class _Settled:
    """What one file came to: its document and model (None where it went wrong), the problems
    of reading and parsing it, and those of validating it (reported after the units')."""

    path: Path
    document: Document | None
    model: RepositoryFile | None
    problems: list[LoadProblem]
    invalid: list[LoadProblem]


def _settle(loading: _Loading, repo: Repository, limits: Limits, cache: Cache | None) -> _Settled:
    """Parse a file read by `_read` (unless the units pass did) and validate it; its raw data is
    let go before the next file's, since the raw data of all files took more memory than their
    models. Reads `repo` (the unit table, paths) and changes nothing in it: it may run in
    another process (`load_repository`'s jobs)."""
    if not loading.loaded:
        _load_file(loading, repo, limits, cache)
    document = repo.documents.get(loading.path)
    data, loading.data, loading.raw = loading.data, None, None
    checked = LoadResult(repository=repo)
    model = None
    if data is not None:
        model = _validate(loading.path, data, repo, checked, limits)
        if document is not None:
            document.data = None
        del data
    return _Settled(loading.path, document, model, loading.problems, checked.problems)


def _may_define_units(raw: bytes) -> bool:
    """False only when the file cannot have a `units` section: the key is written with the
    letters `units`, or with an escape (a backslash) in a quoted key."""
    return b"units" in raw or b"\\" in raw


def _read(path: Path, repo: Repository, limits: Limits) -> _Loading:
    loading = _Loading(path)
    shown = repo.display_path(path)
    sink = LoadResult(repository=repo, problems=loading.problems)
    try:
        loading.raw = read_regular(path, limits.file_bytes)
    except UnsafeFile as exc:
        if exc.too_large:
            _add(
                sink,
                say.FILE_TOO_LARGE,
                {
                    "reason": exc.reason,
                    "limit": limits.file_bytes,
                    "hint": limits.hint("file_bytes"),
                },
                Location(path=shown, line=1),
            )
        else:
            _add(
                sink,
                say.UNREADABLE,
                {"reason": exc.reason},
                Location(path=shown, line=1),
            )
    except OSError as exc:
        _add(
            sink,
            say.UNREADABLE,
            {"reason": str(exc.strerror or exc)},
            Location(path=shown, line=1),
        )
    return loading


def _load_file(loading: _Loading, repo: Repository, limits: Limits, cache: Cache | None) -> None:
    """Parse a file read by `_read` (or take its parse from the cache) into `loading.data`."""
    loading.loaded = True
    if loading.raw is not None:
        sink = LoadResult(repository=repo, problems=loading.problems)
        loading.data = _parsed(loading.path, loading.raw, repo, sink, limits, cache)


def _parsed(
    path: Path,
    raw: bytes,
    repo: Repository,
    result: LoadResult,
    limits: Limits,
    cache: Cache | None,
) -> dict[str, Any] | None:
    shown = repo.display_path(path)
    key = f"{hashlib.sha256(raw).hexdigest()}|{limits!r}" if cache is not None else ""
    doc = from_cache(cache.get("document", key), raw, limits) if cache is not None else None
    if doc is None:
        doc = _parse(raw, shown, result, limits)
        if doc is None:
            return None
        if cache is not None and (entry := to_cache(doc)) is not None:
            cache.put("document", key, entry)
    repo.documents[path] = doc
    for dup in doc.duplicates:
        where = ".".join(str(p) for p in (*dup.path, dup.key))
        _add(
            result,
            say.DUPLICATE_KEY,
            {"key": where, "first_line": dup.first.line},
            Location(path=shown, line=dup.second.line, column=dup.second.column),
            Location(path=shown, line=dup.first.line, column=dup.first.column),
        )
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        _add(
            result,
            say.NOT_A_MAPPING,
            {},
            Location(path=shown, line=1),
        )
        return None
    for marked in doc.unreviewed:
        pos = doc.position(marked)
        _add(
            result,
            say.UNREVIEWED,
            {"field": _dotted(marked) or "(top level)"},
            Location(path=shown, line=pos.line, column=pos.column),
        )
    apply_defaults(doc)
    return doc.data


def _parse(raw: bytes, shown: str, result: LoadResult, limits: Limits) -> Document | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        _add(
            result,
            say.NOT_UTF8,
            {},
            Location(path=shown, line=line, column=column),
        )
        return None
    try:
        doc = parse(text, limits, source=raw)
    except YamlSyntaxError as exc:
        _add(
            result,
            say.YAML_LIMIT if isinstance(exc, YamlLimitError) else say.MALFORMED,
            {"reason": exc.message},
            Location(path=shown, line=exc.position.line, column=exc.position.column),
        )
        return None
    return doc


def _add_schema_error(result: LoadResult, shown: str, doc: Document, error: Any) -> None:
    path = _data_path(error["loc"], doc, missing=error["type"] == "missing")
    extra_key = error["type"] == "extra_forbidden"
    pos = doc.position(path, prefer_key=extra_key or error["type"] == "missing")
    field_path = _dotted(doc.resolve(path)) or "(top level)"
    name = str(error["loc"][-1]) if error["loc"] else ""
    if extra_key:
        said, arguments = say.UNKNOWN_FIELD, {"field": field_path, "name": name}
    elif error["type"] == "missing":
        said, arguments = say.REQUIRED_FIELD, {"field": field_path, "name": name}
    else:
        reason = str(error["msg"]).removeprefix("Value error, ")
        said, arguments = say.INVALID_VALUE, {"field": field_path, "reason": reason}
    _add(
        result,
        said,
        arguments,
        Location(path=shown, line=pos.line, column=pos.column),
    )


def _drop_repeats(result: LoadResult, start: int) -> None:
    seen: set[tuple[str, str]] = set()
    kept = result.problems[:start]
    for found in result.problems[start:]:
        key = (found.problem.message, str(found.problem.locations))
        if key not in seen:
            seen.add(key)
            kept.append(found)
    result.problems[:] = kept


def _data_path(loc: tuple[Any, ...], doc: Document, missing: bool) -> PathKey:
    """The document path a pydantic error location points at, skipping union-branch labels."""
    path: list[str | int] = []
    for i, part in enumerate(loc):
        candidate = (*path, part)
        if doc.has(candidate) or (missing and i == len(loc) - 1):
            path.append(part)
    return tuple(path)


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _register(
    path: Path, model: RepositoryFile, repo: Repository, result: LoadResult, limits: Limits
) -> None:
    shown = repo.display_path(path)
    doc = repo.documents[path]

    def here(*p: str | int) -> Location:
        pos = doc.position(p)
        return Location(path=shown, line=pos.line, column=pos.column)

    def claim_once(kind: str, ident: str, where: PathKey) -> bool:
        previous = repo.origins.get((kind, ident))
        if previous is not None:
            first = repo.locate(kind, ident)
            _add(
                result,
                say.DUPLICATE_ID,
                {"kind": kind, "ident": ident, "first": str(first)},
                here(*where),
                first,
                claims=[ident] if kind == "claim" else [],
            )
            return False
        repo.origins[(kind, ident)] = Origin(path, where)
        return True

    file_source: str | None = None
    if isinstance(model.source, Source):
        file_source = model.source.id
        if claim_once("source", model.source.id, ("source",)):
            repo.sources[model.source.id] = model.source
    elif isinstance(model.source, str):
        file_source = model.source
    registries: tuple[tuple[str, str, Sequence[Any], dict[str, Any]], ...] = (
        ("metric", "metrics", model.metrics, repo.metrics),
        ("region", "regions", model.regions, repo.regions),
        ("programme", "programmes", model.programmes, repo.programmes),
        ("relation", "relations", model.relations, repo.relations),
    )
    for kind, section, items, registry in registries:
        for i, item in enumerate(items):
            ident = item.code if kind == "region" else item.id
            if claim_once(kind, ident, (section, i)):
                registry[ident] = item
    for i, suppression in enumerate(model.suppressions):
        repo.origins[("suppression", str(len(repo.suppressions)))] = Origin(
            path, ("suppressions", i)
        )
        repo.suppressions.append(suppression)
    for i, claim in enumerate(model.claims):
        if not claim_once("claim", claim.id, ("claims", i)):
            continue
        repo.claims[claim.id] = claim
        if len(claim.quote) > limits.quote_chars:
            _add(
                result,
                say.QUOTE_TOO_LONG,
                {
                    "claim": claim.id,
                    "length": len(claim.quote),
                    "limit": limits.quote_chars,
                    "hint": limits.hint("quote_chars"),
                },
                here("claims", i, "quote"),
                claims=[claim.id],
            )
        cited = claim.source or file_source
        if cited is None:
            _add(
                result,
                say.NO_SOURCE,
                {"claim": claim.id},
                here("claims", i),
                claims=[claim.id],
            )
        else:
            repo.claim_source[claim.id] = cited
