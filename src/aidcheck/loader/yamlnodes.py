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
    """The data of one YAML document and the position of every node in it."""

    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    duplicates: list[DuplicateKey] = field(default_factory=list)

    def position(self, path: PathKey, *, prefer_key: bool = False) -> Position:
        """The position of the deepest known node on `path` (the whole document at worst)."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefer_key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return Position(1, 1)


class YamlSyntaxError(Exception):
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
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(what or "malformed YAML", where) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), Position(1, 1)) from None
    finally:
        loader.dispose()
    doc = Document(data=None)
    if node is not None:
        doc.data = _build(node, (), doc, loader)
    return doc


def _build(node: yaml.Node, path: PathKey, doc: Document, loader: Any) -> Any:
    doc.values[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            if not isinstance(key, str | int):
                key = str(key)
            child = (*path, key)
            if key in result:
                first = doc.keys[child]
                doc.duplicates.append(DuplicateKey(path, str(key), first, _position(key_node)))
                continue  # keep the first; the duplicate is reported as an input error
            doc.keys[child] = _position(key_node)
            result[key] = _build(value_node, child, doc, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader) for i, item in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: yaml.Node, loader: Any) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return loader.construct_object(node, deep=True)
    return loader.construct_object(node)
