"""What a worker needs to build its coder, kept light: the command line imports it before any model loads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..coder import Coder


@dataclass(frozen=True)
class CoderSpec:
    """How to build the coder, as plain data a worker process or a Dask worker can receive (the coder itself, with
    its model, is built where it runs)."""

    dictionaries: str | None = None
    dictionaries_mode: str = "merge"
    ontology: str | None = None
    nested_codes: str = "rules"
    paired_codes: str = "symmetric"

    def build(self) -> Coder:
        from ..coder import Coder

        loaded = None
        if self.dictionaries is not None:
            from ..dictionaries.actor_codes import load_dictionaries

            loaded = load_dictionaries(self.dictionaries, ontology=self.ontology)
        return Coder(dictionaries=loaded, dictionaries_mode=self.dictionaries_mode, nested_codes=self.nested_codes,
                     paired_codes=self.paired_codes)
