"""Scale benchmark: ingest and answer at 10k, 100k (and, with ``--full``, 1M) articles.

Run: ``python -m bench.scale [--sizes 10000,100000] [--full] [--rounds R] [--dir DIR]``.

The corpus comes from ``bench.corpus.generate_articles``: every article is a run of
consecutive sentences of one real source document (the five seeds and the 24 GUM Wikinews
documents), regrouped into paragraphs, with one or two paragraphs spliced in from other
documents, a fresh date (2015-2024) and a fresh outlet. So people, quotes and topics keep
the frequencies real news gives them, and popular names and terms get more hits as the
corpus grows, as in a real archive. Nothing is written to disk but the database.

Each size runs in a fresh process (so peak memory is per size) and measures:

- ingest: ``bot.ingest.ingest`` over the generated documents into a new database, with
  analysis in worker processes on every core; articles/s and words/s (whitespace words of
  the raw text), wall clock, generation included (about 2 % of it);
- the database size after the ingest, and the peak RSS of the ingesting process and of
  its largest worker (``getrusage``);
- cold start: ``python -m bot.cli --db DB ask "who Blinken"`` in a new process, the median
  of three (the OS page cache is warm: it measures briefbot, not the disk);
- warm latency: p50 and p99, in process on an open store, of ``who``, ``quotes``,
  ``summary``, ``search``, name and topic autocomplete over a fixed mix of queries
  (frequent, rare and ambiguous names, surnames, typos and misses), each ``--rounds``
  times (fewer, never under one, once a command has used 10 s: the sample count is
  printed), after one warming call per command (which builds the cached name index and
  vocabulary);
- a naive baseline measured in the same process: a full ``LIKE '%term%'`` scan of the
  sentences for a few terms (median), the cost of answering without any index. Each
  latency is also printed as a fraction of it, which stays comparable across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.corpus import generate_articles  # noqa: E402
from bot.ingest import Document, analyse, ingest  # noqa: E402
from bot.store import Store  # noqa: E402
from handlers import quotes, search, summary, who  # noqa: E402
from handlers.core.topics import TopicIndex  # noqa: E402

DEFAULT_SIZES = (10_000, 100_000)
FULL_SIZE = 1_000_000
SEED = 1

# The fixed query mix, the same at every size (the corpus draws on the same documents).
WHO = ("Lloyd Austin", "Austin", "Blinken", "Antony Blinken", "Blinked", "Jaishankar",
       "Singh", "Narendra Modi", "Trump", "Zuckerberg", "Harry Kane", "Kim Jong-un",
       "Colette Heald", "Lydia Buchtmann", "Tedeschy", "Jon Snowe", "Xqzt Vrilm")
QUOTES = ("Blinken", "Lloyd Austin", "Jaishankar", "Singh", "Modi", "John Key",
          "Mark Tedeschi", "Suella Braverman", "Blinkin", "Jon Snowe")
TOPICS = ("2+2", "two-plus-two", "defence", "India US ministerial dialogue",
          "Greek court worship", "Firefox market share", "asylum questionnaire",
          "Scientology", "World Cup", "Hong Kong election", "Khalistan", "critical minerals",
          "defense ministr", "zebra quantum", "Indo-Pacific")
PREFIXES = ("", "A", "Bl", "Aus", "Lloyd", "Jai", "Sin", "Zuck", "Kim J", "Blnk", "Xq",
            "mark t")
TOPIC_PREFIXES = ("", "d", "def", "2+", "minis", "asyl", "greek co", "firefx", "zzq",
                  "india us dia")
NAIVE_TERMS = ("Blinken", "defence", "zebra")
CLI_PROBE = ("ask", "who Blinken")
COMMAND_BUDGET = 10.0  # seconds of timing per command and size, then no further rounds


# -- one size, in its own process ---------------------------------------------------------

def _documents(n: int, seed: int, counter: dict[str, int]) -> Iterator[Document]:
    for name, text in generate_articles(n, seed):
        counter["words"] += len(text.split())
        yield Document(source_key=f"bench://{name}", text=text, path=None, title=None)


def _analysis_rate(seed: int, count: int = 300) -> float:
    """Articles per second of ``analyse`` alone on one core: the ceiling of one worker."""
    docs = [Document(source_key=name, text=text) for name, text in generate_articles(count,
                                                                                      seed + 1)]
    start = time.perf_counter()
    for doc in docs:
        analyse(doc)
    return count / (time.perf_counter() - start)


def _progress(start: float) -> Callable[[int, int], None]:
    """Ingest progress on stderr at every tenth, with the rate so far."""
    shown = [0]

    def report(done: int, total: int) -> None:
        if total and done * 10 // total > shown[0]:
            shown[0] = done * 10 // total
            rate = done / (time.perf_counter() - start)
            print(f"  ingested {done:,} of {total:,} ({rate:,.0f} articles/s)",
                  file=sys.stderr, flush=True)
    return report


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cold_start(db: Path) -> list[float]:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db), *CLI_PROBE],
                       cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return times


def _cli_imports_discord() -> bool:
    probe = "import sys, bot.cli; print('discord' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, text=True,
                         capture_output=True, check=False).stdout
    return out.strip() == "True"


async def _timed(calls: list[Callable[[], Awaitable[Any]]], rounds: int,
                 budget: float = float("inf")) -> list[float]:
    """Seconds per call, ``rounds`` times over; whole rounds only, stopping early (after
    the first) once ``budget`` seconds are spent, so a slow command cannot stall the run."""
    samples: list[float] = []
    for _ in range(rounds):
        for call in calls:
            start = time.perf_counter()
            await call()
            samples.append(time.perf_counter() - start)
        if sum(samples) > budget:
            break
    return samples


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]  # noqa: E731
    return {"p50": pick(0.50) * 1000, "p99": pick(0.99) * 1000, "max": ordered[-1] * 1000,
            "n": len(ordered)}


def _naive_scan(db: Path) -> float:
    """Median seconds of a full LIKE scan of every sentence: answering with no index."""
    times = []
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        for term in NAIVE_TERMS:
            start = time.perf_counter()
            conn.execute("SELECT count(*) FROM sentences WHERE text LIKE ?",
                         (f"%{term}%",)).fetchall()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


async def _latencies(store: Store, rounds: int) -> dict[str, dict[str, float]]:
    topics: list[Any] = []  # built once per vocabulary, as the Discord bot does

    async def complete(prefix: str) -> tuple[str, ...]:
        return (await store.name_index()).complete(prefix)

    async def complete_topic(prefix: str) -> list[str]:  # as bot.discord.client does
        vocabulary = await store.vocabulary()
        if not topics or topics[0] is not vocabulary:
            topics[:] = [vocabulary, TopicIndex(vocabulary)]
        head, terms = topics[1].candidates(prefix)
        spelled = await store.spelled(terms)
        return [head + spelled[t] for t in terms]

    mix: dict[str, list[Callable[[], Awaitable[Any]]]] = {
        "who": [lambda q=q: who.handle(store, q) for q in WHO],
        "quotes": [lambda q=q: quotes.handle(store, q) for q in QUOTES],
        "summary": [lambda q=q: summary.handle(store, q) for q in TOPICS],
        "search": [lambda q=q: search.handle(store, q) for q in TOPICS],
        "autocomplete": [lambda q=q: complete(q) for q in PREFIXES],
        "topic autocomplete": [lambda q=q: complete_topic(q) for q in TOPIC_PREFIXES],
    }
    for calls in mix.values():  # warm: the cached name index and vocabulary are built
        await calls[0]()
    return {name: _percentiles(await _timed(calls, rounds, COMMAND_BUDGET))
            for name, calls in mix.items()}


async def measure(n: int, db: Path, seed: int, rounds: int) -> dict[str, Any]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    result: dict[str, Any] = {"size": n, "analysis_per_core": _analysis_rate(seed)}
    counter = {"words": 0}
    store = await Store.open(db)
    try:
        start = time.perf_counter()
        report = await ingest(store, _documents(n, seed, counter), total=n,
                              progress=_progress(start))
        seconds = time.perf_counter() - start
    finally:
        await store.close()
    result.update(ingest_seconds=seconds, articles=report.stored, words=counter["words"],
                  duplicates=report.duplicates, skipped=len(report.skipped),
                  rss_ingest=_peak_mib(resource.RUSAGE_SELF),
                  rss_worker=_peak_mib(resource.RUSAGE_CHILDREN),
                  db_mib=db.stat().st_size / 2**20)
    result["cold_start"] = _cold_start(db)
    result["cli_imports_discord"] = _cli_imports_discord()
    first = time.perf_counter()
    store = await Store.open(db)
    try:
        await who.handle(store, "Blinken")
        result["first_answer_in_process"] = time.perf_counter() - first
        result["latency"] = await _latencies(store, rounds)
    finally:
        await store.close()
    result["naive_scan"] = _naive_scan(db)
    result["rss_peak"] = _peak_mib(resource.RUSAGE_SELF)
    return result


# -- the driver -------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text()
                       .splitlines() if line.startswith("MemTotal")))
        memory = f"{kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "RAM unknown"
    return (f"{os.cpu_count()} cores ({cpu}), {memory}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")


def table(results: list[dict[str, Any]]) -> str:
    lines = ["Ingest", "| articles | articles/s | words/s | vs 1-core analysis | database "
             "| peak RSS ingest / worker / queries | CLI first answer (median of 3) "
             "| first answer in process |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rate = r["articles"] / r["ingest_seconds"]
        lines.append(
            f"| {r['size']:,} | {rate:,.0f} | {r['words'] / r['ingest_seconds']:,.0f} "
            f"| {rate / r['analysis_per_core']:.2f}x | {r['db_mib']:,.0f} MiB "
            f"| {r['rss_ingest']:.0f} / {r['rss_worker']:.0f} / {r['rss_peak']:.0f} MiB "
            f"| {statistics.median(r['cold_start']):.2f} s "
            f"| {r['first_answer_in_process']:.2f} s |")
    lines += ["", "Warm latency in process, ms: p50 / p99 (p99 as a fraction of one naive "
                  "LIKE scan of all sentences)",
              "| articles | who | quotes | summary | search | name autocomplete "
              "| topic autocomplete | naive LIKE scan |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        naive = r["naive_scan"] * 1000
        cells = [f"{v['p50']:.1f} / {v['p99']:.1f} ({v['p99'] / naive:.1%}, n={v['n']})"
                 for v in r["latency"].values()]
        lines.append(f"| {r['size']:,} | {' | '.join(cells)} | {naive:,.0f} ms |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default 10000,100000)")
    parser.add_argument("--full", action="store_true", help="also run 1,000,000 articles")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is timed")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--dir", type=Path, help="where the databases go (kept); default a "
                                                 "temporary folder, removed afterwards")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(asyncio.run(measure(args.one, args.db, args.seed, args.rounds))))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.full and FULL_SIZE not in sizes:
        sizes.append(FULL_SIZE)
    with tempfile.TemporaryDirectory(prefix="briefbot-scale-") as scratch:
        folder = args.dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for n in sizes:
            print(f"{n:,} articles …", file=sys.stderr, flush=True)
            done = subprocess.run(
                [sys.executable, "-m", "bench.scale", "--one", str(n), "--seed",
                 str(args.seed), "--rounds", str(args.rounds), "--db",
                 str(folder / f"scale-{n}.db")], cwd=PROJECT_ROOT, text=True,
                stdout=subprocess.PIPE, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"Machine: {machine()}")
    print(f"Corpus: bench.corpus.generate_articles(n, seed={args.seed})")
    if any(r["cli_imports_discord"] for r in results):
        print("WARNING: the CLI path imports discord.py")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
