"""Evaluation against gold data; `seed` scores the hand-coded example article(s) in shared/examples."""

from .seed import Gold, SeedReport, load_gold, score

__all__ = ["Gold", "SeedReport", "load_gold", "score"]
