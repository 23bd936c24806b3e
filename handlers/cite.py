"""Building citations and the common not-found answer, shared by every handler."""

from __future__ import annotations

from collections.abc import Iterable

from .answer import Answer, Citation, Status
from .core.text import shorten
from .ports import ArticleRef

SNIPPET_CHARS = 300


def cite(article: ArticleRef, snippet: str) -> Citation:
    return Citation(article_id=article.id, title=article.title, outlet=article.outlet,
                    date=article.date, path=article.path, url=article.url,
                    snippet=shorten(snippet, SNIPPET_CHARS))


def cite_each(pairs: Iterable[tuple[ArticleRef, str]], limit: int = 5) -> tuple[Citation, ...]:
    """One citation per article (the first snippet wins), newest first as given."""
    seen: dict[str, Citation] = {}
    for article, snippet in pairs:
        seen.setdefault(article.id, cite(article, snippet))
    return tuple(seen.values())[:limit]


def usage(command: str, query: str, text: str) -> Answer:
    return Answer(command, query, Status.USAGE, f"Usage: {text}")
