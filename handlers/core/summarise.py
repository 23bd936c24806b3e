"""Multi-source extractive briefing.

Single-document summarisers neither cite nor merge outlets. Here every candidate sentence
comes with its article, sentences that state the same fact in several outlets are merged
into one item citing all of them, and the choice balances relevance to the topic, how
central a sentence is across articles, and how much concrete information it carries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .query import STOP_WORDS
from .text import words

SAME_FACT = 0.5
MIN_SHARED = 4
MIN_WORDS = 6
MAX_WORDS = 90
_INFORMATIVE = re.compile(
    r"\b(\d{4}|\d+(?:st|nd|rd|th)|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|led|held|met|meet|meeting|agreed|signed|announced|said|will|visit)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+")


@dataclass(frozen=True)
class Candidate:
    """A sentence that matched the topic, as retrieval found it."""

    sentence_id: int
    article_id: str
    text: str
    position: int
    relevance: float


@dataclass(frozen=True)
class SummaryItem:
    """One sentence of the briefing and every candidate that states the same fact."""

    text: str
    sources: tuple[Candidate, ...]


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in STOP_WORDS and len(w) > 1)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: catches a fact restated at length."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / min(len(a), len(b))


def _is_prose(text: str) -> bool:
    count = len(text.split())
    return MIN_WORDS <= count <= MAX_WORDS and any(c.islower() for c in text)


def _informativeness(text: str) -> float:
    facts = len(_INFORMATIVE.findall(text)) + len(_CAPITALISED.findall(text)) / 2
    return min(facts / 6, 1.0)


def _scores(pool: Sequence[Candidate], bags: Sequence[frozenset[str]]) -> list[float]:
    top = max(c.relevance for c in pool) or 1.0
    centrality = []
    for i, bag in enumerate(bags):
        others = [overlap(bag, other) for j, other in enumerate(bags)
                  if pool[j].article_id != pool[i].article_id]
        centrality.append(sum(others) / len(others) if others else 0.0)
    peak = max(centrality) or 1.0
    return [
        0.4 * (c.relevance / top) + 0.3 * (central / peak)
        + 0.2 * _informativeness(c.text) + 0.1 / (1 + c.position)
        for c, central in zip(pool, centrality, strict=True)
    ]


def summarise(candidates: Sequence[Candidate], *, max_items: int = 6,
              max_chars: int = 1800, per_article: int = 2) -> list[SummaryItem]:
    """Pick up to ``max_items`` distinct facts, favouring breadth across articles."""
    pool = [c for c in candidates if _is_prose(c.text)]
    if not pool:
        return []
    bags = [content_words(c.text) for c in pool]
    scores = _scores(pool, bags)
    order = sorted(range(len(pool)), key=lambda i: -scores[i])
    chosen: list[tuple[int, list[Candidate]]] = []
    per_source: dict[str, int] = {}
    used = 0
    for i in order:
        twin = next((group for j, group in chosen if overlap(bags[i], bags[j]) >= SAME_FACT),
                    None)
        if twin is not None:
            if all(s.article_id != pool[i].article_id for s in twin):
                twin.append(pool[i])
            continue
        if per_source.get(pool[i].article_id, 0) >= per_article:
            continue
        if len(chosen) >= max_items or used + len(pool[i].text) > max_chars:
            continue
        chosen.append((i, [pool[i]]))
        per_source[pool[i].article_id] = per_source.get(pool[i].article_id, 0) + 1
        used += len(pool[i].text)
    chosen.sort(key=lambda item: (pool[item[0]].position, -scores[item[0]]))
    return [SummaryItem(pool[i].text, tuple(group)) for i, group in chosen]
