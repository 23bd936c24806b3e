"""What the handlers need from storage, stated as a Protocol.

Handlers depend on this, not on SQLite, so they can be tested against a fake and the store
can change (indexes, caches, precomputed tables) without touching briefing logic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .core.names import NameIndex


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    outlet: str | None
    date: str | None
    path: str | None
    url: str | None = None


@dataclass(frozen=True)
class SentenceHit:
    """A sentence retrieved by full-text search; ``rank`` is bm25 (lower is better)."""

    sentence_id: int
    article: ArticleRef
    text: str
    position: int
    rank: float


@dataclass(frozen=True)
class Statement:
    """Something an article says about a person (a role, or where they first appear)."""

    text: str
    article: ArticleRef
    snippet: str


@dataclass(frozen=True)
class RoleSeen:
    """A role as the articles state it: in how many of the person's recent statements,
    and the newest few of them."""

    text: str
    articles: int
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Companion:
    """Someone who appears beside a person: in how many of the person's recent articles,
    and where they are first named in the newest few of those."""

    name: str
    articles: int
    mentions: tuple[Statement, ...]


@dataclass(frozen=True)
class PersonProfile:
    """A person as the articles give them; ``appearances`` are the newest few of
    ``article_count``, and ``companions`` are counted in the newest ``companions_from``."""

    person_id: int
    name: str
    aliases: tuple[str, ...]
    roles: tuple[RoleSeen, ...]
    appearances: tuple[Statement, ...]
    article_count: int
    companions: tuple[Companion, ...]
    companions_from: int = 0


@dataclass(frozen=True)
class QuoteRecord:
    speaker: str | None
    kind: str
    text: str
    cue: str
    sentence: str
    article: ArticleRef


class Store(Protocol):
    async def article_count(self) -> int: ...

    async def name_index(self) -> NameIndex: ...

    async def person_profile(self, person_id: int, *, appearances: int = 5,
                             companions: int = 8) -> PersonProfile | None: ...

    async def quotes_by(self, person_id: int, limit: int) -> Sequence[QuoteRecord]: ...

    async def search(self, match: str, limit: int) -> Sequence[SentenceHit]: ...

    async def vocabulary(self) -> Sequence[str]: ...

    async def article_sentences(self, article_ids: Sequence[str]) -> Sequence[SentenceHit]: ...
