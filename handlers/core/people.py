"""People in one article: who is named, with which roles, and every mention of them.

Why rules and not a tagger: the core must run at hundreds of thousands of words per second
without heavy dependencies, and news English names people in a few stable ways:
a title or honorific before the name ("US Secretary of State Antony Blinken", "Mr Blinken"),
a lowercase role noun before it ("counterpart Singh"), an apposition after it
("Flynn, a top Trump surrogate,"), a speech verb next to it, or a plain full name.
Everything else that is capitalised (places, organisations, headlines, page furniture)
is rejected with general vocabulary lists, never with lists of people.

One regex pass over the body collects capitalised runs; multi-word runs are split into
segments (title prefix + honorific + name), bare words are kept as (offset, word) pairs.
Segments with person evidence become people; then every name and bare word is resolved
against those people (full name, surname, surname-first given name, "Mr X", a typo within
edit distance 1) and mentions are counted. The resulting index also tells the quote rules
which entity ends or starts at a given offset, so speakers are looked up, not re-parsed.
Per-token facts and title normalisations are memoised (vocabulary repeats across
articles); nothing is cached per run or per article, so throughput does not depend on
text repeating.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from rapidfuzz.distance import Levenshtein

from .lexicon import (
    CALENDAR,
    COMMON_WORDS,
    COUNTRY_DEMONYMS,
    DEMONYMS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    MALE_HONORIFICS,
    ORG_HEADS,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    PLACES,
    ROLE_MODIFIERS,
    STOP_CAPS,
    TITLE_HEADS,
)
from .models import PersonMention, Role
from .roles import normalise_descriptor, normalise_title, strip_possessive, temporal_modifier


def _split(text: str) -> list[str]:
    """Whitespace-separated words of a literal block (keeps long word lists readable)."""
    return text.split()

# ---------------------------------------------------------------- capitalised runs
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_L = "A-Za-zÀ-ÖØ-öø-ɏ"
_ABBR = (r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Adm|Sgt|Cmdr|Rev|Fr|St|Jr|Sr"
         r"|Hon|Pres|Supt|Insp|Brig|Cpl|Amb|Mme)\.")
_INIT = r"(?:[A-Z]\.){1,3}(?=[\s,;:)'’\"”]|$)"
_WORD = rf"[{_UP}][{_L}0-9]*(?:[-'’][{_L}0-9]+)*(?:['’](?![{_L}]))?"
_GLUE = (r"(?:of|for|and|the|to|on|&|al|el|bin|ibn|abu|de|da|del|della|di|du|van|von|der|den"
         r"|ter|le|la|dos|das|zu)")
_TOK = rf"(?:{_ABBR}|{_INIT}|{_WORD}|(?:al|el)-[{_UP}][{_L}]+)"
_FIRST = rf"(?:{_ABBR}|{_INIT}|{_WORD})"
# the leading lookahead gives the regex engine a first-character set to skip ahead with
RUN_RE = re.compile(rf"(?=[{_UP}])(?<![{_L}\-]){_FIRST}(?: (?:{_GLUE} ){{0,3}}{_TOK})*")

_MONTH_NAMES = frozenset(("April", "May", "June", "August"))
_PARTICLES = frozenset(_split("""al el bin ibn abu de da del della di du van von der den ter
le la dos das zu"""))
_CONNECTORS = frozenset(_split("of for and the to on &"))
_SUFFIXES = frozenset(_split("Jr Jr. Sr Sr. II III IV QC KC SC MP"))

_CUE_WORDS = (r"said|says|told|tells|added|adds|warned|noted|stressed|insisted|wrote|asked|"
              r"explained|declared|announced|claimed|argued|alleged|recalled|remarked|urged|"
              r"tweeted|stated|commented|continued|replied|responded|acknowledged|admitted|"
              r"confirmed|denied|observed|believes|thinks|reported|revealed|maintained|"
              r"cautioned|predicted|promised|vowed|complained|concluded|asserted|reiterated")
_SPEECH_AFTER = re.compile(
    rf"(?:,[^,.\n\"“”]{{1,80}},)?\s+(?:(?:also|then|later|further|earlier|previously|has|had|"
    rf"have|recently|reportedly|repeatedly|once|again|[a-z]+ly)\s+){{0,2}}(?:{_CUE_WORDS})\b")
_CUE_STARTS = tuple(f"{w} " for w in _CUE_WORDS.split("|")) + tuple(
    f"{w}." for w in _CUE_WORDS.split("|")) + ("also ", "has said", "had said")
_SPEECH_BEFORE = re.compile(rf"\b(?:{_CUE_WORDS}|[Aa]ccording to)\s+\Z")
_APPOS = re.compile(
    r",\s+(?!who\b|which\b|where\b|when\b|and\b|but\b|or\b|as\b|he\b|she\b|they\b|it\b)"
    r"(?P<app>[^,.;:!?()\"“”\n]{2,90}?)\s*(?=,|\.(?:\s|$)|;|\)|$)")
_APPOS_STOP = frozenset(_split("of for at in with from to on and who since between by under"))
_PRE_STOP = frozenset(_split("""
the a an of in on at by for with to from and or but as his her its their our his said
says has have had is was were are be been that which who when while after before than
into about over also then this these those
"""))
_WORDS_IN_LINE = re.compile(r"[A-Za-zÀ-ɏ][\w'’-]*")

# organisation heads that are also common family names written first ("Park Joo-ho")
_SURNAME_FIRST = frozenset(("Park", "Law", "Hall"))
_NOT_FIRST = (STOP_CAPS | CALENDAR | PLACES | ORG_WORDS | ROLE_MODIFIERS | TITLE_HEADS
              | PLACE_PREFIXES | (ORG_HEADS - _SURNAME_FIRST)
              | frozenset(COUNTRY_DEMONYMS) | frozenset(DEMONYMS) | HONORIFICS)
_NOT_INSIDE = STOP_CAPS | CALENDAR | ORG_WORDS | ORG_HEADS | TITLE_HEADS
_NOT_SINGLE = _NOT_FIRST | ORG_HEADS | PLACES
# after a title ("Defence Secretary Austin") a place-like word can still be a surname
_NOT_TITLED = _NOT_SINGLE - PLACES - PLACE_PREFIXES
_ROLE_VOCAB = (TITLE_HEADS | ROLE_MODIFIERS | frozenset(COUNTRY_DEMONYMS) | frozenset(DEMONYMS)
               | ORG_HEADS | ORG_WORDS
               | frozenset({"New", "Zealand", "Arabia", "Saudi", "Lanka", "Sri", "Korea"}))
_COUNTRYISH = frozenset(COUNTRY_DEMONYMS) | frozenset(DEMONYMS) | PLACES


@dataclass(slots=True)
class Segment:
    """A title + name split of one capitalised run piece.

    ``start``/``end`` cover the name (or the whole piece when there is no name);
    ``full_start`` includes the title prefix.
    """

    full_start: int
    start: int
    end: int
    name: tuple[str, ...]
    role: tuple[str, ...] = ()
    has_head: bool = False
    honorific: str = ""
    after_the: bool = False
    person: int = -1


@dataclass(slots=True)
class Person:
    """A person being built for one article (mutable; frozen into PersonMention at the end)."""

    name: str
    tokens: tuple[str, ...]
    forms: dict[str, int] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    role_keys: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    gender: str = ""

    @property
    def last(self) -> str:
        return self.tokens[-1]


@dataclass(slots=True)
class PeopleIndex:
    """What the quote rules need: people, their mentions, and entities by offset.

    Multi-word segments are kept parsed; bare capitalised words (most runs) are only
    turned into segments when the quote rules ask about that offset.
    """

    people: list[Person]
    mentions: list[tuple[int, int, int]]          # (start, end, person index), sorted
    body: str
    seg_end: dict[int, Segment]
    seg_start: dict[int, Segment]
    single_start: dict[int, str]                  # start -> bare word
    single_end: dict[int, int]                    # end -> start
    mention_of: dict[int, int]                    # start -> person index (bare words)
    org_end: dict[int, tuple[int, str, bool]]     # end -> (start, text, after "The")
    org_start: dict[int, int]                     # start -> end

    def _single(self, start: int) -> Segment:
        word = self.single_start[start]
        seg = Segment(start, start, start + len(word), (word,))
        seg.person = self.mention_of.get(start, -1)
        return seg

    def _org(self, end: int) -> Segment:
        start, text, after_the = self.org_end[end]
        return Segment(start, start, end, (), tuple(text.split(" ")), False, "", after_the)

    def at_end(self, pos: int) -> Segment | None:
        """The segment (title + name, organisation or word) ending exactly at ``pos``."""
        seg = self.seg_end.get(pos)
        if seg is None:
            if pos in self.single_end:
                return self._single(self.single_end[pos])
            if pos in self.org_end:
                return self._org(pos)
        return seg

    def at_start(self, pos: int) -> Segment | None:
        """The segment starting exactly at ``pos`` (at its title or at its name)."""
        seg = self.seg_start.get(pos)
        if seg is None:
            if pos in self.single_start:
                return self._single(pos)
            if pos in self.org_start:
                return self._org(self.org_start[pos])
        return seg

    def frozen(self) -> tuple[PersonMention, ...]:
        out = []
        for p in self.people:
            if not p.mentions:
                continue
            aliases = tuple(f for f in p.forms if f != p.name)
            out.append(PersonMention(name=p.name, aliases=aliases, roles=tuple(p.roles),
                                     mentions=len(p.mentions), first_offset=min(p.mentions)))
        out.sort(key=lambda m: m.first_offset)
        return tuple(out)


# ---------------------------------------------------------------- name words (public)
def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """The name words of ``name``: honorifics, titles and suffixes dropped, possessive stripped."""
    words = [strip_possessive(w.strip(",;:")) for w in name.replace(".", ". ").split()]
    words = [w for w in words if w and w != "."]
    while words and (words[0] in HONORIFICS or words[0].rstrip(".") in HONORIFICS
                     or words[0] in TITLE_HEADS):
        words = words[1:]
    while words and (words[-1] in _SUFFIXES or words[-1].rstrip(".") in _SUFFIXES):
        words = words[:-1]
    return words


# ---------------------------------------------------------------- token predicates
def _is_initial(tok: str) -> bool:
    return (len(tok) == 1 and tok.isupper()) or (len(tok) <= 6 and tok.endswith(".")
                                                  and tok.replace(".", "").isupper())


_NAME_LIKE: dict[str, bool] = {}


def _name_like(tok: str) -> bool:
    """A word that can be part of a person's name (not all caps, not furniture).

    Memoised: the same capitalised words recur across articles and this is on the hot path.
    """
    got = _NAME_LIKE.get(tok)
    if got is None:
        got = _compute_name_like(tok)
        if len(_NAME_LIKE) > 200_000:
            _NAME_LIKE.clear()
        _NAME_LIKE[tok] = got
    return got


def _compute_name_like(tok: str) -> bool:
    if _is_initial(tok):
        return True
    if tok in STOP_CAPS or tok in CALENDAR:
        return False
    letters = tok.replace("-", "").replace("'", "").replace("’", "")
    if not letters.isalpha():
        return False
    return not (letters.isupper() and len(letters) > 1)


def _is_glue(tok: str) -> bool:
    return (tok[:1].islower() and "-" not in tok) or tok == "&"


# ---------------------------------------------------------------- token table
# Bit flags describing one surface token; computed once per distinct token (memoised), so
# the per-run work below is integer tests instead of repeated string predicates.
F_GLUE, F_PARTICLE, F_CONN, F_HEAD, F_ROLE, F_PLACE, F_HON, F_NAME, F_SUFFIX, F_CAL, \
    F_POSS, F_ORGH, F_ORGW = (1 << i for i in range(13))
_TOKINFO: dict[str, tuple[str, int]] = {}


def _info(tok: str) -> tuple[str, int]:
    """(possessive-stripped base, flags) of a run token."""
    got = _TOKINFO.get(tok)
    if got is not None:
        return got
    base = strip_possessive(tok)
    f = 0
    if base != tok:
        f |= F_POSS
    if _is_glue(tok):
        f |= F_GLUE
        if tok in _PARTICLES:
            f |= F_PARTICLE
        if tok in _CONNECTORS:
            f |= F_CONN
    else:
        bare = base.rstrip(".")
        if base in TITLE_HEADS or bare in TITLE_HEADS:
            f |= F_HEAD
        if base in _ROLE_VOCAB:
            f |= F_ROLE
        if base in PLACES:
            f |= F_PLACE
        if base in HONORIFICS or bare in HONORIFICS:
            f |= F_HON
        if _name_like(base):
            f |= F_NAME
        if base in _SUFFIXES:
            f |= F_SUFFIX
        if base in CALENDAR:
            f |= F_CAL
        if base in ORG_HEADS:
            f |= F_ORGH
        if tok in ORG_WORDS:
            f |= F_ORGW
    if len(_TOKINFO) > 200_000:
        _TOKINFO.clear()
    _TOKINFO[tok] = got = (base, f)
    return got


# ---------------------------------------------------------------- splitting runs
def _roleish(base: str, prev: str) -> bool:
    """Title vocabulary, or a place right after "of"/"for"/"to" ("Mayor of London")."""
    return base in _ROLE_VOCAB or (base in PLACES and prev in _CONNECTORS)


def _name_ok(name: tuple[str, ...]) -> bool:
    """All words can be name words ("Theresa May": some months are fine as last names),
    and a multi-word name does not end in an initial ("Protected B")."""
    if not name:
        return False
    if len(name) > 1:
        if _is_initial(name[-1]):
            return False
        if name[-1] in _MONTH_NAMES:
            return all(_name_like(t) for t in name[:-1])
    return all(_name_like(t) for t in name)


def _parse_run(text: str, start: int) -> list[Segment]:
    """Split one multi-word run into pieces and parse each (title prefix, honorific, name).

    Works on index ranges over parallel arrays (no object per token: this is the hot path).
    Connectors ("of", "for", "and") stay inside titles and otherwise split; a possessive
    closes a name; the name is the run of name words after the last title word.
    """
    get = _TOKINFO.get
    toks = text.split(" ")
    if "" in toks:   # a double space: keep offsets right
        offs = []
        off = start
        for t in toks:
            if t:
                offs.append(off)
            off += len(t) + 1
        toks = [t for t in toks if t]
    else:
        offs = list(accumulate([len(t) + 1 for t in toks[:-1]], initial=start))
    infos = [get(t) or _info(t) for t in toks]
    bases = [i[0] for i in infos]
    flags = [i[1] for i in infos]
    n = len(toks)
    # 1. pieces as [a, b) ranges: connectors stay inside titles, otherwise they split
    ranges: list[tuple[int, int]] = []
    a = -1
    glue_at = -1
    named = headed = prev_conn = False
    for i in range(n):
        f = flags[i]
        if f & F_GLUE:
            if a >= 0 and ((f & F_PARTICLE and named)
                           or (not named and f & F_CONN and (headed or toks[i] != "and"))):
                if glue_at < 0:
                    glue_at = i
            else:
                if a >= 0:
                    ranges.append((a, glue_at if glue_at >= 0 else i))
                a, glue_at, named, headed = -1, -1, False, False
            prev_conn = bool(f & F_CONN)
            continue
        if a < 0:
            a = i
        glue_at = -1
        roleish = f & F_ROLE or (f & F_PLACE and prev_conn and i > a)
        headed = headed or bool(f & F_HEAD)
        if f & F_POSS and (named or not roleish):
            ranges.append((a, i + 1))
            a, named, headed = -1, False, False
        elif not roleish and not f & F_HON:
            named = True
        prev_conn = False
    if a >= 0:
        ranges.append((a, glue_at if glue_at >= 0 else n))
    # 2. parse each piece
    out: list[Segment] = []
    for a, b in ranges:
        i0 = a
        after_the = False
        while i0 < b and (flags[i0] & F_GLUE or toks[i0] in STOP_CAPS):
            after_the = after_the or toks[i0] in ("The", "the")
            i0 += 1
        if i0 == b:
            continue
        last_head = -1
        for i in range(i0, b):
            if flags[i] & F_HEAD:
                last_head = i
        full_start = offs[i0]
        piece_end = offs[b - 1] + len(bases[b - 1])
        honorific = ""
        if last_head >= 0:
            j = b
            while j > last_head + 1:
                f = flags[j - 1]
                if f & F_PARTICLE and j < b:
                    j -= 1
                    continue
                if (f & (F_GLUE | F_HON | F_ROLE) or (f & F_SUFFIX and j < b)
                        or (f & F_PLACE and flags[j - 2] & F_CONN)):
                    break
                if not (f & F_NAME or (j == b and bases[j - 1] in _MONTH_NAMES)):
                    break
                j -= 1
            while j < b and flags[j] & F_PARTICLE:
                j += 1
            j = max(j, b - 4)
            if j > last_head + 1 and flags[j - 1] & F_HON:
                honorific = toks[j - 1]
            k = b
        else:
            j = i0
            while j < b - 1 and flags[j] & F_POSS and flags[j] & F_ROLE:
                j += 1
            while j < b and flags[j] & F_HON:
                honorific = toks[j]
                j += 1
            orgish = b - j > 4
            if not honorific and not orgish:
                for i in range(j, b):
                    f = flags[i]
                    if (f & F_ORGW or (f & F_ORGH and i > j)
                            or (f & F_GLUE and not f & F_PARTICLE) or not f & (F_NAME | F_GLUE)):
                        orgish = True
                        break
            if orgish:
                out.append(Segment(full_start, full_start, piece_end, (), tuple(toks[i0:b]),
                                   False, "", after_the))
                continue
            k = j
            while k < b and k - j < 4 and not (flags[k] & F_GLUE and not flags[k] & F_PARTICLE):
                f = flags[k]
                if f & F_HEAD or (k > j and f & F_ORGH):
                    break
                k += 1
                if f & F_POSS:
                    break
            while k > j and flags[k - 1] & F_PARTICLE:
                k -= 1
        name = tuple(bases[j:k])
        while name and name[-1] in _SUFFIXES:
            name = name[:-1]
        role = (tuple(toks[i] for i in range(i0, j) if not flags[i] & F_HON) if honorific
                else tuple(toks[i0:j]))
        while role and _is_glue(role[-1]):
            role = role[:-1]
        if name:
            s0 = offs[j]
            e0 = offs[j + len(name) - 1] + len(name[-1])
        else:
            s0, e0 = full_start, piece_end
        out.append(Segment(full_start, s0, e0, name, role, last_head >= 0, honorific, after_the))
    return out


# ---------------------------------------------------------------- evidence
class _Context:
    """Per-article lazily computed facts (lowercase vocabulary, headline lines)."""

    __slots__ = ("_headline", "_lower", "body")

    def __init__(self, body: str) -> None:
        self.body = body
        self._lower: dict[str, bool] = {}
        self._headline: dict[int, bool] = {}

    def has_lower(self, word: str) -> bool:
        """Does ``word`` occur in lowercase as a whole word somewhere in the body?

        Searched on demand (few words are ever asked about) instead of tokenising the body.
        """
        w = word.lower()
        got = self._lower.get(w)
        if got is None:
            got = False
            body = self.body
            i = body.find(w)
            while i >= 0:
                j = i + len(w)
                if (i == 0 or not body[i - 1].isalpha()) and (j >= len(body)
                                                              or not body[j].isalpha()):
                    got = True
                    break
                i = body.find(w, i + 1)
            self._lower[w] = got
        return got

    def in_headline(self, pos: int) -> bool:
        """True when the line holding ``pos`` reads like a title-case headline or menu."""
        body = self.body
        ls = body.rfind("\n", 0, pos) + 1
        got = self._headline.get(ls)
        if got is None:
            le = body.find("\n", pos)
            line = body[ls: le if le >= 0 else len(body)].strip()
            if line[-1:] in ".!?\"”":   # prose ends in sentence punctuation
                self._headline[ls] = False
                return False
            words = _WORDS_IN_LINE.findall(line)
            caps = sum(1 for w in words if w[0].isupper())
            got = bool(words) and (
                (len(words) >= 2 and caps / len(words) >= 0.6 and line[-1:] not in ".!?\"”")
                or (len(words) <= 3 and line[-1:] not in ".!?\"”:"))
            self._headline[ls] = got
        return got


def _prev_word(body: str, pos: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (separated by one space) and its start."""
    if pos < 2 or body[pos - 1] != " ":
        return "", -1
    k = max(body.rfind(" ", 0, pos - 1), body.rfind("\n", 0, pos - 1)) + 1
    return body[k:pos - 1], k


def _pre_noun_role(body: str, pos: int) -> tuple[str, int]:
    """A lowercase role noun right before a name ("counterpart Singh", "Khalistani terrorist").

    Returns the role phrase with up to three modifiers before the noun and its start.
    """
    if pos < 3 or body[pos - 1] != " " or not body[pos - 2].islower():
        return "", -1
    word, ws = _prev_word(body, pos)
    if not word or not word[0].islower() or word.lower() not in PERSON_NOUNS:
        return "", -1
    words = [word]
    start = ws
    lower_mods = 0
    for _ in range(3):
        prev, ps = _prev_word(body, start)
        if not prev or prev[-1] in ",.;:!?\"”)" or prev.lower() in _PRE_STOP:
            break
        if prev[0].islower():
            if lower_mods > 1 or prev.endswith(("ed", "ing")) or "'" in prev:
                break
            lower_mods += 1
        elif prev in STOP_CAPS:
            break
        words.insert(0, prev)
        start = ps
    return " ".join(words), start


def _appos_role(body: str, end: int) -> tuple[str, int]:
    """An apposition naming a role after a name ("Flynn, a top Trump surrogate,")."""
    if not body.startswith(", ", end):
        return "", -1
    m = _APPOS.match(body, end)
    if not m:
        return "", -1
    app = m.group("app")
    words = app.split()
    if not words or len(words) > 12:
        return "", -1
    cut = len(words)
    for i, w in enumerate(words):
        if i and w.lower() in _APPOS_STOP:
            cut = i
            break
    head = words[cut - 1].strip("'’").lower()
    if head not in PERSON_NOUNS or (words[0][0].isupper() and words[0] not in COUNTRY_DEMONYMS \
            and words[0] not in DEMONYMS and cut == 1):
        return "", -1
    return app, m.start("app")


def _not_a_name(name: tuple[str, ...]) -> bool:
    """Multi-word names that are places, organisations or sentence words."""
    if name[0] in _NOT_FIRST or (_is_initial(name[0]) and len(name) == 2 and _is_initial(name[1])):
        return True
    if any(t in _NOT_INSIDE for t in name[1:-1]) or (name[-1] in _NOT_INSIDE and (
            name[-1] not in CALENDAR)):
        return True
    joined = " ".join(name)
    return joined in PLACES or joined in COUNTRY_DEMONYMS


def _all_common(name: tuple[str, ...], ctx: _Context, places: bool = True) -> bool:
    """Every word is ordinary vocabulary here ("Litmus Test", "Iodine Nutrition")."""
    return all(t.lower() in COMMON_WORDS or (places and t in _COUNTRYISH) or ctx.has_lower(t)
               for t in name)


def _quoted_title(body: str, start: int) -> bool:
    """The name opens a quoted title-case stretch ("Better Idea of Afghan Girls")."""
    if start == 0 or body[start - 1] not in "\"“'‘":
        return False
    end = body.find(body[start - 1] if body[start - 1] in "\"'" else "”", start)
    if end < 0 or end - start > 80:
        return False
    words = body[start:end].split()
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 2 and caps / len(words) >= 0.6


def _full_name_ok(seg: Segment, ctx: _Context) -> bool:
    """A plain full name with no cue: 2-4 name words that are not places, orgs or headlines."""
    name = seg.name
    if not 2 <= len(name) <= 4 or seg.after_the or _not_a_name(name):
        return False
    body = ctx.body
    if seg.full_start >= 4 and body[seg.full_start - 4:seg.full_start].lower() == "the ":
        return False
    if _all_common(name, ctx) or _quoted_title(body, seg.full_start):
        return False
    return not ctx.in_headline(seg.start)


def _full_name_ending(body: str, tok: str, ctx: _Context) -> tuple[str, str] | None:
    """A given name written before ``tok`` somewhere in the body ("… Arlington Amneh Jafari")."""
    needle = " " + tok
    i = body.find(needle)
    while i > 0:
        j = i + len(needle)
        if j >= len(body) or not (body[j].isalnum() or body[j] == "-"):
            k = max(body.rfind(" ", 0, i), body.rfind("\n", 0, i)) + 1
            first = body[k:i]
            if (first[:1].isupper() and _name_like(first) and first not in _NOT_FIRST
                    and first not in _ROLE_VOCAB and first.lower() not in COMMON_WORDS
                    and not ctx.has_lower(first)):
                return (first, tok)
        i = body.find(needle, i + 1)
    return None


def _speech_next_to(body: str, seg: Segment) -> bool:
    if _SPEECH_AFTER.match(body, seg.end):
        return True
    return bool(_SPEECH_BEFORE.search(body, max(0, seg.full_start - 30), seg.full_start))


# ---------------------------------------------------------------- building people
def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two multi-word names with the same last word that can be the same person."""
    fa, fb = a[0].rstrip("."), b[0].rstrip(".")
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    if set(a[:-1]) <= set(b[:-1]) or set(b[:-1]) <= set(a[:-1]):
        return True
    return min(len(fa), len(fb)) >= 4 and Levenshtein.distance(fa, fb, score_cutoff=1) <= 1


def _better_name(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Prefer the fuller form: more words, then no initials, then longer."""
    def score(t: tuple[str, ...]) -> tuple[int, int, int]:
        return (sum(1 for w in t if not _is_initial(w)), len(t), len(" ".join(t)))
    return score(new) > score(old)


class _Builder:
    """Accumulates people and mentions for one article."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.by_last: dict[str, list[int]] = {}
        self.by_first: dict[str, list[int]] = {}
        self.by_full: dict[tuple[str, ...], int] = {}

    def _index(self, idx: int) -> None:
        p = self.people[idx]
        self.by_full[p.tokens] = idx
        last = self.by_last.setdefault(p.last, [])
        if idx not in last:
            last.append(idx)
        if len(p.tokens) > 1:
            first = self.by_first.setdefault(p.tokens[0], [])
            if idx not in first:
                first.append(idx)

    def add_full(self, name: tuple[str, ...]) -> int:
        """Find or create the person for a multi-word name."""
        idx = self.by_full.get(name)
        if idx is not None:
            return idx
        for cand in self.by_last.get(name[-1], ()):
            p = self.people[cand]
            if len(p.tokens) > 1 and _compatible(p.tokens, name):
                if _better_name(p.tokens, name):
                    p.tokens, p.name = name, " ".join(name)
                self._index(cand)
                self.by_full[name] = cand
                return cand
        self.people.append(Person(name=" ".join(name), tokens=name))
        self._index(len(self.people) - 1)
        return len(self.people) - 1

    def resolve_single(self, tok: str) -> int:
        """A bare name word: unique last-name match, else unique first-word match, else -1.

        Two people sharing that last name make it ambiguous (-1): a bare "Singh" is never
        guessed between "Rajnath Singh" and "Manmohan Singh".
        """
        last = self.by_last.get(tok)
        if last:
            return last[0] if len(last) == 1 else -1
        first = self.by_first.get(tok)
        if first and len(first) == 1:
            return first[0]
        return -1

    def add_single(self, tok: str) -> int:
        idx = self.resolve_single(tok)
        if idx >= 0 or tok in self.by_last:
            return idx
        self.people.append(Person(name=tok, tokens=(tok,)))
        self._index(len(self.people) - 1)
        return len(self.people) - 1


def _add_role(p: Person, text: str, start: int) -> None:
    if not text:
        return
    key = text.lower().replace("defence", "defense")
    if key in p.role_keys:
        return
    # keep the fuller of two nested forms ("Defense Minister" inside "Indian Defense Minister")
    for i, r in enumerate(p.roles):
        rk = r.text.lower()
        if f" {key} " in f" {rk} ":
            return
        if f" {rk} " in f" {key} ":
            p.roles[i] = Role(text, min(start, r.start))
            p.role_keys.add(key)
            return
    p.roles.append(Role(text, start))
    p.role_keys.add(key)


def _role_for(body: str, seg: Segment) -> tuple[str, int]:
    """The display role a segment's title prefix gives, with "former" kept."""
    if not seg.role or not seg.has_head:
        return "", -1
    word, _ = _prev_word(body, seg.full_start)
    return normalise_title(seg.role, modifier=temporal_modifier(word)), seg.full_start


def is_orgish(seg: Segment, body: str) -> bool:
    """A segment that names an organisation, country or place (a possible non-person speaker)."""
    toks = seg.name or seg.role
    if not toks:
        return False
    text = " ".join(toks)
    if seg.after_the or (seg.full_start >= 4 and body[seg.full_start - 4:seg.full_start].lower()
                         == "the "):
        return True
    return (text in COUNTRY_DEMONYMS or text in PLACES or toks[-1] in ORG_HEADS
            or toks[0] in ORG_WORDS or text.replace(".", "").isupper() or not seg.name)


_SPECIAL = F_GLUE | F_HEAD | F_HON | F_POSS | F_SUFFIX | F_CAL


def _segments(body: str, cue_starts: set[int] | None = None
              ) -> tuple[list[Segment], list[tuple[int, str]], dict[int, tuple[int, str, bool]]]:
    """Segments that can carry person evidence, and every bare capitalised word.

    A bare word only becomes a segment here when its context could make it a person
    (a lowercase role noun before it, a comma after or before it); all bare words are
    still resolved against known surnames later, without building objects for them.
    """
    segs: list[Segment] = []
    singles: list[tuple[int, str]] = []
    orgs: dict[int, tuple[int, str, bool]] = {}
    append = segs.append
    info = _info
    tokinfo = _TOKINFO.get
    for m in RUN_RE.finditer(body):
        text = m.group()
        start = m.start()
        after_the = False
        if " " in text:
            head, _, rest = text.partition(" ")
            if head in STOP_CAPS and rest[:1].isupper():   # "In New Delhi", "The Quad"
                after_the = head == "The"
                start += len(head) + 1
                text = rest
        if " " not in text:
            if text in STOP_CAPS:
                continue
            base, f = tokinfo(text) or info(text)
            end = start + len(base)
            if f & (F_HEAD | F_HON):
                append(Segment(start, start, end, (), (base,), bool(f & F_HEAD)))
                continue
            singles.append((start, base))
            c = body[start - 2] if start >= 2 and body[start - 1] == " " else ""
            if (((c == "," or c.islower()) and _cue_before(body, start))
                    or (body.startswith(", ", end) and body[end + 2:end + 3].islower())
                    or (end + 1 in cue_starts if cue_starts is not None
                        else body[end + 1:end + 14].startswith(_CUE_STARTS))):
                append(Segment(start, start, end, (base,)))
            continue
        toks = text.split(" ")
        if len(toks) <= 4 and "" not in toks:
            # fast paths: a plain name ("Antony Blinken") or a plain place/organisation
            # ("New Delhi", "US Navy") needs no title parsing
            names = roles = 0
            for t in toks:
                f = (tokinfo(t) or info(t))[1]
                if f & _SPECIAL:
                    break
                if f & (F_ROLE | F_PLACE):
                    roles += 1
                elif f & F_NAME:
                    names += 1
            else:
                if names == len(toks):
                    append(Segment(start, start, m.end(), tuple(toks), (), False, "", after_the))
                    continue
                if roles == len(toks):
                    # a place or organisation: only looked up (as a speaker) on demand
                    end = start + len(text)
                    orgs[end] = (start, text, after_the)
                    continue
        for seg in _parse_run(text, start):
            if seg is not None:
                if after_the and seg.full_start == start:
                    seg.after_the = True
                if len(seg.name) == 1 and not seg.role and not seg.honorific:
                    singles.append((seg.start, seg.name[0]))
                append(seg)
    return segs, singles, orgs


def _cue_before(body: str, start: int) -> bool:
    """A word before a bare name that can make it a person: a lowercase role noun
    ("counterpart Singh") or a title closing ", " ("Malaysia's Prime Minister, Najib")."""
    if start < 3 or body[start - 1] != " ":
        return False
    c = body[start - 2]
    if c == ",":
        k = body.rfind(" ", 0, start - 2) + 1
        return body[k:start - 2].lstrip("\n") in TITLE_HEADS
    if not c.islower():
        return False
    k = body.rfind(" ", max(0, start - 30), start - 1) + 1
    return body[k:start - 1].lstrip("\n") in PERSON_NOUNS


def find_people(body: str, cue_starts: set[int] | None = None) -> PeopleIndex:
    """People, mentions and entity lookups for one article body.

    ``cue_starts`` (offsets of speech verbs, as ``quotes.Cues`` finds them) saves a lookup
    per capitalised word when the caller has them already.
    """
    ctx = _Context(body)
    segs, bare, orgs = _segments(body, cue_starts)

    b = _Builder()
    singles: list[tuple[Segment, str, int]] = []
    pending_role: tuple[str, int] = ("", -1)
    prev_end = -10
    accepted: list[tuple[Segment, int, tuple[str, int]]] = []
    late: list[tuple[str, ...]] = []
    for seg in segs:
        name = seg.name
        # "Malaysia's Prime Minister, Najib Razak": a bare title followed by ", NAME"
        inverted = pending_role if prev_end + 2 == seg.full_start and body[
            prev_end:seg.full_start] == ", " else ("", -1)
        pending_role = ("", -1)
        if not name:
            if seg.has_head:
                pending_role = (normalise_title(seg.role, modifier=temporal_modifier(
                    _prev_word(body, seg.full_start)[0])), seg.full_start)
                prev_end = seg.end
            continue
        prev_end = seg.end
        fs = seg.full_start
        # cheap exits first: most segments are bare words or names already known
        maybe_context = (not inverted[0] and not seg.role and not seg.honorific
                         and not (fs >= 2 and body[fs - 1] == " " and body[fs - 2].islower())
                         and not body.startswith(", ", seg.end))
        if len(name) == 1:
            tok = name[0]
            if ((tok in _NOT_SINGLE and not (seg.has_head or seg.honorific))
                    or tok in _NOT_TITLED or not _name_like(tok) or _is_initial(tok)):
                continue
            if maybe_context:
                # "Jafari said": a bare speaker named in full inside a longer run elsewhere
                if tok not in b.by_last and _SPEECH_AFTER.match(body, seg.end):
                    full = _full_name_ending(body, tok, ctx)
                    if full:
                        late.append(full)
                continue
        elif (maybe_context and name in b.by_full) or not _name_ok(name):
            continue
        role, rstart = _role_for(body, seg)
        strong = bool(role) or bool(seg.honorific)
        if not role and not seg.role:
            noun_role, ns = _pre_noun_role(body, seg.full_start)
            if noun_role:
                role, rstart, strong = normalise_descriptor(noun_role), ns, True
        if inverted[0] and not role:
            role, rstart, strong = inverted[0], inverted[1], True
        app, astart = _appos_role(body, seg.end)
        if app:
            strong = True
        if strong and _all_common(name, ctx, places=not (seg.has_head or seg.honorific)):
            continue
        if len(name) == 1:
            if strong:
                singles.append((seg, role, rstart))
                if app:
                    singles.append((seg, normalise_descriptor(app), astart))
            continue
        if not strong and not _full_name_ok(seg, ctx) and not (
                _speech_next_to(body, seg) and not _not_a_name(name)
                and name[-1] not in ORG_HEADS and not seg.after_the):
            continue
        idx = b.add_full(name)
        accepted.append((seg, idx, (role, rstart)))
        if app:
            accepted.append((seg, idx, (normalise_descriptor(app), astart)))
    for full in late:
        if full[-1] not in b.by_last:
            b.add_full(full)
    for _seg, idx, (role, rstart) in accepted:
        _add_role(b.people[idx], role, rstart)
    for seg, role, rstart in singles:
        idx = b.add_single(seg.name[0])
        if idx >= 0:
            _add_role(b.people[idx], role, rstart)
    return _resolve_mentions(body, segs, bare, orgs, b, ctx)


def _typo_target(tok: str, start: int, b: _Builder, ctx: _Context, lasts: list[str]) -> int:
    """A capitalised one-off word within edit distance 1 of a known surname ("Blinked"),
    in a person-like position (after a lowercase word or a comma, not opening a sentence)."""
    body = ctx.body
    if start < 3 or body[start - 1] != " " or not (body[start - 2].islower()
                                                   or body[start - 2] == ","):
        return -1
    n = len(tok)
    head, tail = tok[0], tok[1:]
    hits = [i for last in lasts if abs(len(last) - n) <= 1 and last != tok
            and (last[0] == head or last[1:] == tail or last == tail or last[1:] == tok)
            and Levenshtein.distance(last, tok, score_cutoff=1) <= 1 for i in b.by_last[last]]
    if len(hits) != 1 or tok.lower() in COMMON_WORDS or ctx.has_lower(tok):
        return -1
    return hits[0]


def _mention(p: Person, start: int, surface: str, honorific: str = "") -> None:
    p.mentions.append(start)
    if honorific:
        surface = f"{honorific} {surface}"
        if not p.gender:
            p.gender = ("m" if honorific in MALE_HONORIFICS else "f"
                        if honorific in FEMALE_HONORIFICS else "")
    p.forms[surface] = p.forms.get(surface, 0) + 1


def _resolve_mentions(body: str, segs: list[Segment], bare: list[tuple[int, str]],
                      orgs: dict[int, tuple[int, str, bool]], b: _Builder, ctx: _Context
                      ) -> PeopleIndex:
    """Second pass: attach every name to a person where its words say so."""
    mentions: list[tuple[int, int, int]] = []
    seg_end: dict[int, Segment] = {}
    seg_start: dict[int, Segment] = {}
    people = b.people
    for seg in segs:
        name = seg.name
        if len(name) == 1 and not seg.honorific and not seg.role:
            continue   # counted with the bare words below
        idx = -1
        if len(name) > 1:
            idx = b.by_full.get(name, -1)
        elif name:
            idx = b.resolve_single(name[0])
        if idx >= 0:
            seg.person = idx
            _mention(people[idx], seg.start, " ".join(name), seg.honorific)
            mentions.append((seg.start, seg.end, idx))
        seg_end[seg.end] = seg
        seg_start[seg.full_start] = seg
        if seg.start != seg.full_start:
            seg_start[seg.start] = seg
    mention_of: dict[int, int] = {}
    single_start = dict(bare)
    if people:
        counts: Counter[str] | None = None
        by_last, by_first = b.by_last, b.by_first
        long_lasts = [last for last in by_last if len(last) >= 5]
        for start, tok in bare:
            if tok in by_last or tok in by_first:
                idx = b.resolve_single(tok)
            elif "-" in tok:
                parts = tok.split("-")
                hits = [b.resolve_single(p) for p in parts if p in by_last]
                if hits and len(hits) == len(parts) and all(h >= 0 for h in hits):
                    for h in hits:
                        _mention(people[h], start, tok)
                        mentions.append((start, start + len(tok), h))
                continue
            elif (long_lasts and len(tok) >= 5 and start >= 3 and body[start - 1] == " "
                  and (body[start - 2].islower() or body[start - 2] == ",")
                  and tok not in _NOT_SINGLE):
                if counts is None:
                    counts = Counter(single_start.values())
                if counts[tok] > 1:
                    continue
                idx = _typo_target(tok, start, b, ctx, long_lasts)
            else:
                continue
            if idx >= 0:
                mention_of[start] = idx
                _mention(people[idx], start, tok)
                mentions.append((start, start + len(tok), idx))
        mentions.sort()
    single_end = {s + len(w): s for s, w in bare}
    return PeopleIndex(people, mentions, body, seg_end, seg_start, single_start, single_end,
                       mention_of, orgs, {s: e for e, (s, _, _) in orgs.items()})
