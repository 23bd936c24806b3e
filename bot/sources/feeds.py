"""RSS and Atom feeds, read with feedparser.

A feed that is not well-formed XML is refused whole rather than read leniently: the
lenient reading of a broken feed can cut items short, and a cut item must never be stored
as if it were the article. Each item keeps the feed's own title, date, link and outlet
(the feed's title), and a stamp that changes when the item is updated.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from dataclasses import dataclass

FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf")


class FeedError(ValueError):
    """Why a body is not a usable feed."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's guid or id, else its link
    link: str | None
    title: str | None
    date: str | None  # YYYY-MM-DD, from the item's published (else updated) time
    stamp: str  # changes when the item is updated
    content: str | None  # the item's full text when the feed carries it, as plain text


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]


def looks_like_feed(body: bytes) -> bool:
    """Whether a body is RSS or Atom, from its opening (content types are unreliable)."""
    head = body[:4096].lower()
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"<!doctype html", b"<html")):
        return False
    return any(tag in head for tag in FEED_TAGS)


def parse_feed(body: bytes, *, url: str | None = None) -> Feed:
    from xml.sax import SAXException

    import feedparser  # loaded only when a feed is read

    headers = {"content-location": url} if url else {}
    # a stream, never the bytes themselves: feedparser opens a str or bytes as a path or URL
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True,
                              resolve_relative_uris=True)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXException):
        raise FeedError(f"invalid feed XML: {_reason(problem)}")
    if not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed")
    feed = parsed.feed
    title = _clean(feed.get("title"))
    items = tuple(item for entry in parsed.entries if (item := _item(entry)) is not None)
    return Feed(title=title, link=feed.get("link"), items=items)


def _reason(problem: Exception) -> str:
    message = getattr(problem, "getMessage", lambda: str(problem))()
    line = getattr(problem, "getLineNumber", lambda: None)()
    return f"{message} (line {line})" if line else str(message)


def _item(entry: dict) -> FeedItem | None:
    link = entry.get("link") or None
    if link and not re.match(r"^https?://", link):
        link = None
    key = entry.get("id") or entry.get("link")
    title = _clean(entry.get("title"))
    if not key:
        if not title:
            return None
        key = "title:" + title
    content = None
    for part in entry.get("content") or []:
        if "html" in (part.get("type") or "") or part.get("value"):
            content = fragment_text(part.get("value") or "")
            break
    summary = entry.get("summary") or ""
    # plain dict reads: feedparser maps a missing "updated" to "published", with a warning
    moment = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    date = time.strftime("%Y-%m-%d", moment) if moment else None
    changed = dict.get(entry, "updated") or dict.get(entry, "published") or ""
    marker = "\x1f".join([changed, title or "", link or "", content or "", summary])
    stamp = hashlib.sha256(marker.encode()).hexdigest()[:16]
    return FeedItem(key=str(key), link=link, title=title, date=date, stamp=stamp,
                    content=content or None)


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "table", "tr", "section", "article", "figure")


def fragment_text(html: str) -> str:
    """An HTML fragment (a feed item's content) as text, one paragraph per line."""
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    for junk in root.xpath(".//script|.//style|.//figcaption"):
        junk.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
