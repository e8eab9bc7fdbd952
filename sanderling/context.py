"""Stage 3, context: what the whole document says about where it happens, for actors their own words leave open.

A careful coder reads "Security forces arrested 19 journalists" in a story datelined CAIRO, or "the military" in a
story about Indonesia's war in Aceh, as that country's forces. This stage reads the document once, after the actors
and before the events:

- the **dateline** ("NAIROBI, March 3 (Reuters) -", "MINSK, Belarus (AP) —", "Managua (AFP) -") is metadata: its
  place and agency are never actors, and its place says where the story is filed from;
- the **focus country** is the country the story is about: the one its actors, places and dateline name most, first
  mentions and the dateline counting more;
- actors of no country of their own ("the police", "the opposition", "rebels", a person the knowledge does not know)
  take the focus country; pronouns follow their antecedent again.

An actor the text places elsewhere keeps what the text says: only mentions with no country are filled.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .actors import PARTY_NOUNS, Mention, Mentions
from .knowledge import countries
from .knowledge.tables import word_list
from .grammar import LOCATIVE, NON_STATE, entity_text
from .places import gazetteer

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# PLACE[, REGION][, Month Day] [(AGENCY)] DASH -- the form wire services open a story with
DATELINE = re.compile(
    rf"""^\s*(?P<place>[A-Z][A-Za-z'\u2019\- ]{{1,40}}?(?:,\s*[A-Z][A-Za-z'\u2019\- ]{{1,40}}?)?)?
         (?:,?\s*(?P<day>{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?
         ,?\s*(?:\((?P<agency>[^()]{{1,80}})\))?
         (?(agency)\s*(?:\.?(?:--|\u2014|\u2013|-)|:)?|\s*(?:\.?(?:--|\u2014|\u2013|-)|:))\s+""",
    re.VERBOSE,
)
ARTICLES = {"the", "a", "an", "in", "on", "at", "as", "after", "before", "when", "while", "but", "and"}
SPEAKING = word_list("speech")  # their subjects report what the parties do; they are not a party
SPEAKER_WEIGHT = 0.25  # a country named only in who reports the story counts this much towards its focus
FOCUS_SHARE = 0.34  # the focus country must hold at least this share of the document's country weight
FILLED_KINDS = {"group", "person", "org"}
TRAVEL = word_list("travel")
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}  # the organs of a state its officials speak for


@dataclass
class Dateline:
    """The metadata line a wire story opens with."""

    text: str
    end_char: int
    place: str
    country: str | None
    agency: str | None
    day: str | None


@dataclass
class DocContext:
    dateline: Dateline | None = None
    focus: str | None = None
    weights: dict[str, float] = field(default_factory=dict)


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a text, if it has one: an upper-case place or a (news agency) before a dash."""
    m = DATELINE.match(text[:160])
    if m is None:
        return None
    place, agency = (m.group("place") or "").strip(), m.group("agency")
    if not place and not agency:
        return None
    first = place.split(",")[0].strip()
    country = None
    for part in (p.strip() for p in reversed(place.split(",")) if p.strip()):
        match = countries.match_country(part.title() if part.isupper() else part)
        found = match[0].iso3 if match is not None else None
        if found is None:
            hit = gazetteer().lookup(part.title() if part.isupper() else part)
            found = hit.country if hit is not None else None
        if found:
            country = found
            break
    upper = first.isupper() and len(first) > 2
    if place and first.lower() in ARTICLES:
        return None
    if not (upper or (agency and (not place or country)) or ("," in place and country)):
        return None  # "Ukraine - Russia said" is prose; "KYIV -", "Lima, Peru.-" and "(AP)" lines are datelines
    return Dateline(m.group(0), m.end(), place, country, agency, m.group("day"))


def _weight(m: Mention, doc: Doc) -> float:
    """First sentences say what a story is about; a country named as the actor's head or origin counts fully."""
    weight = 1.0
    if doc[m.head].sent.start == 0:  # the first sentence (a lookup per mention, not a walk over the sentences)
        weight += 1.0
    if m.kind == "thing" or m.country_from == "place":
        weight *= 0.75
    return weight


def _in_speaker(tok: Token) -> bool:
    """Whether the word is in the subject of an attribution after what it reports ("X shelled the town, relief
    officials in Nairobi said", "..., the U.S. Navy said"): who reports a story, and from where, says little of where
    it happens. A speaker before what they say ("Gantz said the talks ...") is often the story's own actor."""
    while tok.head.i != tok.i:
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            verb = tok.head
            if verb.lemma_.lower() not in SPEAKING:
                return False
            return verb.dep_ == "parataxis" or any(c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i
                                                   for c in verb.children)
        tok = tok.head
    return False


def read_context(doc: Doc, mentions: Mentions) -> DocContext:
    """The dateline and the focus country of a document whose actors are found."""
    dateline = find_dateline(doc.text)
    weights: Counter[str] = Counter()
    if dateline is not None and dateline.country:
        weights[dateline.country] += 3.0
    for m in mentions:
        if dateline is not None and doc[m.start].idx < dateline.end_char:
            continue
        if m.country and m.country not in NON_STATE and m.country_from not in {"coref", "list", None}:
            weights[m.country] += _weight(m, doc) * (SPEAKER_WEIGHT if _in_speaker(doc[m.head]) else 1.0)
    focus = None
    total = sum(weights.values())
    if total:
        top, score = weights.most_common(1)[0]
        if score / total >= FOCUS_SHARE:
            focus = top
    return DocContext(dateline, focus, dict(weights))


def apply_context(doc: Doc, mentions: Mentions, context: DocContext) -> Mentions:
    """Drop mentions inside the dateline; give actors of no country the focus country."""
    if context.dateline is not None:
        end = context.dateline.end_char
        kept = [m for m in mentions if doc[m.start].idx >= end]
        if len(kept) != len(mentions):
            mentions = Mentions(doc, kept)
    mentions.context = context
    _fill_from_focus(doc, mentions, context)
    _both_sides(doc, mentions)
    return mentions


def _fill_from_focus(doc: Doc, mentions: Mentions, context: DocContext) -> None:
    """Actors of no country take the focus country (a visitor the runner-up), or their antecedent's."""
    runner_up = next((c for c, _ in sorted(context.weights.items(), key=lambda kv: -kv[1])
                      if c != context.focus and c not in NON_STATE), None)
    for m in mentions:
        if m.country or m.given_code or m.kind not in FILLED_KINDS:
            continue
        if m.antecedent is not None and m.antecedent.country:
            continue  # filled from its antecedent below
        if m.kind == "person" and m.sector is None and doc[m.head].ent_type_ != "PERSON":
            continue
        guess = _speaker_country(doc, m, mentions) or context.focus
        if guess is None:
            continue
        if runner_up is not None and (_travels_to(doc, m, context.focus) or _meets_counterpart(doc, m, mentions, guess)):
            guess = runner_up  # "Minister X visited Azerbaijan", "met his Azerbaijani counterpart": a foreign guest
        m.country, m.country_from = guess, "context"
    for m in mentions:
        ante = m.antecedent
        if not m.country and ante is not None and ante.country:
            m.country, m.country_from = ante.country, "coref"


def _speaker_country(doc: Doc, m: Mention, mentions: Mentions) -> str | None:
    """The country of an official who reports what a state's forces did ("the Mexican defence secretary said troops
    had been deployed"): an official speaks of their own state's troops, police and courts, whatever the story's
    focus."""
    if m.sector not in STATE_SECTORS:
        return None
    tok = doc[m.head]
    while tok.head.i != tok.i:
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in SPEAKING:
            speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            found = mentions.at(speaker) if speaker is not None else None
            if (found is not None and found.country and found.country not in NON_STATE
                    and found.country_from != "context" and found.sector in STATE_SECTORS):
                return found.country
            return None
        tok = tok.head
    return None


def _both_sides(doc: Doc, mentions: Mentions) -> None:
    """'both sides', 'the two countries', 'both ministers': the last two parties of different countries named
    before, one event each (the mention's `also` carries the second). An international body is the mediator or
    the venue of such a story ("talks mediated by the African Union"), not one of its sides."""
    items = list(mentions)
    for n, m in enumerate(items):
        head = doc[m.head]
        words = {t.lower_ for t in m.span}
        if head.lemma_.lower() not in PARTY_NOUNS or not words & {"both", "two", "each"}:
            continue
        seen: list[str] = []
        governors = {head.head.i}
        verb = head.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "condemned the fighting and urged both sides"
            verb = verb.head
            governors.add(verb.i)
        for earlier in reversed(items[:n]):
            where = doc[earlier.head]
            if earlier.kind == "thing" or earlier.country_from in {"context", None} or \
                    (where.dep_ == "pobj" and where.head.lower_ in LOCATIVE) or \
                    (where.dep_ == "nsubj" and (where.head.i in governors or
                                                where.head.lemma_.lower() in SPEAKING)):
                continue  # a venue ("talks in Brussels"), the one who urges both sides, a spokesman
            for country in (*earlier.also, earlier.country):
                if country and country not in seen and len(seen) < 2 and country not in NON_STATE:
                    seen.append(country)
            if len(seen) == 2:
                break
        if len(seen) < 2:  # "the two parties" of one country: the last two named parties
            named: list[Mention] = []
            for e in reversed(items[:n]):
                if e.kind in {"org", "person"} and e.country and e.country_from is not None and \
                        e.country not in NON_STATE and all((e.name or e.text) != (o.name or o.text) for o in named):
                    named.append(e)
                if len(named) == 2:
                    break
            if len(named) == 2 and named[0].country == named[1].country:
                seen = [named[0].country, named[1].country]
        if len(seen) == 2:
            m.country, m.country_from, m.also = seen[1], "coref", [seen[0]]


def _meets_counterpart(doc: Doc, m: Mention, mentions: Mentions, country: str | None) -> bool:
    """Whether the mention meets "his Chinese counterpart" of `country`: one's counterpart is from another state."""
    head = doc[m.head]
    if head.dep_ != "nsubj":
        return False
    for tok in head.head.subtree:
        if tok.lemma_.lower() == "counterpart":
            other = mentions.at(tok)
            if other is not None and other.country == country and other.country_from != "context":
                return True
    return False


def _own_subject_between(tok: Token, top: Token) -> bool:
    """Whether a word sits in a clause below `top` with a subject of its own ("stated that the citizens arrived in
    Doha"): that journey is someone else's."""
    while tok.i != top.i and tok.head.i != tok.i:
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return True
        tok = tok.head
    return False


def _travels_to(doc: Doc, m: Mention, country: str | None) -> bool:
    """Whether the mention is the subject of a visit or journey to `country` ("conducted an official visit to
    Azerbaijan", "arrived in Baku"): nobody visits their own country."""
    head = doc[m.head]
    if head.dep_ != "nsubj" or country is None:
        return False
    verb = head.head
    for tok in verb.subtree:
        if tok.lemma_.lower() in TRAVEL and tok.i != head.i and not _own_subject_between(tok, verb):
            for place in tok.subtree:
                if place.ent_type_ == "GPE" and place.ent_iob_ == "B":
                    found = countries.match_country(entity_text(place))
                    if found is not None and found[0].iso3 == country:
                        return True
    return False
