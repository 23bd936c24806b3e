"""Multi-source extractive briefing (also the digest's, and a one-article summariser).

Single-document summarisers (LexRank, TextRank) neither cite nor merge outlets. Here every
candidate sentence comes with its article, and the choice is made in four steps:

1. **Clean**: only prose sentences are eligible; page furniture that slipped past the
   article parser (promos, credits, "Also read"), questions and fragments are dropped.
2. **Score** each sentence as topicality × quality × penalties:
   * *topicality*: its retrieval relevance (bm25, from the caller), or for a sentence
     that did not match itself, how much its article is about the topic times how close
     it sits to a match, whether it is the lede, and its centrality (so "X and Y headed
     the Indian side", next to a "2+2" sentence, counts);
   * *centrality*: cosine similarity (idf-weighted words) to the centroid of the
     matching sentences, where an article adds a word at most twice, so what several
     outlets say outweighs what one repeats;
   * *informativeness*: who / what happened / when / where / numbers;
   * a lead bonus (news puts the facts first);
   * penalties for opinion and hedges ("crucial", "demonstrates"), quotes, plans rather
     than events ("will"), and an opening "He" or "However" that needs context.
3. **Select** greedily by score minus redundancy with what is already chosen (maximal
   marginal relevance), plus a little for naming people not named yet. A sentence that
   states a chosen fact again (similarity at or above ``SAME_FACT``) is not repeated: its
   article is added to that item's sources, so one line cites every outlet that reported
   it. At most ``per_article`` items per article, within ``max_items`` and ``max_chars``.
4. **Order**: the best item leads (it states what happened, where and when); the rest
   follow in the order their articles tell them (relative position, then score).

Everything is pure and deterministic; 150 candidates take about 5 ms. docs/summary.md has
the measurements behind the weights.
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
NOVELTY = 0.1  # weight of naming people and places the chosen items do not
MIN_TOPICAL = 0.3  # a sentence that did not match needs this much topicality
MIN_WORDS = 6
MAX_WORDS = 70
POOL = 150  # best-scored sentences considered for selection
OLDER = 0.95  # a sentence from an older article than the newest one
LEDE = 1.0  # an article matching in its first three sentences is about the topic
FLOOR = 0.45  # items scoring under this share of the best are left out
MAX_SOURCES = 5

_TERMINAL = ('.', '!', '?', '"', "'", "”", "’", ")")
# Page furniture that slipped past the article parser: how it starts, what it contains.
_FURNITURE_START = ("also read", "read more", "read also", "watch:", "watch video",
                    "click here", "subscribe", "sign up", "follow us", "download",
                    "advertisement", "image source", "photo:", "file photo",
                    "representational image", "recommended", "related:", "trending",
                    "listen to")
_FURNITURE_ANY = ("all rights reserved", "copyright", "newsletter", "in your inbox",
                  "click here", "follow us on", "download the app", "image source",
                  "photo credit", "image credit", "picture credit", "http://", "https://",
                  "www.")
# A capitalised word after the first (a name, a place, an organisation); "in Delhi".
_CAPITALISED = re.compile(r"\s([A-Z][^\W_]*(?:['’-][^\W_]+)*)")
_WHERE_PLACE = re.compile(r"\b(?:in|at|to|from|near|visit(?:ed|ing|s)?)\s+(?:the\s+)?[A-Z]")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY_MONTH = re.compile(r"\b(?:May|March)\s+\d|\d\s+(?:May|March)\b")
_DIGITS = frozenset("0123456789")
_OPINION_STEM = re.compile(r" (?:significan|demonstrat|foster|navigat|underscor)")
_QUOTE_SPAN = re.compile(r"[\"“][^\"“”]*[\"”]")

# Word lists the features are read from (index words: lower case, US spelling).
_MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september",
                     "october", "november", "december"})
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})  # months only next to a day number
_WHEN = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday", "today", "yesterday", "tomorrow", "tonight"})
_WHEN_PAIRS = (" this week ", " this month ", " this year ", " last week ", " last month ",
               " last year ", " next week ", " next month ", " next year ")
_WHO = frozenset({"minister", "ministers", "secretary", "president", "chancellor",
                  "governor", "spokesman", "spokeswoman", "spokesperson", "official",
                  "officials", "leader", "leaders", "ambassador", "chief", "police", "court",
                  "judge", "ceo", "director", "mayor", "senator", "general", "commander",
                  "delegation", "government", "minister's"})
_EVENT = frozenset({
    "met", "meet", "meets", "meeting", "held", "hold", "holds", "led", "lead", "leads",
    "headed", "heads", "signed", "sign", "signs", "agreed", "agree", "agrees", "announced",
    "announce", "announces", "launched", "visited", "visit", "visits", "arrived",
    "discussed", "discuss", "discusses", "focused", "killed", "died", "won", "wins",
    "elected", "approved", "passed", "voted", "ruled", "attacked", "joined", "hosted",
    "began", "ended", "decided", "accused", "alleged", "denied", "released", "awarded",
    "confirmed", "participate", "participated", "represent", "represented", "represents",
    "arrested", "charged", "reported", "found", "opened", "closed", "raised", "cut", "rose",
    "fell", "addressed", "urged", "warned", "called", "criticized", "condemned",
    "murdered", "sparked", "expanded", "rescued", "deployed", "sank", "injured",
    "wounded", "collapsed", "fired", "resigned", "appointed"})
_EVENT_PAIRS = (" took place ", " take place ", " takes place ")
_PREVIEW = frozenset({"will", "would", "upcoming"})
_PREVIEW_PAIRS = (" expected to ", " scheduled to ", " set to ", " likely to ", " plans to ",
                  " plan to ")
_OPINION = frozenset({"crucial", "notably", "notable", "arguably", "perhaps", "amidst",
                      "undoubtedly", "importance", "signify", "signifies"})
_OPINION_PAIRS = (" remains to ", " pave the ", " may arise ", " it is clear ", " is crucial ")
_DANGLING = frozenset({"however", "but", "and", "also", "meanwhile", "moreover",
                       "furthermore", "still", "yet", "notably", "he", "she", "they", "it",
                       "this", "these", "those", "his", "her", "their", "its", "while", "as",
                       "amid", "amidst"})


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
    if not (MIN_WORDS <= count <= MAX_WORDS and stripped.endswith(_TERMINAL)
            and not stripped.endswith("?") and any(c.islower() for c in text)):
        return False
    lower = text.lower().lstrip("\"“'‘( ")
    return not (lower.startswith(_FURNITURE_START) or "@" in lower
                or any(phrase in lower for phrase in _FURNITURE_ANY))


@dataclass(frozen=True, slots=True)
class _Profile:
    """What scoring needs of one sentence, read in one pass over its words."""

    bag: frozenset[str]  # content words
    names: frozenset[str]  # words of its proper nouns
    info: float  # 0-1: who / what happened / when / where / numbers
    penalty: float  # < 1 for opinion, quotes, previews, a dangling opening


def _profile(text: str) -> _Profile:
    tokens = words(text)
    found = set(tokens)
    joined = f" {' '.join(tokens)} "  # word pairs are looked up as " a b " in this

    def said(pairs: tuple[str, ...]) -> int:
        return sum(1 for pair in pairs if pair in joined)

    names = {w for found_name in _CAPITALISED.findall(text)
             for w in found_name.lower().replace("’", "'").split("-")
             if len(w) > 2 and w not in _WHEN and w not in _MONTHS}
    digits = not _DIGITS.isdisjoint(text)
    when = bool(found & _WHEN or found & _MONTHS or said(_WHEN_PAIRS)
                or (digits and (_YEAR.search(text)
                                or (found & _AMBIGUOUS_MONTHS and _DAY_MONTH.search(text)))))
    who = min(len(names) * 0.25 + 0.5 * bool(found & _WHO), 1.5)
    event = bool(found & _EVENT or said(_EVENT_PAIRS))
    info = min((when + bool(_WHERE_PLACE.search(text)) + who + event + 0.5 * digits) / 5.0,
               1.0)
    penalty = 1.0
    if '"' in text or "“" in text:
        quoted = sum(len(m) for m in _QUOTE_SPAN.findall(text))
        if quoted > 0.5 * len(text) or text.lstrip()[:1] in "\"“":
            penalty *= 0.7
    elif text.lstrip()[:1] in "'‘":
        penalty *= 0.7
    opinions = (len(found & _OPINION) + said(_OPINION_PAIRS)
                + len(_OPINION_STEM.findall(joined)))
    if opinions:
        penalty *= 0.75 ** min(opinions, 2)
    if tokens and tokens[0] in _DANGLING:
        penalty *= 0.8
    if found & _PREVIEW or said(_PREVIEW_PAIRS):  # what happened reads better than plans
        penalty *= 0.9
    bag = frozenset(w for w in tokens if w not in STOP_WORDS and len(w) > 1)
    return _Profile(bag, frozenset(names), info, penalty)


def informativeness(text: str) -> float:
    """0-1: how much of who / what happened / when / where a sentence states."""
    return _profile(text).info


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
    profiles = [_profile(c.text) for c in pool]
    bags = [p.bag for p in profiles]
    idf = _idf(bags)
    norms = [math.sqrt(sum(idf[w] ** 2 for w in bag)) or 1.0 for bag in bags]
    scores, topical = _scores(pool, profiles, idf, norms, {_stem(w) for w in topic})
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
    named: set[str] = set()

    def gain(i: int) -> float:  # what choosing i adds: its score, less what is said, plus
        names = profiles[i].names
        new = len(names - named) / len(names) if names else 0.0  # who is new
        return scores[i] - REDUNDANCY * redundancy[i] + NOVELTY * new

    while remaining and len(chosen) < max_items:
        best = max(remaining, key=gain)
        remaining.remove(best)
        if scores[best] < floor:
            break
        if redundancy[best] >= SAME_FACT:
            continue  # said already; cited below
        text = pool[best].text
        if per_source[pool[best].article_id] >= per_article or used + len(text) > max_chars:
            continue
        chosen.append(best)
        named |= profiles[best].names
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


def _scores(pool: Sequence[Candidate], profiles: Sequence[_Profile], idf: dict[str, float],
            norms: Sequence[float], topic: set[str]) -> tuple[list[float], list[float]]:
    """Each sentence's score and topicality (see the module docstring)."""
    top = max(c.relevance for c in pool)
    bags = [p.bag for p in profiles]
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
        bag = profiles[i].bag
        central = sum(centroid.get(w, 0.0) * idf[w] for w in bag) / (norms[i] * size)
        if relevance[i] > 0:
            about = 0.55 + 0.45 * relevance[i]
        elif matched:  # context: on topic if its article is, near a match, or central
            near = max((0.6 ** abs(pos - c.position) for pos, _ in hits_at[c.article_id]),
                       default=0.0)
            article = about_article[c.article_id]
            lede = 1.0 if c.position == 0 and article >= LEDE else 0.0
            about = article * (
                0.15 + 0.45 * max(near, lede) + 0.4 * min(1.0, central / 0.4))
        else:
            about = central
        topical.append(about)
        lead = 1.0 / (1.0 + 0.6 * c.position)
        quality = (0.45 + 0.25 * profiles[i].info + 0.15 * min(1.0, central / 0.4)
                   + 0.3 * lead)
        score = about * quality * profiles[i].penalty
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
