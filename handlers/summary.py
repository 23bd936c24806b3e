"""``summary TOPIC``: a short briefing drawn from several outlets, every line cited."""

from __future__ import annotations

from .answer import Answer, Line, Status
from .cite import cite_each, usage
from .core.summarise import Candidate, summarise
from .ports import Store
from .retrieve import retrieve

NAME = "summary"
USAGE = "summary TOPIC (e.g. summary 2+2)"
DESCRIPTION = "A short multi-source briefing on a topic, each sentence cited."
CANDIDATES = 200
SHORT, LONG = 6, 15


async def handle(store: Store, query: str, *, more: bool = False) -> Answer:
    query = query.strip()
    if not query:
        return usage(NAME, query, USAGE)
    found = await retrieve(store, query, CANDIDATES)
    if not found.hits:
        return Answer(NAME, query, Status.NOT_FOUND,
                      f"Nothing found about {query!r} in {await store.article_count()} articles.")
    by_id = {h.sentence_id: h for h in found.hits}
    worst = max(h.rank for h in found.hits)
    candidates = [Candidate(h.sentence_id, h.article.id, h.text, h.position,
                            relevance=(worst - h.rank) + 1e-6) for h in found.hits]
    size = LONG if more else SHORT
    items = summarise(candidates, max_items=size, max_chars=size * 300)
    lines = tuple(
        Line(item.text, cite_each((by_id[c.sentence_id].article, c.text) for c in item.sources))
        for item in items)
    sources = len({c.article_id for item in items for c in item.sources})
    note = f"Showing results for {found.corrected!r}." if found.corrected else None
    title = f"Briefing: {query} ({sources} source{'s' if sources != 1 else ''})"
    return Answer(NAME, query, Status.OK, title, lines, note=note)
