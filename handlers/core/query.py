"""Turning what a user typed into a safe full-text query.

User text never reaches FTS5 as syntax: it is reduced to index words (see ``text.words``)
and each word is emitted as a quoted string, so quotes, ``NEAR``, ``*``, ``^``, ``:``,
parentheses and ``AND/OR/NOT`` are searched as plain words and can never raise.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import words

STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "what", "when",
    "where", "which", "who", "why", "will", "with", "about", "how", "did", "does", "do",
    "news", "latest",
})
MAX_TERMS = 12


@dataclass(frozen=True)
class TopicQuery:
    """The words of a topic, in order, after normalisation and stop-word removal."""

    terms: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    def match_all(self) -> str:
        """FTS5 expression requiring every term (implicit AND)."""
        return " ".join(_quoted(t) for t in self.terms)

    def match_any(self) -> str:
        """FTS5 expression accepting any term; bm25 still prefers sentences with more."""
        return " OR ".join(_quoted(t) for t in self.terms)

    def replace(self, corrections: dict[str, str]) -> TopicQuery:
        return TopicQuery(tuple(corrections.get(t, t) for t in self.terms))


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def parse_topic(text: str) -> TopicQuery:
    """Normalise a topic; stop words are dropped unless nothing else is left."""
    found = words(text[:2000])
    content = [w for w in found if w not in STOP_WORDS]
    chosen = content or found
    unique = list(dict.fromkeys(chosen))
    return TopicQuery(tuple(unique[:MAX_TERMS]))
