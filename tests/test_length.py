"""Long documents and long sentences: bounded output per event, sentences found the way spaCy finds them, a size
limit that says how to split (the costs themselves are measured by bench/bench_length.py, not here)."""

from sanderling import Coder, Document
from sanderling.annotate import abbreviations, load_pipeline
from sanderling.coder import SENTENCE_CHARS, MAX_CHARS

CLAUSE = "Iran accused Azerbaijan of spying"


def test_a_long_sentence_is_cut_around_each_trigger(coder):
    """One sentence of 200 conjoined clauses: each event keeps about SENTENCE_CHARS characters of it around its own
    trigger, a verbatim piece of the document marked "…" where cut, and the number of the whole sentence."""
    text = " and ".join(f"{CLAUSE} on {n} diplomats" for n in range(200)) + "."  # no two clauses alike
    events = coder.code(text, date="2022-10-03")
    assert len(events) >= 100 and len(text) > 5 * SENTENCE_CHARS
    for e in events:
        assert e.sentence == 1
        assert len(e.sentence_text) <= SENTENCE_CHARS + len(e.trigger.text) + 4
        core = e.sentence_text.removeprefix("… ").removesuffix(" …")
        start = text.find(core)
        assert start >= 0 and start <= e.trigger.start and e.trigger.end <= start + len(core)
        assert e.sentence_text.startswith("… ") == (start > 0)
        assert e.sentence_text.endswith(" …") == (start + len(core) < len(text.rstrip()))
    middle = events[len(events) // 2]
    assert middle.sentence_text.startswith("… ") and middle.sentence_text.endswith(" …")


def test_a_sentence_of_ordinary_length_is_kept_whole(coder):
    text = ("Kenya's foreign minister arrived in Addis Ababa on Tuesday for two days of talks with Ethiopian officials "
            "on border security and trade.\nPolice arrested 40 protesters after clashes near the central market.")
    events = coder.code(text, date="2023-05-16")
    assert {e.sentence_text for e in events} <= set(text.split("\n")) and events


def test_sentences_are_the_ones_spacy_finds():
    """The sentence_index hooks answer Token.sent and Span.sent by bisection; without them spaCy walks to the
    sentence's edges. Both give the same sentence for every token and for spans across a boundary."""
    doc = load_pipeline()("Gantz met Maj.-Gen. (Res.) Amir Eshel. Talks ended\nThe army shelled the town. "
                          "Rebels withdrew on Friday, the ministry said.")
    hooked = [(t.sent.start, t.sent.end) for t in doc] + [(doc[i:i + 4].sent.start, doc[i:i + 4].sent.end)
                                                          for i in range(len(doc) - 4)]
    token_hook, span_hook = doc.user_token_hooks.pop("sent"), doc.user_span_hooks.pop("sent")
    walked = [(t.sent.start, t.sent.end) for t in doc] + [(doc[i:i + 4].sent.start, doc[i:i + 4].sent.end)
                                                          for i in range(len(doc) - 4)]
    assert token_hook and span_hook and len({s for s in hooked[:len(doc)]}) == 4
    assert hooked == walked


def test_every_line_of_a_long_document_starts_a_sentence():
    """The sentence marks of a 300-line document are written in one array: a sentence starts after every line break
    and never right after a title."""
    lines = ["Brig. Gen. Yaki Dolf met the minister.", "Maj.-Gen. (Res.) Amir Eshel visited Baku on Monday."] * 150
    doc = load_pipeline()("\n".join(lines))
    after_break = [t.is_sent_start for t in doc[1:] if "\n" in doc[t.i - 1].text]
    after_title = [t.is_sent_start for t in doc[1:] if doc[t.i - 1].text in abbreviations()]
    assert len(after_break) == 299 and all(after_break)
    assert len(after_title) >= 600 and not any(after_title)


def test_the_size_limit_says_how_to_split(coder):
    small = Coder(coder.nlp, max_chars=60)
    [result] = small.pipe([Document(text=CLAUSE + " on Monday, officials in Baku said on Tuesday.", id="long")])
    assert result.error is not None and "more than the limit of 60" in result.error
    assert "split -C 60 FILE part-" in result.error and "--input" in result.error
    assert MAX_CHARS == 1_000_000
