"""The one way briefbot fetches from the web: bounded, conditional and polite.

Every request has a timeout and a size cap (checked against Content-Length before reading
and while reading, so a 50 MB answer costs at most the cap), follows a limited number of
redirects and stops at once on a loop, sends the ETag and Last-Modified it was given
(a 304 costs nothing), and waits between two requests to the same host. Every failure is
a :class:`FetchError` whose message is the reason a user reads in ``briefbot sources``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp
import yarl

from bot.settings import FetchSettings

USER_AGENT = "briefbot/0.1 (news digest bot; honours ETag and Last-Modified)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that failed, phrased as the reason recorded on its source."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200-299, or 304 when not modified
    body: bytes
    content_type: str  # lowercased, without parameters
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def _megabytes(size: float) -> str:
    return f"{size / 1_000_000:.1f} MB"


class Fetcher:
    """Use as ``async with Fetcher(...) as fetcher: await fetcher.get(url)``."""

    def __init__(self, *, timeout: float = 20.0, max_bytes: int = 5_000_000,
                 max_redirects: int = 5, host_delay: float = 1.0,
                 user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.host_delay = host_delay
        self.user_agent = user_agent
        self._clock, self._sleep = clock, sleep
        self._session: aiohttp.ClientSession | None = None
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @classmethod
    def from_settings(cls, settings: FetchSettings) -> Fetcher:
        return cls(timeout=settings.timeout_seconds,
                   max_bytes=int(settings.max_megabytes * 1_000_000),
                   max_redirects=settings.max_redirects,
                   host_delay=settings.host_delay_seconds)

    async def __aenter__(self) -> Fetcher:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            headers={"User-Agent": self.user_agent}, trust_env=False)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, url: str, *, etag: str | None = None,
                  last_modified: str | None = None) -> Fetched:
        """The response to ``url`` after redirects; a 304 when the validators still hold."""
        current = _checked(url)
        seen = {str(current)}
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.max_redirects + 1):
            result = await self._one(current, headers)
            if isinstance(result, Fetched):
                return result
            current = _checked(str(current.join(yarl.URL(result))))
            if str(current) in seen:
                raise FetchError(f"redirect loop at {current}")
            seen.add(str(current))
        raise FetchError(f"more than {self.max_redirects} redirects (last to {current})")

    async def _one(self, url: yarl.URL, headers: dict[str, str]) -> Fetched | str:
        """One request: the response, or the Location it redirects to."""
        if self._session is None:
            raise RuntimeError("use Fetcher as an async context manager")
        host = f"{url.host}:{url.port}"
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            wait = self._last.get(host, -1e9) + self.host_delay - self._clock()
            if wait > 0:
                await self._sleep(wait)
            try:
                return await self._request(url, headers)
            except TimeoutError:
                raise FetchError(f"timed out after {self.timeout:g} s") from None
            except aiohttp.ClientConnectorError as exc:
                reason = exc.os_error.strerror or str(exc.os_error)
                raise FetchError(f"cannot connect to {url.host}: {reason}") from None
            except aiohttp.TooManyRedirects:
                raise FetchError("too many redirects") from None
            except aiohttp.ClientError as exc:
                raise FetchError(f"request failed: {exc or type(exc).__name__}") from None
            finally:
                self._last[host] = self._clock()

    async def _request(self, url: yarl.URL, headers: dict[str, str]) -> Fetched | str:
        assert self._session is not None
        async with self._session.get(url, headers=headers, allow_redirects=False) as response:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                return location
            if response.status == 304:
                return self._fetched(response, b"")
            if not 200 <= response.status < 300:
                raise FetchError(f"HTTP {response.status} {response.reason or ''}".rstrip())
            declared = response.content_length
            if declared is not None and declared > self.max_bytes:
                raise FetchError(f"response too large ({_megabytes(declared)}; the limit is "
                                 f"{_megabytes(self.max_bytes)})")
            body = bytearray()
            async for chunk in response.content.iter_chunked(CHUNK):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"response larger than {_megabytes(self.max_bytes)}, "
                                     "the limit")
            return self._fetched(response, bytes(body))

    @staticmethod
    def _fetched(response: aiohttp.ClientResponse, body: bytes) -> Fetched:
        return Fetched(url=str(response.url), status=response.status, body=body,
                       content_type=(response.content_type or "").lower(),
                       charset=response.charset, etag=response.headers.get("ETag"),
                       last_modified=response.headers.get("Last-Modified"))


def _checked(url: str) -> yarl.URL:
    try:
        parsed = yarl.URL(url)
    except (ValueError, TypeError):
        raise FetchError(f"not a valid URL: {url!r}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"not an http(s) URL: {url!r}")
    return parsed
