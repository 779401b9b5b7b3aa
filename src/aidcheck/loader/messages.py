"""What the loader says: one template per kind of input problem, its id prefixed by the input
code it belongs to (`L003.unknown-field` is an L003). The problem carries the id and the
arguments, so a test asserts those and a program can word an input error again from its parts.
"""

from __future__ import annotations

from aidcheck.findings import Message

UNREADABLE = Message("L001.unreadable", "cannot read the file: {reason}")
NOT_UTF8 = Message("L001.encoding", "the file is not UTF-8 text; save it as UTF-8")
MALFORMED = Message("L001.syntax", "malformed YAML: {reason}")
DUPLICATE_KEY = Message(
    "L002",
    "key '{key}' appears twice (first at line {first_line}); YAML would keep only the last one, "
    "so remove or rename one of them",
)
NOT_A_MAPPING = Message(
    "L003.shape",
    "a claim repository file must be a mapping with sections such as 'source', 'claims', "
    "'metrics' or 'regions'",
)
UNREVIEWED = Message(
    "L003.review",
    "{field}: this value is tagged !review, a guess by 'aidcheck extract' that no one has "
    "checked; check it against the source, correct it if need be, then delete the tag",
)
UNKNOWN_FIELD = Message(
    "L003.unknown-field",
    "{field}: unknown field '{name}'; check its spelling against docs/claims.md",
)
REQUIRED_FIELD = Message("L003.required", "{field}: field '{name}' is required here")
INVALID_VALUE = Message("L003.invalid", "{field}: {reason}")
NO_SOURCE = Message(
    "L006.no-source",
    "claim '{claim}' cites no source: give the file a 'source' section or the claim a "
    "'source' field",
)
DUPLICATE_ID = Message(
    "L008",
    "{kind} id '{ident}' is defined twice (first at {first}); give each {kind} its own id",
)
FILE_TOO_LARGE = Message(
    "L012.file-size", "{reason}: a claim file may hold {limit} bytes; split it, or {hint}"
)
YAML_LIMIT = Message("L012.yaml", "{reason}")
MORE_SCHEMA_PROBLEMS = Message(
    "L012.schema-problems",
    "{more} more schema problems in this file are not listed; fix the ones above first ({hint})",
)
QUOTE_TOO_LONG = Message(
    "L012.quote",
    "the quote of claim '{claim}' has {length} characters; a quote may have {limit}: quote the "
    "sentence that states the figure, or {hint}",
)
UNITS = Message("L013", "units: {reason}")
