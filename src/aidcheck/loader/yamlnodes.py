"""YAML with positions: parse with the C loader and keep the line and column of every node.

PyYAML's loaders hand back plain Python objects and forget where each came from, and they keep
the last of two equal mapping keys without a word. We compose the node graph (in C), build the
objects ourselves, and record a 1-based position for every path in the document, so a schema
error can name the line of the field it is about, and a repeated key is reported, not lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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


@dataclass(slots=True)
class Document:
    """The data of one YAML document, its node graph, and the duplicate keys found in it.

    Positions are looked up on demand by walking the node graph along a path, so that parsing
    a large repository builds no index that is rarely read.
    """

    data: Any
    root: yaml.Node | None = None
    duplicates: list[DuplicateKey] = field(default_factory=list)
    # Paths whose value was copied from elsewhere in the document (a claim's scope from the
    # file's `defaults`): positions and error paths are those of the place it was written.
    aliases: dict[PathKey, PathKey] = field(default_factory=dict)

    def resolve(self, path: PathKey) -> PathKey:
        """`path` with an aliased prefix replaced by the path it was copied from."""
        if self.aliases:
            for end in range(len(path), 0, -1):
                origin = self.aliases.get(path[:end])
                if origin is not None:
                    return (*origin, *path[end:])
        return path

    def node(self, path: PathKey) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The value node and (for a mapping entry) the key node at `path`, if present."""
        node, key_node = self.root, None
        for part in self.resolve(path):
            key_node = None
            if isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if k.value == part or (isinstance(part, int) and k.value == str(part)):
                        found = (k, v)
                        break
                if found is None:
                    return None, None
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return None, None
                node = node.value[part]
            else:
                return None, None
        return node, key_node

    def has(self, path: PathKey) -> bool:
        return self.node(path)[0] is not None

    def position(self, path: PathKey, *, prefer_key: bool = False) -> Position:
        """The position of the deepest existing node on `path` (the document start at worst)."""
        for end in range(len(path), -1, -1):
            value, key = self.node(path[:end])
            if value is None:
                continue
            if prefer_key and key is not None:
                return _position(key)
            return _position(value)
        return Position(1, 1)


class YamlSyntaxError(Exception):
    """A document that cannot be read, at the place of the problem; the message says what to
    do."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def parse(text: str) -> Document:
    """Parse one YAML document; raise YamlSyntaxError with the position of the problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        raise YamlSyntaxError(f"{what}; check the indentation and quoting here", where) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), Position(1, 1)) from None
    finally:
        loader.dispose()
    doc = Document(data=None, root=node)
    if node is not None:
        try:
            doc.data = _build(node, (), doc, loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
            hint = "; write plain values: tags and merge keys (<<) are not read"
            raise YamlSyntaxError(f"{exc.problem or 'unreadable value'}{hint}", where) from None
        except RecursionError:
            raise YamlSyntaxError("the document is nested too deeply", Position(1, 1)) from None
    return doc


_STR_TAG = "tag:yaml.org,2002:str"


def _build(node: yaml.Node, path: PathKey, doc: Document, loader: Any) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return node.value
        try:
            return loader.construct_object(node)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. the date 2019-02-30
            raise YamlSyntaxError(
                f"cannot read the value '{node.value}' ({exc}); quote it to keep it as text",
                _position(node),
            ) from None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, doc, loader)
            if not isinstance(key, str | int):
                key = str(key)
            if key in result:
                doc.duplicates.append(
                    DuplicateKey(path, str(key), _position(first_seen[key]), _position(key_node))
                )
                continue  # keep the first; the duplicate is reported as an input error
            first_seen[key] = key_node
            result[key] = _build(value_node, (*path, key), doc, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
