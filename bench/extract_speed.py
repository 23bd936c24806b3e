"""Throughput of ``parse_article`` and ``extract`` on a ≥1M-word news corpus.

Run: ``python -m bench.extract_speed [--words N] [--seed S] [--shared DIR] [--repeat R]``.

How the corpus is made (honestly, from real text only): every paragraph of the seed
articles (``seeds/*.txt``, split on blank or single newlines) and of the 24 GUM Wikinews
documents (read in place from ``../shared/eval/gum_news`` via its ``load.py``; skipped with
a note if absent) goes into one pool. Synthetic articles are then drawn with a seeded RNG:
each takes 6-20 pool paragraphs in shuffled order (with replacement across articles) and
joins them with blank lines, until the total reaches ``--words`` (default 1,000,000).
Recombining paragraphs keeps real news sentences, quotes and names, while mixing articles
exercises the people/quote rules on unfamiliar neighbours. No text is generated.

Words are whitespace-separated tokens of the raw article text. The main timings are
wall-clock on one core (no multiprocessing): parse over all articles, extract over the
parsed ones, and their sum as the combined rate; the best of ``--repeat`` runs is printed,
with the process CPU seconds beside it (less sensitive to other jobs on the machine).
``--workers N`` (N > 1) also times parse+extract spread over N processes, one contiguous
share of the articles each, from an already started pool: the machine has 2 cores and
ingest is embarrassingly parallel per article.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import random
import re
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from handlers.core.article import parse_article  # noqa: E402
from handlers.core.extract import extract  # noqa: E402

_PARA_SPLIT = re.compile(r"\n\s*\n|\n")


def _gum_texts(shared: str | None) -> list[str]:
    base = shared or os.environ.get("BRIEFBOT_SHARED") or str(PROJECT_ROOT.parent / "shared")
    path = Path(base) / "eval" / "gum_news" / "load.py"
    if not path.exists():
        print(f"note: GUM not found at {path.parent}; using seeds only", file=sys.stderr)
        return []
    spec = importlib.util.spec_from_file_location("gum_news_load", path)
    if spec is None or spec.loader is None:
        return []
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return [d["text"] for d in mod.iter_docs(str(mod.ROOT))]


def paragraph_pool(shared: str | None) -> list[str]:
    """All non-empty paragraphs of the seeds and the GUM news documents."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    texts += _gum_texts(shared)
    return [p.strip() for t in texts for p in _PARA_SPLIT.split(t) if p.strip()]


def build_corpus(pool: list[str], words: int, seed: int) -> list[str]:
    """Articles of 6-20 shuffled pool paragraphs until ``words`` words are reached."""
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < words:
        paras = rng.sample(pool, min(len(pool), rng.randint(6, 20)))
        text = "\n\n".join(paras)
        articles.append(text)
        total += len(text.split())
    return articles


def measure(articles: list[str], repeat: int) -> tuple[list[float], int]:
    """Best [parse wall, extract wall, parse cpu, extract cpu] seconds, and the word count."""
    words = sum(len(a.split()) for a in articles)
    best = [float("inf")] * 4
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        parsed = [parse_article(a) for a in articles]
        c1, t1 = time.process_time(), time.perf_counter()
        for p in parsed:
            extract(p)
        c2, t2 = time.process_time(), time.perf_counter()
        for i, v in enumerate((t1 - t0, t2 - t1, c1 - c0, c2 - c1)):
            best[i] = min(best[i], v)
    return best, words


def _work(chunk: list[str]) -> int:
    for a in chunk:
        extract(parse_article(a))
    return len(chunk)


def measure_parallel(articles: list[str], workers: int, repeat: int) -> float:
    """Best wall seconds for parse+extract of all articles over ``workers`` processes."""
    size = -(-len(articles) // workers)
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    best = float("inf")
    with mp.get_context("fork").Pool(workers) as pool:
        pool.map(_work, [c[:20] for c in chunks])   # warm up imports and caches
        for _ in range(repeat):
            t0 = time.perf_counter()
            pool.map(_work, chunks)
            best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", help="the shared/ directory (default: ../shared)")
    ap.add_argument("--workers", type=int, default=1,
                    help="also time parse+extract over this many processes")
    args = ap.parse_args(argv)
    pool = paragraph_pool(args.shared)
    articles = build_corpus(pool, args.words, args.seed)
    (tp, te, cp, ce), words = measure(articles, args.repeat)
    print(f"corpus: {len(articles)} articles, {words:,} words from {len(pool)} paragraphs")
    print(f"{'stage':10} {'wall s':>8} {'words/s':>12} {'cpu s':>8} {'words/cpu-s':>12}")
    for name, secs, cpu in (("parse", tp, cp), ("extract", te, ce),
                            ("combined", tp + te, cp + ce)):
        print(f"{name:10} {secs:8.3f} {words / secs:12,.0f} {cpu:8.3f} {words / cpu:12,.0f}")
    if args.workers > 1:
        wall = measure_parallel(articles, args.workers, args.repeat)
        print(f"combined over {args.workers} processes: {wall:.3f} s wall, "
              f"{words / wall:,.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
