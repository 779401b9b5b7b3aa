"""aidcheck: check the figures published about health poverty alleviation against their sources."""

__version__ = "0.1.0"
