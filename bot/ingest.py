"""Getting articles into the store: sources yield documents, the core analyses them.

Sources are pluggable (files and folders here; feeds and pages plug in the same way): each
yields ``Document``s, or ``Skipped`` with a reason a user can act on. Analysis is a pure
function of the text, so it can move to worker processes without changing anything else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
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
                 progress: Progress | None = None) -> IngestReport:
    """Store every document not already stored as is; report what happened to each."""
    report = IngestReport()
    for done, item in enumerate(documents, start=1):
        await _ingest_one(store, item, report)
        if progress:
            progress(done, total)
    return report


async def _ingest_one(store: Store, item: Document | Skipped, report: IngestReport) -> None:
    if isinstance(item, Skipped):
        report.skipped.append(item)
        return
    known = await store.content_hash(item.source_key)
    if known == item.content_hash:
        report.unchanged += 1
        return
    record = analyse(item)
    if isinstance(record, Skipped):
        report.skipped.append(record)
        return
    outcome = await store.save_article(record)
    if outcome.replaced:
        report.updated += 1
    else:
        report.added += 1
    report.duplicates += outcome.duplicate_of is not None


async def ingest_paths(store: Store, paths: Iterable[str | Path], *,
                       progress: Progress | None = None) -> IngestReport:
    files, missing = find_files(paths)
    report = await ingest(store, file_documents(files), total=len(files), progress=progress)
    report.skipped[:0] = missing
    return report
