"""p50/p99 latency of ``summary`` and ``search`` at 10k and 100k articles (in process, warm).

Run: ``python -m bench.search_latency [--sizes 10000 100000] [--seed 1] [--repeat 200]
[--cache DIR]``.

The corpus comes from :func:`bench.corpus.generate_articles` (real seed and GUM sentences
recombined, fresh dates and outlets) and is ingested through the real pipeline
(``bot.ingest.analyse`` in worker processes, then ``Store.save_article``), so the database
holds exactly what a user's would: FTS5 index, people, quotes, duplicate marks. Built
databases are kept in ``--cache`` (default ``$TMPDIR/briefbot-bench``) and reused.

Timing: each handler is called as the CLI and the bot call it (``summary.handle``,
``search.handle`` on an open store), after one warm-up pass over every query so caches
(name index, vocabulary, SQLite pages) are hot. Each query in ``QUERIES`` is timed
``--repeat`` times in rotation; p50 and p99 are over all calls, in wall-clock time and in
CPU time of the process (all threads, so SQLite's work counts): on a shared machine the
CPU columns show the cost of an answer when other jobs inflate the wall clock. Queries
mix common topics (thousands of matching sentences at 100k), rare ones, a typo that needs
the fuzzy path, hostile text and a topic with no match.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.corpus import generate_articles  # noqa: E402
from bot.ingest import Document, Skipped, analyse  # noqa: E402
from bot.store import ArticleRecord, Store  # noqa: E402
from handlers import search, summary  # noqa: E402

QUERIES = (
    "2+2", "two plus two", "Quad", "Canada", "Israel Hamas", "Nijjar", "Jaishankr",
    "critical minerals", "Indo-Pacific", "Blinken", "defence cooperation", "asylum",
    "robotics competition", "hajj stampede", "India", "minister", 'NEAR("x y")',
    "volcanic eruption iceland",
)


def _analyse(item: tuple[str, str]) -> ArticleRecord | Skipped:
    name, text = item
    return analyse(Document(source_key=f"bench://{name}", text=text, path=name))


async def build(path: Path, n: int, seed: int) -> Store:
    """Open the cached corpus database of ``n`` articles, building it if needed."""
    store = await Store.open(path)
    have = await store.article_count()
    if have >= n:
        return store
    articles: Iterator[tuple[str, str]] = generate_articles(n, seed)
    for _ in range(have):
        next(articles)
    started = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for done, record in enumerate(pool.map(_analyse, articles, chunksize=64), have + 1):
            if not isinstance(record, Skipped):
                await store.save_article(record)
            if done % 5000 == 0:
                rate = (done - have) / (time.perf_counter() - started)
                print(f"  built {done}/{n} ({rate:.0f} articles/s)", file=sys.stderr)
    return store


async def _time(call, queries: tuple[str, ...], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call (CPU counts every thread of the process,
    SQLite's included, and is what a busy shared machine cannot inflate)."""
    for query in queries:  # warm-up
        await call(query)
    wall, cpu = [], []
    for _ in range(repeat):
        for query in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            await call(query)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(sizes: list[int], seed: int, repeat: int, cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.processor() or '?'}"
          f"; Python {platform.python_version()}; {platform.system()} {platform.release()}")
    print(f"{'articles':>9} {'command':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'cpu p50':>8} {'cpu p99':>8}")
    for n in sizes:
        store = await build(cache / f"latency-{n}-{seed}.db", n, seed)
        try:
            articles = await store.article_count()
            calls = {"summary": partial(summary.handle, store),
                     "search": partial(search.handle, store)}
            for name, call in calls.items():
                wall, cpu = await _time(call, QUERIES, repeat)
                print(f"{articles:>9} {name:>8} {statistics.median(wall):>8.2f} "
                      f"{_pct(wall, 0.99):>8.2f} {max(wall):>8.2f} "
                      f"{statistics.median(cpu):>8.2f} {_pct(cpu, 0.99):>8.2f}")
        finally:
            await store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "briefbot-bench")
    args = parser.parse_args(argv)
    asyncio.run(run(args.sizes, args.seed, args.repeat, args.cache))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
