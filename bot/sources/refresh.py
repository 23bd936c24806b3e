"""Refreshing sources into the store, and the status each one keeps.

One source's failure never touches another's: each runs on its own and ends in a
:class:`SourceReport` (what was added, or why it failed), which is also recorded on the
source (last success, last error, articles added). Articles are written one at a time,
each in one transaction, so a failure mid-feed never leaves a partial article; a feed's
ETag and Last-Modified are kept only once every item of it has been processed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bot.ingest import Document, IngestReport, Skipped, analyse, ingest
from bot.settings import Settings, SourceSettings
from bot.store import Store

from .feeds import Feed, FeedError, FeedItem, looks_like_feed, parse_feed
from .fetch import Fetched, Fetcher, FetchError
from .folders import FolderError, folder_documents
from .pages import PageError, extract_page, is_html
from .status import SourceStatus

Clock = Callable[[], datetime]
log = logging.getLogger("briefbot.sources")


class SourceError(Exception):
    """Why a whole source could not be read this time."""


@dataclass(frozen=True)
class Article:
    """A document with the metadata its source vouches for (a feed's title, date, outlet)."""

    document: Document
    title: str | None = None
    outlet: str | None = None
    date: str | None = None


@dataclass
class SourceReport:
    key: str
    kind: str
    name: str
    location: str
    ingest: IngestReport = field(default_factory=IngestReport)
    error: str | None = None
    not_modified: bool = False

    @property
    def added(self) -> int:
        return self.ingest.added + self.ingest.updated

    @property
    def problem(self) -> str | None:
        """What went wrong, for the source's status: the source itself, or its items."""
        if self.error:
            return self.error
        skipped = self.ingest.skipped
        if not skipped:
            return None
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        return f"skipped {skipped[0].source}: {skipped[0].reason}{more}"

    def line(self) -> str:
        if self.error:
            return f"{self.name}: error: {self.error}"
        if self.not_modified:
            return f"{self.name}: not modified since the last refresh"
        return f"{self.name}: {self.ingest.summary()}"


def _markup(fetched: Fetched) -> str | bytes:
    """Text when the server named its charset; else bytes, for the page's own meta tag."""
    return fetched.text() if fetched.charset else fetched.body


def now_utc() -> datetime:
    return datetime.now(UTC)


def source_key(kind: str, location: str) -> str:
    return f"{kind}:{location}"


def configured_status(settings: Settings) -> list[SourceStatus]:
    """The configured sources as statuses with nothing known yet."""
    return [SourceStatus(key=source_key(s.type, _location(s, settings)), kind=s.type,
                         name=s.name, location=_location(s, settings))
            for s in settings.sources]


def _location(source: SourceSettings, settings: Settings) -> str:
    return source.url or str(settings.resolve(source.path or ""))


async def store_article(store: Store, article: Article, report: IngestReport) -> bool:
    """Store one article (or leave it if unchanged), keeping its source's metadata."""
    doc = article.document
    if await store.content_hash(doc.source_key) == doc.content_hash:
        report.unchanged += 1
        return True
    record = analyse(doc)
    if isinstance(record, Skipped):
        report.skipped.append(record)
        return False
    parsed = replace(record.parsed, title=article.title or record.parsed.title,
                     outlet=article.outlet or record.parsed.outlet,
                     date=article.date or record.parsed.date)
    outcome = await store.save_article(replace(record, parsed=parsed))
    if outcome.replaced:
        report.updated += 1
    else:
        report.added += 1
    report.duplicates += outcome.duplicate_of is not None
    return True


class Refresher:
    """Reads sources into one store; ``lock`` serialises its writes with other writers."""

    def __init__(self, store: Store, settings: Settings, *, clock: Clock = now_utc,
                 lock: asyncio.Lock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.lock = lock or asyncio.Lock()

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    def fetcher(self) -> Fetcher:
        return Fetcher.from_settings(self.settings.fetch)

    async def refresh(self, sources: Sequence[SourceSettings] | None = None
                      ) -> list[SourceReport]:
        """Refresh every configured source (or those given), one after another."""
        chosen = self.settings.sources if sources is None else sources
        reports = []
        async with self.fetcher() as fetcher:
            for source in chosen:
                location = _location(source, self.settings)
                report = SourceReport(source_key(source.type, location), source.type,
                                      source.name, location)
                await self._run(report, self._read(fetcher, source, report))
                reports.append(report)
        return reports

    async def ingest_url(self, url: str) -> SourceReport:
        """A feed or a page given directly: which one is told by its content."""
        name = urlsplit(url).hostname or url
        async with self.fetcher() as fetcher:
            report = SourceReport(source_key("page", url), "page", name, url)
            try:
                fetched = await fetcher.get(url)
            except FetchError as exc:
                report.error = str(exc)
                await self._record(report)
                return report
            if looks_like_feed(fetched.body):
                report.kind, report.key = "feed", source_key("feed", url)
                await self._run(report, self._feed_body(fetcher, report, fetched.body,
                                                        fetched.url))
            else:
                await self._run(report, self._page_body(report, fetched, url))
        return report

    async def _run(self, report: SourceReport, work: Awaitable[None]) -> None:
        try:
            await work
        except (SourceError, FetchError, FeedError, PageError, FolderError) as exc:
            report.error = str(exc)
        except Exception as exc:  # a bug or a library's surprise: this source only
            log.exception("refreshing %s failed", report.name)
            report.error = f"unexpected error: {type(exc).__name__}: {exc}"
        await self._record(report)

    async def _record(self, report: SourceReport) -> None:
        async with self.lock:
            await self.store.record_source(
                report.key, kind=report.kind, name=report.name, location=report.location,
                when=self._now(), ok=report.error is None, error=report.problem,
                added=report.added)

    async def _read(self, fetcher: Fetcher, source: SourceSettings,
                    report: SourceReport) -> None:
        if source.type == "folder":
            docs = folder_documents(Path(report.location))
            async with self.lock:
                result = await ingest(self.store, docs, total=len(docs))
            report.ingest = result
            return
        if source.path is not None:  # a feed or page saved on disk
            body = self._read_file(Path(report.location))
            if source.type == "feed":
                await self._feed_body(fetcher, report, body, None)
            else:
                page = Fetched(report.location, 200, body, "text/html", None, None, None)
                await self._page_body(report, page, None)
            return
        url = report.location
        etag, modified = await self.store.http_validators(url)
        fetched = await fetcher.get(url, etag=etag, last_modified=modified)
        if fetched.not_modified:
            report.not_modified = True
            return
        if source.type == "feed":
            await self._feed_body(fetcher, report, fetched.body, fetched.url)
        else:
            await self._page_body(report, fetched, url)
        async with self.lock:
            await self.store.save_http_validators(url, fetched.etag, fetched.last_modified)

    def _read_file(self, path: Path) -> bytes:
        limit = int(self.settings.fetch.max_megabytes * 1_000_000)
        try:
            size = path.stat().st_size
            if size > limit:
                raise SourceError(f"file larger than {limit / 1_000_000:.1f} MB, the limit")
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None

    # -- pages -----------------------------------------------------------------------

    async def _page_body(self, report: SourceReport, fetched: Fetched, url: str | None) -> None:
        if not is_html(fetched.content_type):
            raise PageError(f"not a web page (content type {fetched.content_type or 'none'})")
        page = await asyncio.to_thread(extract_page, _markup(fetched), url=fetched.url)
        key = url or report.location
        doc = Document(source_key=key, text=page.text, url=url, title=page.title)
        article = Article(doc, title=page.title, outlet=page.outlet, date=page.date)
        async with self.lock:
            stored = await store_article(self.store, article, report.ingest)
        if not stored:
            raise PageError(report.ingest.skipped.pop().reason)

    # -- feeds -----------------------------------------------------------------------

    async def _feed_body(self, fetcher: Fetcher, report: SourceReport, body: bytes,
                         url: str | None) -> None:
        if not looks_like_feed(body):
            start = body[:512].lower()
            if b"<html" in start or b"<!doctype html" in start:
                raise FeedError("a web page, not an RSS or Atom feed")
        feed = await asyncio.to_thread(parse_feed, body, url=url)
        seen = await self.store.feed_item_stamps(report.key)
        for item in feed.items:
            if seen.get(item.key) == item.stamp:
                report.ingest.unchanged += 1
                continue
            article = await self._feed_article(fetcher, report, feed, item)
            if isinstance(article, Skipped):
                report.ingest.skipped.append(article)
                continue
            async with self.lock:
                if await store_article(self.store, article, report.ingest):
                    await self.store.mark_feed_item(report.key, item.key, item.stamp,
                                                    article.document.source_key, self._now())

    async def _feed_article(self, fetcher: Fetcher, report: SourceReport, feed: Feed,
                            item: FeedItem) -> Article | Skipped:
        """The item's article page, extracted; the feed's own text if the page fails."""
        where = item.link or item.key
        text, page_title, page_outlet, page_date, problem = None, None, None, None, None
        if item.link:
            try:
                fetched = await fetcher.get(item.link)
                if not is_html(fetched.content_type):
                    raise PageError(f"not a web page (content type "
                                    f"{fetched.content_type or 'none'})")
                page = await asyncio.to_thread(extract_page, _markup(fetched), url=fetched.url)
                text, page_title, page_outlet, page_date = (page.text, page.title,
                                                            page.outlet, page.date)
            except (FetchError, PageError) as exc:
                problem = str(exc)
        if text is None and item.content and len(item.content.split()) >= 30:
            text = item.content
        if text is None:
            return Skipped(where, problem or "no article link and no text in the feed")
        key = item.link or f"{report.key}#{item.key}"
        doc = Document(source_key=key, text=text, url=item.link,
                       title=item.title or page_title)
        return Article(doc, title=item.title or page_title,
                       outlet=feed.title or page_outlet, date=item.date or page_date)
