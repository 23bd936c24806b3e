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

Words are whitespace-separated tokens of the raw article text. The timings are wall-clock
on one core (no multiprocessing): parse over all articles, extract over the parsed ones,
and their sum as the combined rate; the best of ``--repeat`` runs is printed.
"""

from __future__ import annotations

import argparse
import importlib.util
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


def measure(articles: list[str], repeat: int) -> tuple[float, float, int]:
    """Best parse and extract seconds over ``repeat`` runs, and the word count."""
    words = sum(len(a.split()) for a in articles)
    best_parse = best_extract = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        parsed = [parse_article(a) for a in articles]
        t1 = time.perf_counter()
        for p in parsed:
            extract(p)
        t2 = time.perf_counter()
        best_parse = min(best_parse, t1 - t0)
        best_extract = min(best_extract, t2 - t1)
    return best_parse, best_extract, words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", help="the shared/ directory (default: ../shared)")
    args = ap.parse_args(argv)
    pool = paragraph_pool(args.shared)
    articles = build_corpus(pool, args.words, args.seed)
    tp, te, words = measure(articles, args.repeat)
    print(f"corpus: {len(articles)} articles, {words:,} words from {len(pool)} paragraphs")
    print(f"{'stage':10} {'seconds':>8} {'words/s':>12}")
    for name, secs in (("parse", tp), ("extract", te), ("combined", tp + te)):
        print(f"{name:10} {secs:8.3f} {words / secs:12,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
