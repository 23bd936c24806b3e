"""Topic retrieval shared by ``summary`` and ``search``.

All terms first; if that finds too little, any term (bm25 still prefers sentences with
more of them); if nothing at all, terms corrected against the index vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .core.query import TopicQuery, parse_topic
from .ports import SentenceHit, Store

FUZZY_CUTOFF = 80.0
ENOUGH = 3


@dataclass(frozen=True)
class Retrieval:
    query: TopicQuery
    hits: Sequence[SentenceHit]
    corrected: str | None = None


async def _lookup(store: Store, query: TopicQuery, limit: int) -> list[SentenceHit]:
    hits = list(await store.search(query.match_all(), limit))
    if len(hits) < ENOUGH and len(query.terms) > 1:
        seen = {h.sentence_id for h in hits}
        hits += [h for h in await store.search(query.match_any(), limit)
                 if h.sentence_id not in seen]
    return hits


async def retrieve(store: Store, text: str, limit: int) -> Retrieval:
    query = parse_topic(text)
    if query.empty:
        return Retrieval(query, ())
    hits = await _lookup(store, query, limit)
    if hits:
        return Retrieval(query, hits)
    vocabulary = await store.vocabulary()
    fixes = {}
    for term in query.terms:
        best = process.extractOne(term, vocabulary, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=FUZZY_CUTOFF)
        if best and best[0] != term:
            fixes[term] = best[0]
    if not fixes:
        return Retrieval(query, ())
    corrected = query.replace(fixes)
    return Retrieval(corrected, await _lookup(store, corrected, limit),
                     corrected=" ".join(corrected.terms))
