"""Events coded the PETRARCH way: a user's verb patterns and actor dictionaries over our own spaCy parse.

This is what `--dictionaries-mode replace` runs, and what `merge` adds to the built-in coder. It follows PETRARCH-2's
reading of a sentence, on a dependency parse instead of a constituency tree (the rules in full, with examples:
docs/dictionaries.md):

* **Actors** are dictionary phrases (longest match, date-restricted code chosen by the document's date). A noun
  phrase's code is its actor's code with the codes of its agent words appended ("Gondor's main opposition group" ->
  GON + MOP); an actor in an `of`/`in`/`from` phrase lends its code to the head ("Soldiers from Gondor" -> GONMIL);
  an agent heading a phrase with no actor is coded `---` + agent ("Insurgents" -> ---REB). Coordinated phrases give
  one actor each.
* **Verbs** are the dictionary's verbs, by form before lemma, multi-word ones included ("cordoned off"). The source
  is the verb's subject, else the subject (or, after "urged X to", the object) of the verb it depends on, the noun a
  relative clause describes, or the `by` agent of a passive.
* **Patterns** match in order: before `*` on the subject (PETRARCH-2) or the clause before the verb (PETRARCH-1),
  after `*` on the verb's objects and phrases; `{A B HEAD}`, `(PREP ...)`, `&SYNSET`, `^`, `%`, `+` and `$` as
  PETRARCH defines them. The pattern naming the most words wins; with none, the verb's own code or its block's.
* **Paired codes** `[a:b]`: symmetric by default (PETRARCH-1, UniversalPetrarch), `paired_codes="active-passive"`
  as PETRARCH-2 reads them.
* **Negation** through a PETRARCH coding ontology, **events about events** through `~` transformations or the
  same-source rule, **discards** by sentence and story, and PETRARCH's `require_dyad` option.
* **`nested_codes="combine"`** reads clauses as PETRARCH-2 does: main-clause events only, and a verb's complement
  combined with it through the ontology's code arithmetic ("wants to help" = 030 + 070 = 033; `Combiner`).

Not done: the comma and length limits, `new_actor_length`, issue coding.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..grammar import (DESCRIBES_NOUN, INHERITS_SUBJECT, PASSIVE_SUBJECTS, PLACE_PHRASE, SUBJECTS,
                       controlling_object, subject_token)
from .actors import code_on, longest_match
from .agents import AgentEntry
from .discards import DiscardEntry
from .ontology import Ontology
from .verbs import PETRARCH1, EventCode, PatternToken, VerbDictionary, VerbPattern

CLAUSE_CHILDREN = {"ccomp", "xcomp", "advcl"}  # clauses that are events of their own to PETRARCH-2
# phrases that lend their actor to the noun they follow ("soldiers from Gondor")
LENDING_PREPS = {"of", "in", "from", "for"}
# children that are not part of a noun phrase's own words
NOT_OWN = {"relcl", "acl", "prep", "conj", "cc", "appos", "punct", "advcl", "parataxis"}
# clauses whose actors are not the verb's target ("... after crowds trashed its embassy")
OTHER_CLAUSES = {"advcl", "parataxis", "conj", "cc", "punct", "mark", "relcl"}
NO_CODES = {"", None}
NO_CODE = EventCode("---", None, None)
SYMMETRIC, ACTIVE_PASSIVE = "symmetric", "active-passive"
RULES, COMBINE = "rules", "combine"
NESTED_CODES = (RULES, COMBINE)
# a passive verb's source and target when no `by` agent is named (PETRARCH-2's reading)
PASSIVE_SOURCE_PREPS = {"by", "from", "in"}
PASSIVE_TARGET_PREPS = {"at", "against", "into", "towards", "toward"}
Slots = dict[str, Token]  # "source" / "target" -> the token a pattern's `$` / `+` fell on
PAIRED_CODES = (SYMMETRIC, ACTIVE_PASSIVE)


@dataclass(frozen=True)
class Found:
    """An actor the dictionaries code: its code and the tokens it covers (head = the phrase's head noun)."""

    code: str
    start: int
    end: int
    head: int


@dataclass(frozen=True)
class DictionaryEvent:
    """One event from the dictionaries: trigger token index, actors, CAMEO code and the pattern that gave it."""

    trigger: int
    source: Found
    target: Found | None  # None only with require_dyad=False
    cameo: str
    pattern: VerbPattern | None


class SentenceActors:
    """Where the dictionaries find actors and agents in one sentence, token by token."""

    def __init__(self, sent: Span, index, agents: dict[tuple[str, ...], AgentEntry], longest_agent: int,
                 day: date | None):
        self.actor_at: dict[int, tuple[int, str]] = {}  # token index -> (end, code) of the actor phrase covering it
        self.agent_at: dict[int, AgentEntry] = {}
        self.agent_word: dict[int, AgentEntry] = {}  # one-word agents, also where an actor phrase covers the word
        words = [t.text for t in sent]
        lowered = [w.lower() for w in words]
        i = 0
        while i < len(words):
            found = _best_match(index, words, i, day)
            code = code_on(found[1], day) if found is not None else None
            if found is not None and code not in NO_CODES:
                for k in range(i, i + found[0]):
                    self.actor_at[sent.start + k] = (sent.start + i + found[0], code)
                i += found[0]
                continue
            i += 1
        for k, word in enumerate(lowered):
            entry = agents.get((word,))
            if entry is not None:
                self.agent_word[sent.start + k] = entry
        i = 0
        while i < len(words):
            for n in range(min(longest_agent, len(words) - i), 0, -1):
                entry = agents.get(tuple(lowered[i:i + n]))
                if entry is not None and not any(sent.start + k in self.actor_at for k in range(i, i + n)):
                    for k in range(i, i + n):
                        self.agent_at[sent.start + k] = entry
                    i += n - 1
                    break
            i += 1

    def codes_in(self, tokens: Iterable[Token]) -> tuple[list[str], list[AgentEntry]]:
        """Actor codes and agents among these tokens, each phrase once, in text order."""
        actors: list[str] = []
        agents: list[AgentEntry] = []
        seen_actor: set[int] = set()
        seen_agent: set[int] = set()
        for tok in sorted(tokens, key=lambda t: t.i):
            hit = self.actor_at.get(tok.i)
            if hit is not None and hit[0] not in seen_actor:
                seen_actor.add(hit[0])
                actors.append(hit[1])
            agent = self.agent_at.get(tok.i)
            if agent is not None and id(agent) not in seen_agent:
                seen_agent.add(id(agent))
                agents.append(agent)
        return actors, agents

    def any_in(self, tokens: Iterable[Token]) -> bool:
        return any(t.i in self.actor_at or t.i in self.agent_at for t in tokens)


def _best_match(index, words: Sequence[str], start: int, day: date | None):
    """The longest actor phrase at `start`; where several entries list the same phrase ("President Bush"), the one
    with a dated code covering the day, else the last defined (PETRARCH's later entry wins)."""
    found = longest_match(index, words, start)
    if found is None:
        return None
    n = found[0]
    key = tuple(w.lower() for w in words[start:start + n])
    same = [entry for phrase, entry in index.get(key[0], []) if phrase == key]
    if len(same) < 2:
        return found
    if day is not None:
        dated = [e for e in same if any(c.dated and c.applies(day) for c in e.codes)]
        if dated:
            return n, dated[-1]
    return n, same[-1]


def _with_agents(code: str, agents: Sequence[AgentEntry]) -> str:
    for agent in agents:
        if agent.code in code:
            continue
        code = agent.code + code if agent.placement == "prefix" else code + agent.code
    return code


def _own_tokens(head: Token) -> list[Token]:
    """The words of a noun phrase itself: its modifiers and compounds, without clauses, phrases and conjuncts."""
    out = [head]
    for child in head.children:
        if child.dep_ not in NOT_OWN:
            out.extend(child.subtree)
    return out


def _conjuncts(head: Token, found: SentenceActors) -> list[Token]:
    """The phrase and those listed with it: conjuncts, and names in apposition that are actors themselves
    ("Mordor, the Shire, Arnor and Bree", which the parser may read as an apposition) but not descriptions
    ("Osgiliath, the state's fiercest foe")."""
    out = [head]
    for tok in out:
        for c in list(tok.conjuncts) + [c for c in tok.children if c.dep_ == "appos"]:
            if c.i <= head.i or c in out:
                continue
            before = c.doc[c.i - 1]  # "Arnor and the evil awful Gondor": the name after a conjunct without one
            after_empty = any(before.i == o.i for o in out) and not found.codes_in(_own_tokens(before))[0]
            if c.dep_ == "appos" and not (c.pos_ == "PROPN" and found.codes_in(_own_tokens(c))[0] and (
                    any(t.text == "," for t in c.doc[tok.i:c.i]) or not found.codes_in(_own_tokens(tok))[0]
                    or after_empty)):
                continue  # a description, or the name of a phrase that has its own actor ("minister Calimehtar")
            out.append(c)
    return sorted(out, key=lambda t: t.i)


class NounPhrases:
    """The actors a noun phrase stands for, as PETRARCH codes them (see the module docstring)."""

    def __init__(self, found: SentenceActors, participles: bool = False):
        self.found = found
        self.participles = participles  # "a report released in the Rwandan capital" is Rwanda's (PETRARCH-2)

    def actors(self, head: Token, depth: int = 0) -> list[Found]:
        heads = _conjuncts(head, self.found) if head.dep_ != "conj" else [head]
        parts = [self._one(h, depth) for h in heads]
        shared = next((p[1] for p in parts if p[1]), [])
        out: list[Found] = []
        lent: list[AgentEntry] = []  # "Lawmakers in Fornost and Gondor": the agent reaches past the phrase
        for h, (codes, actors, agents) in zip(heads, parts):
            if not actors and agents and shared:  # "Danish media and government": the country is shared
                codes = [_with_agents(a, agents) for a in shared]
            if actors and not agents and lent:
                codes = [_with_agents(a, lent) for a in actors]
            own = _own_tokens(h)
            lent = agents if actors and agents and not self.found.codes_in(own)[0] else []
            lo, hi = min(t.i for t in own), max(t.i for t in own) + 1
            out.extend(Found(code, lo, hi, h.i) for code in codes)
        return out

    def _one(self, head: Token, depth: int) -> tuple[list[str], list[str], list[AgentEntry]]:
        # an agent inside a modifying adjective is not the phrase's ("a government-held part of Syria")
        own = [t for t in _own_tokens(head) if not (t.i != head.i and t.i in self.found.agent_at and
                                                    t.head.i != head.i and t.head.pos_ in {"ADJ", "VERB"})]
        actors, agents = self.found.codes_in(own)
        head_actor = self.found.actor_at.get(head.i)
        word_agent = self.found.agent_word.get(head.i)
        if len(actors) > 1 and head_actor is not None and word_agent is not None and head_actor[1] in actors:
            actors.remove(head_actor[1])  # "Rwanda's Senate": Rwanda's legislature, not the US Senate
            agents.append(word_agent)
        if not actors and depth < 3:
            lending = [c for c in head.children if c.dep_ == "prep" and c.lower_ in LENDING_PREPS]
            if self.participles:
                lending += [p for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                            for p in c.children if p.dep_ in {"prep", "agent"} and p.lower_ in PASSIVE_SOURCE_PREPS]
            for child in lending:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        actors = [f.code for f in self.actors(obj, depth + 1)]
                if actors:
                    break
        if actors:
            return [_with_agents(a, agents) for a in actors], actors, agents
        if agents and self.found.agent_at.get(head.i) is not None:  # "Insurgents", not "military exercises"
            return [_with_agents("---", agents)], [], agents
        return [], [], []


# ----------------------------------------------------------------------------------------------- verbs


def _verb_keys(tok: Token) -> list[str]:
    """The dictionary keys a verb token may be listed under, multi-word forms first ("cordon off", "wire tap")."""
    keys = []
    for child in tok.children:  # a particle, or a preposition right after the verb ("cordoned off the roads")
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.i == tok.i + 1):
            keys += [f"{tok.lemma_} {child.lower_}", f"{tok.lower_} {child.lower_}"]
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.is_alpha and prev.head.i == tok.i and prev.dep_ not in {"nsubj", "aux", "neg", "advmod", "auxpass"}:
            keys += [f"{prev.lower_} {tok.lemma_}", f"{prev.lower_} {tok.lower_}"]
    return keys + [tok.lower_, tok.lemma_]  # the form first: "left" may be a verb of its own ("LEFT [042:043]")


def _prep_actors(verb: Token, phrases: NounPhrases, preps: set[str]) -> list[Found]:
    """The actors named in the verb's phrases with these prepositions; a pronoun stands for the subject of the
    clause above ("Israel said a mortar bomb was fired at it": Israel)."""
    out: list[Found] = []
    for prep in verb.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    if obj.tag_ == "PRP":
                        outer = _governing_verb(verb)
                        subject = subject_token(outer)[0] if outer is not None else None
                        obj = subject if subject is not None else obj
                    out += phrases.actors(obj)
    return out


def _negated(verb: Token) -> bool:
    """A `not` on the verb, also behind adverbs ("did not even ever clash")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))
               for c in verb.children)


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _before_tokens(verb: Token, whole_clause: bool, own_words: bool = False) -> list[Token]:
    """The words a pattern's part before `*` is matched on. PETRARCH-2 patterns match the subject phrase
    ("{DEATH TOLL} *", "% *"), not adverbs ("heavily criticized" is not "HEAVILY *" in the 2018 suite);
    PETRARCH-1 patterns match the words of the clause before the verb, as TABARI read them."""
    if whole_clause:
        out = [t for c in verb.children if c.i < verb.i for t in c.subtree]
        if not any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in verb.children) and verb.dep_ in INHERITS_SUBJECT:
            head = verb.head
            out += [t for c in head.children if c.i < head.i for t in c.subtree] + [head]
        return sorted(set(out), key=lambda t: t.i)
    subject, _ = subject_token(verb)
    if subject is None or subject.i > verb.i:
        return []
    return sorted(_own_tokens(subject) if own_words else subject.subtree, key=lambda t: t.i)


def _after_tokens(verb: Token, skip: frozenset[str] | set[str] = OTHER_CLAUSES) -> list[Token]:
    out = [t for c in verb.children if c.i > verb.i and c.dep_ not in skip for t in c.subtree]
    return sorted(out, key=lambda t: t.i)


class PatternMatcher:
    """Matches one verb dictionary's patterns against a verb token's clause."""

    def __init__(self, verbs: VerbDictionary, skip: frozenset[str] | set[str] = OTHER_CLAUSES,
                 noun_words: bool = False):
        self.verbs = verbs
        self.skip = skip  # the verb's children whose words are not the pattern's
        # PETRARCH-2's reading of pattern words as noun-phrase words: before `*` only the subject's own words, not
        # its phrases ("Hundreds of UN troops" is not "&MILITARY *"); a bare word is not a preposition ("FROM +")
        self.noun_words = noun_words
        self._synsets: dict[str, list[list[str]]] = {}
        self._needs: dict[int, list[frozenset[str]]] = {}

    def _alternatives(self, token: PatternToken) -> list[list[str]]:
        if token.kind == "synset":
            name = token.text
            if name not in self._synsets:
                self._synsets[name] = [p.lower().replace("_", " ").split() for p in self.verbs.expand_synset(name)]
            return self._synsets[name]
        return [token.text.lower().replace("_", " ").split()]

    def _required(self, pattern: VerbPattern) -> list[frozenset[str]]:
        """For each word the pattern needs, the first words that can stand for it (a quick test before matching)."""
        key = id(pattern)
        if key not in self._needs:
            needs: list[frozenset[str]] = []
            stack = list(pattern.tokens)
            while stack:
                token = stack.pop()
                if token.kind in {"word", "synset"}:
                    firsts = frozenset(words[0] for words in self._alternatives(token) if words)
                    if firsts:
                        needs.append(firsts)
                elif token.kind == "prep":
                    needs.append(frozenset({token.text.lower()}))
                    stack.extend(token.parts)
                elif token.kind == "phrase":
                    stack.extend(token.parts or (PatternToken("word", token.text),))
            self._needs[key] = needs
        return self._needs[key]

    @staticmethod
    def _word_at(tok: Token, word: str) -> bool:
        return word in (tok.lower_, tok.lemma_.lower()) or (word.endswith("s") is False and tok.lower_ == word + "s")

    def _phrase_at(self, tokens: Sequence[Token], j: int, words: list[str]) -> bool:
        """The words follow one another from tokens[j] on (a multi-word pattern word, a synset member)."""
        if j + len(words) > len(tokens):
            return False
        return all(self._word_at(tokens[j + k], w) for k, w in enumerate(words))

    def _find(self, token: PatternToken, tokens: Sequence[Token], pos: int) -> tuple[int, int, Slots] | None:
        """Where a pattern token matches from tokens[pos] on: (next position, words named, actor slots filled)."""
        if token.kind in {"word", "synset"}:
            alternatives = self._alternatives(token)
            stop = pos + 1 if token.consecutive else len(tokens)
            for j in range(pos, min(stop, len(tokens))):
                if self.noun_words and tokens[j].dep_ in {"prep", "agent"}:
                    continue
                for words in alternatives:
                    if words and self._phrase_at(tokens, j, words):
                        return j + len(words), 1, {}
            return None
        if token.kind == "phrase":  # {A B HEAD}: a noun whose own words hold A and B
            *mods, head = token.parts or (PatternToken("word", token.text),)
            for j in range(pos, len(tokens)):
                if self._find(head, tokens[j:j + 1], 0) is None:
                    continue
                own = _own_tokens(tokens[j])
                own = sorted((t for t in own if t.i < tokens[j].i), key=lambda t: t.i)
                at, named = 0, 1
                for mod in mods:
                    hit = self._find(mod, own, at)
                    if hit is None:
                        break
                    at, named = hit[0], named + hit[1]
                else:  # the last modifier stands next to the head ("new global economic relations", "death and
                    last = own[at - 1] if mods else None  # injury toll", not "economic trade relations")
                    doc = tokens[j].doc
                    listed = last is not None and last.i + 1 < tokens[j].i and doc[last.i + 1].dep_ == "cc"
                    if last is None or listed or any(t.i == tokens[j].i - 1 for t in (last, *last.conjuncts)):
                        return j + 1, named, {}
            return None
        if token.kind == "prep":  # (PREP ...): the preposition, then what it governs
            for j in range(pos, len(tokens)):
                prep = tokens[j]
                if prep.lower_ != token.text.lower() or prep.dep_ not in {"prep", "agent", "dative", "prt", "mark"}:
                    continue
                # a preposition the parser took for a particle ("clash over the efforts") governs what follows
                inner = list(tokens[j + 1:]) if prep.dep_ == "prt" else sorted(prep.subtree, key=lambda t: t.i)[1:]
                result = self._sequence(token.parts, inner)
                if result is not None:
                    named, slots = result
                    end = max(t.i for t in prep.subtree) if prep.dep_ != "prt" else prep.i
                    return next((k for k in range(j + 1, len(tokens)) if tokens[k].i > end), len(tokens)), \
                        named + 1, slots
            return None
        if token.kind == "compound":  # `%`: a list of actors ("Gondor and Osgiliath have downplayed ...")
            for j in range(pos, len(tokens)):
                if tokens[j].pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "conj" for c in tokens[j].children):
                    return j + 1, 1, {}
            return None
        if token.kind in {"target", "source", "skip"}:  # `+` / `$` / `^`: the next noun phrase (an actor's place)
            for j in range(pos, len(tokens)):
                if tokens[j].pos_ in {"NOUN", "PROPN", "PRON"}:
                    head = _noun_head(tokens[j])
                    end = next((k for k in range(j + 1, len(tokens)) if tokens[k].i > head.i), len(tokens))
                    return end, 0, {token.kind: tokens[j]} if token.kind != "skip" else {}
            return None
        return pos, 0, {}

    def _sequence(self, pattern: Sequence[PatternToken], tokens: Sequence[Token]) -> tuple[int, Slots] | None:
        pos = named = 0
        slots: Slots = {}
        for token in pattern:
            hit = self._find(token, tokens, pos)
            if hit is None:
                return None
            pos, named = hit[0], named + hit[1]
            slots = {**hit[2], **slots}
        return named, slots

    def match(self, verb: Token, patterns: Sequence[VerbPattern]) -> tuple[VerbPattern, Slots] | None:
        """The matching pattern naming the most words (the later one on a tie: PETRARCH keeps the last definition)
        and the actor slots it fills after the verb."""
        whole = self.verbs.format == PETRARCH1
        before, after = _before_tokens(verb, whole, self.noun_words), _after_tokens(verb, self.skip)
        present: set[str] = set()
        for tok in before + after:
            present.update((tok.lower_, tok.lemma_.lower()))
            if tok.lower_.endswith("s"):
                present.add(tok.lower_[:-1])
        best: tuple[int, VerbPattern, Slots] | None = None
        for pattern in patterns:
            if not all(present & words for words in self._required(pattern)):
                continue  # a word the pattern needs is not in the clause at all
            left = self._sequence(pattern.before, before)
            if left is None:
                continue
            right = self._sequence(pattern.after, after)
            if right is None:
                continue
            named = left[0] + right[0]
            if named > 0 and (best is None or named >= best[0]):  # on a tie the later pattern, as in PETRARCH
                best = (named, pattern, right[1])
        return (best[1], best[2]) if best is not None else None


# ----------------------------------------------------------------------------------------------- the coder


class Discards:
    """Discard phrases indexed for one pass over a text: multi-word phrases by their first word, one-word stems by
    every prefix of a word (a phrase without a trailing `_` matches as a stem: "FLOOD" finds "floods")."""

    def __init__(self, entries: Iterable[DiscardEntry]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], DiscardEntry]]] = {}
        self.words: dict[str, DiscardEntry] = {}
        self.stems: dict[str, DiscardEntry] = {}
        self.longest_stem = 0
        for entry in entries:
            phrase = tuple(w.lower() for w in entry.words)
            if len(phrase) == 1:
                (self.words if entry.whole_word else self.stems).setdefault(phrase[0], entry)
                if not entry.whole_word:
                    self.longest_stem = max(self.longest_stem, len(phrase[0]))
            else:
                self.by_first.setdefault(phrase[0], []).append((phrase, entry))

    def __bool__(self) -> bool:
        return bool(self.by_first or self.words or self.stems)

    def find(self, words: Sequence[str]) -> DiscardEntry | None:
        """The first discard phrase in the words, None if there is none."""
        lowered = [w.lower() for w in words]
        for i, word in enumerate(lowered):
            hit = self.words.get(word)
            if hit is None and self.stems:
                hit = next((self.stems[word[:n]] for n in range(1, min(len(word), self.longest_stem) + 1)
                            if word[:n] in self.stems), None)
            if hit is not None:
                return hit
            for phrase, entry in self.by_first.get(word, ()):
                n = len(phrase)
                tail = lowered[i + 1:i + n]
                if len(tail) == n - 1 and all(
                        t == p or (not entry.whole_word and k == n - 2 and t.startswith(p))
                        for k, (t, p) in enumerate(zip(tail, phrase[1:]))):
                    return entry
        return None


class DictionaryCoder:
    """Codes a parsed document with one folder's dictionaries (see the module docstring for the rules)."""

    def __init__(self, dictionaries, paired_codes: str = SYMMETRIC, require_dyad: bool = True,
                 nested_codes: str = RULES) -> None:
        if paired_codes not in PAIRED_CODES:
            raise ValueError(f"paired_codes must be one of {', '.join(PAIRED_CODES)}, not {paired_codes!r}")
        if nested_codes not in NESTED_CODES:
            raise ValueError(f"nested_codes must be one of {', '.join(NESTED_CODES)}, not {nested_codes!r}")
        if nested_codes == COMBINE and getattr(dictionaries, "ontology", None) is None:
            raise ValueError("nested_codes='combine' adds verb codes through a PETRARCH coding ontology: give one "
                             "(--ontology PETR.Internal.Coding.Ontology.txt, or put it in the dictionaries folder)")
        self.paired_codes = paired_codes
        self.nested_codes = nested_codes
        self.require_dyad = require_dyad
        self.dictionaries = dictionaries
        self.verbs: VerbDictionary | None = dictionaries.verbs
        # PETRARCH-1 patterns read the rest of the sentence; PETRARCH-2 patterns the verb's phrases, not its clauses
        skip = OTHER_CLAUSES if self.verbs is None or self.verbs.format == PETRARCH1 else \
            OTHER_CLAUSES | ({"ccomp", "xcomp"} if nested_codes == COMBINE else {"ccomp"})
        self.matcher = PatternMatcher(self.verbs, skip, noun_words=nested_codes == COMBINE) \
            if self.verbs is not None else None
        entries = list(getattr(dictionaries, "discards", ()) or ())
        self.story_discards = Discards(d for d in entries if d.scope == "story")
        self.transformations = Transformations(self.verbs, dictionaries.ontology if nested_codes == COMBINE else None) \
            if self.verbs is not None else None
        self.sentence_discards = Discards(d for d in entries if d.scope == "sentence")

    def code(self, doc: Doc, day: date | None) -> list[DictionaryEvent]:
        if self.verbs is None or self.story_discards.find([t.text for t in doc]):
            return []
        out: list[DictionaryEvent] = []
        for sent in doc.sents:
            if self.sentence_discards and self.sentence_discards.find([t.text for t in sent]):
                continue
            out.extend(self._sentence(sent, day))
        return out

    def _sentence(self, sent: Span, day: date | None) -> Iterator[DictionaryEvent]:
        ds = self.dictionaries
        found = SentenceActors(sent, ds.actors, ds.agents, ds.longest_agent, day)
        if not found.actor_at and not found.agent_at:
            return
        phrases = NounPhrases(found, participles=self.nested_codes == COMBINE)
        coded: dict[int, Clause] = {}
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or (tok.pos_ == "AUX" and tok.dep_ != "ROOT"):
                continue
            clause = self._clause(tok, phrases)
            if clause is not None:
                coded[tok.i] = clause
        if self.nested_codes == COMBINE:
            for tok in sent:  # "alleged that [France was aware]": a clause with no code still names a party
                if tok.i not in coded and tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass"} and \
                        any(c.dep_ == "nsubj" for c in tok.children):
                    bare = self._clause(tok, phrases, uncoded=True)
                    if bare is not None and bare.sources:
                        coded[tok.i] = bare
            combiner = Combiner(coded, self.dictionaries.ontology, self.transformations)
            clauses = [c for verb in _main_verbs(sent) for c in combiner.events(verb)]
        else:
            clauses = _resolve_nesting(coded, self.transformations)
        for clause in clauses:
            yield from clause.events()

    def _clause(self, tok: Token, phrases: NounPhrases, uncoded: bool = False) -> Clause | None:
        """The verb's code and actors; None for a verb the dictionary does not know or blocks. `uncoded`: the
        actors of a verb with no code, for the verb above it to combine with."""
        coded = (NO_CODE, None, {}) if uncoded else self._verb_code(tok)
        if coded is None or (coded[0].no_event and not uncoded):
            return None
        code, pattern, slots = coded
        ontology = self.dictionaries.ontology
        if ontology is not None and _negated(tok) and code.forward:
            negated = ontology.negate(code.forward)  # "did not clash over the efforts": 110 -> 050
            if negated is not None:
                code = EventCode(negated, negated, None)
        subject, passive = subject_token(tok)  # its noun phrases are this coder's own: phrases.actors
        inherited = subject is not None and subject.head.i != tok.i
        sources = phrases.actors(subject) if subject is not None else []
        for other in tok.children:  # "Lions, tigers, and Gondor welcomed": the parser may give two subjects
            if subject is not None and not inherited and other.i != subject.i and other.dep_ == subject.dep_:
                sources += phrases.actors(other)
        if not sources and subject is not None and subject.pos_ == "PRON":  # "Ethiopia indicated it would act"
            outer = _governing_verb(tok)
            if outer is not None:
                outer_subject, _ = subject_token(outer)
                sources = phrases.actors(outer_subject) if outer_subject is not None else []
        targets: list[Found] = []
        if passive:
            targets, agent = sources, _agent_of(tok)
            sources = phrases.actors(agent) if agent is not None else []
            if agent is None and self.nested_codes == COMBINE:  # "was fired at it from the Gaza Strip"
                sources = _prep_actors(tok, phrases, PASSIVE_SOURCE_PREPS)
                targets = targets + _prep_actors(tok, phrases, PASSIVE_TARGET_PREPS)
            if agent is None and targets and not sources:  # "The Philippines was criticized over its dispute with ..."
                sources = self._first_target(tok, phrases, {f.code for f in targets})
        elif code.paired and code.forward is None and code.reverse:  # "faces pressure from Congress" [:100]
            passive = True
            targets = sources
            sources = self._first_target(tok, phrases, {f.code for f in sources})
        if "source" in slots:  # "received ministers from the Georgian government": `- * + (FROM $)`
            if "target" not in slots and not passive:
                targets = sources
            sources = phrases.actors(_noun_head(slots["source"]))
        if "target" in slots:
            targets = phrases.actors(_noun_head(slots["target"]))
        if not targets and not passive:
            targets = self._first_target(tok, phrases, {f.code for f in sources})
        return Clause(tok, sources, targets, code, pattern, inherited=inherited, passive=passive,
                      symmetric=self.paired_codes == SYMMETRIC, require_dyad=self.require_dyad)

    def _verb_code(self, tok: Token) -> tuple[EventCode, VerbPattern | None, Slots] | None:
        assert self.verbs is not None and self.matcher is not None
        for key in _verb_keys(tok):
            blocks = self.verbs.blocks_for(key)
            if not blocks:
                continue
            block = blocks[-1]  # a verb listed again in a later block takes the later entry, as in PETRARCH
            patterns = list(block.patterns)
            norm = " ".join(key.upper().split())
            default = next((v.code for v in block.verbs if v.lemma == norm or norm in v.forms), None) or block.code
            matched = self.matcher.match(tok, patterns) if patterns else None
            if matched is not None:
                return matched[0].code, matched[0], matched[1]
            if default is not None:
                return default, None, {}
        return None

    def _first_target(self, verb: Token, phrases: NounPhrases, sources: set[str]) -> list[Found]:
        """The first actor among the verb's objects and their phrases, in reading order; a place named in a
        locative phrase only when no one else is named ("celebrated Iftar in Osgiliath with the leaders of
        Gondor": Gondor; "conducting exercises in Alaska": the United States)."""
        skip = OTHER_CLAUSES
        if self.nested_codes == COMBINE:  # PETRARCH-2: a clause is an event, not a target, and "asked Obama [to
            skip = OTHER_CLAUSES | CLAUSE_CHILDREN  # help]" has Obama as the clause's subject, not the verb's object
            if any(c.dep_ == "xcomp" for c in verb.children):
                skip = skip | {"dobj"}
        after = _after_tokens(verb, skip)
        places = {t.i for t in after if t.dep_ == "prep" and t.lower_ in PLACE_PHRASE for t in t.subtree}
        for pool in ([t for t in after if t.i not in places], after):
            for tok in pool:
                if tok.i in phrases.found.actor_at or tok.i in phrases.found.agent_at:
                    actors = [f for f in phrases.actors(_noun_head(tok)) if f.code not in sources]
                    if actors:
                        return actors
        return []


@dataclass
class Clause:
    """A coded verb with its actors, before events about events are resolved."""

    verb: Token
    sources: list[Found]
    targets: list[Found]
    code: EventCode
    pattern: VerbPattern | None
    override: str | None = None  # a transformation's code
    inherited: bool = False  # the subject is another verb's ("met in Zurich to discuss")
    passive: bool = False
    require_dyad: bool = True
    symmetric: bool = True  # `[a:b]` is a and b back (PETRARCH-1, UniversalPetrarch), else active:passive

    @property
    def code_now(self) -> str | None:
        """The code the clause's events carry when not paired: a transformation's or combination's, else its own."""
        return self.override or self.code.forward or self.code.reverse

    def events(self) -> Iterator[DictionaryEvent]:
        pairs = [(s, t) for s in self.sources for t in self.targets]
        if not self.targets and len(self.sources) > 1:  # "Gondor and Osgiliath postponed their meeting"
            pairs = [(s, t) for s in self.sources for t in self.sources]
        forward = self.override or self.code.forward
        if not self.symmetric and self.override is None and self.code.paired:
            forward = (self.code.reverse if self.passive else self.code.forward) or None
        elif self.override is None and self.code.forward is None:
            forward = self.code.reverse
        seen: set[tuple[str, str]] = set()
        for s, t in pairs:
            if s.code == t.code or (s.code, t.code) in seen:
                continue
            seen.add((s.code, t.code))
            if forward:
                yield DictionaryEvent(self.verb.i, s, t, forward, self.pattern)
            if self.symmetric and self.override is None and self.code.paired and self.code.reverse and self.targets:
                yield DictionaryEvent(self.verb.i, t, s, self.code.reverse, self.pattern)
        if not pairs and not self.require_dyad and forward:  # PETRARCH's require_dyad = False
            for s in self.sources:
                yield DictionaryEvent(self.verb.i, s, None, forward, self.pattern)

    @property
    def has_dyad(self) -> bool:
        return any(e.target is not None for e in self.events())


class Transformations:
    """PETRARCH-2 `~` rules for an event about an event: `a SAYs (b ATTACKed c)` recoded as one event.

    A rule's verbs are matched by name (the verb or its block), or, given a coding ontology, by code as PETRARCH-2
    matches them: SAY is the code of the verb SAY (010), and any code under it (013, 015, ...) is a SAY."""

    def __init__(self, verbs: VerbDictionary, ontology: Ontology | None = None):
        self.verbs = verbs
        self.ontology = ontology
        self.rules = [t for t in verbs.transformations
                      if not isinstance(t.pattern.target, str) and isinstance(t.pattern.target.target, str)]
        self._values: dict[str, int | None] = {}

    def _label_value(self, label: str) -> int | None:
        if label not in self._values:
            assert self.ontology is not None
            key = label.lower().replace("_", " ")
            blocks = self.verbs.blocks_for(key)
            code = None
            if blocks:
                block = blocks[-1]
                code = next((v.code for v in block.verbs if v.lemma == key.upper()), None) or block.code
            self._values[label] = self.ontology.value(code.forward) if code is not None else None
        return self._values[label]

    def _is(self, label: str, clause: Clause) -> bool:
        if label == "Q":
            return True
        if self.ontology is not None:
            wanted, value = self._label_value(label), self.ontology.value(clause.code_now)
            return wanted is not None and value is not None and wanted in self.ontology.masks(value)
        label = label.upper().replace("_", " ")
        lemma = clause.verb.lemma_.upper()
        return label == lemma or any(block.name.upper() == label for block in self.verbs.blocks_for(lemma))

    def apply(self, outer: Clause, inner: Clause, unsaid_source: bool | None = None) -> Clause | None:
        """The one event a rule makes of the pair, else None. With `unsaid_source` given, only the rules whose inner
        source is `_` (True: "wants to attack") or only the others (False: "says Gaza attacked") apply."""
        if inner.code_now is None:  # a verb with no code
            return None
        for rule in self.rules:
            pattern, nested = rule.pattern, rule.pattern.target
            assert not isinstance(nested, str)
            if unsaid_source is not None and (nested.source == "_") != unsaid_source:
                continue
            if not (self._is(pattern.verb, outer) and self._is(nested.verb, inner)):
                continue
            same_source = bool({f.code for f in outer.sources} & {f.code for f in inner.sources})
            if nested.source in {pattern.source, "_"} and not same_source:  # `_`: the same, left unsaid
                continue
            if nested.source not in {pattern.source, "_", "."} and same_source:
                continue
            bound = {pattern.source: outer.sources, nested.source: inner.sources, nested.target: inner.targets}
            bound[pattern.source] = outer.sources
            src, tgt, code = rule.result[:3]
            sources, targets = bound.get(src, []), bound.get(tgt, [])
            if not sources or not targets:
                continue
            result = inner.code_now if code == "Q" else code
            return replace(outer, sources=sources, targets=targets, override=result)
        return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose complement or subordinate clause this verb heads."""
    depth = 0
    while tok.dep_ in INHERITS_SUBJECT and tok.head.i != tok.i and depth < 4:
        tok = tok.head
        depth += 1
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def _complements(verb: Token, coded: dict[int, Clause]) -> list[tuple[Clause, bool]]:
    """The coded verbs of a verb's complement clause ("noted [that X regretted]", "want [to attack]"), each with
    whether it only adds to the verb's own event: a purpose or manner ("pressured by Congress [to help Iran]",
    "bombarded Aleppo, [killing eight people]") or what the object is for ("faces pressure [to help Iran]")."""
    out = []
    clauses = [(c, False) for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    clauses += [(c, True) for c in verb.children if c.dep_ == "advcl" and
                (c.tag_ == "VBG" or any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children))]
    for obj in verb.children:
        if obj.dep_ == "dobj":
            clauses += [(c, True) for c in obj.children
                        if c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children)]
    for child, adjunct in clauses:
        stack = [child]
        while stack:
            tok = stack.pop()
            if tok.i in coded:
                out.append((coded[tok.i], adjunct))
                stack.extend(c for c in tok.children if c.dep_ == "conj")  # "attacked Iraq and taken Mosul"
                continue
            stack.extend(c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "conj"})
    return out


def _resolve_nesting(coded: dict[int, Clause], transformations: Transformations | None) -> list[Clause]:
    """One event per event about an event: a transformation where one applies; else the inner event when both have
    the same source ("Ethiopia indicated it would act"), the outer one when the inner is what the source says of
    someone else ("Gondor noted that Cirith Ungol regretted ...")."""
    dropped: set[int] = set()
    replaced: dict[int, Clause] = {}
    for i in sorted(coded):
        outer = coded[i]
        for inner, adjunct in _complements(outer.verb, coded):
            if inner.verb.i in dropped or i in dropped:
                continue
            rule = transformations.apply(outer, inner) if transformations is not None and not adjunct else None
            if rule is not None:
                replaced[i] = rule
                dropped.add(inner.verb.i)
                continue
            if not outer.has_dyad:
                continue
            same = {f.code for f in outer.sources} & {f.code for f in inner.sources}
            inner_pairs = inner.has_dyad
            if same and inner_pairs and not adjunct:
                dropped.add(i)
            else:
                dropped.add(inner.verb.i)
    for i, clause in coded.items():  # "met in Zurich to discuss ...": a purpose with no party of its own
        outer = _governing_verb(clause.verb)
        if clause.inherited and not clause.targets and outer is not None and outer.i in coded and \
                outer.i not in dropped and coded[outer.i].has_dyad:
            dropped.add(i)
        elif clause.inherited and clause.verb.dep_ == "advcl" and clause.verb.tag_ == "VBG":
            dropped.add(i)  # "..., expanding its campaign": a participle adds a circumstance, not an event
    return [replaced.get(i, coded[i]) for i in sorted(coded) if i not in dropped]


def _has_own_subject(verb: Token) -> bool:
    """The verb names its own source: a subject, or the object of "asked Obama to help" (not "wants to help");
    a verb joined to another shares its subject ("ISIL had attacked Iraq and taken Mosul")."""
    if any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _has_own_subject(verb.head)
    return controlling_object(verb) is not None


def _clause_children(verb: Token) -> list[Token]:
    """The clauses a verb governs, as PETRARCH-2's S children: complements, purposes and manners ("to discuss",
    "killing eight people"), a dobj's "to" clause ("faces pressure to help"); not a report's quote before the verb
    ("X attacked Y, officials said" is two sentences in one to PETRARCH-2)."""
    out = [c for c in verb.children if c.dep_ in CLAUSE_CHILDREN and not (c.dep_ == "ccomp" and c.i < verb.i)]
    for obj in verb.children:
        if obj.dep_ == "dobj":
            out += [c for c in obj.children if c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children)]
    for clause in list(out):  # "scheduled to give a speech and [meet with dissidents]"
        out += [c for c in clause.conjuncts if c.i > clause.i and c.pos_ in {"VERB", "AUX"}]
    return out


def _main_verbs(sent: Span) -> list[Token]:
    """The verbs PETRARCH-2 reads a sentence's events from: the root, verbs joined to it, a quote before it."""
    out = [sent.root]
    if any(c.dep_ == "expl" for c in sent.root.children):  # "There were soldiers killed": the soldiers were killed
        out += [v for c in sent.root.children if c.dep_ == "attr" for v in c.children if v.dep_ in DESCRIBES_NOUN]
    stack = list(out)
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" or (child.dep_ in {"ccomp", "parataxis"} and child.i < tok.i):
                out.append(child)
                stack.append(child)
    return out


class Combiner:
    """Events about events as PETRARCH-2 codes them, from the main verbs down.

    A verb with its own target is one event and its clauses are not read ("bombarded Aleppo, killing eight people").
    Else each event of its clauses is combined with the verb's code through the coding ontology:

    * "wants [to help Israel]" (the inner verb has no source of its own): the outer source, the inner target, and the
      codes added (030 + 070 = 033);
    * "asked Obama [to help Iran]", "said [Gaza fired at it]" (the inner verb has its own source): a `~`
      transformation where one applies ("a (b . ATTACK) SAY = a b 112"), else, for an inner code below the
      high-level verbs, the outer source against the inner source with the codes added (020 + 070 = 023), else none;
    * "said [soldiers were killed in Ukraine]" (an inner passive with no target named): the inner source against
      the outer source;
    * "alleged that [France was aware]" (an inner verb with no code adds nothing): the outer code against France.

    A verb the dictionary does not code passes on the events of its clauses that its own subject acts in ("plans to
    visit"), not those of another source; a sum that names no CAMEO code is no event."""

    def __init__(self, coded: dict[int, Clause], ontology: Ontology, transformations: Transformations | None):
        self.coded = coded
        self.ontology = ontology
        self.transformations = transformations

    def events(self, verb: Token, depth: int = 0) -> list[Clause]:
        own = self.coded.get(verb.i)
        if (own is not None and own.targets) or depth > 8:
            return [own] if own is not None else []
        inner = [c for child in _clause_children(verb) for c in self.events(child, depth + 1)]
        if not inner:
            return [own] if own is not None else []
        if own is None:
            return inner
        if own.code_now is None:  # a verb with no code passes on what its subject does itself ("plans to visit")
            return [i for i in inner if not _has_own_subject(i.verb)]
        return [c for c in (self._combine(own, i) for i in inner) if c is not None and c.override]

    def _combine(self, outer: Clause, inner: Clause) -> Clause | None:
        own_subject = _has_own_subject(inner.verb)
        rule = self.transformations.apply(outer, inner, unsaid_source=not own_subject) \
            if self.transformations is not None else None
        if rule is not None:
            return rule
        combined = self.ontology.combine(outer.code_now, inner.code_now, nothing=inner.code_now is None)
        if not own_subject:
            return replace(outer, targets=inner.targets, override=combined)
        if inner.passive and not inner.targets:
            return replace(outer, sources=inner.sources, targets=outer.sources, override=combined)
        if 0 <= (self.ontology.value(inner.code_now) or 0) < 0x1000:
            return replace(outer, targets=inner.sources, override=combined)
        return None


def _noun_head(tok: Token) -> Token:
    """The noun a word belongs to ("Gondor" in "Gondor's government" -> "government")."""
    seen = 0
    while tok.dep_ in {"poss", "compound", "amod", "nmod", "nummod", "det", "case", "npadvmod"} and \
            tok.head.i != tok.i and seen < 4:
        tok = tok.head
        seen += 1
    return tok
