"""Knowledge the coder reads: gazetteers and lexicons as data files under knowledge/data, each with a loader."""

from . import countries, organisations, persons, roles

__all__ = ["countries", "organisations", "persons", "roles"]
