"""Imports every gold set reader so that each registers itself (one module per set)."""

from . import plover_gsr  # noqa: F401
