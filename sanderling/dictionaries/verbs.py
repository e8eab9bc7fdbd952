"""Reader for PETRARCH verb dictionaries, in both pattern formats, so users keep the verb vocabulary they already own.

One entry point, `read_verbs(path)`, detects the format from the content:

* **PETRARCH-2** (CAMEO.2.0.txt, PETR.Validate.verbs.2.0.txt, PETR_Validate_verbs_2_02.txt) when any pattern line
  holds a prepositional phrase `(...)` or a noun phrase `{...}`, or any line is a `~` transformation.
* **PETRARCH-1 / TABARI** (PETR.Validate.verbs.txt, CAMEO.verbpatterns.150430.txt) otherwise.
  `read_verbs(path, format="petrarch1")` forces a format.

Supported in both formats (petrarch2 docs/source/dictionaries.rst and PETRreader.read_verb_dictionary):

* comments: `#` to end of line (removed by `base.read_lines`), the legacy `;` to end of line, and XML comments:
  a line starting `<!` is a comment (PETRARCH's rule), `<!-- ... -->` inside a line is removed, and an unclosed
  `<!--` inside a line runs to the first line holding `-->`;
* block headers `--- NAME [code] ---` (the code is the block's default; no code means `---`, no event);
* verb lines `VERB {IRREGULAR FORMS} [own code]` (the code may also come before `{...}`); multi-word verbs
  `+CORDON_OFF`, `WIRE_+TAP`, `RE_+ARREST` (the `+` word is the one the parser tags as the verb). Without `{...}`
  the regular forms (-S/-ES/-IES, -ED/-D/-IED, -ING, a one-syllable CVC stem doubling its last letter) are made on
  the verb word; with `{...}` only the listed forms are used (`{}` = none), as in PETRARCH. A word is looked up by
  its lemma or any form (`patterns_for`, `default_code`); a verb listed in several blocks gets all their patterns;
* synsets: an `&NAME` line then `+phrase` lines. `_` in a phrase reads as a space; a phrase ending in `_`, or every
  phrase of a label ending in `_`, takes no plural (`Synset.singular_only`). A member `&OTHER` is a nested synset,
  resolved by `VerbDictionary.expand_synset` (TABARI allowed it; PETRARCH itself does not). A synset defined twice
  is merged (as PETRARCH does) and reported;
* pattern lines `- ... * ... [code]` with tokens: `*` verb, `$` source, `+` target, `%` compound actor, `^` skip one
  actor, `&NAME` synset, and plain words.
  - PETRARCH-1: a space lets other words come between two tokens; `_` (or a special glued to a word: `OF$`) means
    the next token must follow directly (`PatternToken.consecutive`). A trailing `_` (`OFF_`) is an open match and
    is dropped (PETRARCH's note 2). `&NAME_NEXT` is read as the longest defined synset name.
  - PETRARCH-2: `{A B HEAD}` is a noun phrase whose last word is its head (token kind `phrase`, words in `parts`);
    `(PREP ...)` is a prepositional phrase (kind `prep`, text = the preposition, `parts` = what it governs).
* transformations (PETRARCH-2): `~ a (b . ATTACK) SAY = a b 112`, read as nested (source, target, verb) events
  and a result `(source, target, code)`; `.` = no target, `_` = any actor, `Q` = the inner event's code.

CAMEO codes in `[...]` (`EventCode`): `[051]` one event; `[---]` no event (a verb or pattern that blocks coding);
`[a:b]` a paired code. PETRARCH-1 (PETRARCH.make_event_strings) codes it as a *symmetric event*: `a` from source
to target AND `b` from target to source (`[036:036]` "A and B met"). PETRARCH-2 (utilities.convert_code) reads it
as the verb's *active* and *passive* meaning; an empty half (`[:173]`) is `---`. Both halves are kept
(`EventCode.forward` / `reverse`); how to use them is the coder's choice. Codes that are not CAMEO (digits or
`---`), e.g. the validation suite's test codes `[abc]`, `[174L]`, `[+++]`, are kept as given and reported.

Reported as `Problem` (file:line), the rest of the file still read: disjunctive sets `{...}`/`(...)` in a
PETRARCH-1 pattern (PETRARCH skips them), `**` or no `*`, a pattern without `[code]`, unbalanced or nested brackets,
patterns outside a verb block, pattern lines not starting with `-`, verb lines with more than one word outside
`{...}`/`[...]` (`SCOF AT`), a multi-word verb without its `+` mark (first word taken), blocks without verbs,
undefined synsets used in patterns (the pattern is kept; PETRARCH ignores it), synset redefinitions, non-CAMEO codes,
malformed transformations, and any other line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .base import Problem, SourceLine, read_lines, refuse_non_dictionary

__all__ = [
    "EventCode",
    "PatternToken",
    "Synset",
    "TransformEvent",
    "Transformation",
    "Verb",
    "VerbBlock",
    "VerbDictionary",
    "VerbPattern",
    "detect_format",
    "read_verbs",
]

PETRARCH1 = "petrarch1"
PETRARCH2 = "petrarch2"
FORMATS = (PETRARCH1, PETRARCH2)
NO_EVENT = "---"
LOOKS_LIKE = "`--- GIVE [070] ---`, `GIVE {GAVE GIVEN GIVING GIVES}` and `- * AID [073]`"
_SPECIALS = {"*": "verb", "$": "source", "+": "target", "%": "compound", "^": "skip"}


class _LineError(Exception):
    """A line that cannot be read; its message becomes the Problem's reason."""


# ----------------------------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class EventCode:
    """A CAMEO code as written in `[...]`: one code, `---` (no event) or a paired `forward:reverse` code."""

    raw: str
    forward: str | None
    reverse: str | None

    def __str__(self) -> str:
        return self.raw

    @property
    def no_event(self) -> bool:
        """True for `[---]` (and `[---:---]`): the match blocks coding instead of producing an event."""
        return self.forward is None and self.reverse is None

    @property
    def paired(self) -> bool:
        """True for `[a:b]`: symmetric event in PETRARCH-1, active:passive meaning in PETRARCH-2."""
        return ":" in self.raw

    @property
    def is_cameo(self) -> bool:
        """True when every half is `---`, empty (paired only) or 2-4 digits."""
        halves = self.raw.split(":") if self.paired else [self.raw]
        return all(_cameo_half(half, allow_empty=self.paired) for half in halves)


@dataclass(frozen=True)
class PatternToken:
    """One pattern element; `parts` holds the words of a PETRARCH-2 `{...}` phrase or `(...)` prepositional phrase."""

    kind: str  # word | verb | source | target | compound | skip | synset | phrase | prep
    text: str
    consecutive: bool = False
    parts: tuple[PatternToken, ...] = ()


@dataclass(frozen=True)
class VerbPattern:
    """A pattern of a verb block: it applies to every verb of the block, and codes `code` when it matches."""

    verb: str
    verbs: tuple[str, ...]
    block: str
    tokens: tuple[PatternToken, ...]
    code: EventCode
    line: int
    format: str

    @property
    def before(self) -> tuple[PatternToken, ...]:
        """Tokens before the verb (`*`)."""
        return self.tokens[: self._verb_index()]

    @property
    def after(self) -> tuple[PatternToken, ...]:
        """Tokens after the verb (`*`)."""
        return self.tokens[self._verb_index() + 1 :]

    @property
    def prepositions(self) -> tuple[str, ...]:
        """The prepositions of the PETRARCH-2 `(PREP ...)` phrases, in order (empty for PETRARCH-1)."""
        return tuple(token.text for token in self.tokens if token.kind == "prep")

    def _verb_index(self) -> int:
        return next(i for i, token in enumerate(self.tokens) if token.kind == "verb")


@dataclass(frozen=True)
class Verb:
    """One verb of a block: `lemma` and `forms` are space-joined words; `head` is the word tagged as the verb."""

    lemma: str
    head: str
    forms: tuple[str, ...]
    code: EventCode | None
    explicit_forms: bool
    line: int


@dataclass(frozen=True)
class VerbBlock:
    """A `--- NAME [code] ---` block: synonymous verbs sharing one default code and one list of patterns."""

    name: str
    code: EventCode
    verbs: tuple[Verb, ...]
    patterns: tuple[VerbPattern, ...]
    line: int


@dataclass(frozen=True)
class Synset:
    """An `&NAME` synonym set (name without `&` or a trailing `_`); members are phrases, words space-separated."""

    name: str
    words: tuple[str, ...]
    singular_only: frozenset[str]
    line: int


@dataclass(frozen=True)
class TransformEvent:
    """One (source, target, verb) event of a transformation; the target may itself be an event."""

    source: str
    target: str | TransformEvent
    verb: str


@dataclass(frozen=True)
class Transformation:
    """A PETRARCH-2 `~` rule: an event about an event (`a SAYs b ATTACKed`) is recoded as `result`."""

    pattern: TransformEvent
    result: tuple[str, ...]
    text: str
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    """Everything read from one verb file, with lookups by verb lemma or inflected form."""

    path: str
    format: str
    blocks: tuple[VerbBlock, ...]
    synsets: dict[str, Synset]
    transformations: tuple[Transformation, ...]
    problems: tuple[Problem, ...]
    _index: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def verbs(self) -> tuple[Verb, ...]:
        return tuple(verb for block in self.blocks for verb in block.verbs)

    @property
    def patterns(self) -> tuple[VerbPattern, ...]:
        return tuple(pattern for block in self.blocks for pattern in block.patterns)

    def blocks_for(self, verb: str) -> list[VerbBlock]:
        """The blocks listing `verb` (lemma or form, any case, `_` or space between words), in file order."""
        return [self.blocks[i] for i in self._index.get(_norm_verb(verb), ())]

    def patterns_for(self, lemma: str) -> list[VerbPattern]:
        """The patterns that apply to a verb (lemma or inflected form), in file order."""
        return [pattern for block in self.blocks_for(lemma) for pattern in block.patterns]

    def default_code(self, lemma: str) -> EventCode | None:
        """The code of the verb on its own: its own `[code]`, else its block's; None for an unknown verb."""
        key = _norm_verb(lemma)
        for block in self.blocks_for(key):
            for verb in block.verbs:
                if verb.lemma == key or key in verb.forms:
                    return verb.code or block.code
        return None

    def expand_synset(self, name: str) -> tuple[str, ...]:
        """The phrases of a synset with nested `&OTHER` members resolved (cycles and unknown names dropped)."""
        out: list[str] = []
        self._expand(name.lstrip("&").rstrip("_").upper(), out, set())
        return tuple(out)

    def _expand(self, name: str, out: list[str], seen: set[str]) -> None:
        synset = self.synsets.get(name)
        if synset is None or name in seen:
            return
        seen.add(name)
        for word in synset.words:
            if word.startswith("&"):
                self._expand(word[1:].rstrip("_"), out, seen)
            elif word not in out:
                out.append(word)


# ----------------------------------------------------------------------------------------------- public reader


def read_verbs(path: str | Path, format: str | None = None) -> VerbDictionary:
    """Read a PETRARCH-1/TABARI or PETRARCH-2 verb dictionary; the format is detected unless given."""
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown verb dictionary format {format!r}: use one of {', '.join(FORMATS)}")
    undecodable: list[Problem] = []
    lines = list(_strip_xml_comments(read_lines(path, undecodable)))
    verbs = _Reader(str(path), format or detect_format(line.text for line in lines), undecodable).read(lines)
    read = len(verbs.blocks) + len(verbs.synsets) + len(verbs.transformations)
    refuse_non_dictionary(path, "a verbs dictionary", LOOKS_LIKE, lines, verbs.problems, read)
    return verbs


def detect_format(texts: Iterable[str]) -> str:
    """`petrarch2` if a pattern holds `(...)`/`{...}` or a line is a `~` transformation, else `petrarch1`."""
    for text in texts:
        body = text.lstrip()
        if body.startswith("~"):
            return PETRARCH2
        if body.startswith("-") and not body.startswith("---") and ("(" in body or "{" in body):
            return PETRARCH2
    return PETRARCH1


# ----------------------------------------------------------------------------------------------- line handling


def _strip_xml_comments(lines: Iterable[SourceLine]) -> Iterator[SourceLine]:
    """Drop `<!...` lines and `<!-- ... -->` spans (possibly over several lines); strip legacy `;` comments."""
    in_comment = False
    for line in lines:
        text = line.text
        if in_comment:
            end = text.find("-->")
            if end < 0:
                continue
            text, in_comment = text[end + 3 :], False
        if text.lstrip().startswith("<!"):
            continue
        while "<!--" in text:
            head, _, tail = text.partition("<!--")
            end = tail.find("-->")
            if end < 0:
                text, in_comment = head, True
                break
            text = head + " " + tail[end + 3 :]
        text = text.split(";", 1)[0].strip()
        if text:
            yield SourceLine(line.path, line.number, text) if text != line.text else line


@dataclass
class _BlockDraft:
    """A verb block while the file is read; patterns stay raw until all synsets are known."""

    name: str
    code: EventCode
    line: int
    verbs: list[Verb] = field(default_factory=list)
    raw_patterns: list[tuple[SourceLine, str, EventCode]] = field(default_factory=list)


@dataclass
class _SynsetDraft:
    name: str
    line: int
    plurals: bool
    words: list[str] = field(default_factory=list)
    singular_only: set[str] = field(default_factory=set)


class _Reader:
    """Two passes: structure first (blocks, verbs, synsets), then patterns once every synset name is known."""

    def __init__(self, path: str, fmt: str, problems: list[Problem]):
        self.path = path
        self.format = fmt
        self.problems = problems
        self.blocks: list[_BlockDraft] = []
        self.synsets: dict[str, _SynsetDraft] = {}
        self.transformations: list[Transformation] = []
        self.current_synset: _SynsetDraft | None = None
        self.atom_cache: dict[str, tuple[PatternToken, ...]] = {}
        self.code_cache: dict[str, tuple[EventCode, bool]] = {}

    def read(self, lines: list[SourceLine]) -> VerbDictionary:
        for line in lines:
            try:
                self._line(line)
            except _LineError as exc:
                self.problems.append(line.problem(str(exc)))
        synsets = {
            name: Synset(name, tuple(d.words), frozenset(d.singular_only), d.line) for name, d in self.synsets.items()
        }
        blocks = tuple(self._finish_block(draft) for draft in self.blocks)
        index: dict[str, list[int]] = {}
        for number, block in enumerate(blocks):
            for verb in block.verbs:
                for key in (verb.lemma, *verb.forms):
                    slots = index.setdefault(key, [])
                    if not slots or slots[-1] != number:
                        slots.append(number)
        return VerbDictionary(
            self.path,
            self.format,
            blocks,
            synsets,
            tuple(self.transformations),
            tuple(self.problems),
            {key: tuple(value) for key, value in index.items()},
        )

    # -- pass 1: one line of structure

    def _line(self, line: SourceLine) -> None:
        text = line.text.strip()
        first = text[0]
        if first == "+" and self.current_synset is not None:
            self._synset_member(line, text)
            return
        self.current_synset = None
        if text.startswith("---"):
            self._header(line, text)
        elif first == "-":
            self._pattern_line(line, text[1:].strip())
        elif first == "&":
            self._synset_label(line, text)
        elif first == "~":
            self.transformations.append(_transformation(line, text[1:].strip()))
        elif first == "*":
            raise _LineError("pattern line does not start with '-': skipped")
        elif first == "+" or first.isalpha():
            self._verb_line(line, text)
        else:
            raise _LineError(f"unrecognised line {text[:40]!r}: skipped")

    def _header(self, line: SourceLine, text: str) -> None:
        inner = text.strip("- \t")
        code = _code(NO_EVENT)
        if "[" in inner:
            inner, raw = _split_code(inner)
            code = self._checked_code(line, raw)
        if not inner:
            raise _LineError("block header without a name: skipped")
        self.blocks.append(_BlockDraft(inner.split()[0], code, line.number))

    def _verb_line(self, line: SourceLine, text: str) -> None:
        own_code = None
        if "[" in text:
            head, _, rest = text.partition("[")
            raw, closed, tail = rest.partition("]")
            if not closed or not raw.strip() or " " in raw.strip():
                raise _LineError(f"malformed verb code [{raw}: skipped")
            text = f"{head} {tail}"
            own_code = self._checked_code(line, raw.strip())
        forms: list[str] = []
        explicit = "{" in text
        if explicit:
            head, _, rest = text.partition("{")
            listed, closed, tail = rest.partition("}")
            if not closed:
                raise _LineError("verb forms '{' without '}': skipped")
            text = f"{head} {tail}"
            forms = listed.split()
        words = text.split()
        if len(words) != 1:
            raise _LineError(f"verb line has {len(words)} words outside {{...}} and [...] (use '_'): skipped")
        lemma, verb_word, position = self._verb_word(line, words[0])
        shown = [" ".join(_verb_words(form)[0]) for form in forms]
        if not explicit:
            shown = _regular_forms(lemma.split(), position)
        if not self.blocks:
            self.blocks.append(_BlockDraft(lemma, own_code or _code(NO_EVENT), line.number))
        verb = Verb(lemma, verb_word, tuple(form for form in shown if form != lemma), own_code, explicit, line.number)
        self.blocks[-1].verbs.append(verb)

    def _verb_word(self, line: SourceLine, word: str) -> tuple[str, str, int]:
        words, position, marks = _verb_words(word)
        if not words:
            raise _LineError("empty verb: skipped")
        if marks > 1:
            raise _LineError(f"verb {word!r} marks more than one word with '+': skipped")
        if len(words) > 1 and marks == 0:
            reason = f"multi-word verb {word!r} has no '+' on its verb word: first word taken"
            self.problems.append(line.problem(reason))
        return " ".join(words), words[position], position

    def _synset_label(self, line: SourceLine, text: str) -> None:
        label = text.split()[0][1:].upper()
        name = label.rstrip("_")
        if not name:
            raise _LineError("synset label without a name: skipped")
        if len(text.split()) > 1:
            self.problems.append(line.problem(f"text after synset label &{label} ignored"))
        draft = self.synsets.get(name)
        if draft is not None:
            self.problems.append(line.problem(f"synset &{name} defined again (first at line {draft.line}): merged"))
        else:
            draft = self.synsets[name] = _SynsetDraft(name, line.number, plurals=not label.endswith("_"))
        self.current_synset = draft

    def _synset_member(self, line: SourceLine, text: str) -> None:
        draft = self.current_synset
        assert draft is not None
        member = text[1:].strip().upper()
        if not member:
            raise _LineError(f"empty member of synset &{draft.name}: skipped")
        singular = member.endswith("_") or not draft.plurals
        phrase = " ".join(member.replace("_", " ").split())
        if member.startswith("&"):
            phrase = "&" + member[1:].rstrip("_")
            singular = False
        draft.words.append(phrase)
        if singular:
            draft.singular_only.add(phrase)

    def _pattern_line(self, line: SourceLine, body: str) -> None:
        if not self.blocks:
            raise _LineError("pattern outside a verb block: skipped")
        if "[" not in body:
            raise _LineError("pattern without a [code]: skipped")
        body, raw = _split_code(body)
        code = self._checked_code(line, raw)
        self.blocks[-1].raw_patterns.append((line, body, code))

    def _checked_code(self, line: SourceLine, raw: str) -> EventCode:
        cached = self.code_cache.get(raw)
        if cached is None:
            code = _code(raw)
            cached = self.code_cache[raw] = (code, code.is_cameo)
        code, cameo = cached
        if not cameo:
            self.problems.append(line.problem(f"code [{raw}] is not a CAMEO code: kept as given"))
        return code

    # -- pass 2: blocks and their patterns

    def _finish_block(self, draft: _BlockDraft) -> VerbBlock:
        if not draft.verbs:
            where = SourceLine(self.path, draft.line, draft.name)
            self.problems.append(where.problem(f"verb block {draft.name} has no verbs: its patterns cannot apply"))
        verbs = tuple(verb.lemma for verb in draft.verbs)
        primary = verbs[0] if verbs else draft.name
        patterns = []
        for line, body, code in draft.raw_patterns:
            try:
                tokens = self._tokens(body)
            except _LineError as exc:
                self.problems.append(line.problem(str(exc)))
                continue
            self._check_synsets(line, tokens)
            patterns.append(VerbPattern(primary, verbs, draft.name, tokens, code, line.number, self.format))
        return VerbBlock(draft.name, draft.code, tuple(draft.verbs), tuple(patterns), draft.line)

    def _tokens(self, body: str) -> tuple[PatternToken, ...]:
        if self.format == PETRARCH1:
            if any(mark in body for mark in "{}()|"):
                raise _LineError("disjunctive set {...}/(...) in a PETRARCH-1 pattern is not supported: skipped")
            tokens = []
            for chunk in body.split():
                tokens.extend(self._atoms(chunk))
        else:
            tokens = _Petrarch2Parser(body, self._atoms).parse()
        verbs = sum(1 for token in tokens if token.kind == "verb")
        if verbs != 1:
            raise _LineError(f"pattern has {verbs} verb markers '*' at its top level (needs exactly one): skipped")
        return tuple(tokens)

    def _atoms(self, chunk: str) -> tuple[PatternToken, ...]:
        """Tokens of one space-free chunk (cached: chunks repeat a lot and tokens are immutable)."""
        found = self.atom_cache.get(chunk)
        if found is None:
            found = self.atom_cache[chunk] = tuple(self._split_chunk(chunk))
        return found

    def _split_chunk(self, chunk: str) -> list[PatternToken]:
        """`_` and specials glued to a word join tokens that must be consecutive."""
        pieces = chunk.upper().split("_")
        out: list[PatternToken] = []
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            if piece.startswith("&"):
                name, i = self._synset_name(pieces, i)
                out.append(PatternToken("synset", "&" + name, consecutive=bool(out)))
                continue
            word = ""
            for char in piece:
                if char in _SPECIALS:
                    if word:
                        out.append(PatternToken("word", word, consecutive=bool(out)))
                        word = ""
                    out.append(PatternToken(_SPECIALS[char], char, consecutive=bool(out)))
                else:
                    word += char
            if word:
                out.append(PatternToken("word", word, consecutive=bool(out)))
            i += 1
        return out

    def _synset_name(self, pieces: list[str], start: int) -> tuple[str, int]:
        """The longest defined synset name starting at `pieces[start]` (names may contain `_`)."""
        for end in range(len(pieces), start + 1, -1):
            name = "_".join(pieces[start:end])[1:].rstrip("_")
            if name in self.synsets:
                return name, end
        return pieces[start][1:], start + 1

    def _check_synsets(self, line: SourceLine, tokens: Iterable[PatternToken]) -> None:
        for token in tokens:
            if token.kind == "synset" and token.text[1:] not in self.synsets:
                self.problems.append(line.problem(f"undefined synset {token.text} in pattern (PETRARCH ignores it)"))
            self._check_synsets(line, token.parts)


class _Petrarch2Parser:
    """Recursive reader of a PETRARCH-2 pattern body: `{...}` noun phrases and `(PREP ...)` phrases."""

    def __init__(self, body: str, atoms: Callable[[str], tuple[PatternToken, ...]]):
        spaced = body
        for mark in "(){}":
            spaced = spaced.replace(mark, f" {mark} ")
        self.items = spaced.split()
        self.atoms = atoms
        self.at = 0

    def parse(self) -> list[PatternToken]:
        return self._sequence(None)

    def _sequence(self, closer: str | None) -> list[PatternToken]:
        out: list[PatternToken] = []
        while self.at < len(self.items):
            item = self.items[self.at]
            self.at += 1
            if item == closer:
                return out
            if item in ")}":
                raise _LineError(f"unbalanced '{item}' in pattern: skipped")
            if item == "(":
                out.append(self._prep(closer))
            elif item == "{":
                out.append(self._phrase(closer))
            else:
                out.extend(self.atoms(item))
        if closer is not None:
            raise _LineError(f"'{'(' if closer == ')' else '{'}' without '{closer}' in pattern: skipped")
        return out

    def _prep(self, outer: str | None) -> PatternToken:
        if outer is not None:
            raise _LineError("nested prepositional phrase in pattern is not supported: skipped")
        inner = self._sequence(")")
        if not inner or inner[0].kind != "word":
            raise _LineError("prepositional phrase '(...)' does not start with a preposition: skipped")
        if any(token.kind == "verb" for token in inner):
            raise _LineError("verb marker '*' inside '(...)': skipped")
        return PatternToken("prep", inner[0].text, parts=tuple(inner[1:]))

    def _phrase(self, outer: str | None) -> PatternToken:
        if outer == "}":
            raise _LineError("nested noun phrase '{...}' in pattern is not supported: skipped")
        inner = self._sequence("}")
        if not inner or any(token.kind in ("verb", "prep") for token in inner):
            raise _LineError("noun phrase '{...}' must hold words only: skipped")
        return PatternToken("phrase", " ".join(token.text for token in inner), parts=tuple(inner))


# ----------------------------------------------------------------------------------------------- small helpers


def _cameo_half(half: str, allow_empty: bool) -> bool:
    if half == NO_EVENT or (allow_empty and not half):
        return True
    return half.isdigit() and 2 <= len(half) <= 4


def _code(raw: str) -> EventCode:
    raw = raw.strip()
    if ":" in raw:
        first, _, second = raw.partition(":")
        return EventCode(raw, _half(first), _half(second))
    return EventCode(raw, _half(raw), None)


def _half(text: str) -> str | None:
    text = text.strip()
    return None if not text or text == NO_EVENT else text


def _split_code(text: str) -> tuple[str, str]:
    """Split `body [code]` into body and code text; anything after `]` is an error."""
    body, _, rest = text.rpartition("[")
    raw, closed, tail = rest.partition("]")
    if not closed:
        raise _LineError("code '[' without ']': skipped")
    if tail.strip():
        raise _LineError(f"text {tail.strip()!r} after the [code]: skipped")
    if not raw.strip() or " " in raw.strip():
        raise _LineError(f"malformed code [{raw}]: skipped")
    return body.strip(), raw.strip()


def _verb_words(word: str) -> tuple[list[str], int, int]:
    """Words of a verb (`WIRE_+TAP` -> WIRE, TAP), the index of the `+` verb word, and how many `+` marks."""
    words: list[str] = []
    position, marks = 0, 0
    for part in word.upper().split("_"):
        if part.startswith("+"):
            position, marks = len(words), marks + 1
            part = part[1:]
        if part:
            words.append(part)
    return words, min(position, max(len(words) - 1, 0)), marks


def _regular_forms(words: list[str], position: int) -> list[str]:
    """Regular -S, -ED and -ING forms made on the verb word, the other words unchanged."""
    stem = words[position]
    if len(stem) < 2:
        return []
    consonant_y = stem.endswith("Y") and stem[-2] not in "AEIOU"
    if consonant_y:
        third, past = stem[:-1] + "IES", stem[:-1] + "IED"
    else:
        third = stem + "ES" if stem.endswith(("S", "X", "Z", "CH", "SH")) else stem + "S"
        doubled = stem + stem[-1] if _doubles_final(stem) else stem
        past = stem + "D" if stem.endswith("E") else doubled + "ED"
    drop_e = stem.endswith("E") and not stem.endswith(("EE", "YE", "OE")) and len(stem) > 2
    gerund = stem[:-1] + "ING" if drop_e else (stem + stem[-1] if _doubles_final(stem) else stem) + "ING"
    if stem.endswith("IE"):
        gerund = stem[:-2] + "YING"
    return [" ".join(words[:position] + [form] + words[position + 1 :]) for form in (third, past, gerund)]


def _doubles_final(stem: str) -> bool:
    """One-syllable consonant-vowel-consonant stems double their last letter (STUN -> STUNNED, BAN -> BANNED)."""
    vowels = "AEIOU"
    if len(stem) < 3 or stem[-1] in vowels + "WXY" or stem[-2] not in vowels or stem[-3] in vowels:
        return False
    return sum(1 for i, char in enumerate(stem) if char in vowels and (i == 0 or stem[i - 1] not in vowels)) == 1


def _norm_verb(text: str) -> str:
    return " ".join(text.upper().replace("_", " ").replace("+", " ").split())


def _transformation(line: SourceLine, text: str) -> Transformation:
    left, equals, right = text.partition("=")
    if not equals:
        raise _LineError("transformation without '=': skipped")
    result = tuple(right.split())
    if len(result) != 3:
        raise _LineError(f"transformation result must be 'source target code', got {right.strip()!r}: skipped")
    items = left.replace("(", " ( ").replace(")", " ) ").split()
    event, used = _transform_event(items, 0)
    if used != len(items):
        raise _LineError(f"unexpected {' '.join(items[used:])!r} in transformation: skipped")
    return Transformation(event, result, text, line.number)


def _transform_event(items: list[str], at: int) -> tuple[TransformEvent, int]:
    """`source target verb`, where target is a word or a parenthesised event."""
    if at + 3 > len(items) or items[at] in "()":
        raise _LineError("transformation event must be 'source target VERB': skipped")
    source = items[at]
    target: str | TransformEvent
    if items[at + 1] == "(":
        target, at = _transform_event(items, at + 2)
        if at >= len(items) or items[at] != ")":
            raise _LineError("transformation '(' without ')': skipped")
        at += 1
    elif items[at + 1] == ")":
        raise _LineError("transformation event must be 'source target VERB': skipped")
    else:
        target, at = items[at + 1], at + 2
    if at >= len(items) or items[at] in "()":
        raise _LineError("transformation event without a verb: skipped")
    return TransformEvent(source, target, items[at]), at + 1
