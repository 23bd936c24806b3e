"""``search TEXT``: the best-matching sentences, each cited, the match marked «like this».

The marks are plain characters, not markup, so every renderer shows them as they are
(docs/summary.md). A sentence that several articles carry word for word comes back once
(the store returns the newest copy); a long sentence is cut to a window around its first
match.
"""

from __future__ import annotations

from .answer import Answer, Line, Status
from .cite import cite_each, usage
from .core.text import MARK_OPEN, highlight, words
from .ports import ArticleRef, Store
from .retrieve import retrieve

NAME = "search"
USAGE = "search TEXT"
DESCRIPTION = "The sentences that best match some words, each cited."
LIMIT = 10
WINDOW = 320


def _window(text: str) -> str:
    """A long sentence cut around its first mark, on word boundaries."""
    if len(text) <= WINDOW:
        return text
    start = max(0, text.find(MARK_OPEN) - WINDOW // 3)
    if start:
        start = text.find(" ", start) + 1
    end = start + WINDOW
    if end < len(text):
        end = text.rfind(" ", start, end)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


async def handle(store: Store, query: str) -> Answer:
    query = query.strip()
    if not query:
        return usage(NAME, query, USAGE)
    found = await retrieve(store, query, LIMIT)
    if not found.hits:
        return Answer(NAME, query, Status.NOT_FOUND, f"Nothing matches {query!r}.",
                      suggestions=found.suggestions)
    grouped: dict[str, list[tuple[ArticleRef, str]]] = {}
    for hit in found.hits:
        key = " ".join(hit.text.lower().split())
        if key in grouped or len(grouped) < LIMIT:
            grouped.setdefault(key, []).append((hit.article, hit.text))
    targets = found.query.words() | frozenset(words(found.corrected or ""))
    lines = tuple(Line(_window(highlight(pairs[0][1], targets)), cite_each(pairs))
                  for pairs in grouped.values())
    note = f"Showing results for {found.corrected!r}." if found.corrected else None
    return Answer(NAME, query, Status.OK, f"Search: {query}", lines, note=note)
