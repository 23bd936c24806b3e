"""Getting articles into the store: sources yield documents, the core analyses them.

Sources are pluggable (files and folders here; feeds and pages plug in the same way): each
yields ``Document``s, or ``Skipped`` with a reason a user can act on. Analysis is a pure
function of the text, so it can move to worker processes without changing anything else.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path

from handlers.core.article import parse_article
from handlers.core.dedupe import band_keys, fingerprint
from handlers.core.extract import extract

from .store import ArticleRecord, Store

TEXT_SUFFIXES = frozenset({".txt", ".md"})
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """Raw text from a source, keyed by where it came from (a path or a URL)."""

    source_key: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        line = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.skipped)} skipped")
        return line + (f" ({self.duplicates} near duplicates marked)" if self.duplicates else "")


Progress = Callable[[int, int], None]


def article_id(source_key: str) -> str:
    return hashlib.sha1(source_key.encode()).hexdigest()[:12]


def analyse(doc: Document) -> ArticleRecord | Skipped:
    """Everything CPU-bound about one document; pure, so it can run in a worker."""
    parsed = parse_article(doc.text, fallback_title=doc.title)
    if not parsed.sentences:
        return Skipped(doc.source_key, "no article text found")
    prints = fingerprint(parsed.body)
    return ArticleRecord(
        id=article_id(doc.source_key), source_key=doc.source_key, path=doc.path, url=doc.url,
        content_hash=doc.content_hash, parsed=parsed,
        extraction=extract(parsed), fingerprint=prints, bands=tuple(band_keys(prints)))


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders into their .txt/.md files (sorted, hidden ones ignored)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in TEXT_SUFFIXES
                                and not any(part.startswith(".")
                                            for part in p.relative_to(path).parts)))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(Skipped(str(given), "no such file or folder"))
    return files, skipped


def read_file(path: Path) -> Document | Skipped:
    """Read one file as UTF-8 text, or say plainly why not."""
    source = str(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return Skipped(source, f"unsupported file type {path.suffix or '(none)'}; "
                               "expected .txt or .md")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(source, f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return Skipped(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data:
        return Skipped(source, "binary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(source, f"not UTF-8 text (byte {exc.start})")
    if not text.strip():
        return Skipped(source, "empty file")
    resolved = str(path.resolve())
    return Document(source_key=resolved, text=text, path=resolved)


def file_documents(files: Iterable[Path]) -> Iterator[Document | Skipped]:
    return (read_file(f) for f in files)


async def ingest(store: Store, documents: Iterable[Document | Skipped], *, total: int = 0,
                 progress: Progress | None = None, workers: int | None = None) -> IngestReport:
    """Store every document not already stored as is; report what happened to each.

    Documents are written in batches, one transaction each, so a crash loses whole
    articles only. From ``POOL_MIN`` documents on (or ``workers`` > 1), analysis runs in
    worker processes, one per core, while the batch before is being written.
    """
    report = IngestReport()
    run = _Run(store, report, progress, total)
    pool: ProcessPoolExecutor | None = None
    in_flight: deque[tuple[list[_Item], list[Future[list[Analysed]]]]] = deque()
    seen = 0
    iterator = iter(documents)
    try:
        while chunk := list(islice(iterator, _batch_size(pool is not None, total))):
            seen += len(chunk)
            items = await run.triage(chunk)
            wanted = [doc for doc, verdict in items if verdict is _ANALYSE]
            if pool is None and wanted and _wants_pool(workers, max(total, seen)):
                pool = ProcessPoolExecutor(_worker_count(workers), initializer=_start_worker,
                                           mp_context=multiprocessing.get_context("spawn"))
            in_flight.append((items, _submit(pool, wanted)))
            while len(in_flight) > (PIPELINE_DEPTH if pool else 0):
                await run.write(*in_flight.popleft())
        while in_flight:
            await run.write(*in_flight.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return report


Analysed = ArticleRecord | Skipped
_Item = tuple[Document | Skipped, str]
_ANALYSE, _UNCHANGED, _SKIPPED = "analyse", "unchanged", "skipped"
WRITE_BATCH = 1024  # articles per write transaction: fewer commits rewrite fewer index pages
SMALL_BATCH = 64  # until workers start: small ingests show progress and hold little
TASK_SIZE = 32  # documents per task sent to a worker process
POOL_MIN = 400  # documents from which analysis moves to worker processes
PIPELINE_DEPTH = 1  # batches analysed while one is written (each holds ~25 MB)


def _start_worker() -> None:
    """In a worker: leave Ctrl-C to the parent, and exit if the parent is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns when the parent process is gone, even after kill -9
    os._exit(1)


def _batch_size(pooled: bool, total: int) -> int:
    """Articles per write: large once workers run, but at least eight batches in a known
    total, so analysis overlaps writing and progress (and a crash) falls between them."""
    if not pooled:
        return SMALL_BATCH
    return max(SMALL_BATCH, min(WRITE_BATCH, total // 8)) if total else WRITE_BATCH


def _worker_count(workers: int | None) -> int:
    return max(1, workers or os.cpu_count() or 1)


def _wants_pool(workers: int | None, documents: int) -> bool:
    if workers is not None:
        return workers > 1
    return documents >= POOL_MIN and _worker_count(None) > 1


def analyse_many(docs: list[Document]) -> list[Analysed]:
    """``analyse`` over a list: one task for a worker process."""
    return [analyse(doc) for doc in docs]


def _submit(pool: ProcessPoolExecutor | None,
            docs: list[Document]) -> list[Future[list[Analysed]]]:
    tasks = [docs[i:i + TASK_SIZE] for i in range(0, len(docs), TASK_SIZE)]
    if pool is not None:
        return [pool.submit(analyse_many, task) for task in tasks]
    done: list[Future[list[Analysed]]] = []
    for task in tasks:  # a small ingest is analysed right here, with no workers to start
        future: Future[list[Analysed]] = Future()
        future.set_result(analyse_many(task))
        done.append(future)
    return done


class _Run:
    """One ingest's bookkeeping: what is already stored, what is on its way, the report."""

    def __init__(self, store: Store, report: IngestReport, progress: Progress | None,
                 total: int) -> None:
        self.store, self.report, self.progress, self.total = store, report, progress, total
        self.pending: dict[str, str] = {}  # source key -> hash, analysed but not yet written
        self.done = 0

    async def triage(self, chunk: list[Document | Skipped]) -> list[_Item]:
        """Which documents need analysis: not skipped, and new or changed."""
        docs = [d for d in chunk if isinstance(d, Document)]
        stored = await self.store.content_hashes([d.source_key for d in docs])
        items: list[_Item] = []
        for item in chunk:
            if isinstance(item, Skipped):
                items.append((item, _SKIPPED))
                continue
            known = self.pending.get(item.source_key, stored.get(item.source_key))
            if known == item.content_hash:
                items.append((item, _UNCHANGED))
                continue
            self.pending[item.source_key] = item.content_hash
            items.append((item, _ANALYSE))
        return items

    async def write(self, items: list[_Item], futures: list[Future[list[Analysed]]]) -> None:
        results: list[Analysed] = []
        for future in futures:
            results += await asyncio.wrap_future(future)
        records = [r for r in results if isinstance(r, ArticleRecord)]
        outcomes = iter(await self.store.save_articles(records))
        analysed = iter(results)
        report = self.report
        for item, verdict in items:
            if isinstance(item, Skipped):
                report.skipped.append(item)
            elif verdict is _UNCHANGED:
                report.unchanged += 1
            else:
                result = next(analysed)
                if self.pending.get(item.source_key) == item.content_hash:
                    del self.pending[item.source_key]
                if isinstance(result, Skipped):
                    report.skipped.append(result)
                else:
                    outcome = next(outcomes)
                    report.updated += outcome.replaced
                    report.added += not outcome.replaced
                    report.duplicates += outcome.duplicate_of is not None
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total)


async def ingest_paths(store: Store, paths: Iterable[str | Path], *,
                       progress: Progress | None = None) -> IngestReport:
    files, missing = find_files(paths)
    report = await ingest(store, file_documents(files), total=len(files), progress=progress)
    report.skipped[:0] = missing
    return report
