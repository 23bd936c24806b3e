"""People in one article: who is named, with which roles, and every mention of them.

Why rules and not a tagger: the core must run at hundreds of thousands of words per second
without heavy dependencies, and news English names people in a few stable ways:
a title or honorific before the name ("US Secretary of State Antony Blinken", "Mr Blinken"),
a lowercase role noun before it ("counterpart Singh"), an apposition after it
("Flynn, a top Trump surrogate,"), a speech verb next to it, or a plain full name.
Everything else that is capitalised (places, organisations, headlines, page furniture)
is rejected with general vocabulary lists, never with lists of people.

One pass over the body collects capitalised runs; each run is split into segments
(title prefix + name); segments with person evidence become people; a second pass over
the same segments resolves surnames, honorific forms and typos to those people and counts
mentions. The resulting index also tells the quote rules which entity ends or starts at a
given offset, so speakers are looked up instead of re-parsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

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
RUN_RE = re.compile(rf"(?<![{_L}\-]){_TOK}(?: (?:{_GLUE} ){{0,3}}{_TOK})*")

_PARTICLES = frozenset("al el bin ibn abu de da del della di du van von der den ter le la dos das zu"
                       .split())
_CONNECTORS = frozenset("of for and the to on &".split())
_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV QC KC SC MP".split())

_CUE_WORDS = (r"said|says|told|tells|added|adds|warned|noted|stressed|insisted|wrote|asked|"
              r"explained|declared|announced|claimed|argued|alleged|recalled|remarked|urged|"
              r"tweeted|stated|commented|continued|replied|responded|acknowledged|admitted|"
              r"confirmed|denied|observed|believes|thinks|reported|revealed|maintained|"
              r"cautioned|predicted|promised|vowed|complained|concluded|asserted|reiterated")
_SPEECH_AFTER = re.compile(
    rf"(?:,[^,.\n\"“”]{{1,80}},)?\s+(?:(?:also|then|later|further|earlier|previously|has|had|"
    rf"have|recently|reportedly|repeatedly|once|again|[a-z]+ly)\s+){{0,2}}(?:{_CUE_WORDS})\b")
_SPEECH_BEFORE = re.compile(rf"\b(?:{_CUE_WORDS}|[Aa]ccording to)\s+\Z")
_APPOS = re.compile(
    r",\s+(?!who\b|which\b|where\b|when\b|and\b|but\b|or\b|as\b|he\b|she\b|they\b|it\b)"
    r"(?P<app>[^,.;:!?()\"“”\n]{2,90}?)\s*(?=,|\.(?:\s|$)|;|\)|$)")
_APPOS_STOP = frozenset("of for at in with from to on and who since between by under".split())
_PRE_STOP = frozenset("""the a an of in on at by for with to from and or but as his her its their our
his said says has have had is was were are be been that which who when while after before
than into about over also then this these those""".split())
_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_WORDS_IN_LINE = re.compile(r"[A-Za-zÀ-ɏ][\w'’-]*")

_NOT_FIRST = (STOP_CAPS | CALENDAR | PLACES | ORG_WORDS | ROLE_MODIFIERS | TITLE_HEADS
              | PLACE_PREFIXES
              | frozenset(COUNTRY_DEMONYMS) | frozenset(DEMONYMS) | HONORIFICS)
_NOT_INSIDE = STOP_CAPS | CALENDAR | ORG_WORDS | ORG_HEADS | TITLE_HEADS
_NOT_SINGLE = _NOT_FIRST | ORG_HEADS | PLACES
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
    orgish: bool = False


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
    """What the quote rules need: people, their mentions, and entities by offset."""

    people: list[Person]
    mentions: list[tuple[int, int, int]]          # (start, end, person index), sorted
    by_end: dict[int, Segment]
    by_start: dict[int, Segment]

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


# ---------------------------------------------------------------- name keys (public)
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


def surname(name: str) -> str:
    """The last name word, lowercased and accent-folded ("Rajnath Singh" -> "singh")."""
    words = name_tokens(name)
    return _fold(words[-1]).lower().strip(".") if words else ""


def person_key(name: str) -> str:
    """A key for matching one person across articles: ``surname|first-initial``.

    "S Jaishankar", "S. Jaishankar" and "Subrahmanyam Jaishankar" all give "jaishankar|s";
    "Rajnath Singh" gives "singh|r" and "Hardeep Singh Nijjar" "nijjar|h". A bare surname
    gives "jaishankar|" (callers may treat an empty initial as a wildcard).
    """
    words = name_tokens(name)
    if not words:
        return ""
    last = _fold(words[-1]).lower().strip(".")
    first = _fold(words[0]).lower()[:1] if len(words) > 1 else ""
    return f"{last}|{first}"


# ---------------------------------------------------------------- token predicates
def _is_initial(tok: str) -> bool:
    return (len(tok) == 1 and tok.isupper()) or (len(tok) <= 6 and tok.endswith(".")
                                                  and tok.replace(".", "").isupper())


def _name_like(tok: str) -> bool:
    """A word that can be part of a person's name (not all caps, not furniture)."""
    if _is_initial(tok):
        return True
    if tok in STOP_CAPS or tok in CALENDAR:
        return False
    letters = tok.replace("-", "").replace("'", "").replace("’", "")
    if not letters.isalpha():
        return False
    return not (letters.isupper() and len(letters) > 1)


def _is_glue(tok: str) -> bool:
    return tok[:1].islower() and "-" not in tok or tok == "&"


# ---------------------------------------------------------------- splitting runs
def _roleish(base: str, prev: str) -> bool:
    """Title vocabulary, or a place right after "of"/"for"/"to" ("Mayor of London")."""
    return base in _ROLE_VOCAB or base in PLACES and prev in _CONNECTORS


def _split_run(text: str, start: int) -> list[list[tuple[str, int]]]:
    """Split one run into pieces: connectors stay inside titles, otherwise they split."""
    pieces: list[list[tuple[str, int]]] = []
    cur: list[tuple[str, int]] = []
    glue: list[tuple[str, int]] = []
    named = False   # the current piece already holds a word that is not title vocabulary
    off = start
    for tok in text.split(" "):
        if not tok:
            off += 1
            continue
        if _is_glue(tok):
            if cur and (tok in _PARTICLES and named or not named and tok in _CONNECTORS):
                glue.append((tok, off))
            else:
                if cur:
                    pieces.append(cur)
                cur, glue, named = [], [], False
        else:
            cur.extend(glue)
            glue = []
            cur.append((tok, off))
            base = strip_possessive(tok)
            if not _roleish(base, cur[-2][0] if len(cur) > 1 else "") and base not in HONORIFICS:
                named = True
            if base != tok and not _roleish(base, cur[-2][0] if len(cur) > 1 else ""):
                pieces.append(cur)
                cur, named = [], False
        off += len(tok) + 1
    if cur:
        pieces.append(cur)
    return pieces


def _name_ok(name: tuple[str, ...]) -> bool:
    """All words can be name words ("Theresa May": a month is fine as a last name)."""
    if not name:
        return False
    if len(name) > 1 and name[-1] in CALENDAR:
        return all(_name_like(t) for t in name[:-1])
    return all(_name_like(t) for t in name)


def _parse_piece(piece: list[tuple[str, int]]) -> Segment | None:
    """Title prefix, honorific and name of one piece."""
    toks = [t for t, _ in piece]
    n = len(toks)
    # leading sentence words ("The", "In") are never part of a title or name
    i0 = 0
    after_the = False
    while i0 < n and (toks[i0] in STOP_CAPS or _is_glue(toks[i0])):
        after_the = after_the or toks[i0] in ("The", "the")
        i0 += 1
    if i0 == n:
        return None
    last_head = -1
    for i in range(i0, n):
        base = strip_possessive(toks[i])
        if base in TITLE_HEADS or base.rstrip(".") in TITLE_HEADS:
            last_head = i
    full_start = piece[i0][1]
    piece_end = piece[-1][1] + len(strip_possessive(toks[-1]))
    honorific = ""
    if last_head >= 0:
        # the name is the run of name words closing the piece, after the last title word
        j = n
        while j > last_head + 1:
            t = strip_possessive(toks[j - 1])
            if toks[j - 1] in _PARTICLES and j < n:
                j -= 1
                continue
            if (_is_glue(toks[j - 1]) or t in HONORIFICS or t.rstrip(".") in HONORIFICS
                    or _roleish(t, toks[j - 2]) or t in _SUFFIXES and j < n):
                break
            if not (_name_like(t) or j == n and t in CALENDAR):
                break
            j -= 1
        while j < n and toks[j] in _PARTICLES:
            j += 1
        j = max(j, n - 4)
        if j > last_head + 1 and (toks[j - 1] in HONORIFICS or toks[j - 1].rstrip(".")
                                  in HONORIFICS):
            honorific = toks[j - 1]
        name = tuple(strip_possessive(t) for t in toks[j:])
    else:
        j = i0
        while j < n and (toks[j] in HONORIFICS or toks[j].rstrip(".") in HONORIFICS):
            honorific = toks[j]
            j += 1
        if not honorific and any(
                strip_possessive(t) in ORG_HEADS or t in ORG_WORDS or _is_glue(t) and t not in
                _PARTICLES or not _name_like(strip_possessive(t)) and not _is_glue(t)
                for t in toks[j:]):
            # "Ministry of External Affairs", "US Defense Department": an organisation or place
            return Segment(full_start, full_start, piece_end, (), tuple(toks[i0:]), False, "",
                           after_the)
        k = j
        while k < n and k - j < 4 and not (_is_glue(toks[k]) and toks[k] not in _PARTICLES):
            base = strip_possessive(toks[k])
            if base in TITLE_HEADS or (k > j and base in ORG_HEADS):
                break
            k += 1
            if toks[k - 1] != base:  # possessive ends the name
                break
        while k > j and toks[k - 1] in _PARTICLES:
            k -= 1
        name = tuple(strip_possessive(t) for t in toks[j:k])
    while name and name[-1] in _SUFFIXES:
        name = name[:-1]
    role = tuple(t for t in toks[i0:j] if t not in HONORIFICS and t.rstrip(".") not in HONORIFICS)
    while role and _is_glue(role[-1]):
        role = role[:-1]
    if name:
        start = piece[j][1]
        end = piece[j + len(name) - 1][1] + len(name[-1])
    else:
        start, end = full_start, piece_end
    return Segment(full_start, start, end, name, role, last_head >= 0, honorific, after_the)


# ---------------------------------------------------------------- evidence
class _Context:
    """Per-article lazily computed facts (lowercase vocabulary, headline lines)."""

    __slots__ = ("_headline", "_lower", "body")

    def __init__(self, body: str) -> None:
        self.body = body
        self._lower: frozenset[str] | None = None
        self._headline: dict[int, bool] = {}

    def lower_vocab(self) -> frozenset[str]:
        if self._lower is None:
            self._lower = frozenset(_LOWER_WORDS.findall(self.body))
        return self._lower

    def in_headline(self, pos: int) -> bool:
        """True when the line holding ``pos`` reads like a title-case headline or menu."""
        body = self.body
        ls = body.rfind("\n", 0, pos) + 1
        got = self._headline.get(ls)
        if got is None:
            le = body.find("\n", pos)
            line = body[ls: le if le >= 0 else len(body)].strip()
            words = _WORDS_IN_LINE.findall(line)
            caps = sum(1 for w in words if w[0].isupper())
            got = bool(words) and (
                (len(words) >= 2 and caps / len(words) >= 0.6 and line[-1:] not in ".!?\"”")
                or len(words) <= 3 and line[-1:] not in ".!?\"”:")
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
            if lower_mods or prev.endswith(("ed", "ing")) or "'" in prev:
                break
            lower_mods += 1
        elif prev in STOP_CAPS:
            break
        words.insert(0, prev)
        start = ps
    return " ".join(words), start


def _appos_role(body: str, end: int) -> tuple[str, int]:
    """An apposition naming a role after a name ("Flynn, a top Trump surrogate,")."""
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
    if head not in PERSON_NOUNS or words[0][0].isupper() and words[0] not in COUNTRY_DEMONYMS \
            and words[0] not in DEMONYMS and cut == 1:
        return "", -1
    return app, m.start("app")


def _not_a_name(name: tuple[str, ...]) -> bool:
    """Multi-word names that are places, organisations or sentence words."""
    if name[0] in _NOT_FIRST or _is_initial(name[0]) and len(name) == 2 and _is_initial(name[1]):
        return True
    if any(t in _NOT_INSIDE for t in name[1:-1]) or name[-1] in _NOT_INSIDE and (
            name[-1] not in CALENDAR):
        return True
    joined = " ".join(name)
    return joined in PLACES or joined in COUNTRY_DEMONYMS


def _all_common(name: tuple[str, ...], ctx: _Context) -> bool:
    """Every word is ordinary vocabulary here ("Litmus Test", "Iodine Nutrition")."""
    vocab = ctx.lower_vocab()
    return all(t.lower() in COMMON_WORDS or t.lower() in vocab or t in _COUNTRYISH for t in name)


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


def _role_for(body: str, seg: Segment, piece_prefix: str) -> tuple[str, int]:
    """The display role a segment's title prefix gives, with "former" kept."""
    if not seg.role or not seg.has_head:
        return "", -1
    word, _ = _prev_word(body, seg.full_start)
    return normalise_title(seg.role, modifier=temporal_modifier(word)), seg.full_start


def _orgish(seg: Segment, body: str) -> bool:
    toks = seg.name or seg.role
    if not toks:
        return False
    text = " ".join(toks)
    if seg.after_the or (seg.full_start >= 4 and body[seg.full_start - 4:seg.full_start].lower()
                         == "the "):
        return True
    return (text in COUNTRY_DEMONYMS or text in PLACES or toks[-1] in ORG_HEADS
            or toks[0] in ORG_WORDS or text.replace(".", "").isupper() or not seg.name)


def find_people(body: str) -> PeopleIndex:
    """People, mentions and entity lookups for one article body."""
    ctx = _Context(body)
    segs: list[Segment] = []
    for m in RUN_RE.finditer(body):
        text = m.group()
        if " " not in text:
            if text in STOP_CAPS:
                continue
            tok = strip_possessive(text)
            seg = Segment(m.start(), m.start(), m.start() + len(tok), (tok,))
            if tok in TITLE_HEADS or tok in HONORIFICS:
                seg.name, seg.role, seg.has_head = (), (tok,), tok in TITLE_HEADS
            segs.append(seg)
            continue
        for piece in _split_run(text, m.start()):
            seg = _parse_piece(piece)
            if seg is not None:
                segs.append(seg)

    b = _Builder()
    singles: list[tuple[Segment, str, int]] = []
    pending_role: tuple[str, int] = ("", -1)
    prev_end = -10
    accepted: list[tuple[Segment, int, tuple[str, int]]] = []
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
        if not _name_ok(name):
            continue
        role, rstart = _role_for(body, seg, "")
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
        if strong and _all_common(name, ctx):
            continue
        if len(name) == 1:
            if name[0] in _NOT_SINGLE or _is_initial(name[0]):
                continue
            if strong:
                singles.append((seg, role, rstart))
                if app:
                    singles.append((seg, normalise_descriptor(app), astart))
            continue
        if not strong and not _full_name_ok(seg, ctx):
            if not (_speech_next_to(body, seg) and not _not_a_name(name)
                    and name[-1] not in ORG_HEADS and not seg.after_the):
                continue
        idx = b.add_full(name)
        accepted.append((seg, idx, (role, rstart)))
        if app:
            accepted.append((seg, idx, (normalise_descriptor(app), astart)))
    for seg, idx, (role, rstart) in accepted:
        _add_role(b.people[idx], role, rstart)
    for seg, role, rstart in singles:
        idx = b.add_single(seg.name[0])
        if idx >= 0:
            _add_role(b.people[idx], role, rstart)
    return _resolve_mentions(body, segs, b, ctx)


def _typo_target(tok: str, seg: Segment, b: _Builder, ctx: _Context, counts: dict[str, int]
                 ) -> int:
    """A capitalised one-off word within edit distance 1 of a known surname ("Blinked")."""
    if len(tok) < 5 or counts.get(tok, 0) > 1 or tok.lower() in ctx.lower_vocab():
        return -1
    if tok in _NOT_SINGLE or tok.lower() in COMMON_WORDS:
        return -1
    word, _ = _prev_word(ctx.body, seg.full_start)
    if not word or word[-1] in ".!?\"”:" or word[0].isupper():
        return -1   # sentence-initial or inside a title: no person-like position
    hits = [i for last, ids in b.by_last.items() if len(last) >= 5 and last != tok
            and Levenshtein.distance(last, tok, score_cutoff=1) <= 1 for i in ids]
    return hits[0] if len(hits) == 1 else -1


def _resolve_mentions(body: str, segs: list[Segment], b: _Builder, ctx: _Context
                      ) -> PeopleIndex:
    """Second pass: attach every segment to a person where its name says so."""
    counts: dict[str, int] = {}
    for seg in segs:
        if len(seg.name) == 1:
            counts[seg.name[0]] = counts.get(seg.name[0], 0) + 1
    mentions: list[tuple[int, int, int]] = []
    by_end: dict[int, Segment] = {}
    by_start: dict[int, Segment] = {}
    people = b.people
    for seg in segs:
        name = seg.name
        idx = -1
        if len(name) > 1:
            idx = b.by_full.get(name, -1)
            if idx < 0 and _name_ok(name):
                idx = b.resolve_single(name[-1]) if name[0] in HONORIFICS else -1
        elif name:
            tok = name[0]
            if tok in b.by_last or tok in b.by_first:
                idx = b.resolve_single(tok)
            elif "-" in tok:
                parts = tok.split("-")
                hits = [b.resolve_single(p) for p in parts if p in b.by_last]
                if hits and all(h >= 0 for h in hits) and len(hits) == len(parts):
                    for h in hits:
                        mentions.append((seg.start, seg.end, h))
                        people[h].mentions.append(seg.start)
                        people[h].forms[tok] = people[h].forms.get(tok, 0) + 1
                    continue
            elif seg.start > 0 and b.by_last and tok[:1].isupper():
                idx = _typo_target(tok, seg, b, ctx, counts)
        if idx >= 0:
            seg.person = idx
            p = people[idx]
            p.mentions.append(seg.start)
            surface = " ".join(name)
            if seg.honorific:
                surface = f"{seg.honorific} {surface}"
                if not p.gender:
                    p.gender = ("m" if seg.honorific in MALE_HONORIFICS else "f"
                                if seg.honorific in FEMALE_HONORIFICS else "")
            p.forms[surface] = p.forms.get(surface, 0) + 1
            mentions.append((seg.start, seg.end, idx))
        else:
            seg.orgish = _orgish(seg, body)
        by_end[seg.end] = seg
        by_start[seg.full_start] = seg
        if seg.start != seg.full_start:
            by_start[seg.start] = seg
    return PeopleIndex(people=people, mentions=mentions, by_end=by_end, by_start=by_start)
