"""``search TEXT``: the best-matching sentences, each cited."""

from __future__ import annotations

from .answer import Answer, Line, Status
from .cite import cite, usage
from .ports import Store
from .retrieve import retrieve

NAME = "search"
USAGE = "search TEXT"
DESCRIPTION = "The sentences that best match some words, each cited."
LIMIT = 10


async def handle(store: Store, query: str) -> Answer:
    query = query.strip()
    if not query:
        return usage(NAME, query, USAGE)
    found = await retrieve(store, query, LIMIT)
    if not found.hits:
        return Answer(NAME, query, Status.NOT_FOUND, f"Nothing matches {query!r}.")
    lines = tuple(Line(h.text, (cite(h.article, h.text),)) for h in found.hits)
    note = f"Showing results for {found.corrected!r}." if found.corrected else None
    return Answer(NAME, query, Status.OK, f"Search: {query}", lines, note=note)
