"""The layering contract of docs/architecture.md, read from the import graph of the source.

Each module belongs to one layer; a module may import its own layer and the layers below it,
never one above. Every import counts: at module level, inside functions, and under
TYPE_CHECKING. The few edges that point up are listed in ALLOWED with the reason, and the list
must stay exact (an allowed edge that is gone is removed from it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first. A name is a module or a package of aidcheck; the longest match decides.
LAYERS: list[tuple[str, ...]] = [
    (
        "aidcheck",  # __init__: the version
        "aidcheck.severity",
        "aidcheck.codes",
        "aidcheck.limits",
        "aidcheck.safeio",
        "aidcheck.atomic",
        "aidcheck.repopaths",
        "aidcheck.crash",
        "aidcheck.safetext",
        "aidcheck.runinfo",
        "aidcheck.collector",
        "aidcheck.cache",
        "aidcheck.workers",
    ),
    ("aidcheck.findings",),
    ("aidcheck.model",),
    ("aidcheck.numbers",),
    ("aidcheck.config",),
    ("aidcheck.loader",),
    ("aidcheck.evidence",),
    ("aidcheck.extraction",),
    ("aidcheck.rules",),
    (
        "aidcheck.engine",
        "aidcheck.settings",
        "aidcheck.gating",
        "aidcheck.changes",
        "aidcheck.weakening",
    ),
    ("aidcheck.verify", "aidcheck.fullrun", "aidcheck.runcache"),
    ("aidcheck.lookup", "aidcheck.sources"),
    ("aidcheck.render",),
    ("aidcheck.commands",),
    ("aidcheck.cli", "aidcheck.__main__"),
]

ALLOWED: dict[tuple[str, str], str] = {
    # A claim's figure text is read by the number reader while the claim is validated, and the
    # unit table folds traditional characters with the reader's table; both imports are inside
    # functions, so importing the model does not load the reader.
    ("aidcheck.model.claim", "aidcheck.numbers"): "figures are typed on validation",
    ("aidcheck.model.units", "aidcheck.numbers.folding"): "one folding table",
    # The recording commands' results are defined beside the commands (type names only).
    ("aidcheck.render.workflow", "aidcheck.commands.figure"): "TYPE_CHECKING: FigureReading",
    ("aidcheck.render.workflow", "aidcheck.commands.sources_add"): "TYPE_CHECKING: AddPlan",
}


def layer_of(module: str) -> int:
    best, found = -1, -1
    for index, names in enumerate(LAYERS):
        for name in names:
            inside = module.startswith(name + ".") and name != "aidcheck"  # its __init__ only
            if (module == name or inside) and len(name) > best:
                best, found = len(name), index
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every aidcheck module `path` imports, wherever the import statement is."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("aidcheck"))
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: use absolute imports"
            base = node.module or ""
            if not base.startswith("aidcheck"):
                continue
            if base == "aidcheck":  # `from aidcheck import rules`: the submodule
                out.update(f"aidcheck.{a.name}" for a in node.names if a.name != "__version__")
                if any(a.name == "__version__" for a in node.names):
                    out.add("aidcheck")
            else:
                out.add(base)
    return out


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted((SRC / "aidcheck").rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in graph() if layer_of(m) < 0]
    assert not unplaced, f"give these modules a layer (docs/architecture.md): {unplaced}"


def upward_edges() -> set[tuple[str, str]]:
    edges: set[tuple[str, str]] = set()
    for module, targets in graph().items():
        for target in targets:
            if layer_of(target) > layer_of(module):
                edges.add((module, target))
    return edges


def test_no_layer_imports_a_layer_above_it() -> None:
    unexpected = sorted(upward_edges() - set(ALLOWED))
    assert not unexpected, (
        "these imports point up a layer (see docs/architecture.md for what each layer may "
        f"import): {unexpected}"
    )


def test_every_allowed_exception_still_exists() -> None:
    assert set(ALLOWED) <= upward_edges(), sorted(set(ALLOWED) - upward_edges())


@pytest.mark.parametrize(
    ("module", "target", "upward"),
    [
        ("aidcheck.loader.references", "aidcheck.rules", True),
        ("aidcheck.rules.agreement", "aidcheck.engine", True),
        ("aidcheck.render.text", "aidcheck.commands.verify", True),
        ("aidcheck.engine", "aidcheck.rules.base", False),
        ("aidcheck.commands.show", "aidcheck.render.show", False),
    ],
)
def test_the_contract_tells_up_from_down(module: str, target: str, upward: bool) -> None:
    assert (layer_of(target) > layer_of(module)) is upward


def test_a_module_outside_every_named_layer_has_none() -> None:
    assert layer_of("aidcheck") == 0
    assert layer_of("aidcheck.something_new") == -1
