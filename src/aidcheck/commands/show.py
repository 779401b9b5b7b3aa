"""`aidcheck show`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from aidcheck.commands.loading import load
from aidcheck.lookup import show
from aidcheck.render.show import render
from aidcheck.safetext import visible
from aidcheck.verify import EXIT_INPUT


def run(query: str, fmt: str, color: bool, archive: Path | None = None) -> int:
    outcome = load(archive, color, run_checks=False)
    if outcome is None or outcome.repository is None:
        return EXIT_INPUT
    result = show(outcome.repository, query, outcome.evidence, citations=True)
    if fmt == "json":
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(render(result, color), end="")
    if not result.matches:
        if fmt == "json":
            print(visible(f"no claim matches '{query}'"), file=sys.stderr)
        return 1
    return 0
