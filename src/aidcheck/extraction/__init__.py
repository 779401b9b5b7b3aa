"""Extraction: every figure in an article's body, with its sentence, the claim that covers it,
and (for stub claims) guesses at its period, scope and metric.

A thin consumer of the number reader (`aidcheck.numbers.find_figures`) and of the snapshot
analysis (`aidcheck.evidence.document.analyse`): what counts as a figure is the reader's
decision; what counts as the body (not boilerplate, damaged or duplicated text) is the
analysis's. This package only places each figure in its sentence and compares it with claims.
"""
