"""Turning what a user typed into a safe full-text query.

User text never reaches FTS5 as syntax: it is reduced to index words (see ``text.words``)
and each word is emitted as a quoted string, so quotes, ``NEAR``, ``*``, ``^``, ``:``,
parentheses and ``AND/OR/NOT`` are searched as plain words and can never raise.

Query understanding happens here, on the words, before any SQL:

* number and symbol forms: ``index_text`` already makes "2+2", "2 + 2", "two-plus-two"
  and "two plus two" one token on both sides of the index;
* hyphen and space variants: "Indo-Pacific" matches the phrase ``"indo pacific"`` (which
  is also how "Indo Pacific" is indexed) or the closed form "indopacific"; a phrase the
  user put in double quotes stays a phrase;
* ordinals and small numbers: "fifth" also finds "5th", "three" also "3";
* UK/US spelling beyond the fixed list in ``text``: "-ise/-ize", "-our/-or", "-tre/-ter"
  forms are searched both ways (porter stemming in FTS5 handles inflections);
* a person's other names are added by the retrieval layer (it knows the people), through
  :meth:`TopicQuery.expand`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .text import index_text

STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "what", "when",
    "where", "which", "who", "why", "will", "with", "about", "how", "did", "does", "do",
    "news", "latest", "tell", "me", "any", "there", "been", "into", "than", "then", "their",
})
MAX_TERMS = 12
MAX_INPUT = 2000
MAX_ALTERNATIVES = 8

# A run of word characters joined by apostrophes or hyphens: "indo-pacific", "india's".
_CHUNK = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_NUMBER_FORMS: dict[str, tuple[str, ...]] = {}
for _n, (_ordinal, _cardinal) in enumerate(zip(_ORDINALS, _NUMBERS, strict=True), start=1):
    _numeric = f"{_n}{_SUFFIX.get(_n, 'th')}"
    _NUMBER_FORMS[_ordinal] = (_numeric,)
    _NUMBER_FORMS[_numeric] = (_ordinal,)
    _NUMBER_FORMS.setdefault(_cardinal, (str(_n),))
    _NUMBER_FORMS.setdefault(str(_n), (_cardinal,))

# Spelling rules applied to query words only (the index keeps what ``index_text`` made):
# each gives the other spelling of a word, and both are searched.
_ISE = re.compile(r"([a-z]{3,})(is|iz)(e|ed|es|ing|ation|ations|er|ers)")
_OUR = re.compile(r"([a-z]{2,}[^aeiou])(our|or)(s|ed|ing|ite|ites|able)?")
_TRE = re.compile(r"([a-z]{2,}[^aeiou])(tre|ter)(s)?")
_ENCE = re.compile(r"(def|off|lic|pret)en([cs])e(s)?")


def _spellings(word: str) -> list[str]:
    found = []
    if m := _ISE.fullmatch(word):
        found.append(m[1] + ("iz" if m[2] == "is" else "is") + m[3])
    if m := _OUR.fullmatch(word):
        found.append(m[1] + ("or" if m[2] == "our" else "our") + (m[3] or ""))
    if m := _TRE.fullmatch(word):
        found.append(m[1] + ("ter" if m[2] == "tre" else "tre") + (m[3] or ""))
    if m := _ENCE.fullmatch(word):
        found.append(m[1] + "en" + ("s" if m[2] == "c" else "c") + "e" + (m[3] or ""))
    return found


@dataclass(frozen=True)
class TopicQuery:
    """The words of a topic, in order, after normalisation and stop-word removal.

    A term is one index word (letters and digits only); ``alternatives`` runs parallel to
    ``terms`` and lists other forms that count as the same term, where a form may be a
    phrase (index words joined by single spaces). "Indo-Pacific" is the term
    ``indopacific`` with the phrase ``indo pacific`` as its other form.
    """

    terms: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if len(self.alternatives) != len(self.terms):
            padded = tuple(self.alternatives[:len(self.terms)])
            padded += ((),) * (len(self.terms) - len(padded))
            object.__setattr__(self, "alternatives", padded)

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def text(self) -> str:
        """The query as words, for "Showing results for …" (phrases as phrases)."""
        return " ".join(self.shown())

    def shown(self) -> tuple[str, ...]:
        """Each term as a reader writes it: "indo pacific", "2+2"."""
        return tuple(_shown(t, alts) for t, alts in zip(self.terms, self.alternatives,
                                                        strict=True))

    def is_phrase(self, term: str) -> bool:
        """Whether ``term`` stands for a phrase (a hyphenated or quoted group of words)."""
        return any(" " in _shown(t, a) for t, a in zip(self.terms, self.alternatives,
                                                        strict=True) if t == term)

    def groups(self) -> tuple[tuple[str, ...], ...]:
        """Each term with its alternatives, the term first."""
        return tuple((t, *alts) for t, alts in zip(self.terms, self.alternatives, strict=True))

    def words(self) -> frozenset[str]:
        """Every index word any form of any term contains (for highlighting and scoring)."""
        return frozenset(w for group in self.groups() for form in group for w in form.split())

    def match_all(self) -> str:
        """FTS5 expression requiring every term (each in any of its forms)."""
        return " AND ".join(_group(g) for g in self.groups())

    def match_any(self) -> str:
        """FTS5 expression accepting any term; bm25 still prefers sentences with more."""
        return " OR ".join(_group(g) for g in self.groups())

    def replace(self, corrections: Mapping[str, str]) -> TopicQuery:
        """The query with some terms swapped (typo fixes); a fixed term loses its forms."""
        return TopicQuery(tuple(corrections.get(t, t) for t in self.terms),
                          tuple(() if t in corrections else alts
                                for t, alts in zip(self.terms, self.alternatives, strict=True)))

    def expand(self, extra: Mapping[str, Iterable[str]]) -> TopicQuery:
        """The query with more accepted forms for some terms (e.g. a person's aliases)."""
        alternatives = []
        for term, alts in zip(self.terms, self.alternatives, strict=True):
            more = [a for a in extra.get(term, ()) if a and a != term]
            alternatives.append(tuple(dict.fromkeys((*alts, *more)))[:MAX_ALTERNATIVES])
        return TopicQuery(self.terms, tuple(alternatives))


_PLUS_TOKEN = re.compile(r"(\d+)plus(\d+)")


def _shown(term: str, alternatives: tuple[str, ...]) -> str:
    """A term as a reader writes it: "indo pacific" for "indopacific", "2+2" for "2plus2"."""
    phrase = alternatives[0] if alternatives else ""
    if " " in phrase and phrase.replace(" ", "") == term:
        return phrase
    return _PLUS_TOKEN.sub(r"\1+\2", term)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _group(forms: tuple[str, ...]) -> str:
    if len(forms) == 1:
        return _quoted(forms[0])
    return "(" + " OR ".join(_quoted(f) for f in forms) + ")"


def _chunks(text: str) -> list[list[str]]:
    """Index words of ``text`` grouped by hyphenation: ``[["indo", "pacific"], ["2plus2"]]``.

    Flattened, this is exactly ``text.words(text)``.
    """
    out = []
    for chunk in _CHUNK.findall(index_text(text)):
        parts = [piece for part in chunk.split("-") for piece in _TOKEN.findall(
            part.replace("'", " "))]
        if "'" in chunk:  # "india's": the possessive is its own index word, keep it apart
            out.extend([p] for p in parts)
        elif parts:
            out.append(parts)
    return out


def _keep(word: str) -> bool:
    return len(word) > 1 or word.isdigit()


def parse_topic(text: str) -> TopicQuery:
    """Normalise a topic; stop words are dropped unless nothing else is left."""
    text = text[:MAX_INPUT]
    found: list[tuple[str, tuple[str, ...], bool]] = []  # (term, alternatives, is a word)
    for inner in _QUOTED.findall(text):
        phrase = [w for chunk in _chunks(inner) for w in chunk]
        if len(phrase) > 1:
            found.append(("".join(phrase), (" ".join(phrase),), False))
    if found:
        text = _QUOTED.sub(" ", text)
    for chunk in _chunks(text):
        kept = [w for w in chunk if _keep(w)]
        if len(kept) > 1:  # "indo-pacific": the phrase, or the closed form "indopacific"
            found.append(("".join(kept), (" ".join(kept),), False))
        elif kept:
            word = kept[0]
            forms = (*_NUMBER_FORMS.get(word, ()), *_spellings(word))
            found.append((word, tuple(dict.fromkeys(forms)), True))
    content = [f for f in found if not (f[2] and f[0] in STOP_WORDS)]
    unique: dict[str, tuple[str, ...]] = {}
    for term, alts, _ in content or found:
        unique.setdefault(term, alts)
    chosen = list(unique.items())[:MAX_TERMS]
    return TopicQuery(tuple(t for t, _ in chosen), tuple(a for _, a in chosen))
