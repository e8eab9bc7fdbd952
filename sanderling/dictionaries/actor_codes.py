"""Loading a folder of PETRARCH/TABARI dictionaries, and the codes its actor and agent phrases give.

`load_dictionaries` reads the folder once (actors, agents, discards, the verb file, a coding ontology) into a
`DictionarySet`, which the dictionary coder (`coding.py`) codes events with. `dictionary_code` gives the built-in
coder's actors (in `--dictionaries-mode merge`) the code of their words, the date-restricted one valid on the
document's date, with an agent code added ("Iranian soldiers" = IRN + ~MIL); where no dictionary phrase matches,
the code stays the coder's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from ..errors import Errors
from .actors import ActorIndex, build_index, code_on, longest_match, read_actors
from .agents import AgentEntry, read_agents
from .base import DictionaryError, Problem, log
from .discards import DiscardEntry, read_discards
from .ontology import Ontology, read_ontology
from .verbs import VerbDictionary, read_verbs

SHOWN_PROBLEMS = 5  # problems logged one by one when a folder is loaded; DictionarySet.problems holds them all


@dataclass
class DictionarySet:
    """The actor and agent dictionaries of one folder, indexed for matching, and what could not be read."""

    folder: str
    actors: ActorIndex
    agents: dict[tuple[str, ...], AgentEntry]
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    verbs: VerbDictionary | None = None
    discards: tuple[DiscardEntry, ...] = ()
    ontology: Ontology | None = None

    def summary(self) -> dict[str, int]:
        """What was read, in counts (`sanderling dictionaries DIR` prints them)."""
        verbs = self.verbs
        return {"files": len(self.files), "actor phrases": len(self.actors), "agent phrases": len(self.agents),
                "verb blocks": len(verbs.blocks) if verbs is not None else 0,
                "verb patterns": len(verbs.patterns) if verbs is not None else 0,
                "transformations": len(verbs.transformations) if verbs is not None else 0,
                "discards": len(self.discards),
                "ontology codes": len(self.ontology.values) if self.ontology is not None else 0,
                "problems": len(self.problems)}

    @cached_property
    def longest_agent(self) -> int:
        return max((len(k) for k in self.agents), default=0)


def load_dictionaries(folder: str | Path, ontology: str | Path | None = None) -> DictionarySet:
    """Read every `*actors*.txt`, `*agents*.txt`, `*discards*.txt`, the first verb file (`*verbs*.txt` or
    `CAMEO.*.txt`) and the first coding ontology (`*Ontology*.txt`; `ontology` names
    one elsewhere, as PETRARCH-2 keeps its own beside its code) of a folder (PETRARCH's and the Phoenix naming)."""
    folder = Path(folder)
    if folder.is_file():
        raise DictionaryError(Errors.E203.format(path=str(folder), parent=str(folder.parent)))
    if not folder.is_dir():
        raise DictionaryError(f"dictionary folder {folder} does not exist: give the folder that holds the "
                              "*.actors.txt and *.agents.txt files")
    actor_files = sorted(p for p in folder.glob("*.txt") if "actors" in p.name.lower())
    agent_files = sorted(p for p in folder.glob("*.txt") if "agents" in p.name.lower())
    if not actor_files and not agent_files:
        raise DictionaryError(f"no actor or agent dictionaries in {folder}: expected files named like "
                              "Phoenix.Countries.actors.txt or PETR.Validate.agents.txt")
    problems: list[Problem] = []
    actor_dicts = [read_actors(p) for p in actor_files]
    agents: dict[tuple[str, ...], AgentEntry] = {}
    for path in agent_files:
        read = read_agents(path)
        problems.extend(read.problems)
        for entry in read.entries:
            agents.setdefault(tuple(w.lower() for w in entry.phrase), entry)
    for d in actor_dicts:
        problems.extend(d.problems)
    verb_files = sorted(p for p in folder.glob("*.txt") if "verbs" in p.name.lower() or p.name.startswith("CAMEO."))
    verbs = read_verbs(verb_files[0]) if verb_files else None
    if verbs is not None:
        problems.extend(verbs.problems)
    discard_files = sorted(p for p in folder.glob("*.txt") if "discards" in p.name.lower())
    discards: list[DiscardEntry] = []
    for path in discard_files:
        read_list = read_discards(path)
        problems.extend(read_list.problems)
        discards.extend(read_list.entries)
    ontology_files = [Path(ontology)] if ontology is not None else \
        sorted(p for p in folder.glob("*.txt") if "ontology" in p.name.lower())
    pico = read_ontology(ontology_files[0]) if ontology_files else None
    if pico is not None:
        problems.extend(pico.problems)
    for problem in problems[:SHOWN_PROBLEMS]:
        log.warning("%s", problem)
    if len(problems) > SHOWN_PROBLEMS:
        log.warning("... %d more lines of %s were skipped or read in part: `sanderling dictionaries %s` lists them "
                    "all", len(problems) - SHOWN_PROBLEMS, folder, folder)
    return DictionarySet(str(folder), build_index(actor_dicts), agents,
                         [str(p) for p in actor_files + agent_files + verb_files[:1] + discard_files
                          + ontology_files[:1]], problems, verbs, tuple(discards), pico)


def _agent_in(dictionaries: DictionarySet, words: Sequence[str]) -> AgentEntry | None:
    """The longest agent phrase among the words ("soldiers", "foreign minister")."""
    lowered = [w.lower() for w in words]
    for n in range(min(dictionaries.longest_agent, len(lowered)), 0, -1):
        for i in range(len(lowered) - n + 1):
            entry = dictionaries.agents.get(tuple(lowered[i:i + n]))
            if entry is not None:
                return entry
    return None


def _with_agent(code: str, agent: AgentEntry | None) -> str:
    if agent is None or agent.code in code:
        return code
    return agent.code + code if agent.placement == "prefix" else code + agent.code


def dictionary_code(dictionaries: DictionarySet, words: Sequence[str], day: date | None,
                    country: str | None = None) -> str | None:
    """The code the dictionaries give a mention's words: the longest actor phrase in them (its code on `day`),
    with an agent code added; else an agent code on the coder's own country ("Iranian soldiers" -> IRNMIL); else
    None."""
    best: tuple[int, str] | None = None
    for start in range(len(words)):
        found = longest_match(dictionaries.actors, words, start)
        if found is not None and (best is None or found[0] > best[0]):
            code = code_on(found[1], day)
            if code and code not in {"---", "+++"}:
                best = (found[0], code)
    agent = _agent_in(dictionaries, words)
    if best is not None:
        return _with_agent(best[1], agent)
    if agent is not None and country:
        return _with_agent(country, agent)
    return None
