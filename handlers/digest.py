"""``digest``: what arrived since the last digest, as one cited briefing.

Three parts, every line cited: the top stories (articles about the same story are
clustered, so a story four outlets covered is one line citing all four), notable quotes,
and the people most in the news. The story line is chosen by the same summariser as
``summary``; what counts as "new" is a :class:`Window` the caller passes in, and so is the
time, so the same request always composes the same digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .answer import Answer, Citation, Line, Status
from .cite import cite
from .core.summarise import Candidate, content_words, overlap, summarise
from .ports import ArticleRef, Statement

NAME = "digest"
DESCRIPTION = "The daily digest: top stories, quotes and people in the news, each cited."
STORY_OVERLAP = 0.35  # share of the smaller lead's content words two leads of a story share
STORY_SHARED = 8  # and at least this many words: short leads share a few words by chance
LEAD_SENTENCES = 4  # the opening sentences that say what an article's story is
MAX_ARTICLES = 400  # newest articles considered, so a busy day stays fast
STORY_CITATIONS = 8
QUOTES, PEOPLE = 5, 6
QUOTE_WORDS = (6, 60)


@dataclass(frozen=True)
class Window:
    """Which arrivals a digest covers: those after ``after_seq`` up to ``upto_seq`` (the
    store's arrival counter), and/or those that arrived at or after ``since`` (ISO, UTC)."""

    upto_seq: int
    after_seq: int | None = None
    since: str | None = None


@dataclass(frozen=True)
class LeadSentence:
    sentence_id: int
    position: int
    text: str


@dataclass(frozen=True)
class DigestArticle:
    article: ArticleRef
    duplicate_of: str | None
    lead: tuple[LeadSentence, ...]


@dataclass(frozen=True)
class DigestQuote:
    speaker: str
    kind: str
    text: str
    sentence: str
    article: ArticleRef


@dataclass(frozen=True)
class DigestPerson:
    name: str
    role: str | None
    seen: tuple[Statement, ...]  # one per article of the window, newest first


@dataclass(frozen=True)
class DigestMaterial:
    """What a window holds, as the store reads it; ``total`` counts every article in it."""

    total: int
    articles: tuple[DigestArticle, ...] = ()
    quotes: tuple[DigestQuote, ...] = ()
    people: tuple[DigestPerson, ...] = ()


class DigestStore(Protocol):
    async def digest_material(self, window: Window, *, articles: int, lead: int,
                              quotes: int, people: int) -> DigestMaterial: ...


@dataclass(frozen=True)
class DigestRequest:
    """``now`` is local to the digest's timezone; ``since`` says in words what is new."""

    window: Window
    now: datetime
    since: str
    max_stories: int = 8


async def handle(store: DigestStore, request: DigestRequest) -> Answer:
    material = await store.digest_material(request.window, articles=MAX_ARTICLES,
                                           lead=LEAD_SENTENCES, quotes=200, people=PEOPLE)
    return compose(material, request)


def compose(material: DigestMaterial, request: DigestRequest) -> Answer:
    """The digest as an :class:`Answer`; ``not_found`` when nothing new arrived."""
    day = f"{request.now:%A} {request.now.day} {request.now:%B %Y}"
    if not material.articles:
        return Answer(NAME, request.since, Status.NOT_FOUND,
                      f"Nothing new since {request.since}.")
    lines = [*stories(material.articles, request.max_stories),
             *quotes(material.quotes, material.people), *people(material.people)]
    outlets = {a.article.outlet or a.article.title for a in material.articles}
    count = material.total
    title = (f"Daily digest, {day}: {count} new article{'s' if count != 1 else ''} "
             f"from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}")
    if not lines:
        return Answer(NAME, request.since, Status.NOT_FOUND,
                      f"Nothing to brief on since {request.since}: {count} new article"
                      f"{'s' if count != 1 else ''}, none with article text.")
    return Answer(NAME, request.since, Status.OK, title, tuple(lines))


# -- top stories ------------------------------------------------------------------------


def _bag(article: DigestArticle) -> frozenset[str]:
    return content_words(" ".join([article.article.title, *(s.text for s in article.lead)]))


def cluster(articles: Sequence[DigestArticle]) -> list[list[DigestArticle]]:
    """Group articles about the same story: copies, and leads that share most words.

    Leader clustering (each article joins the first story whose first article it
    resembles) rather than chaining, so two different stories never merge through a
    third that touches both.
    """
    stories: list[tuple[frozenset[str], list[DigestArticle]]] = []
    for article in articles:
        bag = _bag(article)
        home = next((members for leader, members in stories
                     if _same_story(article, members[0], bag, leader)), None)
        if home is None:
            stories.append((bag, [article]))
        else:
            home.append(article)
    return [members for _, members in stories]


def _same_story(article: DigestArticle, leader: DigestArticle, bag: frozenset[str],
                leader_bag: frozenset[str]) -> bool:
    ids = {article.article.id, article.duplicate_of} - {None}
    if ids & {leader.article.id, leader.duplicate_of}:
        return True
    return len(bag & leader_bag) >= STORY_SHARED and overlap(bag, leader_bag) >= STORY_OVERLAP


def _outlets(members: Sequence[DigestArticle]) -> int:
    return len({m.article.outlet or m.article.title for m in members})


def stories(articles: Sequence[DigestArticle], limit: int) -> list[Line]:
    """One line per story, most widely covered first, each citing every article of it."""
    ranked = sorted(enumerate(cluster(articles)), key=lambda kv: (-_outlets(kv[1]), kv[0]))
    lines = []
    for _, members in ranked:
        line = _story(members)
        if line is not None:
            lines.append(line)
        if len(lines) >= limit:
            break
    return lines


def _story(members: Sequence[DigestArticle]) -> Line | None:
    by_id = {m.article.id: m for m in members}
    candidates = [Candidate(s.sentence_id, m.article.id, s.text, s.position,
                            relevance=1.0 / (1 + s.position))
                  for m in members for s in m.lead]
    items = summarise(candidates, max_items=1, max_chars=1000, per_article=1)
    if not items:
        return None
    item = items[0]
    citations: dict[str, Citation] = {}
    for source in item.sources:
        citations.setdefault(source.article_id, cite(by_id[source.article_id].article,
                                                     source.text))
    words = content_words(item.text)
    for member in members:
        if member.article.id in citations or not member.lead:
            continue
        closest = max(member.lead, key=lambda s: overlap(words, content_words(s.text)))
        citations[member.article.id] = cite(member.article, closest.text)
    return Line(item.text, tuple(citations.values())[:STORY_CITATIONS])


# -- quotes and people ------------------------------------------------------------------


def quotes(found: Sequence[DigestQuote], in_news: Sequence[DigestPerson]) -> list[Line]:
    """At most one quote per speaker, people most in the news first, direct quotes first."""
    rank = {person.name: i for i, person in enumerate(in_news)}
    usable = [q for q in found
              if QUOTE_WORDS[0] <= len(q.text.split()) <= QUOTE_WORDS[1]]
    usable.sort(key=lambda q: (rank.get(q.speaker, len(rank)), q.kind != "direct"))
    lines: list[Line] = []
    speakers: set[str] = set()
    for quote in usable:
        if quote.speaker in speakers:
            continue
        speakers.add(quote.speaker)
        text = quote.text.strip().strip("\"“”'‘’").strip()
        lines.append(Line(f"{quote.speaker}: “{text}”", (cite(quote.article, quote.sentence),)))
        if len(lines) >= QUOTES:
            break
    return lines


def people(in_news: Sequence[DigestPerson]) -> list[Line]:
    lines = []
    for person in in_news[:PEOPLE]:
        if not person.seen:
            continue
        count = len({s.article.id for s in person.seen})
        name = f"{person.name}, {person.role}" if person.role else person.name
        citations: dict[str, Citation] = {}
        for seen in person.seen:
            citations.setdefault(seen.article.id, cite(seen.article, seen.snippet))
        lines.append(Line(f"In the news: {name} ({count} article{'s' if count != 1 else ''})",
                          tuple(citations.values())[:3]))
    return lines
