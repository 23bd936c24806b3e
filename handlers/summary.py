"""``summary TOPIC``: a short briefing drawn from several outlets, every line cited.

Retrieval finds the matching sentences; the articles they come from are ranked by how
well and how often they match, and the best ones are read whole, so a briefing can use a
sentence that never names the topic ("Jaishankar and Singh headed the Indian side") next
to the ones that do. ``core.summarise`` then picks the facts, merges what several outlets
say alike into one line citing each of them, and orders the lines.

The default briefing fits one Discord embed (``SHORT``); ``--more`` (``more=True``, or the
words ``--more`` typed after the topic) gives a longer one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .answer import Answer, Line, Status
from .cite import cite_each, usage
from .core.summarise import Candidate, summarise
from .ports import ArticleRef, SentenceHit, Store
from .retrieve import retrieve

NAME = "summary"
USAGE = "summary TOPIC [--more] (e.g. summary 2+2)"
DESCRIPTION = "A short multi-source briefing on a topic, each sentence cited."
CANDIDATES = 200
MORE_FLAG = "--more"
LEDE_SENTENCES = 8  # of an article read whole, the first sentences are candidates ...
NEAR = 2  # ... and those this close to a sentence that matched


@dataclass(frozen=True)
class Size:
    """Items, characters of sentence text, articles read whole, items per article."""

    items: int
    chars: int
    articles: int
    per_article: int


# One embed holds 4,096 characters: ~2,000 of sentences leave room for the citation
# marks, the title, the note and the sources listed under the lines.
SHORT = Size(items=8, chars=2000, articles=6, per_article=2)
LONG = Size(items=15, chars=5000, articles=15, per_article=4)


def _article_scores(hits: list[SentenceHit]) -> dict[str, float]:
    """An article's weight: its three best matches (bm25, higher is better)."""
    by_article: dict[str, list[float]] = defaultdict(list)
    for h in hits:
        by_article[h.article.id].append(-h.rank)
    return {a: sum(sorted(r, reverse=True)[:3]) for a, r in by_article.items()}


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _candidates(hits: list[SentenceHit], context: list[SentenceHit]) -> list[Candidate]:
    """The matching sentences and, from the articles read whole, their ledes and the
    sentences around each match (a copy of a matching sentence counts as matching)."""
    scale = max(-h.rank for h in hits) or 1.0
    relevance = {_key(h.text): max(-h.rank / scale, 0.01) for h in hits}
    scores = [relevance.get(_key(h.text), 0.0) for h in context]
    near: dict[str, set[int]] = defaultdict(set)
    for h, score in zip(context, scores, strict=True):
        if score:
            near[h.article.id].update(range(h.position - NEAR, h.position + NEAR + 1))
    read = {h.sentence_id for h in context}
    chosen = [(h, score) for h, score in zip(context, scores, strict=True)
              if score or h.position < LEDE_SENTENCES or h.position in near[h.article.id]]
    chosen += [(h, relevance[_key(h.text)]) for h in hits if h.sentence_id not in read]
    return [Candidate(h.sentence_id, h.article.id, h.text, h.position, relevance=score,
                      date=h.article.date, title=h.article.title) for h, score in chosen]


async def handle(store: Store, query: str, *, more: bool = False) -> Answer:
    query = query.strip()
    if query.endswith(MORE_FLAG):
        query, more = query[: -len(MORE_FLAG)].strip(), True
    if not query:
        return usage(NAME, query, USAGE)
    found = await retrieve(store, query, CANDIDATES, enough=1)  # articles fill in context
    if not found.hits:
        count = await store.article_count()
        return Answer(NAME, query, Status.NOT_FOUND,
                      f"Nothing found about {query!r} in {count} articles.",
                      suggestions=found.suggestions)
    size = LONG if more else SHORT
    hits = list(found.hits)
    weights = _article_scores(hits)
    top = sorted(weights, key=lambda a: -weights[a])[: size.articles]
    context = await store.article_sentences(top)
    refs: dict[int, ArticleRef] = {h.sentence_id: h.article for h in (*hits, *context)}
    candidates = _candidates(hits, context)
    items = summarise(candidates, topic=found.query.words(), max_items=size.items,
                      max_chars=size.chars, per_article=size.per_article)
    if not items:
        return Answer(NAME, query, Status.NOT_FOUND,
                      f"Nothing found about {query!r} that reads as a briefing.",
                      suggestions=found.suggestions)
    lines = tuple(
        Line(item.text, cite_each((refs[c.sentence_id], c.text) for c in item.sources))
        for item in items)
    sources = len({c.article_id for line in lines for c in line.citations})
    note = f"Showing results for {found.corrected!r}." if found.corrected else None
    title = f"Briefing: {query} ({sources} source{'s' if sources != 1 else ''})"
    return Answer(NAME, query, Status.OK, title, lines, note=note)
