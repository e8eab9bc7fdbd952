"""Is a document English? A cheap, offline check so that text in another language is reported, not coded to nothing.

The detector is py3langid (its model ships inside the wheel; loaded once, on the first document long enough to
judge). A document is refused only when the detector is sure: at least MIN_LETTERS letters in the sample and a
probability of English below MAX_ENGLISH_PROBABILITY. On 15,861 English texts of the gold sets (news passages,
PLOVER GSR and PETRARCH sentences, headlines, event-location snippets, NGEC stories, TempEval-3 articles) the
lowest probability of English was 0.026, on a list of consulates, and none was refused. Of 28 news sentences in 23
other languages, 25 are refused (English probability at most 4e-5); a 24-letter French headline (5e-3) is let
through, and a Chinese and a Korean sentence of 7 and 18 letters are too short to judge. Headlines and English text
full of foreign names therefore pass. The check costs 0.27 ms a document, 0.5% of the coder's time on the news-dev
passages.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

# The start of the document is judged: enough for a reliable answer, and the cost stays flat for long documents.
SAMPLE_CHARS = 2_000
# Fewer letters than this (a short headline, a list of names) is too little to judge: never refused.
MIN_LETTERS = 20
# In Latin letters more are needed: the detector tells English from French or Dutch only with a few sentences' worth
# (a 24-letter French headline scored 5e-3, above the refusal line), and a shorter Latin-script sample is left alone.
MIN_LATIN_LETTERS = 40
# Refuse only when the detector gives English less than this probability (English texts: 0.026 and up).
MAX_ENGLISH_PROBABILITY = 1e-4

# English function words that are not words of the other languages written in Latin letters that news comes in
# (general English frequency lists; "was", "to", "of", "in", "on", "a" left out: German "was", Polish "to", Dutch
# "of", Latin-script "in", French "on"). A sample of plain ASCII letters with enough of them is English without
# asking the model, which spares a one-sentence run the model's load.
ENGLISH_MARKERS = frozenset({"the", "and", "that", "for", "with", "said", "has", "have", "had", "from", "this",
                             "which", "would", "their", "they", "been", "by", "is", "are", "were", "will", "its",
                             "who", "after"})
WORD = re.compile(r"[A-Za-z]+")
_loading = threading.Lock()


def _identifier() -> Any:
    """py3langid's identifier with probabilities, loaded once per process (about 0.6 s, mostly decompressing)."""
    with _loading:
        return _load()


@cache
def _load() -> Any:
    from importlib.metadata import version

    from .knowledge.cache import cached

    # the wheel's model is compressed; the loaded identifier, kept in the knowledge cache, loads several times faster
    return cached(f"langid-{version('py3langid')}", _build)


def _build() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Load the detector in a background thread, e.g. while the spaCy pipeline loads, so that it costs no wait."""
    threading.Thread(target=_identifier, name="sanderling-language", daemon=True).start()


def plainly_english(sample: str) -> bool:
    """Whether the sample is English on its face: its letters are ASCII and at least one word in ten (one, in a
    sentence of under ten words) is an English function word."""
    letters = [c for c in sample if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) < 0.98 * len(letters):
        return False
    words = [w.lower() for w in WORD.findall(sample)]
    hits = sum(w in ENGLISH_MARKERS for w in words)
    return hits >= max(1, len(words) // 10)


def detect(text: str) -> tuple[str, float, float] | None:
    """(most likely language, its probability, probability of English) for the start of `text`; None when the
    text has too few letters to judge."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    if plainly_english(sample):
        return "en", 1.0, 1.0
    if len(letters) < MIN_LATIN_LETTERS and all(c.isascii() for c in letters):
        return None
    ranked = _identifier().rank(sample)
    english = next((p for lang, p in ranked if lang == "en"), 0.0)
    return ranked[0][0], ranked[0][1], english


def not_english(text: str) -> tuple[str, float] | None:
    """(detected language, probability of English) when `text` is confidently not English, else None."""
    found = detect(text)
    if found is None:
        return None
    lang, _, english = found
    if lang == "en" or english >= MAX_ENGLISH_PROBABILITY:
        return None
    return lang, english
