"""YAML with positions: parse with the C loader and keep the line and column of every node.

PyYAML's loaders hand back plain Python objects and forget where each came from, and they keep
the last of two equal mapping keys without a word. We compose the node graph (in C), build the
objects ourselves, and can give a 1-based position for every path in the document, so a schema
error can name the line of the field it is about, and a repeated key is reported, not lost.
Positions are found again from the document's source when first asked for (`Document`), so a
file no finding points into keeps no table of them.

Scalars are read by the YAML 1.2 core rules, not PyYAML's YAML 1.1 ones: `0x7E4`, `0o17`,
`1:30`, `yes`, `on` and `2019-02-14 10:00` stay text instead of silently becoming a year, a
number, a boolean or a timestamp; only decimal numbers, `true`/`false`, `null` and `YYYY-MM-DD`
dates are typed. Explicit tags other than `!!str` (`!!binary`, `!!set`, `!foo`) are refused.
Building is bounded by `Limits`: nodes built (each alias expansion counted again, so an alias
bomb stops at a fixed budget) and nesting depth.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from aidcheck.limits import Limits

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    path: PathKey
    key: str
    first: Position
    second: Position


_COLUMN_BITS = 32


def _pack(node: yaml.Node) -> int:
    mark = node.start_mark
    return (mark.line + 1) << _COLUMN_BITS | (mark.column + 1)


def _unpack(packed: int) -> Position:
    return Position(max(1, packed >> _COLUMN_BITS), max(1, packed & ((1 << _COLUMN_BITS) - 1)))


Place = Any
"""Where a node was written, in plain data: a scalar's packed line and column (`_pack`); a
mapping's `(position, {key text: (key position, value place)})`, first key wins; a sequence's
`(position, [item places])`."""


@dataclass(slots=True)
class Document:
    """The data of one YAML document, where each of its nodes was written, and the duplicate
    keys found in it.

    Where each node was written is not kept from the first parse: a claim file's positions
    took more memory than its validated models, and only the few files a finding or an input
    error points into are ever asked. The document keeps its source instead (the bytes as read,
    or the text given to `parse`), and the first question about a position parses it again and
    keeps a tree of packed positions (`Place`); parsing is deterministic, so the positions are
    those of the first parse.
    """

    data: Any
    duplicates: list[DuplicateKey] = field(default_factory=list)
    # Paths whose value was copied from elsewhere in the document (a claim's scope from the
    # file's `defaults`): positions and error paths are those of the place it was written.
    aliases: dict[PathKey, PathKey] = field(default_factory=dict)
    # Values tagged !review: guesses (by `aidcheck extract`) that no person has checked yet.
    unreviewed: list[PathKey] = field(default_factory=list)
    # False when the data holds what JSON cannot carry as it is (an integer key, a key that
    # starts with NUL): such a document is not cached.
    plain: bool = True
    # What the document was parsed from (UTF-8 bytes, a BOM allowed, or text) and with which
    # limits: positions are read from it again when first asked for.
    source: bytes | str | None = field(default=None, repr=False)
    limits: Limits | None = field(default=None, repr=False)
    _root: Place | None = field(default=None, repr=False)
    _placed: bool = field(default=False, repr=False)

    @property
    def root(self) -> Place | None:
        """The place of the document's root node (None for an empty document)."""
        if not self._placed:
            self._placed = True
            self._root = _places(self.source, self.limits)
        return self._root

    def resolve(self, path: PathKey) -> PathKey:
        """`path` with an aliased prefix replaced by the path it was copied from."""
        if self.aliases:
            for end in range(len(path), 0, -1):
                origin = self.aliases.get(path[:end])
                if origin is not None:
                    return (*origin, *path[end:])
        return path

    def node(self, path: PathKey) -> tuple[Place | None, int | None]:
        """The place of the value and (for a mapping entry) of the key at `path`, if present."""
        try:
            return self._node(path)
        except (TypeError, ValueError, IndexError):  # a place tree of the wrong shape
            return None, None

    def _node(self, path: PathKey) -> tuple[Place | None, int | None]:
        place, key = self.root, None
        for part in self.resolve(path):
            key = None
            if isinstance(place, int) or place is None:
                return None, None
            inner = place[1]
            if isinstance(inner, dict):
                entry = inner.get(part if isinstance(part, str) else str(part))
                if entry is None:
                    return None, None
                key, place = entry
            elif isinstance(part, int) and 0 <= part < len(inner):
                place = inner[part]
            else:
                return None, None
        return place, key

    def has(self, path: PathKey) -> bool:
        return self.node(path)[0] is not None

    def position(self, path: PathKey, *, prefer_key: bool = False) -> Position:
        """The position of the deepest existing node on `path` (the document start at worst)."""
        for end in range(len(path), -1, -1):
            value, key = self.node(path[:end])
            if value is None:
                continue
            packed = key if prefer_key and key is not None else value
            if not isinstance(packed, int):
                packed = packed[0] if isinstance(packed, list | tuple) and packed else 0
            return _unpack(packed) if isinstance(packed, int) and packed > 0 else Position(1, 1)
        return Position(1, 1)


class YamlSyntaxError(Exception):
    """A document that cannot be read, at the place of the problem; the message says what to
    do."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class YamlLimitError(YamlSyntaxError):
    """A document that exceeds one of the `Limits` (its `name` is the limit's)."""

    def __init__(self, message: str, position: Position, name: str) -> None:
        super().__init__(message, position)
        self.name = name


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MAX_DIGITS = 100


class _Loader(_BaseLoader):
    """The C loader with YAML 1.2 core implicit types (plus `YYYY-MM-DD` dates)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level table
    yaml_path_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - none, whatever others register

    # The composer (in C) calls these for every node. No path resolvers are registered, so
    # PyYAML's own versions come down to the implicit resolvers for a plain scalar and the
    # default tags otherwise; these give the same tags with less Python per node, and remember
    # the tag of each plain text (keys, codes and dates recur in every claim).
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _STR_TAG
                for candidate, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
                if len(_PLAIN_TAGS) >= _PLAIN_TAGS_KEPT:
                    _PLAIN_TAGS.clear()
                _PLAIN_TAGS[value] = tag
            return tag
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


_SEQ_TAG, _MAP_TAG = _TAG + "seq", _TAG + "map"
_Scalar = yaml.ScalarNode
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_KEPT = 4096


for _tag, _pattern, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+0123456789."),
    ("null", _NULL, ["~", "n", "N", ""]),
    ("timestamp", _DATE, "0123456789"),
    ("merge", re.compile(r"^<<$"), "<"),
):
    _Loader.add_implicit_resolver(_TAG + _tag, _pattern, list(_first))


def parse(text: str, limits: Limits | None = None, *, source: bytes | None = None) -> Document:
    """Parse one YAML document; raise YamlSyntaxError with the position of the problem (a
    YamlLimitError when the document exceeds `limits`). `source` is the bytes `text` was decoded
    from, kept (rather than the text, which takes more memory) to find positions again."""
    limits = limits or Limits()
    doc = Document(data=None, source=text if source is None else source, limits=limits)
    node = _compose(text)
    if node is not None:
        try:
            doc.data = _Builder(doc, limits, places=False).build(node, (), 0)[0]
        except RecursionError:
            raise YamlSyntaxError("the document is nested too deeply", Position(1, 1)) from None
    return doc


def _places(source: bytes | str | None, limits: Limits | None) -> Place | None:
    """The place tree of a document parsed before (None if it cannot be had again)."""
    if source is None:
        return None
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source
        node = _compose(text)
        if node is None:
            return None
        doc = Document(data=None)
        return _Builder(doc, limits or Limits(), places=True).build(node, (), 0)[1]
    except (YamlSyntaxError, UnicodeDecodeError, RecursionError):  # pragma: no cover - parsed once
        return None


def _compose(text: str) -> yaml.Node | None:
    """The node graph of one document, composed by the C loader."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        raise YamlSyntaxError(f"{what}; check the indentation and quoting here", where) from None
    except yaml.reader.ReaderError as exc:
        # PyYAML gives a character offset here, not a mark: turn it into a line and column.
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise YamlSyntaxError(
            f"{character} is not allowed in YAML ({exc.reason}); remove it, or write it as an "
            "escape such as \\x1b inside a double-quoted string",
            Position(line, column),
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), Position(1, 1)) from None
    except RecursionError:
        raise YamlSyntaxError("the document is nested too deeply", Position(1, 1)) from None
    finally:
        loader.dispose()
    return node


class _Builder:
    """Builds the Python data of a node graph within a budget of nodes and depth, and (with
    `places`) the tree of where each node was written."""

    __slots__ = ("budget", "doc", "limits", "places")

    def __init__(self, doc: Document, limits: Limits, *, places: bool) -> None:
        self.doc = doc
        self.limits = limits
        self.budget = limits.nodes
        self.places = places

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> tuple[Any, Place]:
        """The data of `node` and where its parts were written (0 without `places`)."""
        if node.tag == REVIEW_TAG:
            self.doc.unreviewed.append(path)
            node = _untagged(node)
        self.budget -= 1
        if self.budget < 0:
            raise self._too_many(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                value = node.value
                if len(value) <= _INTERNED_CHARS:
                    value = sys.intern(value)
            else:
                value = _scalar(node)
            return value, (_pack(node) if self.places else 0)
        if depth >= self.limits.depth:
            raise YamlLimitError(
                f"the document is nested more than {self.limits.depth} levels deep; "
                f"flatten it, or {self.limits.hint('depth')}",
                _position(node),
                "depth",
            )
        if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
            return self._mapping(node, path, depth + 1)
        if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
            items = []
            places: list[Place] = []
            for i, item in enumerate(node.value):
                if item.tag == _STR_TAG and type(item) is _Scalar:  # most items: a text
                    items.append(self._text(item))
                    if self.places:
                        places.append(_pack(item))
                    continue
                value, place = self.build(item, (*path, i), depth + 1)
                items.append(value)
                places.append(place)
            return items, ((_pack(node), places) if self.places else 0)
        raise _refused(node)

    def _text(self, node: yaml.ScalarNode) -> str:
        """`build` of a scalar tagged as text, without the calls: most nodes are one."""
        self.budget -= 1
        if self.budget < 0:
            raise self._too_many(node)
        value: str = node.value
        # Ids, codes, units and wordings recur in thousands of claims: one copy of each.
        return sys.intern(value) if len(value) <= _INTERNED_CHARS else value

    def _too_many(self, node: yaml.Node) -> YamlLimitError:
        return YamlLimitError(
            f"the document builds more than {self.limits.nodes} values (aliases count each "
            f"time they are used); split the file, or {self.limits.hint('nodes')}",
            _position(node),
            "nodes",
        )

    def _mapping(
        self, node: yaml.MappingNode, path: PathKey, depth: int
    ) -> tuple[dict[Any, Any], Place]:
        result: dict[Any, Any] = {}
        entries: dict[str, tuple[int, Place]] | None = {} if self.places else None
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and type(key_node) is _Scalar:
                key = self._text(key_node)
            else:
                key = self.build(key_node, path, depth)[0]
            if not isinstance(key, str):
                self.doc.plain = False
                if not isinstance(key, int):
                    key = str(key)
            elif key[:1] == "\x00":
                self.doc.plain = False
            if key in result:
                self.doc.duplicates.append(
                    DuplicateKey(path, str(key), _position(first_seen[key]), _position(key_node))
                )
                continue  # keep the first; the duplicate is reported as an input error
            first_seen[key] = key_node
            if value_node.tag == _STR_TAG and type(value_node) is _Scalar:
                result[key] = self._text(value_node)
                value_place = _pack(value_node) if entries is not None else 0
            else:
                result[key], value_place = self.build(value_node, (*path, key), depth)
            if (
                entries is not None
                and isinstance(key_node, yaml.ScalarNode)
                and key_node.value not in entries
            ):
                entries[key_node.value] = (_pack(key_node), value_place)
        return result, ((_pack(node), entries) if entries is not None else 0)


_INTERNED_CHARS = 64
"""Texts up to this length are interned as they are read (a quote is longer, an id shorter)."""


REVIEW_TAG = "!review"


def _untagged(node: yaml.Node) -> yaml.Node:
    """The node as if it had no tag: the value under a !review mark is read as usual."""
    if isinstance(node, yaml.ScalarNode):
        tag = _STR_TAG
        if node.style is None:
            for name, pattern in (
                ("bool", _BOOL),
                ("int", _INT),
                ("float", _FLOAT),
                ("null", _NULL),
                ("timestamp", _DATE),
            ):
                if pattern.match(node.value):
                    tag = _TAG + name
                    break
        return yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode(
            _TAG + "map", node.value, node.start_mark, node.end_mark, node.flow_style
        )
    if isinstance(node, yaml.SequenceNode):
        return yaml.SequenceNode(
            _TAG + "seq", node.value, node.start_mark, node.end_mark, node.flow_style
        )
    return node


def _refused(node: yaml.Node) -> YamlSyntaxError:
    tag = str(node.tag)
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    what = "a merge key (<<)" if tag == _TAG + "merge" else f"the tag {shown[:60]}"
    return YamlSyntaxError(
        f"{what} is not read; write plain values: tags and merge keys (<<) are not read",
        _position(node),
    )


_NULL_TAG, _BOOL_TAG, _INT_TAG = _TAG + "null", _TAG + "bool", _TAG + "int"
_FLOAT_TAG, _DATE_TAG = _TAG + "float", _TAG + "timestamp"
_TYPED_TAGS = frozenset((_NULL_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG, _DATE_TAG))


def _scalar(node: yaml.ScalarNode) -> Any:
    """A typed plain scalar (the tag its resolver gave it), by the YAML 1.2 core rules."""
    value, tag = node.value, str(node.tag)
    if tag == _DATE_TAG and _DATE.match(value):
        try:
            return _date(value)
        except ValueError as exc:  # e.g. the date 2019-02-30
            raise YamlSyntaxError(
                f"cannot read the value '{value}' ({exc}); quote it to keep it as text",
                _position(node),
            ) from None
    if tag == _NULL_TAG and _NULL.match(value):
        return None
    if tag == _BOOL_TAG and _BOOL.match(value):
        return value[0] in "tT"
    if tag == _INT_TAG and _INT.match(value):
        _digits(value, node)
        return int(value)
    if tag == _FLOAT_TAG and _FLOAT.match(value):
        _digits(value, node)
        lower = value.lower()
        return float(lower.replace(".", "") if lower[-3:] in ("inf", "nan") else value)
    if tag in _TYPED_TAGS:
        raise YamlSyntaxError(
            f"the value '{value[:60]}' is not a plain {tag.removeprefix(_TAG)}; write plain "
            "values: tags and merge keys (<<) are not read",
            _position(node),
        )
    raise _refused(node)


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    """The date `YYYY-MM-DD`; one object for each date however many claims state it."""
    return dt.date.fromisoformat(text)


def _digits(value: str, node: yaml.ScalarNode) -> None:
    if len(value) > _MAX_DIGITS:
        raise YamlSyntaxError(
            f"a number of {len(value)} characters; quote it to keep it as text, or write it as "
            "the source states it",
            _position(node),
        )


def to_cache(doc: Document) -> dict[str, Any] | None:
    """The parse of a document as JSON data for aidcheck.cache (None if it cannot be)."""
    if not doc.plain or doc.aliases:
        return None
    return {
        "data": doc.data,
        "duplicates": [
            [list(d.path), d.key, [d.first.line, d.first.column], [d.second.line, d.second.column]]
            for d in doc.duplicates
        ],
        "unreviewed": [list(p) for p in doc.unreviewed],
    }


def from_cache(value: Any, source: bytes, limits: Limits) -> Document | None:
    """A document from `to_cache` data, or None when the data is not of that shape. `source`
    is the bytes it was parsed from (its positions are read from them when asked for)."""
    try:
        doc = Document(data=value["data"], source=source, limits=limits)
        for path, key, first, second in value["duplicates"]:
            doc.duplicates.append(
                DuplicateKey(
                    _path(path), str(key), Position(*_ints(first)), Position(*_ints(second))
                )
            )
        doc.unreviewed = [_path(p) for p in value["unreviewed"]]
    except (KeyError, TypeError, ValueError):
        return None
    return doc


def _path(value: Any) -> PathKey:
    if not isinstance(value, list) or not all(isinstance(p, str | int) for p in value):
        raise ValueError("not a path")
    return tuple(value)


def _ints(value: Any) -> tuple[int, int]:
    line, column = value
    if not isinstance(line, int) or not isinstance(column, int):
        raise ValueError("not a position")
    return line, column
