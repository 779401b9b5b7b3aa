"""Per-file defaults: a claim file's `defaults` section gives the `scope`, `period` and
`source` of every claim in the file that does not state its own.

The default is copied into each claim that lacks the field before the file is validated, so a
claim is the same whether it states the field or inherits it; a claim that states the field
overrides the default as a whole (no merging of keys). Each copy is recorded as an alias of the
document, so an error in an inherited value, and any finding that points at it, names the line
in `defaults` where the value is written.
"""

from __future__ import annotations

from aidcheck.loader.yamlnodes import Document

INHERITED = ("scope", "period", "source")


def apply_defaults(doc: Document) -> None:
    data = doc.data
    if not isinstance(data, dict):
        return
    defaults, claims = data.get("defaults"), data.get("claims")
    if not isinstance(defaults, dict) or not isinstance(claims, list):
        return
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            continue
        for key in INHERITED:
            if key in defaults and key not in claim:
                claim[key] = defaults[key]
                doc.aliases[("claims", i, key)] = ("defaults", key)
