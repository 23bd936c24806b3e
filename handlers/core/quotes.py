"""Quote spans, their speakers, partial quotes and reported speech.

Why this shape: news attribution is highly formulaic ("…," X said / X said: "…" /
according to X / X said that …), so a few anchored regexes around each quote mark and
each cue verb find almost all of it in linear time. Speakers are not parsed from text
here: the people index already knows which entity ends or starts at each offset, so a
subject is a dictionary lookup after skipping adverbs and a parenthetical.

Pipeline for one article:
1. pair quote marks per line (straight/curly doubles; singles only at word edges so
   apostrophes and possessives survive; an unclosed quote continues into a next line that
   opens with a quote mark);
2. attribute each span from the words right after it or right before it;
3. find reported speech from cue verbs outside quotes ("Singh said the …",
   "According to Jaishankar, …");
4. resolve pronoun speakers in text order to the latest subject-like person mention;
5. spans still unattributed become partial quotes (inside a reported clause), cue-less
   continuations of the previous speaker, or are dropped as scare quotes, names and
   headlines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import CUE_FILLERS, FEMALE_PRONOUNS, MALE_PRONOUNS, PERSON_NOUNS, SPEECH_VERBS
from .models import ParsedArticle, Quote, Sentence
from .people import PeopleIndex, Segment, is_orgish


def _split(text: str) -> list[str]:
    """Whitespace-separated words of a literal block (keeps long word lists readable)."""
    return text.split()


def _trie(words: list[str]) -> str:
    """A prefix-factored alternation: much faster to scan with than a flat word list."""
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            body = "(?:" + "|".join(alts) + ")?"
        return body
    return emit(root)


_LINE = re.compile(r"[^\n]+")
# the quote character comes first so the regex engine can skip ahead to candidates
# a double quote, or a single quote opening a word; one leading character set keeps the
# scan fast (an alternation of groups would make the engine try every position)
_QUOTE_MARK = re.compile(r"""["“”'‘](?:(?<=["“”])|(?<![\w'’].)(?=\w))""")
_SQ_CLOSE = re.compile(r"['’](?<=[\w.,!?…]['’])(?!\w)")

_DIRECT_CUES = (r"said|says|say|added|adds|told|tells|warned|warns|noted|notes|stressed|"
                r"insisted|insists|wrote|writes|asked|asks|explained|explains|declared|"
                r"announced|claimed|claims|argued|argues|alleged|recalled|recalls|remarked|"
                r"urged|urges|tweeted|posted|stated|states|commented|continued|continues|"
                r"replied|replies|responded|acknowledged|admitted|admits|confirmed|denied|"
                r"emphasised|emphasized|observed|suggested|reported|revealed|maintained|"
                r"conceded|countered|cautioned|predicted|promised|pledged|vowed|complained|"
                r"concluded|mentioned|asserted|reiterated|quipped|joked|shouted|exclaimed|"
                r"wondered|added|underlined|highlighted|boasted|lamented|saying|stating|"
                r"adding|writing|telling|noting|warning|arguing|insisting")
_REPORT_FREE = frozenset(_split("""
said says say told tells added adds believes believed thinks thought noted notes
stressed stresses insisted insists argued argues warned warns explained explains wrote
writes recalled recalls admitted admits acknowledged acknowledges claimed claims alleged
alleges estimated estimates observed observes reiterated reiterates maintained maintains
asserted asserts predicted predicts suggested suggests stated states
"""))
_REPORT_CUES = _DIRECT_CUES + r"|believes|believed|thinks|estimated|estimates"
_CUE_AT = re.compile(rf"(?:{_DIRECT_CUES})\b")
_REPORT_RE = re.compile(rf"[ \n(\"“](?P<cue>{_trie(_REPORT_CUES.split('|'))}|[Aa]ccording to)\b")
_AFTER_CLOSE = re.compile(r"[\s,.;!?…—–-]*")
_PRE_TAIL = re.compile(r"(?P<obj>(?: [^\s\"“”:;.,]+){0,7}?)?(?P<p>\s*[:,])?\s*\Z")
_DIRECT_SET = frozenset(_DIRECT_CUES.split("|"))
_FILLER_CUE = re.compile(
    rf"(?:\s*,[^,.\n\"“”]{{1,90}},)?\s+(?:(?:also|then|later|further|earlier|previously|"
    rf"has|had|have|once|again|recently|reportedly|repeatedly|[a-z]+ly)\s+){{0,2}}"
    rf"(?P<cue>{_DIRECT_CUES})\b")
_LOWER_NP = re.compile(
    r"(?:[Tt]he|[Aa]|[Aa]n|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts) (?:[\w-]+ ){0,3}?"
    r"(?P<noun>statement|ministry|department|spokesman|spokeswoman|spokesperson|official|"
    r"officials|source|sources|embassy|office|agency|report|government|release|post|"
    r"letter|readout|communique|company|group|police|military|army|court|website|"
    r"council|committee|party|campaign|team|organisation|organization)\b")
_DOCUMENT_NOUNS = frozenset(_split("""statement report release readout communique letter post
website"""))
_PRONOUN_AT = re.compile(r"(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)(?![\w'’-])")
_THAT = re.compile(r"\bthat\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|our|Our|us|my|My|you|You|your)\b")
_WORD = re.compile(r"\S+")
_TERMINAL = ".!?…"
_SENTENCE_END = re.compile(r"(?: [a-z][\w-]*){0,6}\.(?:\s|$)")
_OPEN_BEFORE = frozenset(" \t([{—–-/:")
_CLOSE_AFTER = frozenset(" \t.,;:!?)]}—–-…'’")
_OBJECT_WORDS = frozenset(_split("""
reporters journalists the a an him her them us me it media press parliament lawmakers
legislators supporters delegates viewers listeners audience crowd crowds
"""))
_ADVERBIAL = frozenset(_split("""
on in at after before during yesterday today tonight last this earlier later when while
as to via from with adding citing according recently also again - —
"""))
_PAREN_ACRONYM = re.compile(r"^\s*\([A-Z][\w.&-]{0,12}\)")
_PASSIVE = frozenset(("was", "were", "been", "being", "is", "are", "be", "get", "got"))
_WH = frozenset(("how", "what", "why", "whether", "which", "who", "where", "when", "if"))
_CUE_SET = SPEECH_VERBS | {"according"}
_DETERMINERS = frozenset(_split("the a an"))
_CLAUSE_STARTERS_BAD = ("to ", "for ", "of ", "by ")


@dataclass(slots=True)
class _Span:
    """One quoted stretch of one line; ``start``/``end`` exclude the quote marks."""

    open: int
    start: int
    end: int
    close: int
    line: int
    line_start: int
    line_end: int
    chain: int = -1
    single: bool = False


@dataclass(slots=True)
class _Who:
    """A raw speaker before pronoun resolution."""

    kind: str          # "person" | "org" | "pronoun" | "unnamed" | "statement"
    person: int = -1
    text: str = ""
    gender: str = ""


@dataclass(slots=True)
class _Attr:
    """An attribution event: a cue with its speaker, for a quote span or a reported clause."""

    cue_pos: int
    cue: str
    who: _Who
    span: int = -1                 # index into spans, -1 for reported speech
    clause: tuple[int, int] = (0, 0)
    speaker: str | None = None
    person: int = -1
    line: int = 0
    pre: bool = False              # the cue came before the quote ("X said: "…"")


# ---------------------------------------------------------------- quote spans
def _lines(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(body)]


def _starts_with_quote(body: str, ls: int, le: int) -> bool:
    i = ls
    while i < le and body[i] in " \t":
        i += 1
    return i < le and body[i] in "\"“'‘"


def _double_spans(body: str, li: int, ls: int, le: int, marks: list[int]
                  ) -> tuple[list[_Span], int]:
    """Pair the double quotes at ``marks`` in one line; return spans and an unclosed open."""
    spans: list[_Span] = []
    opened = -1
    for pos in marks:
        ch = body[pos]
        if ch == '"':
            prev = body[pos - 1] if pos > ls else " "
            nxt = body[pos + 1] if pos + 1 < le else " "
            opener = prev in _OPEN_BEFORE and nxt not in " \t"
            closer = prev not in " \t" and (nxt in _CLOSE_AFTER)
            if not opener and not closer:
                opener = closer = True   # "a"b": let the state decide
        else:
            opener, closer = ch == "“", ch == "”"
        if opened < 0:
            if opener:
                opened = pos
        elif closer:
            spans.append(_Span(opened, opened + 1, pos, pos + 1, li, ls, le))
            opened = -1
        elif opener:
            opened = pos   # the earlier mark was stray
    return spans, opened


def _single_spans(body: str, li: int, ls: int, le: int, taken: list[_Span], opens: list[int]
                  ) -> list[_Span]:
    """Pair single quotes at word edges outside double-quoted stretches."""
    closes = [m.start() for m in _SQ_CLOSE.finditer(body, ls, le)]
    out: list[_Span] = []
    last = ls - 1
    for o in opens:
        if o <= last or any(s.open <= o < s.close for s in taken):
            continue
        c = next((c for c in closes if c > o + 1), -1)
        if c < 0 or any(o < s.open < c for s in taken):
            continue
        out.append(_Span(o, o + 1, c, c + 1, li, ls, le, single=True))
        last = c
    return out


def find_spans(body: str, lines: list[tuple[int, int]]) -> list[_Span]:
    """All quoted spans, paired per line, with multi-line continuation chains."""
    spans: list[_Span] = []
    chain = -1
    dangling: _Span | None = None
    dq: list[int] = []
    sq_opens: list[int] = []
    for m in _QUOTE_MARK.finditer(body):   # one scan for both kinds of mark
        pos = m.start()
        (sq_opens if body[pos] in "'‘" else dq).append(pos)
    k = d = 0
    for li, (ls, le) in enumerate(lines):
        marks: list[int] = []
        while d < len(dq) and dq[d] < le:
            if dq[d] >= ls:
                marks.append(dq[d])
            d += 1
        lead: list[_Span] = []
        if dangling is not None and marks:
            # a quote left open runs on into a line that only closes it
            first = marks[0]
            if len(marks) % 2 == 1 and body[first] != "“" and first > ls \
                    and body[first - 1] not in " \t":
                dangling.chain = dangling.open
                lead.append(_Span(ls, ls, first, first + 1, li, ls, le, dangling.open))
                marks = marks[1:]
        dangling = None
        if marks:
            line_spans, opened = _double_spans(body, li, ls, le, marks)
        else:
            line_spans, opened = [], -1
        if lead:
            line_spans = lead + line_spans
        if chain >= 0 and line_spans and line_spans[0].open - ls <= 2:
            line_spans[0].chain = chain
        if opened >= 0:
            cont = li + 1 < len(lines) and _starts_with_quote(body, *lines[li + 1])
            end = le
            while end > opened + 1 and body[end - 1] in " \t":
                end -= 1
            if chain >= 0 and opened - ls <= 2 and not line_spans:
                this_chain = chain
            else:
                this_chain = opened if cont else -1
            line_spans.append(_Span(opened, opened + 1, end, end, li, ls, le, this_chain))
            chain = this_chain if cont else -1
            if not cont:
                dangling = line_spans[-1]
        else:
            chain = -1
        spans.extend(line_spans)
        if k < len(sq_opens) and sq_opens[k] < le:
            here = []
            while k < len(sq_opens) and sq_opens[k] < le:
                if sq_opens[k] >= ls:
                    here.append(sq_opens[k])
                k += 1
            spans.extend(_single_spans(body, li, ls, le, line_spans, here))
    if len(spans) > 1:
        spans.sort(key=lambda s: s.open)
    return spans


# ---------------------------------------------------------------- speakers
def _entity_who(seg: Segment | None, idx: PeopleIndex) -> _Who | None:
    if seg is None:
        return None
    if seg.person >= 0:
        return _Who("person", seg.person)
    if is_orgish(seg, idx.body):
        text = " ".join(seg.role + seg.name) if seg.name else " ".join(seg.role)
        return _Who("org", -1, text) if text else None
    return None


def _pronoun_who(word: str) -> _Who | None:
    if word in MALE_PRONOUNS:
        return _Who("pronoun", gender="m")
    if word in FEMALE_PRONOUNS:
        return _Who("pronoun", gender="f")
    if word in ("it", "It"):
        return _Who("statement")
    if word in ("they", "They"):
        return _Who("statement")
    return None


def _person_after_descriptor(body: str, pos: int, idx: PeopleIndex) -> Segment | None:
    """A person named after a short descriptor: "team member Rodaba Noori",
    "the Afghan team's coach, Alireza Mehraban", "the Crown prosecutor, Mark Tedeschi"."""
    q = pos
    for _ in range(6):
        m = _WORD.match(body, q)
        if m is None:
            return None
        word = m.group()
        bare = word.rstrip(",")
        if bare != word and bare.lower() not in PERSON_NOUNS:
            return None
        if not bare or bare[-1] in ".;:!?\"“”" or bare.lower() in _CUE_SET:
            return None
        nxt = m.end() + 1
        while nxt < len(body) and body[nxt] == " ":
            nxt += 1
        seg = idx.at_start(nxt)
        if seg is not None and seg.person >= 0 and (bare.lower() in PERSON_NOUNS
                                                    or bare.lower() in _DETERMINERS):
            return seg
        if bare[0].isupper():
            seg = idx.at_start(q)
            if seg is not None and seg.person >= 0:
                return None
        q = nxt
    return None


def _who_at(body: str, pos: int, idx: PeopleIndex) -> tuple[_Who | None, int]:
    """The speaker phrase starting at ``pos`` ("Blinken", "he", "the statement") and its end."""
    seg = idx.at_start(pos)
    if seg is None:
        m = _PRONOUN_AT.match(body, pos)
        if m:   # the commonest case after a quote: "…," he said
            p = m.group("p")
            return (_pronoun_who(p), m.end()) if p not in ("I", "We") else (None, pos)
    if seg is None or seg.person < 0:
        named = _person_after_descriptor(body, pos, idx)
        if named is not None:
            return _entity_who(named, idx), named.end
    if seg is None and body.startswith(("the ", "The "), pos):
        seg = idx.at_start(pos + 4)
    if seg is not None:
        return _entity_who(seg, idx), seg.end
    m = _PRONOUN_AT.match(body, pos)
    if m and m.group("p") not in ("I", "We"):
        return _pronoun_who(m.group("p")), m.end()
    m = _LOWER_NP.match(body, pos)
    if m:
        kind = "statement" if m.group("noun") in _DOCUMENT_NOUNS else "unnamed"
        return _Who(kind), m.end()
    return None, pos


def _owner_of(body: str, seg: Segment, floor: int, idx: PeopleIndex) -> Segment | None:
    """The person in "PERSON for/of/at/from ORG" when ``seg`` is the organisation."""
    s = seg.full_start
    for prep in (" for ", " of ", " at ", " from ", " for the ", " of the ", " at the "):
        if s - len(prep) > floor and body.startswith(prep, s - len(prep)):
            owner = idx.at_end(s - len(prep))
            if owner is not None and owner.person >= 0:
                return owner
    return None


def _who_before(body: str, pos: int, floor: int, idx: PeopleIndex
                ) -> tuple[_Who | None, int]:
    """The subject ending right before a cue at ``pos``: skips adverbs and a parenthetical."""
    p = pos
    for step in range(4):
        while p > floor and body[p - 1] == " ":
            p -= 1
        k = max(body.rfind(" ", floor, p), floor - 1) + 1
        word = body[k:p]
        if step == 0 and word in _PASSIVE:
            return None, p   # "she was told to …": the subject is not the speaker
        if word and (word in CUE_FILLERS or (word.islower() and word.endswith("ly"))):
            p = k
            continue
        break
    named = idx.at_end(p - 1) if p > floor and body[p - 1] == "," else None
    if named is not None and named.person >= 0:
        p -= 1   # "A spokeswoman for the White House, Karine Jean-Pierre, told"
    elif p > floor and body[p - 1] == ",":
        # "X, in his opening remarks, said" / "X, Director of A, and Chairman of B, says"
        q = p - 1
        for _ in range(3):
            k = body.rfind(",", floor, q)
            if k <= floor or p - k > 200 or any(c in body[k:p] for c in "\"“”.;"):
                break
            q = k
            e = k
            while e > floor and body[e - 1] == " ":
                e -= 1
            if idx.at_end(e) is not None:
                p = e
                break
    if p > floor and body[p - 1] == "," and idx.at_end(p) is None:
        p -= 1   # "X for ORG, says"
    seg = idx.at_end(p)
    if seg is not None and seg.person < 0:
        # "Lydia Buchtmann for Food Standards Australia, says": the person before "for ORG"
        owner = _owner_of(body, seg, floor, idx)
        if owner is not None:
            seg = owner
    if seg is not None:
        return _entity_who(seg, idx), seg.full_start
    k = max(body.rfind(" ", floor, p), floor - 1) + 1
    word = body[k:p].strip("(\"“")
    who = _pronoun_who(word)
    if who is not None:
        return who, k
    if word in ("and", "but"):
        # "Singh highlighted … and said …": the one person of the clause before
        found = {(pidx, start) for start, _end, pidx in idx.mentions if floor <= start < pos}
        if len({pidx for pidx, _ in found}) == 1:
            pidx, start = min(found, key=lambda f: f[1])
            return _Who("person", pidx), start
        return None, p
    m = _LOWER_NP.search(body, max(floor, p - 60), p)
    if m and m.end() == p:
        noun = m.group("noun")
        return _Who("statement" if noun in _DOCUMENT_NOUNS else "unnamed"), m.start()
    return None, p


# ---------------------------------------------------------------- direct attribution
def _after(body: str, sp: _Span, idx: PeopleIndex) -> tuple[_Who, int, str] | None:
    """`"…," X said` or `"…," said X` right after the closing mark."""
    p = _AFTER_CLOSE.match(body, sp.close, sp.line_end).end()
    if p >= sp.line_end or sp.close == sp.end:
        return None
    if body[sp.close:p].count(".") and body[p:p + 1].isupper() and not _CUE_AT.match(body, p):
        # a new sentence starts: only "X said" directly after counts
        who, end = _who_at(body, p, idx)
        if who is None:
            return None
        m = _FILLER_CUE.match(body, end)
        if m and m.end() - p < 140 and _SENTENCE_END.match(body, m.end()):
            return who, m.start("cue"), m.group("cue")
        return None
    m = _CUE_AT.match(body, p)
    if m:
        who, _ = _who_at(body, m.end() + 1, idx)
        if who is not None:
            return who, p, m.group()
        return None
    who, end = _who_at(body, p, idx)
    if who is None:
        return None
    m = _FILLER_CUE.match(body, end)
    if m:
        return who, m.start("cue"), m.group("cue")
    return None


def _before(body: str, sp: _Span, idx: PeopleIndex, lines: list[tuple[int, int]],
            cues: Cues) -> tuple[_Who, int, str] | None:
    """`X said: "…"`, `X told Y: "…"`, `X said "…"` right before the opening mark."""
    ls = sp.line_start
    got = cues.last_before(max(ls, sp.open - 160), sp.open, body)
    if got is None and sp.open - ls <= 2 and sp.line > 0:
        pls, ple = lines[sp.line - 1]
        if body[ple - 1:ple] == ":":
            got = cues.last_before(max(pls, ple - 160), ple, body)
            ls = pls
    if got is None:
        return None
    cstart, cue, m = got
    obj = (m.group("obj") or "").strip()
    if obj and (m.group("p") or "").strip() != ":":
        first = obj.split(" ", 1)[0]
        if not ((m.group("p") and first in _OBJECT_WORDS) or (m.group("p") and len(obj.split()) <= 3
                and first[:1].isupper())):
            return None
    who, _ = _who_before(body, cstart, ls, idx)
    if who is None:
        return None
    return who, cstart, cue


def _colon_intro(body: str, sp: _Span, idx: PeopleIndex, sent_starts: list[int]
                 ) -> tuple[_Who, int, str] | None:
    """'Sunak defended the record: "…"': a colon introduces the quote and a person is the
    subject near the start of the sentence before it."""
    p = sp.open
    while p > sp.line_start and body[p - 1] == " ":
        p -= 1
    if body[p - 1:p] != ":":
        return None
    i = bisect_right(sent_starts, p - 1) - 1
    lo = max(sent_starts[i] if i >= 0 else 0, sp.line_start)
    first = next(((s, pidx) for s, _e, pidx in idx.mentions if lo <= s < p), None)
    if first is None or body[lo:first[0]].strip(" ,").count(" ") > 6:
        return None   # no person subject near the start of the sentence
    if _looks_like_name(body[sp.start:sp.end]):
        return None   # 'dubbed the conflict: "Scientology vs. the Internet"'
    return _Who("person", first[1]), first[0], ""


class Cues:
    """Every cue verb of the body, found once and shared by the people, direct and
    reported rules."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, body: str) -> None:
        found = [(m.start(1) - 1, m.end(1) - 1, m.group(1))
                 for m in _REPORT_RE.finditer(" " + body)]
        self.starts: list[int] = [f[0] for f in found]
        self.ends: list[int] = [f[1] for f in found]
        self.words: list[str] = [f[2] for f in found]

    def last_before(self, lo: int, hi: int, body: str) -> tuple[int, str, re.Match] | None:
        """The last direct cue in [lo, hi) followed only by an object and ":"/"," up to hi."""
        i = bisect_right(self.starts, hi) - 1
        while i >= 0 and self.starts[i] >= lo:
            word = self.words[i]
            if word in _DIRECT_SET:
                m = _PRE_TAIL.match(body, self.ends[i], hi)
                return (self.starts[i], word, m) if m else None
            i -= 1
        return None


# ---------------------------------------------------------------- reported speech
def _sentence_bounds(sent_starts: list[int], sents: tuple[Sentence, ...], pos: int,
                     lines: list[tuple[int, int]], line_starts: list[int]) -> tuple[int, int]:
    i = bisect_right(sent_starts, pos) - 1
    if i >= 0 and sents[i].start <= pos < sents[i].end + 1:
        return sents[i].start, sents[i].end
    j = bisect_right(line_starts, pos) - 1
    return lines[j] if j >= 0 else (0, 0)


def _clause_after(body: str, pos: int, cue: str, send: int, idx: PeopleIndex) -> tuple[int, int]:
    """The reported clause after a cue: skips an object ("told LA Weekly") and "that"."""
    p = pos
    window = body[p:min(send, p + 90)]
    t = _THAT.search(window)
    between = window[:t.start()].split() if t else []
    if t and len(between) <= 5 and not _WH.intersection(between) and '"' not in window[
            :t.start()] and "“" not in window[:t.start()]:
        p = p + t.end()
    elif cue not in _REPORT_FREE:
        return (0, 0)
    elif cue in ("told", "tells", "tell"):
        q = p + 1
        seg = idx.at_start(q) or (idx.at_start(q + 4) if body.startswith(
            ("the ", "The "), q) else None)
        if seg is not None:
            p = seg.end
        else:
            m = _WORD.match(body, q)
            if m and m.group().strip(",") in _OBJECT_WORDS:
                p = m.end()
                if m.group() in ("the", "a", "an"):
                    m = _WORD.match(body, p + 1)
                    p = m.end() if m else p
            else:
                return (0, 0)
    while p < send and body[p] in " ,:":
        p += 1
    end = send
    while end > p and body[end - 1] in " .;":
        end -= 1
    return (p, end)


def _reported(body: str, art: ParsedArticle, idx: PeopleIndex, spans: list[_Span],
              consumed: set[int], lines: list[tuple[int, int]], line_starts: list[int],
              sent_starts: list[int], cues: Cues) -> list[_Attr]:
    out: list[_Attr] = []
    span_opens = [s.open for s in spans]
    sents = art.sentences
    for c, cue_end, cue in zip(cues.starts, cues.ends, cues.words, strict=True):
        if c in consumed:
            continue
        k = bisect_right(span_opens, c) - 1
        if k >= 0 and spans[k].open < c < spans[k].close and not spans[k].single:
            continue
        ss, se = _sentence_bounds(sent_starts, sents, c, lines, line_starts)
        li = bisect_right(line_starts, c) - 1
        if cue[0] in "Aa" and cue.lower() == "according to":
            who, wend = _who_at(body, cue_end + 1, idx)
            if who is None or who.kind not in ("person", "org"):
                continue
            if not body[ss:c].strip():
                # "According to X, …" (the comma is sometimes missing)
                clause = (wend + 1, se) if body[wend:wend + 1] == "," else (wend, se)
            elif body[c - 2:c] == ", " and _only_apposition(body[wend:se]):
                clause = (ss, c - 2)
            else:
                continue
            cue = "according to"
        else:
            who, wstart = _who_before(body, c, ss, idx)
            if who is None:
                # "…, said Ambassador Mohib." at the end of a sentence
                if body[c - 2:c] == ", ":
                    who, wend = _who_at(body, cue_end + 1, idx)
                    if who is None or not _adverbial_tail(body[wend:se]):
                        continue
                    clause = (ss, c - 2)
                else:
                    continue
            elif (body[wstart - 2:wstart] == ", " and cue in _REPORT_FREE
                  and _adverbial_tail(body[cue_end:se])):
                clause = (ss, wstart - 2)   # "…, researchers say."
            else:
                clause = _clause_after(body, cue_end, cue, se, idx)
        cs, ce = clause
        while cs < ce and body[cs] == " ":
            cs += 1
        while ce > cs and body[ce - 1] in " .;,":
            ce -= 1
        text = body[cs:ce]
        if ce - cs < 8 or len(text.split()) < 3 or text.startswith(_CLAUSE_STARTERS_BAD) \
                or text[:1] in "\"“":
            continue
        out.append(_Attr(c, cue, who, -1, (cs, ce), line=li))
    return out


# ---------------------------------------------------------------- pronouns and assembly
class _Resolver:
    """Latest subject-like person before a position, outside quotes, gender-compatible."""

    def __init__(self, idx: PeopleIndex, spans: list[_Span], sent_starts: list[int],
                 line_starts: list[int]) -> None:
        self.idx = idx
        self.spans = spans
        self.sent_starts = sent_starts
        self.line_starts = line_starts
        self.events: list[tuple[int, int]] = []
        self.positions: list[int] = []
        self.added: list[tuple[int, int]] = []
        self.ready = False   # subject mentions are only collected if a pronoun needs them
        self.org_events: list[tuple[int, str]] = []

    def _collect(self) -> None:
        """The first person mention of each sentence, outside quotes, plus known speakers."""
        inside = _inside_fn(self.spans)
        seen: set[int] = set()
        events = list(self.added)
        for start, _end, pidx in self.idx.mentions:
            if inside(start):
                continue
            s = bisect_right(self.sent_starts, start)
            if s not in seen:
                seen.add(s)
                events.append((start, pidx))
        events.sort()
        self.events = events
        self.positions = [e[0] for e in events]
        self.ready = True

    def add(self, pos: int, pidx: int) -> None:
        if not self.ready:
            self.added.append((pos, pidx))
            return
        i = bisect_right(self.positions, pos)
        self.positions.insert(i, pos)
        self.events.insert(i, (pos, pidx))

    def person(self, pos: int, gender: str) -> int:
        if not self.ready:
            self._collect()
        line = bisect_right(self.line_starts, pos) - 1
        floor = self.line_starts[max(0, line - 2)] if self.line_starts else 0
        i = bisect_right(self.positions, pos) - 1
        people = self.idx.people
        while i >= 0 and self.events[i][0] >= floor:
            pidx = self.events[i][1]
            g = people[pidx].gender
            if not gender or not g or g == gender:
                return pidx
            i -= 1
        return -1

    def org(self, pos: int) -> str | None:
        for p, text in reversed(self.org_events):
            if p < pos:
                return text if pos - p < 600 else None
        return None


def _inside_fn(spans: list[_Span]):
    opens = [s.open for s in spans]

    def inside(pos: int) -> bool:
        k = bisect_right(opens, pos) - 1
        return k >= 0 and spans[k].open < pos < spans[k].close
    return inside


def _resolve(attr: _Attr, res: _Resolver, idx: PeopleIndex) -> None:
    who = attr.who
    if who.kind == "person":
        attr.person = who.person
    elif who.kind == "pronoun":
        attr.person = res.person(attr.cue_pos, who.gender)
        if attr.person >= 0 and who.gender and not idx.people[attr.person].gender:
            idx.people[attr.person].gender = who.gender
    elif who.kind == "org":
        attr.speaker = who.text
        res.org_events.append((attr.cue_pos, who.text))
        return
    elif who.kind == "statement":
        attr.speaker = res.org(attr.cue_pos)
        return
    if attr.person >= 0:
        attr.speaker = idx.people[attr.person].name
        res.add(attr.cue_pos, attr.person)


def _is_headline(body: str, sp: _Span) -> bool:
    """A whole-line quoted title, or "'Quoted title': rest" (no cue), is not speech."""
    text = body[sp.start:sp.end].rstrip()
    before = body[sp.line_start:sp.open].strip()
    after = body[sp.close:sp.line_end].strip()
    if not before and after.startswith(":"):
        return True
    return not before and not after and text[-1:] not in _TERMINAL + ","


def _sentence_text(body: str, sent_starts: list[int], sents: tuple[Sentence, ...],
                   lo: int, hi: int, lines: list[tuple[int, int]], line_starts: list[int]) -> str:
    a = _sentence_bounds(sent_starts, sents, lo, lines, line_starts)
    b = _sentence_bounds(sent_starts, sents, max(lo, hi - 1), lines, line_starts)
    start, end = min(a[0], lo), max(b[1], hi)
    return body[start:end].strip()


def _trim(body: str, s: int, e: int) -> tuple[int, int]:
    while s < e and body[s] in " \t":
        s += 1
    while e > s and body[e - 1] in " \t,":
        e -= 1
    return s, e


def find_quotes(art: ParsedArticle, idx: PeopleIndex, cues: Cues | None = None
                ) -> tuple[Quote, ...]:
    """Direct, partial and reported quotes with canonical speakers for one article."""
    body = art.body
    if not body:
        return ()
    lines = _lines(body)
    line_starts = [ls for ls, _ in lines]
    sent_starts = [s.start for s in art.sentences]
    spans = find_spans(body, lines)
    spans = [s for s in spans if s.end > s.start and not _is_headline(body, s)]

    if cues is None:
        cues = Cues(body)
    direct: list[_Attr] = []
    consumed: set[int] = set()
    for i, sp in enumerate(spans):
        got = _after(body, sp, idx)
        pre = got is None
        if pre:
            got = _before(body, sp, idx, lines, cues) or _colon_intro(body, sp, idx,
                                                                      sent_starts)
        if got is not None:
            who, cpos, cue = got
            direct.append(_Attr(cpos, cue, who, i, line=sp.line, pre=pre))
            consumed.add(cpos)
    reported = _reported(body, art, idx, spans, consumed, lines, line_starts, sent_starts, cues)

    res = _Resolver(idx, spans, sent_starts, line_starts)
    events = sorted(direct + reported, key=lambda a: a.cue_pos)
    for attr in events:
        _resolve(attr, res, idx)

    by_span: dict[int, _Attr] = {a.span: a for a in direct}
    out: list[Quote] = []
    for a in _drop_nested(reported):
        if a.speaker is None:
            continue
        cs, ce = a.clause
        out.append(Quote(a.speaker, "reported", body[cs:ce], a.cue, cs, ce,
                         _sentence_text(body, sent_starts, art.sentences, a.cue_pos, ce,
                                        lines, line_starts)))
    # chains share one attribution
    chain_attr: dict[int, _Attr] = {}
    for i, sp in enumerate(spans):
        if sp.chain >= 0 and i in by_span:
            chain_attr.setdefault(sp.chain, by_span[i])
    event_pos = [a.cue_pos for a in events]
    for i, sp in enumerate(spans):
        s, e = _trim(body, sp.start, sp.end)
        text = body[s:e]
        nwords = len(text.split())
        attr = by_span.get(i) or (chain_attr.get(sp.chain) if sp.chain >= 0 else None)
        kind = "direct"
        sent_start, _ = _sentence_bounds(sent_starts, art.sentences, sp.open, lines,
                                        line_starts)
        leading = not body[max(sent_start, sp.line_start):sp.open].strip()
        if attr is not None and not leading and not attr.pre and attr.span == i:
            kind = "partial"   # 'The plan is "a disaster," X said': a phrase, not an utterance
            if _looks_like_name(text):
                continue
        if attr is None:
            host = next((a for a in reported if a.clause[0] <= sp.open < a.clause[1]
                         and a.speaker is not None), None)
            if host is not None and _looks_like_name(text):
                continue
            subject = (_subject_right_before(body, sp, idx)
                       if host is None or host.person < 0 else None)
            if subject is not None and host is not None and not _looks_like_name(text):
                attr, kind = subject, "partial"   # the quoted verb is the subject's own
            elif host is not None and not (leading and nwords > 3):
                attr, kind = host, "partial"
            elif subject is not None and not _looks_like_name(text) and nwords > 1:
                attr, kind = subject, "partial"   # 'Gen Munir "reaffirmed the commitment"'
            elif nwords <= 3 or not leading:
                continue   # scare quotes, names and terms, unattributed fragments
            elif (cont := _previous(events, event_pos, sp)) is not None:
                attr = cont   # cue-less continuation of the previous speaker
            elif _clearly_speech(text):
                out.append(Quote(None, "direct", text, "", s, e, _sentence_text(
                    body, sent_starts, art.sentences, sp.open, sp.close, lines, line_starts)))
                continue
            else:
                continue
        elif nwords <= 3 and attr.who.kind != "person" and attr.speaker is None:
            continue
        if attr.speaker is None and not _clearly_speech(text):
            continue
        lo, hi = min(sp.open, attr.cue_pos), max(sp.close, attr.cue_pos + len(attr.cue))
        if kind == "partial" or attr.span != i:
            lo, hi = sp.open, sp.close
        out.append(Quote(attr.speaker, kind, text, attr.cue, s, e, _sentence_text(
            body, sent_starts, art.sentences, lo, hi, lines, line_starts)))
    out.sort(key=lambda q: (q.start, q.kind))
    return tuple(out)


def _subject_right_before(body: str, sp: _Span, idx: PeopleIndex) -> _Attr | None:
    """A person named right before a quote that carries the verb ('X "vowed to act"')."""
    p = sp.open
    while p > sp.line_start and body[p - 1] == " ":
        p -= 1
    seg = idx.at_end(p)
    if seg is None or seg.person < 0 or p == sp.open:
        return None
    person = idx.people[seg.person]
    return _Attr(seg.start, "", _Who("person", seg.person), -1, speaker=person.name,
                 person=seg.person, line=sp.line)


def _previous(events: list[_Attr], positions: list[int], sp: _Span) -> _Attr | None:
    """The attribution just before a cue-less quote, if on its line or the line before."""
    i = bisect_right(positions, sp.open) - 1
    while i >= 0:
        a = events[i]
        if sp.line - a.line > 1:
            return None
        if a.speaker is not None:
            return a
        i -= 1
    return None


def _only_apposition(rest: str) -> bool:
    """Nothing, or just a description of the speaker, ends the sentence after "according to X"
    ("…, according to Kristen Wilkins, curator of the exhibit.")."""
    rest = _PAREN_ACRONYM.sub("", rest).strip(" .\"”")
    if not rest:
        return True
    words = rest.lstrip(", ").split()[:5]
    return rest.startswith(",") and any(w.strip(",").lower() in PERSON_NOUNS for w in words)


def _adverbial_tail(tail: str) -> bool:
    """What follows a sentence-final "X said" is only an adverbial ("on Tuesday", nothing)."""
    words = tail.strip(" .;,!?\"”").split()
    return len(words) <= 6 and (not words or words[0].lower().strip(".,") in _ADVERBIAL)


def _looks_like_name(text: str) -> bool:
    """A quoted title, name or term ("Better Idea of Afghan Girls", "2+2 Dialogue")."""
    words = text.strip(" ,.").split()
    if not words:
        return True
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps / len(words) >= 0.6 and (len(words) >= 2 or len(words[0]) > 1) and \
        text.rstrip()[-1:] not in "!?"


def _drop_nested(reported: list[_Attr]) -> list[_Attr]:
    """"X said he believes Y": keep the outer clause only, once per speaker."""
    out = []
    for a in reported:
        if any(b is not a and b.speaker == a.speaker and b.clause[0] <= a.clause[0]
               and a.clause[1] <= b.clause[1] and b.clause != a.clause for b in reported):
            continue
        out.append(a)
    return out


def _clearly_speech(text: str) -> bool:
    """Long enough and voiced (first/second person) or a full sentence: clearly someone spoke."""
    words = text.split()
    if len(words) < 6 or not text[:1].isupper():
        return False
    return bool(_FIRST_PERSON.search(text)) or text.rstrip(",")[-1:] in _TERMINAL
