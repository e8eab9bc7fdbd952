"""Stage 2, actors: noun phrases that can act or be acted on, resolved to country + sector.

A mention is a nominal head with its modifiers ("Azerbaijan's President Ilham Aliyev", "Two Hezbollah militants",
"Israeli intelligence"). Its country comes from the mention itself — the head is a country or capital ("Tehran" as
metonym for Iran's government), a possessor or demonym modifier, a known organisation — and its sector from the role
lexicon ("defense minister" → GOV, "militants" → REB). Inside a document, a bare surname takes what its fuller mention
knows ("Gantz" = "Benny Gantz"), a pronoun takes the nearest fitting earlier actor, and a country named on the first
item of a list of office holders carries over to the others. What cannot be found stays None: never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .grammar import entity_span
from .knowledge import countries, organisations, roles
from .knowledge.persons import match_person
from .knowledge.tables import read_table, word_list
from .model import Actor
from .places import gazetteer, spans_within

NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative", "oprd", "ROOT", "npadvmod"}
INNER_DEPS = {"compound", "amod", "poss", "case", "det", "nummod", "nmod", "quantmod", "flat", "punct", "predet"}
PERSONAL = {"he", "him", "his", "she", "her"}
NEUTER = {"it", "its"}
PLURAL = {"they", "them", "their"}
RELATIVE = {"who", "whom", "which", "that", "whose"}
MIN_UNTAGGED_CITY = 200_000  # a name the NER missed is taken for a city only if it is a large one
PARTY_NOUNS = word_list("party_nouns")  # "both sides", "the two countries"


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns for people or groups with no sector of their own ("individuals", "suspects")."""
    return frozenset(row["noun"].strip() for row in read_table("person_nouns.tsv", required=("noun",), nonempty=("noun",)))


@dataclass
class Mention:
    """An actor mention in a parsed document (token offsets) with what is known about it."""

    doc: Doc = field(repr=False)
    start: int
    end: int
    head: int
    kind: str  # country | org | person | group | pronoun | implied
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    country_from: str | None = None  # head | modifier | org | person | place | coref | list | None
    also: list[str] = field(default_factory=list)  # further countries of a coordinated phrase
    antecedent: Mention | None = field(default=None, repr=False)
    given_code: str | None = None  # the code a user's dictionary gives the phrase (e.g. "GONMIL")

    @property
    def span(self) -> Span:
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def identified(self) -> bool:
        """Whether we know who this is: a country, or a code from the user's dictionary."""
        return bool(self.country or self.given_code)

    @property
    def code(self) -> str | None:
        if self.given_code:
            return self.given_code
        if not self.country:
            return None
        return self.country + (self.sector or "")

    def to_actor(self) -> Actor:
        if self.kind == "implied":
            return Actor(text=None, start=None, end=None, name=None, country=self.country,
                         sector=self.sector, code=self.code)
        span = self.span
        return Actor(text=span.text, start=span.start_char, end=span.end_char, name=self.name,
                     country=self.country, sector=self.sector, code=self.code)

    def same_actor(self, other: Mention) -> bool:
        """The same actor named once; the copy a list makes for its second party ("both sides" of one country) is
        another actor."""
        if self is other or self.antecedent is other or other.antecedent is self:
            return True
        return (self.kind != "implied" and self.start == other.start and self.end == other.end
                and self.country == other.country and (self.country_from == "list") == (other.country_from == "list"))


class Mentions:
    """All actor mentions of a document, found by any token inside them."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.context = None  # the document's context (context.DocContext), once that stage has read it
        self.items = sorted(mentions, key=lambda m: m.start)
        self._by_token: dict[int, Mention] = {}
        for m in self.items:
            self._by_token[m.head] = m

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def add_alias(self, token: Token, mention: Mention) -> None:
        """Let a token that heads no mention of its own stand for one ("Thousands" of "Thousands of Kurds")."""
        self._by_token.setdefault(token.i, mention)

    def at(self, token: Token | None) -> Mention | None:
        """The mention headed by this token (an argument of a verb), if it is an actor."""
        if token is None:
            return None
        found = self._by_token.get(token.i)
        if found is None:  # "the Democratic People's Republic of Korea (DPRK)": the name in apposition
            found = next((self._by_token[c.i] for c in token.children
                          if c.dep_ == "appos" and c.i in self._by_token), None)
        return found


def _mention_tokens(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase around a head: its modifiers, and 'of'-complements of role nouns."""
    lo = hi = head.i
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            keep = child.dep_ in INNER_DEPS
            if child.dep_ == "punct" and child.text in {",", ".", ";", ":", '"'}:
                keep = False
            if child.dep_ == "prep" and child.lower_ == "of" and _is_role(tok):
                keep = True
            if child.dep_ == "pobj" and tok.dep_ == "prep" and tok.lower_ == "of":
                keep = True
            if child.dep_ == "appos" and child.i > tok.i and _in_parentheses(child):
                keep = False
            if keep:
                lo = min(lo, child.i)
                hi = max(hi, child.i)
                stack.append(child)
    doc = head.doc
    for i in range(head.i - 1, lo - 1, -1):  # a misparsed list: keep only the item the head belongs to
        if doc[i].dep_ == "cc" or doc[i].text in {",", ";"}:
            if doc[i].head.ent_type_ in {"NORP", "GPE"} or doc[i].head.pos_ == "ADJ":
                continue  # coordinated modifiers: "Ukrainian and Russian delegations"
            lo = i + 1
            break
    if head.ent_type_:  # "The State of Qatar": the head's own entity is never cut ("of Qatar" is not a role's)
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I" and doc[hi + 1].ent_type_ == head.ent_type_:
            hi += 1
    while lo < head.i and doc[lo].is_punct and doc[lo].text not in {"(", "-"}:
        lo += 1
    while hi > head.i and doc[hi].is_punct and doc[hi].text not in {")"}:
        hi -= 1
    return lo, hi + 1


def _in_parentheses(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].text == "("


def _is_role(token: Token) -> bool:
    return bool(roles.match_roles([token.lemma_.lower()])) or bool(roles.match_roles([token.lower_]))


def _country_of_entity(ent: Span) -> tuple[str, str] | None:
    """(iso3, kind) for a GPE/NORP entity span, from the gazetteer."""
    if ent.ent_id_ and len(ent.ent_id_) == 3 and ent.ent_id_.isupper():
        match = countries.match_country(ent.text)
        return (ent.ent_id_, match[1] if match else "name")
    match = countries.match_country(ent.text)
    if match:
        return match[0].iso3, match[1]
    return None


STANCE_PREFIXES = word_list("stance_prefixes")
PEOPLE_SUFFIXES = tuple(word_list("people_suffixes"))  # str.endswith takes a tuple
PARTITIVES = word_list("partitives")
OFFICE_NOUNS = word_list("office_nouns")


def _people_noun(head: Token) -> bool:
    """A plural that names people by what they do or are ("landowners", "Kurds", "Shiites", "activists")."""
    if head.tag_ == "NNPS" or head.ent_type_ == "NORP":
        return True
    return head.tag_ == "NNS" and head.lower_.endswith(PEOPLE_SUFFIXES)


def _stance_or_ethnicity(ent: Span) -> bool:
    """'anti-Syria journalist', 'pro-Russian rebels', 'ethnic Albanians': the name says what the actor is for or
    against, or its ethnicity, not the state it belongs to (that comes from where it is, if anywhere)."""
    doc = ent.doc
    first = ent.text.lower().split("-", 1)[0]
    if "-" in ent.text and first in STANCE_PREFIXES:
        return True
    before = doc[max(ent.start - 2, 0):ent.start]
    if len(before) == 2 and before[1].text == "-" and before[0].lower_ in STANCE_PREFIXES:
        return True
    return ent.start > 0 and doc[ent.start - 1].lower_ == "ethnic"


def _resolve(doc: Doc, head: Token, lo: int, hi: int, day: date | None = None,
             doc_ents: tuple[Span, ...] | None = None) -> Mention | None:
    """Resolve a candidate noun phrase; None if nothing in it says it is an actor. `doc_ents` is the document's
    entities read once (Span.ents rebuilds them from the tokens at every call)."""
    span = doc[lo:hi]
    head_ent = None
    country = country_from = sector = name = None
    kind = None
    also: list[str] = []
    phrase_org = organisations.match_organisation(span.text) if len(span) > 1 else None
    if phrase_org is not None:  # "the United Nations security council": the whole phrase names one body
        return Mention(doc, lo, hi, head.i, "org", name=phrase_org.name, country=phrase_org.country,
                       sector=phrase_org.sector, country_from="org")
    # entities inside the phrase: the head's own entity first, then modifiers nearest the head
    inside = span.ents if doc_ents is None else spans_within(doc_ents, lo, hi)
    ents = sorted(inside, key=lambda e: (not (e.start <= head.i < e.end), abs(e.end - 1 - head.i)))
    for ent in ents:
        is_head = ent.start <= head.i < ent.end
        if ent.label_ == "ORG":
            org = organisations.match_organisation(ent.text)
            if org:
                if is_head or country is None:
                    country = org.country or country
                    sector = org.sector
                    name = org.name if is_head else name
                    country_from = "org" if is_head else (country_from or "modifier")
                    kind = kind or ("org" if is_head else None)
                if is_head:
                    head_ent = ent
                    break
        elif ent.label_ in {"GPE", "NORP", "LOC"}:
            if _stance_or_ethnicity(ent):
                if is_head:
                    kind = "group"
                    break
                continue
            found = _country_of_entity(ent)
            if found is None:
                place = gazetteer().lookup(ent.text) if ent.label_ == "GPE" else None
                if place is not None and place.country and country is None:
                    country, country_from = place.country, "place"  # a town names a place, not an actor
                continue
            iso3, how = found
            if country is not None and country_from == "modifier" and not is_head and iso3 != country:
                also.append(iso3)  # "Ukrainian and Russian delegations"
                continue
            if is_head:
                country, country_from, head_ent = iso3, "head", ent
                kind = "country"
                name = countries.country(iso3).name if countries.country(iso3) else ent.text
                if how == "capital":
                    sector = "GOV"
                elif how == "people":
                    kind = "group"
                break
            if country is None:
                country, country_from = iso3, "modifier"
        elif ent.label_ == "PERSON" and is_head:
            head_ent = ent
            kind = "person"
            name = ent.text
        elif ent.label_ == "PERSON" and country is None and head.lemma_.lower() in OFFICE_NOUNS:
            known = match_person(ent.text, day)  # "the Bush administration": the office holder's country
            if known is not None and known.country:
                country, country_from = known.country, "modifier"
    # roles: the one nearest the head decides the sector unless an organisation at the head did
    lemmas = [t.lemma_.lower() if t.pos_ in {"NOUN", "VERB"} else t.lower_ for t in span]
    role_hits = roles.match_roles(lemmas)
    role_hits = [h for h in role_hits if _role_applies(span, head, h[0], h[1])]
    if role_hits and not (kind == "org" and sector):
        best = max(role_hits, key=lambda h: h[1])
        r_start, r_end, role = best
        covers_head = lo + r_start <= head.i < lo + r_end
        if sector is None or covers_head or kind in {"person", None, "group"}:
            sector = role.sector
        if kind is None:
            kind = "person" if role.person else "group"
    if kind == "person" and (head_ent is not None or head.pos_ == "PROPN"):
        known = _known_person(doc, head, lo, head_ent, day)
        if known is not None:
            name = known.name
            if country is None:
                country, country_from = known.country, "person"
            sector = sector or known.sector
    if kind is None and country is None and head.pos_ == "PROPN" and head.ent_type_ == "" and head.dep_ == "pobj":
        place = gazetteer().lookup(head.text)
        if place is not None and place.population >= MIN_UNTAGGED_CITY and place.country:
            return Mention(doc, lo, hi, head.i, "thing", name=place.name, country=place.country, country_from="place")
    # a name the tagger calls an organisation or place that none of ours is may be a person ("Olaf Scholz",
    # "Kassym-Jomart Tokayev", "FM Qureshi" after "Foreign Minister Shah Mehmood Qureshi")
    misnamed = country is None and head.ent_type_ in {"ORG", "GPE", "NORP"} and phrase_org is None
    # a capitalised singular noun the tagger took for a common word may be a surname ("Arroyo said"): kept only if
    # an earlier person mention explains it, as any bare name
    surname_like = head.pos_ == "NOUN" and head.tag_ == "NN" and head.is_title and len(span) == 1
    if kind is None and (head.pos_ == "PROPN" or surname_like) and (head.ent_type_ in {"", "PERSON"} or misnamed):
        known = match_person(span.text, day) or _known_person(doc, head, lo, None, day)
        if known is not None:
            kind, name, country, sector, country_from = "person", known.name, known.country, known.sector, "person"
        else:
            # a name the tagger calls a person is a person of unknown country; any other bare name is kept only
            # if an earlier person mention explains it
            kind = "person" if head.ent_type_ == "PERSON" and len(span) <= 4 else "name"
    if kind is None and head.lower_ in PERSONAL | NEUTER | PLURAL | RELATIVE and head.pos_ == "PRON":
        kind = "pronoun"
    if kind is None and head.lemma_.lower() in PARTY_NOUNS and any(t.lower_ in {"both", "two", "each"} for t in span):
        kind = "group"  # "the two countries", "both sides": the parties named before (context stage)
    if kind is None and (head.lemma_.lower() in person_nouns() or head.lower_ in person_nouns()):
        kind = "group"
    if kind is None and sector is not None and country is not None:
        kind = "group"  # "al-Qaeda's terror network": an organisation's body
    if kind is None and country is not None and _people_noun(head):
        kind = "group"  # "Iraqi Kurds", "Algerian landowners", "French paper workers"
    if kind is None and country is not None:
        kind = "thing"
    if kind is None:
        return None
    if kind == "group" and sector is None and (_people_noun(head) or head.lemma_.lower() in person_nouns()):
        sector = "CVL"  # PLOVER: unarmed people without organised affiliation ("Iraqi Kurds", "landowners")
    if country is None and kind in {"group", "person"}:
        country, country_from = _country_of_origin(head)
    elif country_from == "head" and kind == "group":  # "the Albanians of southern Serbia": residents, not a state
        resident, how = _country_of_origin(head)
        if resident is not None:
            country, country_from = resident, how
    return Mention(doc, lo, hi, head.i, kind, name=name, country=country, sector=sector, country_from=country_from,
                   also=also if _conjoined_modifiers(span) else [])


def _known_person(doc: Doc, head: Token, lo: int, head_ent: Span | None, day: date | None):
    """The office holder a name refers to, trying the tagger's entity, the title before it ("President Bush"), and
    the run of proper nouns ending at the head, longest first ("Maria Lopez Santos" where the tagger saw only
    "Maria Lopez")."""
    forms: list[str] = []
    if head_ent is not None:
        forms += [head_ent.text, doc[max(lo, head_ent.start - 1):head_ent.end].text]
    start = head.i
    while start > lo and doc[start - 1].pos_ == "PROPN":
        start -= 1
    forms += [doc[i:head.i + 1].text for i in range(start, head.i + 1)]
    for form in forms:
        known = match_person(form, day)
        if known is not None:
            return known
    return None


def _country_of_origin(head: Token) -> tuple[str | None, str | None]:
    """'militants in Gaza', 'protesters from Syria', 'residents of Kharkiv': the country of the place they are in;
    'experts from the IMF': the body they come from."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "of", "throughout", "across"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "ORG" and prep.lower_ in {"from", "of"}:
                    ent = entity_span(obj)
                    org = organisations.match_organisation(ent.text) if ent is not None else None
                    if org is not None and org.country:
                        return org.country, "org"  # "experts from the IMF", "delegates of the African Union"
                if obj.dep_ == "pobj" and obj.ent_type_ in {"GPE", "LOC"}:
                    ent = entity_span(obj)
                    found = _country_of_entity(ent) if ent is not None else None
                    if found:
                        return found[0], "place"
                    place = gazetteer().lookup(ent.text) if ent is not None else None
                    if place is not None and place.country:
                        return place.country, "place"
    return None, None


def _conjoined_modifiers(span: Span) -> bool:
    """Whether the phrase's country modifiers are coordinated ("Israeli and US targets"), i.e. it names two actors."""
    return any(t.dep_ == "cc" for t in span) and sum(t.ent_type_ in {"NORP", "GPE"} and t.ent_iob_ == "B"
                                                      for t in span) > 1


def _role_applies(span: Span, head: Token, r_start: int, r_end: int) -> bool:
    """A role names the actor if it covers the head, or is a title before the name that heads the phrase; the
    title may carry its portfolio ("Secretary of Defence Luis Sandoval", "Minister for Foreign Affairs Wang Yi")."""
    lo = span.start
    if lo + r_start <= head.i < lo + r_end:
        return True
    if head.pos_ != "PROPN" or lo + r_end > head.i:
        return False
    title = span.doc[lo + r_end - 1]
    return all(t.pos_ in {"PROPN", "PUNCT"} or t.ent_type_ == "PERSON" or title.is_ancestor(t)
               for t in span.doc[lo + r_end:head.i])


def _candidate_heads(doc: Doc):
    for tok in doc:
        if tok.pos_ in {"PRON", "PROPN", "NOUN"} and tok.dep_ == "poss":  # "the president's resignation"
            yield tok
        elif tok.pos_ in {"PROPN", "NOUN", "PRON", "NUM"} and tok.dep_ in NOMINAL_DEPS:
            if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
                continue
            yield tok


def _clause_subjects(pron: Token) -> set[int]:
    """The subjects a non-reflexive object pronoun cannot refer to: its own clause's subject, and the subject a
    participle or infinitive clause inherits ("the ministry cut ties, accusing it of crimes": "it" is not the
    ministry)."""
    if pron.dep_ not in {"dobj", "pobj", "dative"}:
        return set()
    verb = pron.head if pron.dep_ != "pobj" else pron.head.head
    out: set[int] = set()
    for _ in range(3):
        out.update(c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})
        if verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.head.i == verb.i or any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            break
        verb = verb.head
    return out


def _antecedent(pron: Mention, earlier: list[Mention]) -> Mention | None:
    word = pron.doc[pron.head].lower_
    if word in RELATIVE:
        tok = pron.doc[pron.head]
        while tok.dep_ not in {"relcl", "acl"} and tok.head.i != tok.i:
            tok = tok.head
        target = tok.head
        for m in reversed(earlier):
            if m.head == target.i or m.start <= target.i < m.end:
                return m
        return None
    sent_start = pron.doc[pron.head].sent.start
    bound = _clause_subjects(pron.doc[pron.head])
    fitting = []
    for m in reversed(earlier):
        if m.start < sent_start and pron.doc[m.start].sent.start < sent_start - 200:
            break  # first, so that a long document is not read back to its start for each pronoun
        if m.kind in {"pronoun", "implied", "thing"}:
            continue
        if m.end > pron.start or m.head in bound:
            continue
        if word in PERSONAL and m.kind != "person":
            continue
        head = pron.doc[m.head]
        plural_head = head.tag_ in {"NNS", "NNPS"}
        # "The rebels said they ...", "The Revolutionary United Front said it ...": role-headed groups and named
        # organisations are read as persons by their title, but a plural or an organisation name is not a person
        collective = m.kind in {"country", "org", "group"} or (
            m.kind == "person" and (plural_head or head.ent_type_ in {"ORG", "NORP", "GPE"}))
        if word in NEUTER and (not collective or plural_head):
            continue
        if word in PLURAL and not (collective and (plural_head or m.kind != "person")):
            continue
        fitting.append(m)
    if not fitting:
        return None
    # centering: the subject of the nearest sentence with a fitting actor is preferred over a nearer object
    nearest_sent = pron.doc[fitting[0].head].sent.start
    same = [m for m in fitting if pron.doc[m.head].sent.start == nearest_sent]
    subjects = [m for m in same if pron.doc[m.head].dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects else same[0]


def _copy_from(m: Mention, source: Mention, how: str) -> None:
    m.given_code = m.given_code or source.given_code
    m.country = m.country or source.country
    m.sector = m.sector or source.sector
    m.name = source.name or m.name
    if m.country and not m.country_from:
        m.country_from = how
    m.antecedent = source


def _link_names(mentions: list[Mention]) -> None:
    """A later 'Gantz' or 'Minister Gantz' takes what the earlier 'Defense Minister Benny Gantz' knows."""
    people: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "name":
            earlier = people.get(m.doc[m.head].text)
            if earlier is not None:
                m.kind = "person"
                _copy_from(m, earlier, "coref")
            continue
        if m.kind != "person":
            continue
        surname = m.doc[m.head].text
        if m.name and " " in m.name:
            surname = m.name.split()[-1]
        earlier = people.get(surname)
        if earlier is not None and earlier is not m and (not m.country or m.country == earlier.country):
            _copy_from(m, earlier, "coref")
            m.name = earlier.name
        if m.country or surname not in people:
            people[surname] = m


def _link_bodies(mentions: list[Mention]) -> None:
    """'the council' after 'the United Nations security council', 'the ministry' after 'Russia's foreign ministry': a
    definite body with no country of its own is the body named before with the same head noun."""
    bodies: dict[str, Mention] = {}
    for m in mentions:
        head = m.doc[m.head]
        key = head.lemma_.lower()
        if head.pos_ not in {"NOUN", "PROPN"}:
            continue
        if m.kind == "body":
            if key in bodies:
                _copy_from(m, bodies[key], "coref")
                m.kind = bodies[key].kind
        elif m.kind in {"org", "group"} and m.country and len(m.span) > 1:
            bodies[key] = m


def _link_others(mentions: list[Mention]) -> None:
    """'killed 2,000 GAM members and captured 3,000 others', 'two soldiers died and many others were hurt': counted
    "others" are more of the people the sentence counted before them."""
    for i, m in enumerate(mentions):
        if m.kind != "others":
            continue
        sent = m.doc[m.head].sent.start
        ante = next((a for a in reversed(mentions[:i]) if a.kind in {"group", "person"} and a.start >= sent
                     and any(t.like_num for t in a.span)), None)
        if ante is not None:
            _copy_from(m, ante, "coref")
            m.kind = ante.kind


def _distribute_lists(mentions: Mentions) -> None:
    """'Azerbaijan's President X, Defense Minister Y and Chief Z': the country of the first office holder carries over."""
    for m in mentions:
        if not m.country or m.country_from != "modifier":
            continue
        head = m.doc[m.head]
        for tok in (*head.conjuncts, *(c for c in head.children if c.dep_ == "appos")):
            other = mentions.at(tok)
            if other and other.head > m.head and not other.country and other.sector:
                other.country, other.country_from = m.country, "list"


def _partitives(mentions: Mentions) -> None:
    """'Thousands of Iraqi Kurds', 'a member of the Syrian parliament': the phrase is the actor its 'of' names."""
    doc = mentions.doc
    for tok in doc:
        if tok.lower_ not in PARTITIVES and tok.lemma_.lower() not in PARTITIVES:
            continue
        inner = next((mentions.at(o) for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        if inner is None or inner.kind in {"thing", "pronoun"} and not inner.country:
            continue
        outer = mentions.at(tok)
        if outer is None:
            mentions.add_alias(tok, inner)
        elif not outer.country:
            _copy_from(outer, inner, "of")
            outer.sector = inner.sector or outer.sector  # "12 members of Russia's UN mission" are its diplomats
            outer.kind = "group" if outer.kind in {"thing", "group"} else outer.kind


def _possessive_pronouns(mentions: Mentions) -> None:
    """'his government', 'its army': the country of the pronoun's antecedent."""
    for m in mentions:
        if m.country:
            continue
        for c in m.doc[m.head].children:
            owner = mentions.at(c) if c.dep_ == "poss" and c.pos_ == "PRON" else None
            if owner is not None and owner.country:
                m.country, m.country_from = owner.country, "coref"


def find_actors(doc: Doc, known: Callable[[list[str]], str | None] | None = None,
                day: date | None = None, text_start: int = 0) -> Mentions:
    """All actor mentions of a parsed document, resolved as far as the text allows. `known` gives the code a user's
    dictionary has for a phrase's words: a phrase only the dictionary knows ("Gondor") is then an actor too. `day`
    (the publication date) picks the office a well-known person held then. Characters before `text_start` (a
    dateline) are metadata: no mention reaches into them, even where the parser joins them to the first phrase."""
    found: list[Mention] = []
    first = next((t.i for t in doc if t.idx >= text_start), len(doc))
    doc_ents = tuple(doc.ents)
    for head in _candidate_heads(doc):
        if head.i < first:
            continue
        lo, hi = _mention_tokens(head)
        lo = max(lo, first)
        m = _resolve(doc, head, lo, hi, day, doc_ents)
        if known is not None and (m is None or m.kind == "name"):
            m = _from_dictionary(doc, head, lo, hi, known) or m
        if m is None and head.pos_ == "NOUN" and hi - lo == 2 and doc[lo].lower_ == "the":
            m = Mention(doc, lo, hi, head.i, "body")  # "the council": kept only if a body named before explains it
        if m is None and head.lower_ == "others" and any(c.dep_ in {"nummod", "amod"} for c in head.children):
            m = Mention(doc, lo, hi, head.i, "others")  # "killed 2,000 rebels and captured 3,000 others"
        if m is not None:
            found.append(m)
    found.sort(key=lambda m: m.start)
    _link_names(found)
    _link_bodies(found)
    _link_others(found)
    found = [m for m in found if m.kind not in {"name", "body", "others"}]
    for i, m in enumerate(found):
        if m.kind == "pronoun":
            ante = _antecedent(m, found[:i])
            if ante is not None:
                _copy_from(m, ante, "coref")
                m.kind = ante.kind if ante.kind != "pronoun" else m.kind
    mentions = Mentions(doc, found)
    _partitives(mentions)
    _distribute_lists(mentions)
    _possessive_pronouns(mentions)
    return mentions


def _from_dictionary(doc: Doc, head: Token, lo: int, hi: int,
                     known: Callable[[list[str]], str | None]) -> Mention | None:
    """A mention for a phrase the user's dictionary codes; its country is the code's first three letters when those
    are a country we know."""
    code = known([t.text for t in doc[lo:hi]])
    if not code:
        return None
    iso3 = code[:3] if countries.country(code[:3]) is not None else None
    return Mention(doc, lo, hi, head.i, "org", name=doc[lo:hi].text, country=iso3, country_from="dictionary",
                   given_code=code)


def implied_actor(doc: Doc, trigger: Token, sector: str, country: str | None = None) -> Mention:
    """An unnamed actor the verb implies (the court that convicts): sector known, country only from context."""
    return Mention(doc, trigger.i, trigger.i, trigger.i, "implied", sector=sector, country=country,
                   country_from="context" if country else None)
