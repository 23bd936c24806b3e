"""A small news site on 127.0.0.1 for the source tests: feeds, article pages, and faults.

It serves the RSS and Atom samples in tests/data/feeds (with ``{base}`` replaced by its own
address) honouring ETag and Last-Modified, the article pages beside them, and the bad
inputs a live source meets: a 404, a slow answer, a 50 MB answer (declared, and streamed
without a length), a redirect loop, an endless chain of redirects, a PDF. It runs on a
thread of its own so the CLI (which runs its own event loop) can use it too, and it
records every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

DATA = Path(__file__).resolve().parent / "data" / "feeds"
LAST_MODIFIED = "Tue, 14 May 2024 18:00:00 GMT"
BIG = 50_000_000


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class NewsServer:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.feeds: dict[str, str] = {}  # name -> XML, overriding the files
        self.pages: dict[str, str] = {}  # name -> HTML, overriding the files
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._release: asyncio.Event | None = None
        app = web.Application()
        app.router.add_get("/feeds/{name}", self._feed)
        app.router.add_get("/lm/{name}", self._feed_last_modified)
        app.router.add_get("/articles/{name}", self._page)
        app.router.add_get("/missing", self._missing)
        app.router.add_get("/slow", self._slow)
        app.router.add_get("/big-declared", self._big_declared)
        app.router.add_get("/big-streamed", self._big_streamed)
        app.router.add_get("/loop/{which}", self._loop_redirect)
        app.router.add_get("/hop/{n}", self._hop)
        app.router.add_get("/report.pdf", self._pdf)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def feed_text(self, name: str) -> str:
        text = self.feeds.get(name)
        if text is None:
            text = (DATA / name).read_text(encoding="utf-8")
        return text.replace("{base}", self.base)

    # -- lifecycle ------------------------------------------------------------------

    async def _start(self) -> None:
        self._release = asyncio.Event()
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop(self) -> None:
        assert self._release is not None
        self._release.set()
        await self._runner.cleanup()

    @contextlib.contextmanager
    def running(self) -> Iterator[NewsServer]:
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        self._loop = loop
        asyncio.run_coroutine_threadsafe(self._start(), loop).result(10)
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self._stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    def _log(self, request: web.Request) -> None:
        self.requests.append(Seen(request.path, dict(request.headers), time.monotonic()))

    # -- routes ---------------------------------------------------------------------

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        """A feed with an ETag (from its content) and a Last-Modified; 304 when they hold."""
        self._log(request)
        name = request.match_info["name"]
        if name not in self.feeds and not (DATA / name).is_file():
            raise web.HTTPNotFound()
        text = self.feed_text(name)
        etag = '"' + hashlib.sha1(text.encode()).hexdigest()[:12] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        kind = "application/atom+xml" if "<feed" in text[:400] else "application/rss+xml"
        return web.Response(text=text, content_type=kind,
                            headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})

    async def _feed_last_modified(self, request: web.Request) -> web.StreamResponse:
        """The same feeds with only Last-Modified, no ETag."""
        self._log(request)
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304)
        return web.Response(text=self.feed_text(request.match_info["name"]),
                            content_type="application/rss+xml",
                            headers={"Last-Modified": LAST_MODIFIED})

    async def _page(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        name = request.match_info["name"]
        html = self.pages.get(name)
        if html is None:
            path = DATA / "pages" / name
            if not path.is_file():
                raise web.HTTPNotFound()
            html = path.read_text(encoding="utf-8")
        return web.Response(text=html, content_type="text/html")

    async def _missing(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        raise web.HTTPNotFound()

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        assert self._release is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._release.wait(), 10)
        return web.Response(text="<rss version='2.0'><channel/></rss>")

    async def _big_declared(self, request: web.Request) -> web.StreamResponse:
        """Says it is 50 MB: a client with a cap must not read it."""
        self._log(request)
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        response.content_length = BIG
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            await response.write(b"<rss version='2.0'>" + b" " * 65536)
        return response

    async def _big_streamed(self, request: web.Request) -> web.StreamResponse:
        """50 MB with no length announced (chunked): the cap must stop it while reading."""
        self._log(request)
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"<p>" + b"word " * 200_000 + b"</p>"
        with contextlib.suppress(ConnectionError):
            sent = 0
            while sent < BIG:
                await response.write(chunk)
                sent += len(chunk)
        return response

    async def _loop_redirect(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        other = "b" if request.match_info["which"] == "a" else "a"
        raise web.HTTPFound(f"/loop/{other}")

    async def _hop(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        raise web.HTTPFound(f"/hop/{int(request.match_info['n']) + 1}")

    async def _pdf(self, request: web.Request) -> web.StreamResponse:
        self._log(request)
        return web.Response(body=b"%PDF-1.4\n" + b"0" * 2000, content_type="application/pdf")


def closed_port() -> int:
    """A loopback port nothing listens on."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
