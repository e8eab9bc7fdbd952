"""Stage 4, events: predicates → (source, target, PLOVER type, CAMEO code, factuality).

Each verb or noun whose lemma is in the pattern lexicon (knowledge/data/verbs.tsv) is a candidate trigger. The
pattern whose cues all hold and which has the most cues decides the type ("attacked Azerbaijan for collaborating" is
ACCUSE, "attacked Azerbaijan with missiles" is ASSAULT). Who acts and who is acted on come from the dependency tree:
subject and object in the active voice, the "by"-agent and subject in the passive, prepositional targets ("met with",
"visit to", "attack on"), the subject of the governing verb for infinitives and conjoined verbs, the subject of a light
verb for a noun trigger ("conducted an official visit to X"), and one event per conjoined target. Negation makes an
event `negated`; a modal, an intention ("plan to attack", "a plot to bomb") or an allegation makes it `hypothetical`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .actors import Mention, Mentions, implied_actor
from .grammar import FUTURE_AUX, FUTURE_IN_PAST_AUX, NON_STATE, controlling_object, entity_span, entity_text
from .knowledge.cache import cached
from .knowledge.tables import read_table, word_list, word_map
from .model import Actor, Location
from .places import LOCATIVE, gazetteer

if TYPE_CHECKING:
    from .temporal import EventDate  # temporal imports this module (factuality); a type only here

DATA = Path(__file__).parent / "knowledge" / "data"
TARGET_PREPS = {"with", "to", "against", "on", "upon", "toward", "towards", "into"}
OBJECT_TARGET_PREPS = {"on", "against", "upon", "with"}
ADDRESSEE_PREPS = {"from", "by"}  # who a demand is put to: "demanded an admission by Moscow"
SPEECH = word_list("speech")
OBLIGATION = {"must", "should"}

NOUN_TARGET_PREPS = {"with", "to", "against", "on", "upon", "toward", "towards", "into", "between"}
COMPLEMENT_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN"}
# verbs whose nominalisation's "of" names who acts ("the withdrawal of troops"); for the others it names whom the act
# is done to ("the release of two hostages", "the expulsion of diplomats")
INTRANSITIVE_VERBS = word_list("intransitive_nominal")
# PLOVER codes an announced commitment as an event of its own: a promise to cooperate is AGREE (CAMEO 03x), a
# promise of harm or an ultimatum is THREATEN (CAMEO 13x). The content verb's type picks the CAMEO code.
PROMISE_CAMEO = word_map("promise_cameo")
THREAT_CAMEO = word_map("threat_cameo")
COMMITMENT_HEADS = word_list("commitment_heads")
CLAUSE_UP = {"xcomp", "acl", "pcomp", "prep", "pobj", "advcl", "relcl", "dobj", "conj", "ccomp", "nsubjpass"}


@dataclass(frozen=True)
class Cue:
    kind: str  # prep | obj | prt | sub | <preposition>
    words: frozenset[str]
    negated: bool = False


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # V or N
    cues: tuple[Cue, ...]
    event_type: str | None
    mode: str | None
    cameo: str
    flags: frozenset[str]
    line: int

    def flag_value(self, name: str) -> str | None:
        for f in self.flags:
            if f.startswith(name + ":"):
                return f.split(":", 1)[1]
        return None




GENERIC = Pattern("", "V", (), "", None, "", frozenset(), 0)
# "X said that Y must ...": a demand made in reported speech (CAMEO 10)
REPORTED_DEMAND = Pattern("say", "V", (), "REQUEST", None, "100", frozenset(), 0)
# "X said that Y should have ...": a reproach of what Y did (CAMEO 111)
REPORTED_REPROACH = Pattern("say", "V", (), "ACCUSE", "disapprove", "111", frozenset(), 0)


@dataclass
class Draft:
    """An event before dating and placing: trigger token, actors (as mentions), type."""

    trigger: Token
    trigger_span: Span
    event_type: str | None
    cameo: str
    mode: str | None
    source: Mention
    target: Mention | None
    factuality: str
    confidence: float
    pattern: Pattern = field(repr=False)
    context: tuple[str, ...] = ()

    @property
    def host_country(self) -> str | None:
        """For a visit, the country of the side that receives it: where the event took place."""
        if self.mode != "visit":
            return None
        host = self.source if self.cameo == "043" else self.target
        return host.country if host is not None else None


ARMED_SECTORS = {"MIL", "COP", "REB", "SPY"}
CIVIL_AUTHORITY = {"GOV", "COP", "JUD"}
JURISDICTION = {"JUD", "COP"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}  # a state does not protest against itself  # courts and police act within their own country


def _is_group(m: Mention) -> bool:
    """People named by what they are, not who ("demonstrators", "one person", "the rebels")."""
    return m.kind == "group" or (m.kind == "person" and m.doc[m.head].tag_ == "NNS")


def _give_country(actor: Actor, country: str) -> Actor:
    return replace(actor, country=country, code=country + (actor.sector or ""))


def actors_in_context(draft: Draft, location: Location | None) -> tuple[Actor, Actor | None]:
    """The event's actors, with the countries their sentence implies but no mention names.

    A group ("demonstrators", "prisoners") or an unnamed actor (the unknown attacker) with no country of its own belongs to the country where the event took
    place; an unplaced group that police or a government act on, or that protests against a government, shares that
    side's country (domestic events); and a protest with no named target is aimed at the government of the country
    where it happens, else of the protesters' own (CAMEO codes protests as directed at the state); a measure eased
    at home ("lifted the curfew in Darfur") is aimed at the people of the place, else of the source's own country.
    """
    source = draft.source.to_actor()
    target = draft.target.to_actor() if draft.target is not None else None
    place = location.country if location is not None and location.country not in NON_STATE else None
    if place is None and draft.source.kind == "implied":
        place = _sentence_place(draft.trigger)
    src_group = _is_group(draft.source)
    tgt_group = draft.target is not None and (_is_group(draft.target) or (
        draft.target.kind == "thing" and draft.event_type in {"ASSAULT", "COERCE"}))  # "struck a power plant"
    if not source.country and (src_group or draft.source.kind == "implied") and place:
        source = _give_country(source, place)
    if target is not None and tgt_group and place and (not target.country or (
            draft.target.country_from == "context" and draft.event_type == "ASSAULT")):
        target = _give_country(target, place)  # victims take the country where they were hit
    if target is not None and not target.country and tgt_group and source.sector in CIVIL_AUTHORITY \
            and source.country and source.country not in NON_STATE:
        target = _give_country(target, source.country)
    if not source.country and draft.source.kind != "implied" and source.sector in JURISDICTION and \
            target is not None and target.country and target.country not in NON_STATE and place in {None, target.country}:
        source = _give_country(source, target.country)  # "Judge X opened investigations against Chilean officials"
    if not source.country and src_group and target is not None and target.sector in CIVIL_AUTHORITY | {None} \
            and target.country and target.country not in NON_STATE and draft.event_type == "PROTEST":
        source = _give_country(source, target.country)
    if target is None and draft.event_type == "ASSAULT" and place and source.country and place != source.country \
            and source.country not in NON_STATE:  # "attacks by Freedonian forces in a province of Sylvania"
        target = Actor(text=None, start=None, end=None, country=place, sector=None, code=place)
    if target is None and draft.event_type == "PROTEST" and (place or source.country) and \
            draft.source.kind != "country" and source.sector not in STATE_SECTORS:
        country = place or source.country
        if country not in NON_STATE:
            target = Actor(text=None, start=None, end=None, country=country, sector="GOV", code=country + "GOV")
    if target is None and "domestic" in draft.pattern.flags and (place or source.country):
        country = place or source.country
        if country not in NON_STATE:
            target = Actor(text=None, start=None, end=None, country=country, sector="CVL", code=country + "CVL")
    return source, target


def _sentence_place(trigger: Token) -> str | None:
    """The country of the one place the trigger's sentence names ("a minefield explosion near Samarra killed ..."),
    None when it names none or several countries."""
    found = set()
    sent = trigger.sent
    for ent in (entity_span(t) for t in sent if t.ent_iob_ == "B"):  # Span.ents would rebuild all the doc's
        if ent.end > sent.end:
            break
        if ent.label_ in {"GPE", "LOC", "FAC"} and ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE:
            place = gazetteer().lookup(ent.text)
            if place is not None and place.country:
                found.add(place.country)
    return found.pop() if len(found) == 1 else None


def unplaced(draft: Draft, source: Actor, target: Actor | None) -> bool:
    """An unnamed actor acting on nameless people of unknown country ("24 people were killed"): nobody the event
    could be coded for. A named target ("Bilal was detained") keeps the event."""
    if source.text is not None or source.country:
        return False
    return target is None or (not target.country and draft.target is not None and draft.target.kind in {"group", "thing"})


def _parse_cue(text: str) -> Cue:
    negated = text.startswith("!")
    text = text.lstrip("!")
    kind, _, words = text.partition(":")
    return Cue(kind, frozenset(w for w in words.split("|") if w), negated)


def _read_lexicon(path: Path) -> dict[tuple[str, str], list[Pattern]]:
    """One pattern lexicon file (verbs.tsv's columns); a bad row is an error naming the file and line."""
    out: dict[tuple[str, str], list[Pattern]] = {}
    with path.open(encoding="utf-8") as fh:
        rows = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    header = rows[0][1].rstrip("\n").split("\t")
    for n, line in rows[1:]:
        values = line.rstrip("\n").split("\t")
        if len(values) != len(header):
            raise ValueError(f"{path}:{n}: expected {len(header)} tab-separated columns, found {len(values)}")
        row = dict(zip(header, values))
        cues = tuple(_parse_cue(c) for c in row["cues"].split() if c != "-")
        flags = frozenset(f for f in row["flags"].split(",") if f and f != "-")
        for pos in row["pos"]:
            p = Pattern(row["lemma"], pos, cues, row["event"], None if row["mode"] == "-" else row["mode"],
                        row["cameo"], flags, n)
            out.setdefault((p.lemma, pos), []).append(p)
    return out


@lru_cache(maxsize=1)
def curated_lemmas() -> frozenset[str]:
    """The lemmas of the curated lexicon (verbs.tsv): event nouns are read through these verbs only."""
    return frozenset(lemma for lemma, _ in _read_lexicon(DATA / "verbs.tsv"))


@lru_cache(maxsize=1)
def patterns() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """The pattern lexicon, by (lemma, pos): the curated verbs.tsv, and for lemmas it does not list, the verbs of
    the Phoenix CAMEO dictionary (cameo_verbs.tsv) — but not light verbs ("announce", "hold"), whose event is their
    object noun's, nor intention and modal words ("want", "plan"), whose event is their complement's. Built once
    per installation (see knowledge.cache)."""
    return cached("patterns", _patterns)


def _patterns() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    out = _read_lexicon(DATA / "verbs.tsv")
    curated = curated_lemmas()
    words = cue_words()
    light = words.get("light", frozenset()) | words.get("intent", frozenset()) | words.get("modal", frozenset())
    for key, found in _read_lexicon(DATA / "cameo_verbs.tsv").items():
        if key[0] not in curated and key[0] not in light:
            out[key] = found
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def cue_words() -> dict[str, frozenset[str]]:
    """Light verbs, intention words, modals, negations (knowledge/data/cues.tsv), by kind."""
    kinds: dict[str, set[str]] = {}
    for row in read_table("cues.tsv", required=("word", "kind", "source"), nonempty=("word", "kind")):
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=1)
def nominalisations() -> dict[str, str]:
    """Event nouns the suffix rules miss -> their verb (knowledge/data/nominalisations.tsv)."""
    rows = read_table("nominalisations.tsv", required=("noun", "verb", "source"), nonempty=("noun", "verb"))
    return {row["noun"]: row["verb"] for row in rows}


SUFFIXES = (("ation", ("ate", "e", "")), ("ition", ("ite",)), ("sion", ("de", "d", "se")), ("tion", ("te", "t")),
            ("ion", ("e", "")), ("ment", ("",)), ("al", ("", "e")), ("ure", ("e",)), ("ing", ("", "e")))


def _nominal_verbs(noun: str) -> list[str]:
    """Verbs a noun may nominalise, by English derivational morphology: the listed irregular pair, the same form
    ("release", "request", "raid"), then suffix rules ("negotiation" -> negotiate, "withdrawal" -> withdraw)."""
    out = [nominalisations()[noun]] if noun in nominalisations() else []
    out.append(noun)
    for suffix, replacements in SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            out.extend(stem + r for r in replacements)
            if suffix == "ing" and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelling" -> shell, "bombing" handled above
    return out


@lru_cache(maxsize=1)
def _known_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _ in patterns()) | frozenset(w for ws in cue_words().values() for w in ws)


def _lemma(tok: Token) -> str:
    """The token's lemma, repaired where the tagger's lemmatiser drops a verb's final e ("staged" -> "stag")."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if tok.tag_ in {"VBD", "VBN"} and lower.endswith("ed") and lemma == lower[:-2] and lemma not in _known_lemmas() \
            and lower[:-1] in _known_lemmas():
        return lower[:-1]
    return lemma


def _preps(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in {"prep", "agent", "dative"} and c.pos_ == "ADP"]
    for obj in tok.children:
        if obj.dep_ == "dobj":
            out.extend(c for c in obj.children if c.dep_ == "prep")
    return out


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in {"pobj", "pcomp"}:
            return c
    return None


def _cue_holds(cue: Cue, tok: Token) -> bool:
    if cue.kind == "prep":
        ok = any(p.lower_ in cue.words for p in _preps(tok))
    elif cue.kind == "prt":
        ok = any((c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1)) and c.lower_ in cue.words
                 for c in tok.children)  # "pulled back": the parser often calls the particle an adverb
    elif cue.kind == "obj":
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        if _passive_participle(tok):
            objs.append(tok.head)  # "the agreement signed by": the noun it modifies is what was signed
        objs += [n for n in map(_framed_noun, list(objs)) if n is not None]  # "a state of emergency"
        ok = any(_lemma(o) in cue.words or o.lower_ in cue.words or o.lower_.rstrip("s") in cue.words
                 for o in objs)  # "the Abraham Accords": a name's lemma keeps its plural
    elif cue.kind == "sub":
        ok = any(_lemma(t) in cue.words for t in tok.subtree if t.i != tok.i)
    else:  # a preposition whose object is one of the words
        ok = False
        for p in _preps(tok):
            obj = _pobj(p)
            if p.lower_ == cue.kind and obj is not None:
                ok = any(_lemma(t) in cue.words for t in obj.subtree)
    return ok != cue.negated


def _choose(tok: Token, pos: str) -> Pattern | None:
    if pos == "N" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and _lemma(tok.head) not in EVENT_CARRIERS \
            and not patterns().get((_lemma(tok.head), "N")):
        return None  # "Russia's war machine", "an arrest warrant": the event word only classifies its noun
    options = patterns().get((_lemma(tok), pos)) or patterns().get((tok.lower_, pos))
    if not options and pos == "N":
        return _nominal_pattern(tok)
    if not options:
        return None
    best = None
    for p in options:
        if all(_cue_holds(c, tok) for c in p.cues):
            if best is None or len(p.cues) > len(best.cues):
                best = p
    return best


def _nominal_pattern(noun: Token) -> Pattern | None:
    """The pattern of the verb an event noun nominalises ("the expulsion of", "a request by"): a pattern whose object
    cue holds for the noun's "of" complement ("the severing of relations" = sever + obj:relation), else the verb's
    pattern without cues."""
    of_words = {_lemma(t) for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj" for t in (o, *o.children) if t.dep_ in {"pobj", "compound", "amod"}}
    if noun.dep_ == "compound":  # "an arms embargo": a modifier, not an event of its own
        return None
    for verb in _nominal_verbs(_lemma(noun)):
        options = patterns().get((verb, "V"))
        if not options or verb not in curated_lemmas():
            continue
        with_object = [p for p in options if p.cues and all(c.kind == "obj" and not c.negated for c in p.cues)
                       and all(c.words & of_words for c in p.cues)]
        plain = [p for p in options if not p.cues]
        chosen = (with_object or plain or [None])[0]
        if chosen is not None and chosen.event_type:
            return replace(chosen, pos="N", cues=(), flags=chosen.flags | {"nominal"})
        return None
    return None


def _subject(verb: Token, mentions: Mentions, depth: int = 0) -> Mention | None:
    """The acting subject of a verb, inherited from the governing verb for infinitives and conjuncts. Words of the
    dateline the parser took for a subject ("GENEVA (Agency) - Ruritania vetoed") are not subjects.

    Object control is `grammar.controlling_object`, as in the dictionary coder; the rest is not yet
    `grammar.subject_token`: this walk skips passive subjects and `expl`, goes through prepositions ("left the island after
    delivering") and adjectives, and gives an `acl` the noun's owner or its verb's subject, and moving either coder to
    the other's rules changes news-dev and petrarch-suite (issue 11)."""
    dateline = mentions.context.dateline if mentions.context is not None else None
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            if dateline is not None and c.idx < dateline.end_char:
                # "Managua (AFP) - A Nicaraguan court sentenced": the parser hangs the real subject on the dateline
                after = next((a for a in c.children if a.dep_ in {"appos", "conj"} and a.idx >= dateline.end_char),
                             None)  # "Havana, Cuba.- Cuba and Italy signed": a conjunct too
                if after is not None and mentions.at(after) is not None:
                    return mentions.at(after)
                continue
            return mentions.at(c) or _body_owner(c, mentions)
    if depth > 4:
        return None
    controller = mentions.at(controlling_object(verb))  # "prompted the capital to urge", "forced X to"
    if controller is not None and controller.kind != "thing":
        return controller
    if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.head.dep_ == "ROOT":
        return mentions.at(verb.head)  # a finite verb parsed as a modifier of the sentence's noun: its subject
    if verb.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "conj" and not _is_passive(verb):  # "has been indicted ... and will resign"
            shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if shared is not None and mentions.at(shared) is not None:
                return mentions.at(shared)
        if head.dep_ == "prep" and head.head.i != head.i:
            reason = head.lower_ in {"for", "of"}  # "attacked X for collaborating"; not "left the island after delivering"
            head = head.head
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if verb.dep_ == "pcomp" and reason and objects and mentions.at(objects[0]):
                return mentions.at(objects[0])  # object control: "attacked X for collaborating"
        if head.pos_ == "ADJ" and head.dep_ in {"acomp", "amod", "xcomp"} and head.head.i != head.i:
            head = head.head  # "France is ready to contribute": the subject of the copula
        if head.pos_ in {"VERB", "AUX"}:
            return _subject(head, mentions, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        noun = verb.head
        for c in noun.children:
            if c.dep_ == "poss":
                return mentions.at(c)
        if noun.dep_ in {"dobj", "pobj"} and _choose(noun, "N") is None:  # not "fired tear gas during protests
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head  # demanding X": the protesters demand
            if gov.pos_ in {"VERB", "AUX"}:
                return _subject(gov, mentions, depth + 1)
    if verb.dep_ == "relcl":
        return mentions.at(verb.head)
    return None


def _body_owner(tok: Token, mentions: Mentions) -> Mention | None:
    """'its governing board approved', 'the country's cabinet decided': a body the knowledge does not know acts for
    the actor that owns it (a proper name or a pronoun with an antecedent)."""
    if tok.pos_ not in {"PROPN", "NOUN"}:
        return None
    for c in tok.children:
        if c.dep_ == "poss":
            owner = mentions.at(c)
            if owner is not None and owner.identified:
                return owner
    return None


def _of_complement(noun: Token, mentions: Mentions) -> Mention | None:
    """'the centre of Kharkiv', 'the town of Balakot', 'settlements in the Gaza Strip': the named place or actor
    the object belongs to or lies in."""
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in {"of", "in"}:
            m = mentions.at(_pobj(p))
            if m is not None and m.identified and (p.lower_ == "of" or m.kind in {"country", "thing", "org"}):
                return m
    return None


def _counted_object(verb: Token) -> list[Token]:
    """The object of "kidnapped up to 16 advisers" when the parser took "up" for the verb's particle and the object
    for the object of "to": a quantity, not a phrasal verb."""
    return [o for p in verb.children if p.dep_ == "prt" and p.lower_ == "up"
            for t in p.children if t.dep_ == "prep" and t.lower_ == "to"
            for o in t.children if o.dep_ == "pobj" and any(n.dep_ == "nummod" for n in o.children)]


def _own_forces(noun: Token, target: Mention, source: Mention | None) -> bool:
    """'its troops', 'their forces': the source's own people are what it moves, not whom it acts on."""
    if source is None or target.country != source.country:
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _owner(noun: Token, mentions: Mentions) -> Mention | None:
    """'protested President Assad's failure', 'rejected Israel's proposal': whose the object is, when the object is
    not an actor itself."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            m = mentions.at(c)
            if m is not None and m.identified:
                return m
    return None


PROPOSALS = word_list("proposals")


def _proposer(noun: Token, mentions: Mentions) -> Mention | None:
    """'rejected calls by Belarus's rulers', 'accepted an offer from Kabul': a response is aimed at whoever made the
    call, offer or demand it responds to."""
    return _prep_party(noun, {"by", "from"}, mentions) if _lemma(noun) in PROPOSALS else None


def _prep_party(tok: Token, preps: set[str], mentions: Mentions) -> Mention | None:
    """The first identified actor a preposition (or by-agent) of the word names, among `preps`."""
    for p in tok.children:
        if p.dep_ in {"prep", "agent"} and p.lower_ in preps:
            m = mentions.at(_pobj(p))
            if m is not None and m.identified:
                return m
    return None


def _opponent(verb: Token, mentions: Mentions) -> Mention | None:
    """'mobilized reservists for a possible war against Iraq', 'massed troops for an offensive on the city': forces
    readied for a fight are aimed at whom the fight is against."""
    for p in _preps(verb):
        fight = _pobj(p) if p.lower_ == "for" else None
        pattern = _choose(fight, "N") if fight is not None else None
        if pattern is not None and pattern.event_type == "ASSAULT":
            enemy = _prep_party(fight, {"against", "on"}, mentions)
            if enemy is not None:
                return enemy
    return None


def _organiser(noun: Token, mentions: Mentions) -> Mention | None:
    """'prevented the demonstration staged by students', 'banned a rally organised by the opposition': an act on an
    event is aimed at who holds it, the by-agent of the participle that describes it."""
    if _choose(noun, "N") is None:
        return None
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            holder = _prep_party(acl, {"by"}, mentions)
            if holder is not None:
                return holder
    return None


def _is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying its object ("an agreement signed by X and Y")."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or _passive_participle(verb) or \
        _reduced_passive(verb) or _fronted_participle(verb)


def _fronted_participle(verb: Token) -> bool:
    """'Backed by China, the council said ...': a participle clause with a by-agent describing the clause's subject."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in verb.children) and \
        not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in verb.children)


def _reduced_passive(verb: Token) -> bool:
    """'talks mediated by the African Union began': a participle the parser gave a subject and a plain 'by'; 'two
    soldiers were killed and five (were) wounded': a participle that shares the passive auxiliary before it."""
    if verb.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children) or \
            not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
        return True
    return verb.dep_ in {"advcl", "acl", "relcl"} and \
        any(c.dep_ in {"prep", "agent"} and c.lower_ == "by" for c in verb.children)


def _passive_participle(verb: Token) -> bool:
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}


def _verb_arguments(verb: Token, pattern: Pattern, mentions: Mentions) -> tuple[Mention | None, Mention | None]:
    if pattern.flag_value("src"):
        src_prep = pattern.flag_value("src")
        source = next((mentions.at(_pobj(p)) for p in _preps(verb) if p.lower_ == src_prep), None)
        return source, _subject(verb, mentions)
    if _is_passive(verb):
        target = next((mentions.at(c) for c in verb.children if c.dep_ == "nsubjpass" or
                       (c.dep_ == "nsubj" and _reduced_passive(verb))), None)
        if target is None and not any(c.dep_ == "nsubjpass" for c in verb.children):
            if (verb.dep_ in {"ccomp", "conj", "xcomp"} or _fronted_participle(verb)) and \
                    verb.head.pos_ in {"VERB", "AUX"}:
                target = _subject(verb.head, mentions)
            elif _passive_participle(verb):
                target = mentions.at(verb.head)
        source = next((mentions.at(_pobj(c)) for c in verb.children if c.dep_ == "agent" or
                       (c.dep_ == "prep" and c.lower_ == "by" and _reduced_passive(verb))), None)
        if source is None:
            source = _operation_agent(verb, mentions)  # "was captured in a joint operation carried out by X"
        if source is None and target is not None and (pattern.event_type == "MOBILIZE" or (
                pattern.event_type == "AID" and target.sector in ARMED_SECTORS) or (
                pattern.event_type == "ASSAULT" and _armed_means(target))):  # "a Houthi drone was launched at X"
            # "troops have been put on alert", "100 soldiers will be sent to X": the force is its own actor
            allowed = set((pattern.flag_value("tgt") or "").split("|")) - {""}
            recipient = next((mentions.at(_pobj(p)) for p in _preps(verb) if p.lower_ in allowed), None)
            return target, recipient
        if source is None and pattern.flag_value("implied"):
            focus = mentions.context.focus if mentions.context is not None else None
            source = implied_actor(verb.doc, verb, pattern.flag_value("implied"), focus)
        return source, target
    source = _subject(verb, mentions)
    target = None
    if pattern.flag_value("recipient"):  # "extradited X to the United States": the receiving party
        target = next((mentions.at(_pobj(p)) for p in _preps(verb)
                       if p.lower_ == pattern.flag_value("recipient") and mentions.at(_pobj(p)) is not None), None)
    for c in (*verb.children, *_counted_object(verb)):
        if target is not None:
            break
        if c.dep_ in {"dobj", "dative"} or c.dep_ == "pobj":
            target = mentions.at(c) or _of_complement(c, mentions) or _owner(c, mentions) or \
                _proposer(c, mentions) or _organiser(c, mentions)
            if target is not None and ((_own_forces(c, target, source) and "people" not in pattern.flags)
                                       or _means(target, pattern)):
                target = None  # "withdraw its troops from Lebanon", "sent two aircraft to Tonga": further on;
                # but "released their hostages": a captor's own captives are whom it frees
            if target is not None and target.kind == "thing":
                target = _addressee(verb, c, mentions) or target
            if target is not None:
                break
    allowed = set(pattern.flag_value("tgt").split("|")) if pattern.flag_value("tgt") else TARGET_PREPS
    if target is None:
        for p in _preps(verb):
            if p.lower_ in allowed and p.head.i == verb.i:
                obj = _pobj(p)  # "fired tear gas on the opposition leader's convoy": its owner
                target = mentions.at(obj) or (_of_complement(obj, mentions) or _owner(obj, mentions)
                                              if obj is not None else None)
                if target:
                    break
    object_preps = OBJECT_TARGET_PREPS | ADDRESSEE_PREPS if pattern.event_type == "REQUEST" else OBJECT_TARGET_PREPS
    if pattern.flag_value("tgt"):
        object_preps = object_preps | allowed
    if target is None:  # "imposed sanctions on Iran", "demanded autonomy from Serbian authorities"
        for p in (*_preps(verb), *_framed_preps(verb)):
            if p.lower_ in object_preps and p.head.dep_ in {"dobj", "pobj"} and _object_of(p.head) == verb.i:
                candidate = mentions.at(_pobj(p))
                if candidate is not None and candidate.identified:
                    target = candidate
                    break
    if target is None and pattern.event_type in {"ASSAULT", "COERCE"}:
        target = _purpose_object(verb, mentions)
    if target is None and pattern.event_type == "MOBILIZE":
        target = _opponent(verb, mentions)
    if pattern.event_type == "PROTEST" and (target is None or (
            source is not None and target.country == source.country and target.kind in {"country", "thing"})):
        target = _protested(verb, source, mentions) or target  # "blocked streets in Hong Kong in defiance of X"
    if target is None:  # "welcomed a resumption of diplomatic ties with Osgiliath": deeper inside the object
        preps = {"with", "between", "to"} if pattern.event_type == "AID" else {"with", "between"}
        target = _nested_party(verb, preps, source, mentions)  # "sending a tranche of aid to X": the recipient
    return source, target


def _addressee(verb: Token, obj: Token, mentions: Mentions) -> Mention | None:
    """'expressed Qatar's gratitude to the two governments', 'offered its condolences to Turkey': a thing conveyed is
    aimed at whom it is conveyed to, not at the thing's owner."""
    for p in (*_preps(verb), *(c for c in obj.children if c.dep_ == "prep")):
        obj = _pobj(p) if p.lower_ == "to" else None
        for tok in (obj, *obj.conjuncts) if obj is not None else ():  # "to both X and Y"
            m = mentions.at(tok)
            if m is not None and m.kind != "thing" and m.identified:
                return m
    return None


def _armed_means(m: Mention) -> bool:
    """A weapon of a named side ("a Houthi drone", "that" standing for one): it stands for the force using it."""
    head = m.antecedent if m.antecedent is not None and m.doc[m.head].pos_ == "PRON" else m
    return bool(head.country) and _lemma(head.doc[head.head]) in EQUIPMENT


def _operation_agent(verb: Token, mentions: Mentions) -> Mention | None:
    """Who did an agentless passive act, named in the operation it happened in: "was captured in a joint operation
    carried out by the police", "were arrested in a raid by soldiers"."""
    for p in verb.children:
        noun = _pobj(p) if p.dep_ == "prep" and p.lower_ == "in" else None
        if noun is None or noun.pos_ != "NOUN":
            continue
        for c in noun.children:
            by = c if c.dep_ == "prep" and c.lower_ == "by" else next(
                (a for a in c.children if a.dep_ == "agent"), None) if c.dep_ == "acl" and c.tag_ == "VBN" else None
            m = mentions.at(_pobj(by)) if by is not None else None
            if m is not None and m.identified:
                return m
    return None


def _framed_noun(obj: Token) -> Token | None:
    """The noun an object frame holds ("sanctions" of "a new package of sanctions", "emergency" of "a state of
    emergency"), else None."""
    if obj.lemma_.lower() not in OBJECT_FRAMES:
        return None
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _pobj(of) if of is not None else None


def _framed_preps(verb: Token) -> list[Token]:
    """Prepositions of the noun inside an object frame ("a new package of sanctions on Russia")."""
    framed = (_framed_noun(o) for o in verb.children if o.dep_ == "dobj")
    return [c for n in framed if n is not None for c in n.children if c.dep_ == "prep"]


def _object_of(noun: Token) -> int:
    """The verb a direct object, or the noun framed by one ("package of sanctions"), belongs to."""
    frame = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    framed = _framed_noun(frame) if frame is not None and frame.dep_ == "dobj" else None
    if framed is not None and framed.i == noun.i:
        noun = frame
    return noun.head.i if noun.dep_ == "dobj" else -1


def _protested(verb: Token, source: Mention | None, mentions: Mentions) -> Mention | None:
    """Whom a protest is against, named in its adjuncts ("blocked streets in defiance of Chinese authorities", "to
    show their disapproval of the United States' policies", "demanding independence from Indonesian rule"): the
    first actor there, not a place, other than the protesters themselves; their own state counts ("to protest
    against Sweden's decision" by people in Sweden), as protests are most often aimed at one's own government."""
    for child in verb.children:
        if child.dep_ not in {"prep", "advcl", "xcomp"} or (child.lower_ in LOCATIVE | {"at", "near"} and not (
                _pobj(child) is not None and _lemma(_pobj(child)) in {"defiance", "protest", "opposition"})):
            continue  # "in Baghdad" is where; "in defiance of Chinese authorities" is whom
        for tok in child.subtree:
            m = mentions.at(tok)
            if m is None or not m.country or m.country_from in {"place", "context", "coref"} or \
                    (source is not None and m.same_actor(source)):
                continue
            if m.kind in {"country", "person", "group", "org"} or m.country_from == "modifier":
                return m
    return None


def _purpose_object(verb: Token, mentions: Mentions) -> Mention | None:
    """'used water cannon to disperse protesters', 'fired tear gas to break up the crowd': force used on whom its
    purpose clause names."""
    for clause in verb.children:
        if clause.dep_ in {"advcl", "xcomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            for obj in clause.children:
                if obj.dep_ == "dobj" and mentions.at(obj) is not None and mentions.at(obj).kind != "thing":
                    return mentions.at(obj)
    return None


def _in_clause(tok: Token, top: Token) -> bool:
    """Whether a word below `top` sits in a clause of its own ("a tanker carrying crude amid tensions between X and
    Y"): such a clause's parties are not the object's."""
    while tok.i != top.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.i != top.i and tok.pos_ in {"VERB", "AUX"}:
            return True
    return False


def _nested_party(verb: Token, preps: set[str], source: Mention | None, mentions: Mentions) -> Mention | None:
    """The party named by "with" or "between" inside the verb's object ("welcomed a resumption of ties with X") or
    inside what it calls for ("called for improved ties with X"); other prepositions deep in an object name victims
    or places more often than parties."""
    wanted = [_pobj(p) for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"]  # "called for ties with X"
    for obj in (*(c for c in verb.children if c.dep_ == "dobj"), *(w for w in wanted if w is not None)):
        direct_ok = obj.dep_ == "pobj" and mentions.at(obj) is None
        for tok in obj.subtree:
            if tok.dep_ == "prep" and tok.lower_ in preps and (tok.head.i != obj.i or direct_ok) and \
                    not _in_clause(tok, obj):
                candidate = mentions.at(_pobj(tok))
                if candidate is not None and candidate.identified and \
                        (source is None or not candidate.same_actor(source)):
                    return candidate
    return None


EVENT_MEASURES = word_list("event_measures")
EVENT_CARRIERS = word_list("event_carriers")
OBJECT_FRAMES = frozenset({"state", "level", "round", "set", "package", "series", "wave"})  # "a state of emergency"
LIGHT_PREPS = word_map("light_prep")
UNDERGO = word_list("undergo")


def _measured(noun: Token) -> Token:
    """The word that stands in the clause for an event noun under a measure ("launched a series of exercises",
    "carried out three days of drills"): the measure, whose verb carries the event."""
    tok = noun
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and _lemma(tok.head.head) in EVENT_MEASURES:
        tok = tok.head.head
    return tok


def _undergoes(noun: Token) -> bool:
    """Whether the clause's subject undergoes the event its object names ("faced new sanctions", "came under
    attack")."""
    verb = noun.head
    if noun.dep_ == "dobj":
        return _lemma(verb) in UNDERGO and _lemma(verb) != "come"
    return noun.dep_ == "pobj" and verb.lower_ == "under" and _lemma(verb.head) == "come"


def _undergoer(owner: Mention | None, noun: Token, pattern: Pattern) -> bool:
    """Whether a person's possessive names whom force is used on ("the journalist's arrest"), as a state's names
    who uses it ("Russia's invasion"); with an 'of' object the owner is the agent ("the army's arrest of X")."""
    return owner is not None and owner.kind == "person" and pattern.event_type in {"ASSAULT", "COERCE"} and \
        not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _noun_arguments(noun: Token, mentions: Mentions, pattern: Pattern = GENERIC) -> tuple[Mention | None, Mention | None]:
    source = target = None
    noun_preps = NOUN_TARGET_PREPS | set((pattern.flag_value("tgt") or "").split("|")) - {""}
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "a mediation mission between X and Y": the phrase's head carries the arguments
    of_actor = parties = None
    for c in noun.children:
        if c.dep_ == "poss" and _undergoer(mentions.at(c), noun, pattern):
            target = mentions.at(c)  # "the journalist's arrest", "a governor's kidnapping": done to the person
        elif c.dep_ == "poss":
            source = mentions.at(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            source = mentions.at(_pobj(c))
        elif c.dep_ == "prep" and c.lower_ == "between":
            parties = mentions.at(_pobj(c))
        elif c.dep_ == "prep" and c.lower_ in noun_preps and target is None:
            target = mentions.at(_pobj(c))
        elif c.dep_ == "prep" and c.lower_ == "of" and "nominal" in pattern.flags:
            of_actor = mentions.at(_pobj(c))
    flagged = set((pattern.flag_value("tgt") or "").split("|")) - {""}
    if target is None and flagged:  # "the withdrawal of forces from Panama": the parser hangs "from" on the forces
        for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            obj = _pobj(of)
            for p in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in flagged) if obj is not None else ():
                target = target or mentions.at(_pobj(p))
    if of_actor is not None and of_actor.kind != "thing":
        # "the withdrawal of Russian troops" names who acts; "the expulsion of two diplomats" whom it is done to
        if pattern.lemma in INTRANSITIVE_VERBS and source is None:
            source = of_actor
        elif pattern.lemma not in INTRANSITIVE_VERBS and target is None:
            target = of_actor
    own = mentions.at(noun)
    if source is None and own is not None and own.head == noun.i and own.country and \
            own.country_from == "modifier" and pattern.event_type != "CONSULT":  # "Freedonia peace talks": a topic
        source = own  # "US sanctions on Iran", "Israeli airstrikes": the event's own modifier names who acts
    carrier = _measured(noun)
    verb = carrier.head
    if _undergoes(carrier):  # "endured assaults by warplanes", "came under attack from X": the subject is hit
        if source is None:  # the noun's or, where the parser hangs it there, the verb's "by"/"from"
            source = next((mentions.at(_pobj(c)) for c in (*noun.children, *verb.children)
                           if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"} and mentions.at(_pobj(c))),
                          None)
        if target is None:
            target = _subject(verb, mentions)
    elif source is None and carrier.dep_ == "pobj" and LIGHT_PREPS.get(_lemma(verb.head)) == verb.lower_:
        source = _subject(verb.head, mentions)  # "did not come to a ceasefire agreement", "entered into talks"
    elif source is None and carrier.dep_ == "pobj" and verb.lower_ in {"after", "following"} and \
            pattern.event_type == "CONSULT" and verb.head.pos_ == "VERB":
        source = _subject(verb.head, mentions)  # "arrived in Beijing after visits to Kabul": the traveller's
    elif source is None and carrier.dep_ in {"dobj", "nsubjpass"} and _lemma(verb) in cue_words().get("light", ()):
        source = _subject(verb, mentions)
        if target is None:
            for p in _preps(verb):
                if p.lower_ in NOUN_TARGET_PREPS and p.head.i == verb.i:
                    target = mentions.at(_pobj(p))
    if parties is not None and source is None:
        source = parties  # "talks between X and Y", no one else named: the parties, each a source
    elif parties is not None and target is None:
        target = parties  # "a mediation mission between X and Y" by a named mediator
    return source, target


def factuality(trigger: Token) -> str:
    words = cue_words()
    light = words.get("light", frozenset())
    tok = trigger
    negated = False
    for _ in range(8):
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                negated = True
            if c.dep_ == "aux" and c.lower_ in words.get("modal", ()):
                return "hypothetical"
            if c.dep_ == "mark" and c.lower_ in {"if", "unless"}:
                return "hypothetical"
        if tok.i != trigger.i or tok.pos_ == "NOUN":
            lemma = _lemma(tok)
            if tok.i != trigger.i and lemma in words.get("intent", ()):
                return "hypothetical"
            if tok.i != trigger.i and lemma in words.get("allege", ()):
                return "hypothetical"
            if tok.i != trigger.i and lemma in words.get("failure", ()):
                negated = True
        if tok.dep_ not in CLAUSE_UP or tok.head.i == tok.i:
            break
        if tok.dep_ in {"dobj", "nsubjpass"} and _lemma(tok.head) not in light | words.get("intent", frozenset()):
            break
        if tok.dep_ == "ccomp":
            break
        tok = tok.head
    return "negated" if negated else "asserted"


WEAPON_EVENTS = word_list("weapon_events")
EQUIPMENT = word_list("equipment")
TIME_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "amid", "despite"})
BLAME_CAUSES = word_list("blame_causes")
IRREGULAR = frozenset({"REB", "UAF", "CRM"})  # armed actors with no power to arrest (CAMEO 181, not 173)


def _weapon(m: Mention, pattern: Pattern) -> bool:
    """'US Predator attacks killed ...', 'Israeli air strikes hit ...': violence named by its means stands for
    whoever used it."""
    return pattern.event_type == "ASSAULT" and m.country is not None and \
        _lemma(m.doc[m.head]) in WEAPON_EVENTS | {"strike", "airstrike", "raid", "drone"}


def _unnamed_attacker(trigger: Token) -> bool:
    """Violence whose perpetrator the text does not name: "was killed in a car bomb explosion", "a roadside bombing
    killed one soldier". Coded with an unidentified armed actor (sector UAF) rather than dropped."""
    if trigger.pos_ == "NOUN":  # "the attack on the USS Cole", "a bombing of two embassies": no one named
        return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in trigger.children)
    if trigger.pos_ != "VERB":
        return False
    if _is_passive(trigger):
        return not any(c.dep_ == "agent" for c in trigger.children)
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(_lemma(c) in WEAPON_EVENTS for c in subjects)


def _commitment(trigger: Token) -> str | None:
    """How a trigger is announced: "ultimatum" ("will withdraw unless ..."), "promise" ("is ready to contribute",
    "vowed to release"), "future" ("will visit"), or None (a plan, a possibility, a fact)."""
    tok = trigger
    for _ in range(4):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in tok.children):
            return "ultimatum"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | FUTURE_IN_PAST_AUX for c in tok.children):
            return "future"
        head = tok.head
        if tok.dep_ == "xcomp" and _lemma(head) in COMMITMENT_HEADS:
            return "promise"
        if tok.dep_ not in {"xcomp", "conj"} or head.i == tok.i:
            return None
        tok = head
    return None


def _negated_here(trigger: Token) -> bool:
    return any(c.dep_ == "neg" for c in trigger.children)


def _failed(trigger: Token) -> bool:
    """'failed to reach agreement': the trigger is what its subject did not manage."""
    tok = trigger
    for _ in range(3):
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if _lemma(tok) == "fail":
            return True
    return False


def _announced(draft: Draft) -> Draft | None:
    """The verbal event that stands for a hypothetical act: the AGREE or THREATEN of an act its source vowed,
    promised or made a condition ("vowed to arrest" is a threat, not an arrest), the REJECT of an act its source
    says it will not do ("would not recognise"), or the REJECT of an agreement its parties failed to reach (added
    beside the negated agreement). A plain future ("will visit") stays one hypothetical event of its own type."""
    if draft.event_type in {"AGREE", "CONSULT"} and draft.factuality == "negated" and _failed(draft.trigger):
        return replace(draft, event_type="REJECT", cameo="120", mode=None, factuality="asserted")
    if draft.factuality != "hypothetical" or draft.event_type in COMPLEMENT_TYPES:
        return None
    kind = _commitment(draft.trigger)
    if kind in {"promise", "future"} and _negated_here(draft.trigger) and draft.event_type in PROMISE_CAMEO:
        return replace(draft, event_type="REJECT", cameo="120", mode=None, factuality="asserted",
                       confidence=max(0.05, draft.confidence - 0.1))  # "will not accept", "would not meet"
    if kind == "ultimatum":
        event_type, cameo = "THREATEN", "139"
    elif kind == "promise" and draft.event_type in PROMISE_CAMEO:
        event_type, cameo = "AGREE", PROMISE_CAMEO[draft.event_type]
    elif kind == "promise" and draft.event_type in THREAT_CAMEO:
        event_type, cameo = "THREATEN", THREAT_CAMEO[draft.event_type]
    else:
        return None
    return replace(draft, event_type=event_type, cameo=cameo, mode=None, factuality="asserted",
                   confidence=max(0.05, draft.confidence - 0.1))


def _reciprocal(tok: Token) -> bool:
    """'each other', 'one another'."""
    if tok.lower_ not in {"other", "another"} or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1].lower_
    if before in {"each", "one"}:
        return True  # "accused each other", "one another"
    # "each side blaming the other"
    return before == "the" and any(t.lower_ == "each" for t in tok.sent if t.i < tok.i)


def _inside_event(noun: Token) -> bool:
    """Whether an event noun is the object of another event's verb ("rejected a U.S. request", "agreed to US
    mediation"): it is that event's content, coded there, not an event of its own. A noun carried by a light verb
    ("held talks"), standing as subject, or with its own actor ("rejected Imran Khan's demand", "a request by X") is
    its own event."""
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)
    if owned and not (noun.dep_ == "dobj" and _is_request(noun.head)):
        return False  # but "demanded the president's resignation": the content of the demand
    tok = noun
    for _ in range(5):
        if tok.dep_ not in {"dobj", "pobj", "prep", "pcomp", "compound", "conj", "xcomp", "attr"} or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in TIME_PREPS:
            return False  # "cut ties after the Six-Day War": an event in a time adjunct is not the verb's content
        tok = tok.head
        if tok.pos_ in {"VERB", "NOUN"} and tok.i != noun.i:
            coded = _choose(tok, "V" if tok.pos_ == "VERB" else "N") is not None
            if coded or _lemma(tok) not in cue_words().get("light", ()):
                return coded  # "imposed sanctions" is one event, the verb's; "held talks" is the noun's
    return False


def _bare_time_adjunct(noun: Token, mentions: Mentions) -> bool:
    """A violent event noun in a time adjunct that names no actor of its own ("indicted for atrocities during the
    fight against Serb forces", "after fierce fighting"): background, not coded (the guide's nominalisations without
    an actor); "after the Six-Day War between Israel and its neighbours" names its parties and is coded. (Visits and
    talks in such adjuncts take the clause's subject: "arrived after visits to Kabul".)"""
    if noun.dep_ != "pobj" or noun.head.lower_ not in TIME_PREPS:
        return False
    own = mentions.at(noun)
    return not (any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "between"}) for c in noun.children)
                or (own is not None and own.country_from == "modifier"))


def _is_request(verb: Token) -> bool:
    pattern = _choose(verb, "V") if verb.pos_ == "VERB" else None
    return pattern is not None and pattern.event_type == "REQUEST"


def _no_self_guess(s: Mention, t: Mention | None) -> tuple[Mention, Mention | None]:
    """A country the document context guessed for one side is dropped when the other side is that very state named
    as such ("President Bush threatened Russia" in a story about Russia): a state is rarely acted on by its own
    people by name, so the guess is more likely wrong than the event domestic."""
    if t is None:
        return s, t
    if s.country_from == "context" and t.kind == "country" and t.country == s.country:
        return replace(s, country=None, country_from=None), t
    if t.country_from == "context" and s.kind == "country" and s.country == t.country:
        return s, replace(t, country=None, country_from=None)
    return s, t


def _objectless(tok: Token, pattern: Pattern, mentions: Mentions) -> bool:
    """An event whose words name no one it is done to ("troops pulled back", "protesters marched", "the talks"):
    coded with its source alone, as the news guide codes mobilizations, withdrawals, protests and two-sided acts.
    A verb with an object or a target preposition whose actor we could not resolve is left uncoded instead."""
    if pattern.event_type in {"REJECT", "AGREE"} and tok.pos_ == "VERB" and any(
            c.dep_ == "dobj" and _lemma(c) in PROPOSALS and not _names_actor(c, mentions) for c in tok.children):
        return True  # "rejected the request", "accepted the offer": a response to a proposal no one is named for
    if pattern.event_type in COMPLEMENT_TYPES | {"ACCUSE", "SANCTION"}:
        return False
    if tok.pos_ != "VERB":
        return True
    if any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative", "nsubjpass"}]
    objects += [_pobj(p) for p in _preps(tok) if p.lower_ in TARGET_PREPS]
    return not any(_names_actor(o, mentions) for o in objects if o is not None)


def _names_actor(tok: Token, mentions: Mentions) -> bool:
    """Whether a word heads an actor mention we could not make the target (a person, group or state): the event
    then has a target we failed to resolve, and is better left uncoded than coded without it."""
    m = mentions.at(tok)
    return m is not None and m.kind != "thing" and not _means(m, GENERIC)


SENDING = frozenset({"AID", "RETREAT", "MOBILIZE", "COOPERATE", "SUPPORT"})


def _means(m: Mention, pattern: Pattern) -> bool:
    """Military equipment as the object of sending, deploying or releasing ("dispatched two transport aircraft",
    "deployed tanks"): what is sent, never whom; as a subject it still stands for the force using it."""
    return m.kind != "country" and _lemma(m.doc[m.head]) in EQUIPMENT and \
        (pattern is GENERIC or pattern.event_type in SENDING)


def _trigger_span(tok: Token) -> Span:
    end = tok.i + 1
    for c in tok.children:
        if c.dep_ == "prt" and c.i == end:
            end += 1
    return tok.doc[tok.i:end]


PLURAL_PRONOUNS = {"they", "them", "their"}


def _expand(m: Mention | None, mentions: Mentions) -> list[Mention]:
    """A mention and the actors conjoined with it ("X, Y and Z")."""
    if m is None:
        return []
    out = [m]
    if m.kind == "implied":
        return out
    out.extend(replace(m, country=iso3, also=[], country_from="list") for iso3 in m.also)
    heads = [m.doc[m.head]]
    if m.antecedent is not None and m.doc[m.head].lower_ in PLURAL_PRONOUNS:
        heads.append(m.doc[m.antecedent.head])  # "the government and the opposition ... said they will": both
    for tok in (t for h in heads for t in _list_members(h, mentions)):
        other = mentions.at(tok)
        if other is not None and other not in out:
            out.append(other)
    return sorted(out, key=lambda x: x.start)


def _list_members(head: Token, mentions: Mentions) -> list[Token]:
    """The other items of a list headed by `head`: its conjuncts, and appositions that name another actor of the
    same kind ("The United States, Canada, Japan and the Philippines" parses Canada as an apposition of the United
    States, and two countries are never one another's apposition), with their own conjuncts in turn; and the
    members "including" names that belong to another country."""
    first = mentions.at(head)
    found: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        for other in (*tok.conjuncts, *(c for c in tok.children if c.dep_ == "appos")):
            if other.i == head.i or other in found or _one_group(head, other, mentions):
                continue
            if other.dep_ == "appos":
                m = mentions.at(other)
                listed = any(c.dep_ in {"cc", "conj"} for c in other.children)  # "X (a), Y (b), and Z"
                if m is None or first is None or not listed and (
                        m.kind != first.kind or m.kind not in {"country", "org"} or m.country == first.country):
                    continue
            found.append(other)
            stack.append(other)
    if first is not None:  # "sanctions on dozens of officials, including two North Korean officials": named apart
        holders = [head]
        tok = head
        while tok.dep_ in {"pobj", "prep", "dobj"} and tok.head.i != tok.i and len(holders) < 6:
            tok = tok.head  # the parser often hangs "including ..." on the verb whose object it lists
            holders.append(tok)
            if tok.pos_ in {"VERB", "AUX"}:
                break
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "including"):
            obj = _pobj(prep)
            for tok in (obj, *obj.conjuncts) if obj is not None else ():
                m = mentions.at(tok)
                if m is not None and m.country and m.country != first.country and \
                        m.country_from not in {"context", "coref", None} and tok not in found:
                    found.append(tok)
    return found


def _one_group(head: Token, other: Token, mentions: Mentions) -> bool:
    """'at least 19 journalists, reporters and photographers', 'more than 100 Australian soldiers and police
    officers': common nouns under one number or nationality are one group (the news guide codes one event), unlike
    'police and soldiers' or 'Iran and Iraq'."""
    if head.pos_ != "NOUN" or other.pos_ != "NOUN" or other.dep_ != "conj":
        return False
    shared = any(c.dep_ in {"nummod", "quantmod"} or (c.dep_ == "amod" and c.ent_type_ == "NORP") for c in head.children)
    own = any(c.dep_ in {"det", "nummod", "amod", "poss", "quantmod"} for c in other.children)
    m = mentions.at(other)
    return shared and not own and (m is None or m.country_from not in {"head", "modifier"})


def _confidence(source: Mention, target: Mention | None, pattern: Pattern) -> float:
    score = 0.4
    if source.country:
        score += 0.15
    if target is not None and target.country:
        score += 0.15
    if source.sector or (target is not None and target.sector):
        score += 0.05
    if pattern.cues:
        score += 0.1
    if source.kind == "implied":
        score -= 0.1
    return max(0.05, min(0.95, score))


def _is_trigger_candidate(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return "V"
    if tok.pos_ in {"NOUN", "PROPN"} and tok.tag_ in {"NN", "NNS"}:
        return "N"
    if tok.tag_ == "NNP" and any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children):
        return "N"  # a named war or crisis with its parties: "the 1967 Six-Day War between Israel and its neighbours"
    return None


def _reported_obligation(verb: Token, mentions: Mentions) -> Token | None:
    """The clause of "X said that Y must ..." (an obligation put on an actor in reported speech), else None. An
    obligation of a thing ("the decision should not strain relations") asks nothing of anyone."""
    if _lemma(verb) not in SPEECH:
        return None
    for c in verb.children:
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in c.children):
            subject = next((s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and not _names_actor(subject, mentions):
                continue
            return c
    return None


def _reproach(comp: Token) -> bool:
    """'X said Y should have done Z': a criticism of what Y did (CAMEO 111), not a demand."""
    return any(a.dep_ == "aux" and a.lower_ == "have" for a in comp.children) and \
        any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in comp.children)


ONSET = word_list("onset")


def _erupted(noun: Token) -> bool:
    """'protests erupted', 'the protests began on January 2': the news guide codes such protests with the implied
    protesters as actor."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ONSET and \
        not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)


def _place_country(tok: Token) -> str | None:
    """The country of a place named in a locative phrase of the word or its verb ("protests in Kazakhstan")."""
    for word in (tok, tok.head):
        for prep in word.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
                obj = _pobj(prep)
                if obj is not None and obj.ent_type_ in {"GPE", "LOC"}:
                    place = gazetteer().lookup(entity_text(obj))
                    if place is not None and place.country:
                        return place.country
    return None


def _placed(m: Mention, trigger: Token) -> Mention:
    """An actor the document's focus filled in, acting where the event's own words place it ("the civil war in
    Syria between government forces and insurgents", "police fired tear gas in Nairobi"): the place's country."""
    if m.country_from != "context" or m.kind not in {"group", "person"} or m.doc[m.head].ent_type_ == "PERSON":
        return m  # a named person is from somewhere, wherever they act
    country = _place_country(trigger)
    if country is None or country == m.country:
        return m
    return replace(m, country=country, country_from="place")


def _standing(verb: Token) -> bool:
    """'a Christian group that opposes the government', 'the rebels, who control the north': a present-tense relative
    clause describes a standing stance or state of its noun, not a discrete act (the news guide codes none)."""
    return verb.pos_ == "VERB" and verb.dep_ == "relcl" and verb.tag_ in {"VBZ", "VBP"} and \
        not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _event_object_target(verb: Token, mentions: Mentions, absorbed: set[int]) -> Mention | None:
    """'warned of new attacks on Afghan forces', 'called for sanctions against X': a verbal act about an event names
    its target through that event's own target; the event it speaks of is not coded again."""
    for p in _preps(verb):
        if p.lower_ not in {"of", "about", "for", "against"} or p.head.i != verb.i:
            continue
        obj = _pobj(p)
        if obj is None or obj.pos_ != "NOUN" or _choose(obj, "N") is None:
            continue
        absorbed.add(obj.i)
        _, target = _noun_arguments(obj, mentions, _choose(obj, "N"))
        if target is not None:
            return target
    return None


def _reproached(verb: Token, mentions: Mentions) -> Mention | None:
    """Whom a statement reproaches: "X said Y's threat was 'extortion'", "said the regime was out of control",
    "called the rioters 'fascists'" (CAMEO 111): the actor, or the owner of the thing, that the statement's clause
    describes with a word of reproach. None for any other statement."""
    words = word_list("reproach")
    if _lemma(verb) in SPEECH:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    elif _lemma(verb) in {"call", "describe", "brand", "label", "term", "denounce"}:
        clauses = [verb]
    else:
        return None
    for clause in clauses:
        if clause is not verb and _lemma(clause) in BLAME_CAUSES and _is_passive(clause):
            by = next((_pobj(c) for c in clause.children if c.dep_ == "agent"), None)
            agent = mentions.at(by) if by is not None else None
            if by is not None and (agent is None or agent.kind == "thing"):  # "sparked by efforts by the opposition"
                agent = next((mentions.at(_pobj(c)) for c in by.children
                              if c.dep_ == "prep" and c.lower_ == "by"), None) or _owner(by, mentions)
            if agent is not None and agent.kind != "thing":
                return agent  # "said her action was sparked by the opposition": the one blamed
        if clause is verb:
            described = [t for t in clause.subtree if t.dep_ in {"attr", "acomp", "oprd", "dobj", "ccomp", "xcomp"}]
        else:  # what the reported clause predicates of its subject, not any word in it ("to stop illegal migrants")
            described = [t for t in clause.children if t.dep_ in {"attr", "acomp", "oprd", "ccomp", "xcomp"}]
        said = [t for d in described for t in d.subtree] + [clause]
        if not any(t.lower_ in words or _lemma(t) in words for t in said) and \
                not any(t.lower_ == "control" and t.head.lower_ == "of" and t.head.head.lower_ == "out"
                        for t in clause.subtree):
            continue
        roles = ("dobj",) if clause is verb else ("nsubj", "nsubjpass")  # "called X fascists" / "said X was"
        for c in clause.children:
            if c.dep_ in roles:
                m = mentions.at(c) or _owner(c, mentions)
                if m is not None and m.kind != "thing":
                    return m
    return None


def _complement(verb: Token) -> Token | None:
    """The clause a speech act or intention is about: "threatened [to shell X]", "demanded [that Y withdraw]"."""
    for c in verb.children:
        if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}:
            return c
        if verb.pos_ == "NOUN" and c.dep_ in {"acl", "ccomp"} and c.pos_ in {"VERB", "AUX"} and any(
                a.dep_ in {"aux", "mark"} and a.lower_ in {"to", "that"} for a in c.children):
            return c  # "its threat to impose tariffs", "a demand that the army withdraw"
    for c in verb.children:  # "rejected a proposal to hold talks with X": the proposal's content is its content
        if verb.pos_ == "VERB" and c.dep_ == "dobj" and _lemma(c) in PROPOSALS:
            return _complement(c)
    return None


def _content_target(verb: Token, source: Mention | None, pattern: Pattern, mentions: Mentions,
                    comp: Token) -> Mention | None:
    """Who a verbal event with a clausal complement is aimed at: the one asked to act ("demanded that the US
    cancel"), else whom the promised or threatened act is aimed at ("threatened to shell Iraqi towns")."""
    comp_pattern = _choose(comp, "V") or GENERIC
    comp_source, comp_target = _verb_arguments(comp, comp_pattern, mentions)
    if pattern.event_type == "ACCUSE":  # "alleged that the government rigged the vote": the one accused
        return comp_source if comp_source is not None and comp_source is not source else None
    if pattern.event_type == "REQUEST" and comp_source is not None and comp_source is not source:
        return comp_source
    if comp_target is not None or pattern.event_type == "REQUEST":
        return comp_target
    return _first_other_actor(comp, source, mentions)


def _first_other_actor(comp: Token, source: Mention | None, mentions: Mentions) -> Mention | None:
    """The first actor with a country in the promised or threatened act ("break relations with Russia", "a curfew
    in Algiers"), outside its own condition ("unless the Kremlin ..."), which names whom the act is meant to move."""
    condition = {t.i for c in comp.children if c.dep_ == "advcl" for t in c.subtree}
    for tok in comp.subtree:
        if tok.i in condition or tok.i == comp.i:
            continue
        m = mentions.at(tok)
        if m is not None and m.head == tok.i and m.identified and m.kind != "pronoun" and \
                (source is None or not m.same_actor(source)) and (source is None or m.country != source.country
                                                                   or m.kind in {"thing", "group"}):
            return m
    for c in comp.children:  # "... if the United States goes ahead": the side the condition is put to
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children):
            cond_source = _subject(c, mentions)
            if cond_source is not None and cond_source.identified and \
                    (source is None or not cond_source.same_actor(source)):
                return cond_source
    return None


def extract_events(doc: Doc, mentions: Mentions) -> list[Draft]:
    """All events of a document in reading order.

    A verbal event whose content is another event ("agreed to lift the embargo on Iran", "threatened to shell
    Iraqi towns") is coded once, as the verbal event aimed at the content's target: PLOVER codes the promise or the
    threat, not the act that has not happened.
    """
    drafts: list[Draft] = []
    absorbed: set[int] = set()
    for tok in doc:
        pos = _is_trigger_candidate(tok)
        if pos is None or tok.i in absorbed:
            continue
        pattern = _choose(tok, pos)
        reproached = _reproached(tok, mentions) if pos == "V" and (pattern is None or _lemma(tok) == "call") else None
        if reproached is not None:
            pattern = REPORTED_REPROACH
        if pattern is None and pos == "V" and _reported_obligation(tok, mentions) is not None:
            pattern = REPORTED_REPROACH if _reproach(_reported_obligation(tok, mentions)) else REPORTED_DEMAND
        if pattern is None or _standing(tok):
            continue
        if pos == "V" and reproached is not None:
            source, target = _subject(tok, mentions), reproached
            absorbed.update(t.i for c in tok.children if c.dep_ == "ccomp" for t in c.subtree)
        elif pos == "V":
            source, target = _verb_arguments(tok, pattern, mentions)
            if target is None and pattern.event_type in COMPLEMENT_TYPES | {"ACCUSE"}:
                target = _event_object_target(tok, mentions, absorbed)
            comp = (_reported_obligation(tok, mentions) if pattern in {REPORTED_DEMAND, REPORTED_REPROACH} else
                    _complement(tok) if pattern.event_type in COMPLEMENT_TYPES | {"ACCUSE"} else None)
            if comp is not None:
                if target is None:
                    target = _content_target(tok, source, pattern, mentions, comp)
                absorbed.add(comp.i)
                absorbed.update(c.i for c in comp.conjuncts)  # "urged Peru to comply, capture X and return him"
                absorbed.update(c.i for c in comp.children if c.dep_ == "dobj")  # "agreed to hold exercises"
        else:
            if _inside_event(tok) or (pattern.event_type in {"ASSAULT", "COERCE"} and
                                      _bare_time_adjunct(tok, mentions)):
                continue
            source, target = _noun_arguments(tok, mentions, pattern)
            comp = _complement(tok) if pattern.event_type in COMPLEMENT_TYPES else None
            if comp is not None:  # the threatened or demanded act is the content, coded once, here
                if target is None:
                    target = _content_target(tok, source, pattern, mentions, comp)
                absorbed.add(comp.i)
                absorbed.update(c.i for c in comp.conjuncts)
                absorbed.update(c.i for c in comp.children if c.dep_ == "dobj")
        if source is None and pos == "N" and pattern.event_type == "PROTEST" and _erupted(tok):
            focus = mentions.context.focus if mentions.context is not None else None
            source = implied_actor(doc, tok, "CVL", _place_country(tok) or focus)  # "protests erupted in X"
        if source is None and target is not None and pattern.event_type == "ASSAULT" and not _is_passive(tok) and \
                _unnamed_attacker(tok):  # "a bombing killed"; the news guide codes no agentless passive
            source = implied_actor(doc, tok, "UAF")
        sources = _expand(source, mentions)
        targets = _expand(target, mentions)
        if pattern.event_type == "CONSULT":  # "negotiations on an Israeli pullback": a topic, not a party
            targets = [t for t in targets if t.kind != "thing"]
        if pattern.mode == "military-exercise" and len(sources) > 1:  # "drills by US carriers and three allies"
            pattern = replace(pattern, event_type="COOPERATE", cameo="062", mode=None,
                              flags=(pattern.flags - {"notgt"}) | {"sym"})
        pairs: list[tuple[Mention, Mention | None]] = []
        if len(sources) > 1 and any(_reciprocal(c) for c in tok.subtree if c.head.i == tok.i or c.head.head.i == tok.i):
            pairs = [(s, t) for s in sources for t in sources if s is not t]  # "accused each other"
        elif targets and len(sources) > 1 and len({m.country for m in sources}) > 1 and \
                all(t.country in {m.country for m in sources} and t.kind == "country" for t in targets):
            # "Hungarian and Romanian officials agreed ... to help refugees in Hungary": each party to the other
            pairs = [(s, t) for s in sources for t in sources if s.country != t.country]
        elif targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif "sym" in pattern.flags and len(sources) == 2:
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        elif "sym" in pattern.flags and len(sources) > 2:  # many parties: one event each, no one target
            pairs = [(s, None) for s in sources]
        elif pattern.flags & {"notgt", "domestic"}:
            pairs = [(s, None) for s in sources]
        elif _objectless(tok, pattern, mentions):
            pairs = [(s, None) for s in sources if s.identified]
        if "people" in pattern.flags:  # "released two hostages", not "released photos": someone is released
            pairs = [(s, t) for s, t in pairs if t is not None and t.kind in {"person", "group", "pronoun"}]
        if not pairs:
            continue
        fact = factuality(tok)
        span = _trigger_span(tok)
        for s, t in pairs:
            if (s.kind == "thing" and not _weapon(s, pattern) and s.head != tok.i) or \
                    (t is not None and t.kind == "thing" and pattern.event_type == "CONSULT"):
                continue
            if t is not None and s.same_actor(t):
                continue
            if pattern.mode == "visit" and s.sector == "CVL":
                continue  # "the freed men arrived in Doha": private people travelling are no diplomatic visit
            s, t = _placed(s, tok), _placed(t, tok) if t is not None else None
            s, t = _no_self_guess(s, t)
            if s.kind == "pronoun" and not s.country:
                continue
            event_type, cameo, mode = pattern.event_type, pattern.cameo, pattern.mode
            if cameo == "173" and s.sector in IRREGULAR and t is not None and t.kind in {"person", "group"}:
                event_type, cameo, mode = "ASSAULT", "181", "abduct"  # rebels who "capture" people take hostages
            draft = Draft(tok, span, event_type, cameo, mode, s, t, fact, _confidence(s, t, pattern), pattern)
            announced = _announced(draft)
            if announced is None or draft.factuality == "negated":
                drafts.append(draft)
            if announced is not None:
                drafts.append(announced)
    return _without_partial_copies(drafts)


def _without_partial_copies(drafts: list[Draft]) -> list[Draft]:
    """A target-less event beside the same source's event of the same type with a target, in the same sentence, is
    the same event seen less well ("opened fire ... killing one"): one record per event."""
    full = {(d.trigger.sent.start, d.source.country, d.event_type) for d in drafts if d.target is not None}
    return [d for d in drafts if d.target is not None or "domestic" in d.pattern.flags  # a curfew is a measure of
            or (d.trigger.sent.start, d.source.country, d.event_type) not in full]  # its own, beside arrests


def told_once(drafts: list[Draft], dates: list[EventDate]) -> list[int]:
    """The drafts to keep: a later sentence that tells an event already coded again (same source country and
    sector, same target country, same CAMEO code and factuality, dates that agree: "A court on Wednesday
    sentenced an opposition leader ... said that a court had sentenced Suazo") is the same event, as a careful
    coder codes it once. Dates agree when one is unknown or one contains the other ("2023-03" and "2023-03-15");
    two drills in June and in April stay two events."""
    kept: list[int] = []
    first: dict[tuple, list[int]] = {}
    sents = [d.trigger.sent.start for d in drafts]  # Token.sent walks its sentence: once per draft, not per pair
    for n, (d, when) in enumerate(zip(drafts, dates)):
        if d.source.country is None:
            kept.append(n)
            continue
        key = (d.source.country, d.source.sector, d.target.country if d.target is not None else None, d.cameo,
               d.factuality)
        earlier = first.setdefault(key, [])
        if any(sents[k] != sents[n] and _same_time(dates[k].date, when.date)
               and _same_count(drafts[k].target, d.target) for k in earlier):
            continue
        earlier.append(n)
        kept.append(n)
    return kept


def _same_count(a: Mention | None, b: Mention | None) -> bool:
    """Whether two targets may be the same people: "released their remaining 89 hostages" and "had released 21
    hostages" are two releases."""
    counts = [{t.lower_ for t in m.span if t.like_num} if m is not None else set() for m in (a, b)]
    return not (counts[0] and counts[1] and counts[0] != counts[1])


def _same_time(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)
