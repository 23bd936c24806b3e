"""Multi-source extractive briefing (also the daily digest's and a one-article summariser).

Single-document summarisers (LexRank, TextRank) neither cite nor merge outlets. Here every
candidate sentence comes with its article, and the choice is made in four steps:

1. **Clean**: only prose sentences are eligible; page furniture that slipped past the
   article parser (promos, credits, "Also read"), questions and fragments are dropped.
2. **Score** each sentence by
   * *topicality*: its retrieval relevance (bm25, from the caller), or for a sentence
     that did not match itself, how close it sits to one that did and how many topic
     words it has (so "X and Y headed the Indian side", next to a "2+2" sentence, counts);
   * *centrality*: cosine similarity (idf-weighted words) to the centroid of the
     matching sentences, where a word counts once per article it appears in, so what
     several outlets say outweighs what one repeats;
   * *informativeness*: who / what happened / when / where / numbers, against
     scene-setting, opinion and hedges ("crucial", "demonstrates"), quotes, and
     sentences that open on an unresolved "He" or "However";
   * a mild lead bonus (news puts the facts first).
3. **Select** greedily by score minus redundancy with what is already chosen (maximal
   marginal relevance). A sentence that states a chosen fact again (similarity at or above
   ``SAME_FACT``) is not repeated: its article is added to that item's sources, so one
   line cites every outlet that reported it. At most ``per_article`` items per article,
   within ``max_items`` and ``max_chars``.
4. **Order**: the most informative who/when/where sentence leads; the rest follow in the
   order their articles tell them (relative position, then score).

Everything is pure and deterministic; about 400 candidates take a few milliseconds.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .query import STOP_WORDS
from .text import words

SAME_FACT = 0.5  # idf-weighted cosine at which two sentences state one fact
REDUNDANCY = 0.25  # weight of similarity to chosen items in the greedy choice
MIN_TOPICAL = 0.3  # a sentence that did not match needs this much topicality
MIN_WORDS = 6
MAX_WORDS = 70
POOL = 150  # best-scored sentences considered for selection
OLDER = 0.95  # a sentence from an older article than the newest one
LEDE = 1.0  # an article matching in its first three sentences is about the topic
FLOOR = 0.45  # items scoring under this share of the best are left out
MAX_SOURCES = 5

_TERMINAL = ('.', '!', '?', '"', "'", "”", "’", ")")
_FURNITURE = re.compile(
    r"^(?:also read|read more|read also|watch|click here|subscribe|sign up|follow us|"
    r"download|advertisement|image source|photo|file photo|representational image|"
    r"recommended|related|trending|listen)\b"
    r"|\b(?:all rights reserved|copyright|newsletter|in your inbox|click here|"
    r"follow us on|download the app|image source|(?:photo|image|picture) credit)\b"
    r"|https?://|www\.|@\w",
    re.IGNORECASE,
)
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|"
           r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_WHEN = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:19|20)\d{2}|today|yesterday|"
    r"tomorrow|tonight|this (?:week|month|year)|last (?:week|month|year))\b",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\b(?:in|at|to|from|near|visit(?:ed|ing|s)?)\s+(?:the\s+)?[A-Z][a-z]+")
_WHO = re.compile(
    r"\b(?:minister|secretary|president|prime minister|chancellor|governor|spokes\w+|"
    r"officials?|leaders?|ambassador|chief|police|court|judge|ceo|director|mayor|"
    r"senator|general|commander|delegation|government)\b",
    re.IGNORECASE,
)
# A proper noun inside a sentence (not its first word): a person, place or organisation.
_PROPER = re.compile(r"(?<=[\w,;:)] )(?:[A-Z][\w'’-]+)(?: (?:of |the |de )?[A-Z][\w'’-]+)*")
_EVENT = re.compile(
    r"\b(?:met|meets?|meeting|held|holds?|led|leads?|headed|heads|signed|signs?|agreed|"
    r"agrees?|announced|announces?|launched|visited|visits?|arrived|discussed|"
    r"discuss(?:es)?|focused|killed|died|won|wins|elected|approved|passed|voted|ruled|"
    r"attacked|joined|hosted|began|ended|took place|decided|accused|alleged|denied|"
    r"released|awarded|confirmed|participated?|represent(?:ed|s)?|arrested|charged|"
    r"reported|found|launched|opened|closed|raised|cut|rose|fell|addressed|urged|"
    r"warned|called|criticised|criticized|condemned|killed|murdered|sparked|expanded)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_PREVIEW = re.compile(
    r"\b(?:will|would|(?:is|are) (?:expected|scheduled|set|likely) to|upcoming|plans? to)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:crucial|significan\w*|signif(?:y|ies)|demonstrat\w*|notabl[ey]|arguabl[ey]|"
    r"perhaps|foster\w*|navigat\w*|amidst|underscor\w*|remains to be seen|"
    r"it is (?:clear|evident|important)|undoubtedly|importance|may arise|pave the way)\b",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"^(?:however|but|and|also|meanwhile|moreover|furthermore|still|yet|notably|"
    r"he|she|they|it|this|these|those|his|her|their|its|while|as|amid|amidst)\b",
    re.IGNORECASE,
)
_QUOTE_SPAN = re.compile(r"[\"“][^\"“”]*[\"”]")


@dataclass(frozen=True)
class Candidate:
    """A sentence that may go into a summary, with where it comes from.

    ``relevance`` is the retrieval score (higher is better, any scale); 0 marks a
    sentence offered as context (it did not match the topic itself).
    """

    sentence_id: int
    article_id: str
    text: str
    position: int
    relevance: float = 0.0
    date: str | None = None
    title: str = ""


@dataclass(frozen=True)
class SummaryItem:
    """One sentence of the summary and every candidate that states the same fact
    (the kept sentence first, then one per other article)."""

    text: str
    sources: tuple[Candidate, ...]


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in STOP_WORDS and len(w) > 1)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger (kept for callers of the old API)."""
    shared = len(a & b)
    if shared < 4:
        return 0.0
    return shared / min(len(a), len(b))


def is_eligible(text: str) -> bool:
    """Prose a summary may quote: a full sentence of sensible length, not furniture."""
    count = text.count(" ") + 1
    stripped = text.rstrip()
    return (MIN_WORDS <= count <= MAX_WORDS and stripped.endswith(_TERMINAL)
            and not stripped.endswith("?") and any(c.islower() for c in text)
            and not _FURNITURE.search(text))


def informativeness(text: str) -> float:
    """0-1: how much of who / what happened / when / where a sentence states."""
    who = min(len(_PROPER.findall(text)) * 0.5 + 0.5 * bool(_WHO.search(text)), 1.5)
    facts = (bool(_WHEN.search(text)) + bool(_WHERE.search(text)) + who
             + bool(_EVENT.search(text)) + 0.5 * bool(_NUMBER.search(text)))
    return min(facts / 5.0, 1.0)


def _penalty(text: str) -> float:
    factor = 1.0
    quoted = sum(len(m) for m in _QUOTE_SPAN.findall(text))
    if quoted > 0.5 * len(text) or text.lstrip()[:1] in "\"“'‘":
        factor *= 0.7
    opinions = len(_OPINION.findall(text))
    if opinions:
        factor *= 0.75 ** min(opinions, 2)
    if _DANGLING.match(text):
        factor *= 0.8
    if _PREVIEW.search(text):  # what happened reads better than what was to happen
        factor *= 0.9
    return factor


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def summarise(candidates: Sequence[Candidate], *, topic: Iterable[str] = (),
              max_items: int = 6, max_chars: int = 1800,
              per_article: int = 2) -> list[SummaryItem]:
    """Pick up to ``max_items`` distinct facts, favouring breadth across articles.

    ``topic`` holds the query's index words (``TopicQuery.words()``); candidates with
    ``relevance > 0`` are the ones that matched it. Without matches (a digest, or one
    article) the whole candidate set plays that part.
    """
    unique: dict[str, int] = {}
    pool: list[Candidate] = []
    twins: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        key = " ".join(c.text.lower().split())
        if key in unique:  # the very same sentence again (another outlet, a copy)
            twins[unique[key]].append(c)
            continue
        if is_eligible(c.text):
            unique[key] = len(pool)
            pool.append(c)
    if not pool:
        return []
    bags = [content_words(c.text) for c in pool]
    idf = _idf(bags)
    norms = [math.sqrt(sum(idf[w] ** 2 for w in bag)) or 1.0 for bag in bags]
    scores, topical = _scores(pool, bags, idf, norms, {_stem(w) for w in topic})
    order = sorted(range(len(pool)), key=lambda i: -scores[i])
    matched = any(c.relevance > 0 for c in pool)
    eligible = [i for i in order
                if not matched or pool[i].relevance > 0 or topical[i] >= MIN_TOPICAL]
    shortlist = eligible[:POOL]

    def similarity(i: int, j: int) -> float:
        shared = bags[i] & bags[j]
        if len(shared) < 2:
            return 0.0
        return sum(idf[w] ** 2 for w in shared) / (norms[i] * norms[j])

    chosen: list[int] = []
    sources: dict[int, list[Candidate]] = {}
    redundancy = dict.fromkeys(shortlist, 0.0)
    per_source: dict[str, int] = defaultdict(int)
    used = 0
    remaining = list(shortlist)
    floor = FLOOR * scores[shortlist[0]] if shortlist else 0.0
    while remaining and len(chosen) < max_items:
        best = max(remaining, key=lambda i: scores[i] - REDUNDANCY * redundancy[i])
        remaining.remove(best)
        if scores[best] < floor:
            break
        if redundancy[best] >= SAME_FACT:
            continue  # said already; cited below
        text = pool[best].text
        if per_source[pool[best].article_id] >= per_article or used + len(text) > max_chars:
            continue
        chosen.append(best)
        sources[best] = [pool[best], *twins.get(best, ())]
        per_source[pool[best].article_id] += 1
        used += len(text)
        for i in remaining:
            redundancy[i] = max(redundancy[i], similarity(i, best))
    for i in eligible:  # every other outlet that states a chosen fact is cited with it
        if i in sources:
            continue
        for j in chosen:
            if similarity(i, j) >= SAME_FACT:
                sources[j].append(pool[i])
                sources[j].extend(twins.get(i, ()))
                break
    return [SummaryItem(pool[i].text, _distinct(sources[i]))
            for i in _reading_order(chosen, pool, scores)]


def _idf(bags: Sequence[frozenset[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for w in bag:
            df[w] += 1
    n = len(bags)
    return {w: math.log(1 + n / d) for w, d in df.items()}


def _scores(pool: Sequence[Candidate], bags: Sequence[frozenset[str]], idf: dict[str, float],
            norms: Sequence[float], topic: set[str]) -> tuple[list[float], list[float]]:
    """Each sentence's score and topicality (see the module docstring)."""
    top = max(c.relevance for c in pool)
    relevance = [c.relevance / top if top > 0 else 0.0 for c in pool]
    matched = [i for i, r in enumerate(relevance) if r > 0]
    centroid = _centroid(pool, bags, idf, matched or list(range(len(pool))), relevance)
    if topic and not matched:  # nothing matched (one article, a digest): topic words lead
        peak = max(centroid.values(), default=1.0)
        for w in list(centroid):
            if _stem(w) in topic:
                centroid[w] += peak
    size = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    about_article = _article_topicality(pool, relevance, topic)
    hits_at: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in matched:
        hits_at[pool[i].article_id].append((pool[i].position, relevance[i]))
    newest = max((c.date for c in pool if c.date), default=None)
    scores, topical = [], []
    for i, c in enumerate(pool):
        bag = bags[i]
        central = sum(centroid.get(w, 0.0) * idf[w] for w in bag) / (norms[i] * size)
        if relevance[i] > 0:
            about = 0.55 + 0.45 * relevance[i]
        elif matched:  # context: on topic if its article is, near a match, or central
            near = max((0.6 ** abs(pos - c.position) for pos, _ in hits_at[c.article_id]),
                       default=0.0)
            article = about_article[c.article_id]
            lede = 1.0 if c.position <= 1 and article >= LEDE else 0.0
            about = article * (
                0.15 + 0.45 * max(near, lede) + 0.4 * min(1.0, central / 0.4))
        else:
            about = central
        topical.append(about)
        lead = 1.0 / (1.0 + 0.6 * c.position)
        quality = (0.45 + 0.25 * informativeness(c.text) + 0.15 * min(1.0, central / 0.4)
                   + 0.3 * lead)
        score = about * quality * _penalty(c.text)
        if newest and c.date and c.date < newest:
            score *= OLDER
        scores.append(score)
    return scores, topical


def _centroid(pool: Sequence[Candidate], bags: Sequence[frozenset[str]],
              idf: dict[str, float], seeds: Sequence[int],
              relevance: Sequence[float]) -> dict[str, float]:
    """idf-weighted words of the seed sentences; each article counts a word at most
    twice, so what several outlets say outweighs what one outlet repeats."""
    per_article: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    weight: dict[str, float] = defaultdict(float)
    for i in seeds:
        counts = per_article[pool[i].article_id]
        for w in bags[i]:
            counts[w] += 1
        weight[pool[i].article_id] = max(weight[pool[i].article_id], relevance[i] or 1.0)
    centroid: dict[str, float] = defaultdict(float)
    for article, counts in per_article.items():
        for w, count in counts.items():
            centroid[w] += weight[article] * min(count, 2) * idf[w]
    return centroid


def _article_topicality(pool: Sequence[Candidate], relevance: Sequence[float],
                        topic: set[str]) -> dict[str, float]:
    """How much each article is about the topic: its title names it, its lede matches,
    or it matches several times."""
    hits: dict[str, int] = defaultdict(int)
    length: dict[str, int] = defaultdict(int)
    lede: dict[str, float] = defaultdict(float)
    titled: dict[str, float] = {}
    for c, r in zip(pool, relevance, strict=True):
        if c.article_id not in titled:
            title = {_stem(w) for w in content_words(c.title)} if c.title and topic else set()
            titled[c.article_id] = len(title & topic) / len(topic) if topic else 0.0
        length[c.article_id] = max(length[c.article_id], c.position + 1)
        if r > 0:
            hits[c.article_id] += 1
            if c.position <= 2:
                lede[c.article_id] = LEDE
    return {a: max(titled[a], lede[a], min(1.0, 3 * hits[a] / max(length[a], 6)))
            for a in titled}


def _distinct(found: Sequence[Candidate]) -> tuple[Candidate, ...]:
    seen: dict[str, Candidate] = {}
    for c in found:
        seen.setdefault(c.article_id, c)
    return tuple(seen.values())[:MAX_SOURCES]


def _reading_order(chosen: list[int], pool: Sequence[Candidate],
                   scores: Sequence[float]) -> list[int]:
    """The best sentence first (informative, on topic, recent: it states what happened),
    then the others in the order their articles tell them."""
    if len(chosen) < 2:
        return chosen
    last: dict[str, int] = defaultdict(int)
    for c in pool:
        last[c.article_id] = max(last[c.article_id], c.position)
    rest = sorted(chosen[1:], key=lambda i: (pool[i].position / (last[pool[i].article_id] + 1),
                                            -scores[i]))
    return [chosen[0], *rest]


def summarise_article(title: str, sentences: Sequence[str], *, max_items: int = 3,
                      max_chars: int = 1200) -> list[str]:
    """A summary of one article: its sentences ranked with its title as the topic."""
    candidates = [Candidate(i, "article", text, i) for i, text in enumerate(sentences)]
    items = summarise(candidates, topic=content_words(title), max_items=max_items,
                      max_chars=max_chars, per_article=max_items)
    return [item.text for item in items]
