"""Value types shared by the pure core.

Everything here is frozen and free of I/O so the core can be tested with literal
tables and the storage side can persist it without knowing how it was made.
Character offsets always refer to ``ParsedArticle.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "reported"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned body, with its place for citing."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class ParsedArticle:
    """An article after metadata extraction and furniture removal."""

    title: str
    body: str
    sentences: tuple[Sentence, ...]
    date: str | None = None
    outlet: str | None = None
    paragraphs: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class Role:
    """A title as the article states it, normalised for display ("US Secretary of Defense")."""

    text: str
    start: int = -1


@dataclass(frozen=True)
class PersonMention:
    """A person as one article knows them.

    ``name`` is the fullest form the article uses; ``aliases`` every other surface form
    resolved to them (surname, "Mr Blinken", a typo within edit distance 1).
    """

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: int = 1
    first_offset: int = 0


@dataclass(frozen=True)
class Quote:
    """Something a person said, with the sentence it came from for citing."""

    speaker: str | None
    kind: QuoteKind
    text: str
    cue: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Extraction:
    people: tuple[PersonMention, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())
