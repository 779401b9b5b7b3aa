"""Typed models of aidcheck's domain: quantities, claims, sources, registries."""
