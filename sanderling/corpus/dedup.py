"""Duplicate documents and story events: one real-world event reported by many outlets is one story.

Two jobs, both about the same text told more than once. `DuplicateFinder` spots a document that is (nearly)
the same text as one already seen, syndicated wire copy under another headline, so that a run codes it once
and keeps its URLs with the original. `link_stories` works on the coded events in the store: events from
different documents that tell the same real-world event (same dyad and type, compatible dates and places,
similar sentences) become one story with its source documents and earliest date.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from itertools import groupby

import duckdb
from datasketch import LeanMinHash, MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"\w+")
# What syndication changes around the same wire story, left out of the shingles (see `body_words`): the
# dateline ("BAKU, Oct 3 (Reuters) -"), bylines, credit and copyright lines.
DATELINE = re.compile(r"^\s*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(,[^()\n]{0,40})?\s*\([^)\n]{1,40}\)\s*[-—–]+\s*")
BOILERPLATE = re.compile(
    r"^\s*\(?\s*(by\s+\S+(\s+\S+){0,5}\s*$|(additional\s+)?(reporting|writing|editing)\s+by\b"
    r"|©|copyright\b|all rights reserved)",
    re.IGNORECASE,
)
HEADLINE_WORDS = 25  # a first line this short without a full stop is a headline
DIGEST_BYTES = 20  # sha1
BYTE_ORDER = "<"  # signatures are stored, so they are little-endian on every machine
SEED = 1  # MinHash permutations: the same seed on every run, or stored signatures would not compare
# Content-word Jaccard at or above which two trigger sentences tell the same event when their triggers differ
# (the same trigger stem links them at any score). Tuned on tests/test_corpus_dedup.py: four outlets' reports
# of one meeting with different triggers ("met", "held talks") score 0.23-0.50; other events of the same dyad,
# type, days and country with other triggers ("visited" by another minister, "hosted" a delegation) score
# 0.04-0.18, since the country names and "minister" are all they share. 0.2 lies between the two.
SENTENCE_THRESHOLD = 0.2
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
MIN_STEM = 3
FETCH_ROWS = 10_000  # events read from the store at a time, so memory holds one block, not the table
UPDATE_ROWS = 100_000  # story ids written per statement


def normalise(text: str) -> str:
    """Whitespace collapsed and lowercased: what an exact duplicate must share."""
    return " ".join(text.lower().split())


def _utf8(text: str) -> bytes:
    """UTF-8 that also holds a lone surrogate (a document id or text from a bad escape)."""
    return text.encode("utf-8", "surrogatepass")


def body_words(text: str) -> list[str]:
    """The lowercased words of a story without what syndication changes: a headline first line, a dateline,
    bylines, credit ("Reporting by ...") and copyright lines. A text that is nothing but these keeps all its words."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and _is_headline(lines[0]):
        lines = lines[1:]
    lines = [line for line in lines if not BOILERPLATE.match(line)]
    if lines:
        lines[0] = DATELINE.sub("", lines[0], count=1)
    return WORD.findall(" ".join(lines).lower()) or WORD.findall(text.lower())


def _is_headline(line: str) -> bool:
    return not line.rstrip().endswith((".", "!", "?", '"', "”", ":")) and len(line.split()) <= HEADLINE_WORDS


class DuplicateFinder:
    """Exact (sha1 of normalised text) and near duplicates (MinHash LSH over word shingles, datasketch) of
    documents seen so far.

    A near duplicate shares at least `threshold` of its word `shingle`-grams with an earlier document (estimated
    from `num_perm` permutations). The shingles leave out what syndication changes (headline, dateline, byline,
    credit lines: `body_words`), so a wire story under another outlet's headline still scores near 1, and a few
    edits in its body cost only their shingles; a different story on the same topic shares next to none. Texts
    shorter than two shingles match only exactly: one changed word there is a different text. Only originals
    are remembered, so every duplicate points at the document that was coded.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self._exact: dict[bytes, str] = {}
        self._minhashes: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._minhash_bytes = LeanMinHash(MinHash(num_perm=num_perm, seed=SEED)).bytesize(byteorder=BYTE_ORDER)

    def check(self, doc_id: str, text: str) -> str | None:
        """The id of an earlier document this text duplicates, else None (and the text is remembered)."""
        return self.check_signature(doc_id, self.signature(text))

    def check_signature(self, doc_id: str, sig: bytes) -> str | None:
        """`check` for a signature already made (a run that also stores it computes it once)."""
        digest, minhash = self._parse(doc_id, sig)
        original = self._exact.get(digest)
        if original is None and minhash is not None:
            original = self._nearest(minhash)
        if original is None or original == doc_id:
            self._remember(doc_id, digest, minhash)
            return None
        return original

    def signature(self, text: str) -> bytes:
        """What the finder keeps of a text, as bytes for the store: sha1 digest, then the MinHash if long enough."""
        digest = hashlib.sha1(_utf8(normalise(text))).digest()
        words = body_words(text)
        if len(words) < 2 * self.shingle:
            return digest
        minhash = MinHash(num_perm=self.num_perm, seed=SEED)
        minhash.update_batch(_utf8(" ".join(words[i:i + self.shingle])) for i in range(len(words) - self.shingle + 1))
        lean = LeanMinHash(minhash)
        buf = bytearray(lean.bytesize(byteorder=BYTE_ORDER))
        lean.serialize(buf, byteorder=BYTE_ORDER)
        return digest + bytes(buf)

    def add_signature(self, doc_id: str, sig: bytes) -> None:
        """Remember a document from its stored signature, without checking it (a resumed run reloading the store)."""
        digest, minhash = self._parse(doc_id, sig)
        self._remember(doc_id, digest, minhash)

    def __len__(self) -> int:
        return len(self._order)

    def _parse(self, doc_id: str, sig: bytes) -> tuple[bytes, LeanMinHash | None]:
        """Split a signature into its digest and MinHash; one made with another num_perm is a caller's mistake."""
        sig = bytes(sig)
        if len(sig) == DIGEST_BYTES:
            return sig, None
        if len(sig) != DIGEST_BYTES + self._minhash_bytes:
            raise ValueError(f"the signature of {doc_id!r} ({len(sig)} bytes) was not made by a DuplicateFinder "
                             f"with num_perm={self.num_perm}; make the finder with the store's settings")
        return sig[:DIGEST_BYTES], LeanMinHash.deserialize(sig[DIGEST_BYTES:], byteorder=BYTE_ORDER)

    def _nearest(self, minhash: LeanMinHash) -> str | None:
        """The most similar remembered document at or above the threshold (the earliest one on a tie)."""
        best, best_key = None, None
        for candidate in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._minhashes[candidate])
            key = (similarity, -self._order[candidate])
            if similarity >= self.threshold and (best_key is None or key > best_key):
                best, best_key = candidate, key
        return best

    def _remember(self, doc_id: str, digest: bytes, minhash: LeanMinHash | None) -> None:
        self._exact.setdefault(digest, doc_id)
        self._order.setdefault(doc_id, len(self._order))
        if minhash is not None and doc_id not in self._minhashes:
            self._minhashes[doc_id] = minhash
            self._lsh.insert(doc_id, minhash)


# Story events --------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Mention:
    """One linkable event: its date as a span of day ordinals, its place and its sentence's words."""

    event_id: str
    doc_id: str
    date: str
    precision: str
    lo: int
    hi: int
    location: str | None
    words: frozenset[str]
    trigger: str


Span = tuple[int, int]  # first and last day, as ordinals


@dataclass(slots=True)
class _Story:
    """A growing story and what every later member must agree with: its documents, its place, the hull of its
    day dates and the month and year that its month- and year-precision members name."""

    members: list[int]
    docs: set[str]
    location: str | None
    days: Span | None = None
    month: Span | None = None
    year: Span | None = None


def link_stories(con: duckdb.DuckDBPyConnection, *, max_days: int = 3) -> int:
    """Link events from different documents that tell the same real-world event: same (source country, target
    country, event type), compatible dates (equal, one containing the other, or day dates within max_days),
    compatible places (same location country or one unknown), similar trigger sentences (content-word Jaccard
    over SENTENCE_THRESHOLD, or the same trigger stem). Fills the stories table and events.story_id (every event
    belongs to exactly one story; a lone event is its own story). Returns the number of stories.

    Only asserted events with a date and at least one actor country are linked: a negated or hypothetical event
    says something did not or might happen, which is not a report of the event (it stays its own story), and
    without a date or any country there is too little to tell two events apart. A story holds at most one event
    per document (the coder already merges repeats within a document), and every pair of its members must have
    compatible dates and places, so a report with no place cannot chain a Baku meeting to a Jerusalem one. The
    most similar pairs are joined first. A story's id is the event_id of its earliest event (a day before the
    month containing it; then the smallest event_id), so the same events give the same id on every run; its
    first_date is that event's date. Linking is recomputed over the whole table in one transaction.
    """
    _prepare(con)
    assignment: dict[str, str] = {}
    for mentions in _blocks(con):
        for story in _link_block(mentions, max_days):
            story_id = _first(mentions, story.members).event_id
            assignment.update((mentions[i].event_id, story_id) for i in story.members)
    return _write(con, assignment)


def _prepare(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS story_id VARCHAR")
    con.execute(
        "CREATE TABLE IF NOT EXISTS stories (story_id VARCHAR PRIMARY KEY, event_type VARCHAR, "
        "source_country VARCHAR, target_country VARCHAR, first_date VARCHAR, n_documents INTEGER, "
        "doc_ids VARCHAR[], event_ids VARCHAR[])"
    )


# Linkable events of blocks that span more than one document, ordered by block; the rest are lone stories.
BLOCKS_SQL = """
WITH linkable AS (
    SELECT event_id, doc_id, date, location_country, trigger_text, sentence_text,
           concat_ws('|', coalesce(event_type, 'cameo:' || cameo), coalesce(source_country, ''),
                     coalesce(target_country, '')) AS block
    FROM events
    WHERE factuality = 'asserted' AND date IS NOT NULL
      AND (source_country IS NOT NULL OR target_country IS NOT NULL)
      AND (event_type IS NOT NULL OR cameo IS NOT NULL)
), shared AS (
    SELECT block FROM linkable GROUP BY block HAVING count(DISTINCT doc_id) > 1
)
SELECT block, event_id, doc_id, date, location_country, trigger_text, sentence_text
FROM linkable SEMI JOIN shared USING (block)
ORDER BY block, event_id
"""


def _blocks(con: duckdb.DuckDBPyConnection) -> Iterator[list[_Mention]]:
    """The linkable events, one list per (type, source country, target country) block, read block by block."""
    for _block, group in groupby(_rows(con.execute(BLOCKS_SQL)), key=lambda row: row[0]):
        words: dict[str, frozenset[str]] = {}  # one sentence can give a block several events
        mentions = [m for m in (_mention(row, words) for row in group) if m is not None]
        if len(mentions) > 1:
            yield mentions


def _rows(result: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    """A query's rows, fetched a chunk at a time."""
    while chunk := result.fetchmany(FETCH_ROWS):
        yield from chunk


def _mention(row: tuple, words: dict[str, frozenset[str]]) -> _Mention | None:
    """A block row as a mention; None for a date that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    _block, event_id, doc_id, date, location, trigger, sentence = row
    span = date_span(date)
    if span is None:
        return None
    sentence = sentence or ""
    if sentence not in words:
        words[sentence] = content_words(sentence)
    return _Mention(event_id, doc_id, date, span[0], span[1], span[2], location, words[sentence],
                    trigger_stem(trigger or ""))


@lru_cache(maxsize=1 << 14)
def date_span(date: str) -> tuple[str, int, int] | None:
    """(precision, first day, last day) of a date string, days as ordinals; None when it is not a date."""
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 3:
            day = Date(*parts).toordinal()
            return "day", day, day
        if len(parts) == 2:
            first = Date(parts[0], parts[1], 1)
            after = Date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return "month", first.toordinal(), after.toordinal() - 1
        if len(parts) == 1:
            return "year", Date(parts[0], 1, 1).toordinal(), Date(parts[0], 12, 31).toordinal()
    except (ValueError, TypeError):
        pass
    return None


@lru_cache(maxsize=1 << 14)
def trigger_stem(trigger: str) -> str:
    """The trigger's words stemmed ("held talks" -> "held talk"): two reports with the same one tell the same event."""
    return " ".join(stem(w) for w in WORD.findall(trigger.lower()))


def stem(word: str) -> str:
    """A crude English stem (talks -> talk, visited -> visit): enough to match a trigger or a word across reports."""
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)] + replacement
    return word


def content_words(text: str) -> frozenset[str]:
    """The stems of a sentence's words, stop words and one-letter words dropped."""
    return frozenset(filter(None, map(_content_stem, WORD.findall(text.lower()))))


@lru_cache(maxsize=1 << 16)
def _content_stem(word: str) -> str:
    """A word's stem, or "" for a stop word or a one-letter word (cached: linking reads every event's sentence)."""
    return stem(word) if len(word) > 1 and word not in STOP_WORDS else ""


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words of the two sets (0 for two empty sets)."""
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def _link_block(mentions: list[_Mention], max_days: int) -> list[_Story]:
    """Stories of one block with more than one event: the most similar compatible pairs are joined first, and a
    join happens only when every member of both stories stays compatible (different documents, dates, places)."""
    owner = [_single(i, m) for i, m in enumerate(mentions)]
    pairs = sorted(_similar_pairs(mentions, max_days))
    for _key, i, j in pairs:
        a, b = owner[i], owner[j]
        if a is not b and _fits(a, b, max_days):
            big, small = (a, b) if len(a.members) >= len(b.members) else (b, a)
            _absorb(big, small)
            for k in small.members:
                owner[k] = big
    unique = {id(story): story for story in owner}
    return [story for story in unique.values() if len(story.members) > 1]


def _similar_pairs(mentions: list[_Mention], max_days: int) -> Iterator[tuple]:
    """(sort key, i, j) for each compatible pair whose sentences are similar: the most similar sort first."""
    for i, j in _date_pairs(mentions, max_days):
        a, b = mentions[i], mentions[j]
        if a.doc_id == b.doc_id or (a.location and b.location and a.location != b.location):
            continue
        similarity = jaccard(a.words, b.words)
        same_trigger = bool(a.trigger) and a.trigger == b.trigger
        if same_trigger or similarity >= SENTENCE_THRESHOLD:
            yield (-similarity, not same_trigger, a.event_id, b.event_id), i, j


def _date_pairs(mentions: list[_Mention], max_days: int) -> Iterator[tuple[int, int]]:
    """Index pairs whose dates are compatible: days within max_days of each other (a sweep over sorted days), a
    month with the days and months in it, a year with everything in it. Nothing else is ever compared."""
    days = sorted((i for i, m in enumerate(mentions) if m.precision == "day"), key=lambda i: mentions[i].lo)
    for n, i in enumerate(days):
        for j in days[n + 1:]:
            if mentions[j].lo - mentions[i].lo > max_days:
                break
            yield i, j
    by_month: dict[str, list[int]] = defaultdict(list)
    by_year: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_month[m.date[:7]].append(i)
        by_year[m.date[:4]].append(i)
    yield from _wide_pairs(mentions, by_month, "month")
    yield from _wide_pairs(mentions, by_year, "year")


def _wide_pairs(mentions: list[_Mention], groups: dict[str, list[int]], precision: str) -> Iterator[tuple[int, int]]:
    """Each `precision` mention with every narrower or equal mention of its group (each pair once)."""
    for members in groups.values():
        for n, i in enumerate(members):
            if mentions[i].precision != precision:
                continue
            for k, j in enumerate(members):
                if k != n and (mentions[j].precision != precision or k > n):
                    yield i, j


def _single(i: int, m: _Mention) -> _Story:
    span = (m.lo, m.hi)
    return _Story([i], {m.doc_id}, m.location, days=span if m.precision == "day" else None,
                  month=span if m.precision == "month" else None, year=span if m.precision == "year" else None)


def _fits(a: _Story, b: _Story, max_days: int) -> bool:
    """Whether two stories can be one: no shared document, one known place at most, and dates that all agree
    (day dates within max_days of each other, one month and one year at most, each containing the narrower)."""
    if not a.docs.isdisjoint(b.docs):
        return False
    if a.location and b.location and a.location != b.location:
        return False
    days = _hull(a.days, b.days)
    if days is not None and days[1] - days[0] > max_days:
        return False
    if (a.month and b.month and a.month != b.month) or (a.year and b.year and a.year != b.year):
        return False
    month, year = a.month or b.month, a.year or b.year
    return _inside(days, month) and _inside(days, year) and _inside(month, year)


def _hull(a: Span | None, b: Span | None) -> Span | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _inside(inner: Span | None, outer: Span | None) -> bool:
    return inner is None or outer is None or (outer[0] <= inner[0] and inner[1] <= outer[1])


def _absorb(big: _Story, small: _Story) -> None:
    big.members.extend(small.members)
    big.docs |= small.docs
    big.location = big.location or small.location
    big.days = _hull(big.days, small.days)
    big.month = big.month or small.month
    big.year = big.year or small.year


def _first(mentions: list[_Mention], members: Iterable[int]) -> _Mention:
    """The story's earliest event: the earliest last day (a day before the month holding it), then the most
    precise, then the smallest event_id."""
    return min((mentions[i] for i in members), key=lambda m: (m.hi, PRECISION_RANK[m.precision], m.event_id))


def _write(con: duckdb.DuckDBPyConnection, assignment: dict[str, str]) -> int:
    """events.story_id (a lone event: its own id) and the stories table, replaced in one transaction."""
    con.begin()
    try:
        con.execute("UPDATE events SET story_id = event_id")
        pairs = list(assignment.items())
        for start in range(0, len(pairs), UPDATE_ROWS):
            event_ids, story_ids = zip(*pairs[start:start + UPDATE_ROWS])
            con.execute(
                "UPDATE events SET story_id = m.story_id FROM (SELECT unnest($1::VARCHAR[]) AS event_id, "
                "unnest($2::VARCHAR[]) AS story_id) AS m WHERE events.event_id = m.event_id",
                [list(event_ids), list(story_ids)],
            )
        con.execute("DELETE FROM stories")
        con.execute(
            """INSERT INTO stories (story_id, event_type, source_country, target_country, first_date, n_documents,
                                 doc_ids, event_ids)
            SELECT story_id,
                   any_value(event_type) FILTER (WHERE event_id = story_id),
                   any_value(source_country) FILTER (WHERE event_id = story_id),
                   any_value(target_country) FILTER (WHERE event_id = story_id),
                   any_value(date) FILTER (WHERE event_id = story_id),
                   count(DISTINCT doc_id), list(DISTINCT doc_id ORDER BY doc_id), list(event_id ORDER BY event_id)
            FROM events GROUP BY story_id"""
        )
        count = con.execute("SELECT count(*) FROM stories").fetchone()[0]
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return int(count)
