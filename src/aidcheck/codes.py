"""The codes of input errors: problems with the input itself, which stop a run (exit 2).

The loader, the configuration reader and `verify` report them by these names, never by a
literal code; the load rules (`aidcheck.rules.load`) describe each one for `aidcheck rules`, and
a test keeps the two in step. Nothing here imports anything of aidcheck, so every layer may use
the codes.
"""

from __future__ import annotations

from enum import StrEnum


class InputCode(StrEnum):
    YAML_SYNTAX = "L001"
    DUPLICATE_KEY = "L002"
    SCHEMA = "L003"
    UNKNOWN_METRIC = "L004"
    UNKNOWN_REGION = "L005"
    UNKNOWN_SOURCE = "L006"
    UNKNOWN_PROGRAMME = "L007"
    DUPLICATE_ID = "L008"
    UNKNOWN_CLAIM = "L009"
    NO_INPUT = "L010"
    CONFIG = "L011"
    LIMIT = "L012"
    UNKNOWN_DIMENSION = "L013"
    UNKNOWN_RELATION = "L014"
    ARCHIVE_NOT_FOUND = "C100"
