"""A synthetic but honest news corpus of any size, for benchmarks.

Articles are recombined from real text: the five seed articles and, when present, the 24
GUM Wikinews documents (``<project>/../shared/eval/gum_news``, or ``$BRIEFBOT_SHARED``).
Each generated article takes a run of consecutive sentences from one source document,
regrouped into paragraphs, with a paragraph or two spliced in from other sources, a fresh
date and a fresh outlet. So the vocabulary, sentence lengths, names and quote shapes are
those of real news, while the mix of hits per query grows with ``n`` as it would in a
real archive (popular terms get many hits: that is what the benchmarks must survive).

Usage::

    from bench.corpus import generate_articles
    for name, text in generate_articles(10_000, seed=1):
        ...  # name like "gen1_000042.txt", text ready for ``bot.ingest.Document``

Deterministic for a given ``(n, seed)``; nothing is written to disk.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from handlers.core.article import parse_article  # noqa: E402
from handlers.core.sentences import split_sentences  # noqa: E402

OUTLETS = (  # each carries a press word, so the parser recognises the "Source:" line
    "Harbour Post", "Meridian Times", "Northern Herald", "Daily Compass", "Asia Wire",
    "Capital Tribune", "Observer Review", "Coastline News", "Metro Gazette",
    "Pacific Press", "Global Desk News", "Evening Standard", "Continental Times",
    "Riverside Chronicle", "Signal Media", "Frontier Express",
)
EPOCH = date(2015, 1, 1)
DAYS = 3650
MIN_WORDS = 4


@cache
def _gum_dir() -> Path:
    base = os.environ.get("BRIEFBOT_SHARED") or str(PROJECT_ROOT.parent / "shared")
    return Path(base) / "eval" / "gum_news"


def _split(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in split_sentences(paragraph)]


@cache
def source_documents() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """(title, paragraphs as sentence tuples) for every source document available."""
    docs: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        parsed = parse_article(path.read_text(encoding="utf-8"))
        paragraphs: dict[int, list[str]] = {}
        for sentence in parsed.sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
        docs.append((parsed.title, tuple(tuple(p) for p in paragraphs.values())))
    loader = _gum_dir() / "load.py"
    if loader.is_file():
        spec = importlib.util.spec_from_file_location("gum_news_load", loader)
        if spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            for doc in module.iter_docs(str(_gum_dir() / "dep")):
                title, *rest = doc["text"].split("\n\n")
                paragraphs_ = tuple(tuple(_split(p)) for p in rest
                                    if len(p.split()) >= MIN_WORDS and p.rstrip()[-1:] in ".!?\"”'")
                if paragraphs_:
                    docs.append((title.strip(), paragraphs_))
    return tuple(docs)


def _regroup(sentences: list[str], rng: random.Random) -> list[list[str]]:
    groups: list[list[str]] = []
    i = 0
    while i < len(sentences):
        size = rng.randint(1, 4)
        groups.append(sentences[i:i + size])
        i += size
    return groups


def generate_articles(n: int, seed: int) -> Iterator[tuple[str, str]]:
    """``n`` articles as ``(name, text)``; same ``(n, seed)``, same articles."""
    docs = source_documents()
    rng = random.Random(seed)
    for i in range(n):
        title, paragraphs = docs[rng.randrange(len(docs))]
        sentences = [s for p in paragraphs for s in p]
        length = min(len(sentences), rng.randint(6, 24))
        start = rng.randrange(len(sentences) - length + 1)
        body = _regroup(sentences[start:start + length], rng)
        for _ in range(rng.randint(1, 2)):
            _, other = docs[rng.randrange(len(docs))]
            body.insert(rng.randint(1, len(body)), list(other[rng.randrange(len(other))]))
        day = EPOCH + timedelta(days=rng.randrange(DAYS))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        headline = title if rng.random() < 0.5 else f"{title} ({outlet})"
        text = (f"date {day.isoformat()} {headline}\n\nSource: {outlet}\n\n"
                + "\n\n".join(" ".join(p) for p in body) + "\n")
        yield f"gen{seed}_{i:06d}.txt", text
