"""Thin command functions: each takes parsed arguments, prints, and returns an exit code."""
