"""Reading claim repositories: YAML with positions, typed models, cross-references."""
