"""Live sources: RSS and Atom feeds, pages and folders, over a news site on 127.0.0.1.

Every bad input a live source meets ends as a reason recorded on that source, with no
partial article stored and the other sources unaffected.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Result
from news_server import DATA, NewsServer, closed_port

from bot.ingest import Document
from bot.settings import ConfigError, Settings, parse_settings
from bot.sources.feeds import FeedError, fragment_text, looks_like_feed, parse_feed
from bot.sources.fetch import Fetcher, FetchError
from bot.sources.pages import PageError, extract_page
from bot.sources.refresh import Refresher, SourceReport
from bot.store import Store

pytestmark = pytest.mark.timeout(30)
Cli = Callable[..., Result]


@pytest.fixture
def news() -> Iterator[NewsServer]:
    with NewsServer().running() as server:
        yield server


def configure(tmp_path: Path, *sources: dict[str, Any], **fetch: Any) -> Settings:
    limits = {"timeout_seconds": 2, "host_delay_seconds": 0, **fetch}
    return parse_settings({"sources": list(sources), "fetch": limits}, "test.yaml", tmp_path)


async def refresh(store: Store, settings: Settings) -> dict[str, SourceReport]:
    return {r.name: r for r in await Refresher(store, settings).refresh()}


async def titles(store: Store) -> dict[str, dict[str, Any]]:
    return {a["title"]: a async for a in store.export_articles()}


# -- feeds ------------------------------------------------------------------------------


async def test_rss_and_atom_feeds_bring_in_their_articles_with_the_feeds_metadata(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/feeds/rss.xml")},
                         {"type": "feed", "url": news.url("/feeds/atom.xml"), "name": "Herald"})
    reports = await refresh(store, settings)
    assert reports[news.url("/feeds/rss.xml")].ingest.added == 2
    assert reports["Herald"].ingest.added == 2
    found = await titles(store)
    strike = found["Dock workers end nine-day strike after pay deal"]
    assert strike["outlet"] == "Harbour Times" and strike["date"] == "2024-05-14"
    assert strike["url"] == news.url("/articles/strike-harbour.html")
    tram = found["Council approves new tram line to the airport"]
    assert tram["date"] == "2024-05-13"  # the feed's date, not the day it was read
    assert found["Port strike over as unions accept seven percent offer"]["outlet"] == (
        "Coastal Herald")


async def test_the_article_text_is_extracted_from_the_page_without_furniture(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    await refresh(store, configure(tmp_path, {"type": "feed",
                                              "url": news.url("/feeds/rss.xml")}))
    hits = await store.search("okafor", 20)
    text = " ".join(h.text for h in hits)
    assert "stand together" in text
    everything = " ".join(h.text for h in await store.search("harbour OR rights OR read", 50))
    assert "All rights reserved" not in everything and "Most read" not in everything


async def test_a_page_without_text_falls_back_to_the_full_text_in_the_feed(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    # heat.html is a paywall stub; the Atom entry carries the whole article
    await refresh(store, configure(tmp_path, {"type": "feed",
                                              "url": news.url("/feeds/atom.xml")}))
    heat = (await titles(store))["Heat warning issued for the weekend"]
    assert heat["url"] == news.url("/articles/heat.html") and heat["words"] > 60


async def test_a_feed_item_seen_before_is_not_fetched_or_stored_again(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/feeds/rss.xml")})
    await refresh(store, settings)
    news.feeds["rss.xml"] = news.feed_text("rss.xml").replace(
        "News from the port city", "All the news from the port city")  # a new ETag
    report = next(iter((await refresh(store, settings)).values()))
    assert (report.ingest.added, report.ingest.updated, report.ingest.unchanged) == (0, 0, 2)
    assert len(news.hits("/articles/strike-harbour.html")) == 1
    assert await store.article_count() == 2


async def test_an_updated_feed_item_replaces_its_old_text(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/feeds/rss.xml")})
    await refresh(store, settings)
    page = (DATA / "pages" / "strike-harbour.html").read_text(encoding="utf-8")
    news.pages["strike-harbour.html"] = page.replace("within a fortnight", "within ten days")
    news.feeds["rss.xml"] = news.feed_text("rss.xml").replace(
        "Tue, 14 May 2024 17:05:00 +0100", "Tue, 14 May 2024 19:45:00 +0100")
    report = next(iter((await refresh(store, settings)).values()))
    assert (report.ingest.added, report.ingest.updated, report.ingest.unchanged) == (0, 1, 1)
    assert await store.article_count() == 2
    said = " ".join(h.text for h in await store.search("backlog", 10))
    assert "within ten days" in said and "fortnight" not in said


async def test_etag_is_sent_back_and_a_304_costs_nothing(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/feeds/atom.xml")})
    await refresh(store, settings)
    report = next(iter((await refresh(store, settings)).values()))
    first, second = news.hits("/feeds/atom.xml")
    assert "If-None-Match" not in first.headers
    assert second.headers["If-None-Match"].startswith('"')
    assert report.not_modified and report.error is None
    assert len(news.hits("/articles/strike-herald.html")) == 1
    status = (await store.source_statuses())[0]
    assert status.last_success and status.total_added == 2 and status.last_added == 0


async def test_last_modified_is_sent_back_when_there_is_no_etag(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/lm/rss.xml")})
    await refresh(store, settings)
    report = next(iter((await refresh(store, settings)).values()))
    assert news.hits("/lm/rss.xml")[1].headers["If-Modified-Since"] == (
        "Tue, 14 May 2024 18:00:00 GMT")
    assert report.not_modified


async def test_a_feed_file_on_disk_is_a_source_too(store: Store, news: NewsServer,
                                                   tmp_path: Path) -> None:
    (tmp_path / "local.xml").write_text(news.feed_text("rss.xml"), encoding="utf-8")
    settings = configure(tmp_path, {"type": "feed", "path": "local.xml", "name": "Local"})
    reports = await refresh(store, settings)
    assert reports["Local"].ingest.added == 2 and reports["Local"].error is None


# -- pages and folders ------------------------------------------------------------------


async def test_a_single_page_is_a_source_and_is_fetched_conditionally(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    url = news.url("/articles/strike-gazette.html")
    settings = configure(tmp_path, {"type": "page", "url": url, "name": "Gazette"})
    report = (await refresh(store, settings))["Gazette"]
    assert report.ingest.added == 1
    article = (await titles(store))["Eastmouth dockers vote to return to work"]
    assert article["url"] == url and article["outlet"] == "Bay Gazette"
    again = (await refresh(store, settings))["Gazette"]
    assert again.ingest.unchanged == 1 and await store.article_count() == 1


async def test_a_folder_source_picks_up_new_and_changed_files(store: Store,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    text = ("date 2024-05-14 The harbour pilots said on Tuesday that the channel would be "
            "dredged again in June, after two ships touched the bottom in April.\n")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    settings = configure(tmp_path, {"type": "folder", "path": "inbox", "name": "Inbox"})
    assert (await refresh(store, settings))["Inbox"].ingest.added == 1
    (folder / "a.txt").write_text(text.replace("June", "July"), encoding="utf-8")
    (folder / "b.md").write_text(text.replace("pilots", "engineers"), encoding="utf-8")
    report = (await refresh(store, settings))["Inbox"].ingest
    assert (report.added, report.updated) == (1, 1)
    missing = configure(tmp_path, {"type": "folder", "path": "nowhere", "name": "Gone"})
    assert "no such folder" in ((await refresh(store, missing))["Gone"].error or "")


# -- bad input --------------------------------------------------------------------------

BAD = [
    ("unreachable", "feed", None, "cannot connect"),
    ("404", "feed", "/missing", "HTTP 404"),
    ("timeout", "feed", "/slow", "timed out after 0.5 s"),
    ("invalid XML", "feed", "/feeds/broken.xml", "invalid feed XML"),
    ("no article text", "page", "/articles/empty.html", "no article text"),
    ("50 MB declared", "feed", "/big-declared", "too large (50.0 MB"),
    ("50 MB streamed", "page", "/big-streamed", "larger than 5.0 MB"),
    ("redirect loop", "feed", "/loop/a", "redirect loop"),
    ("endless redirects", "page", "/hop/1", "more than 5 redirects"),
    ("not HTML", "page", "/report.pdf", "not a web page (content type application/pdf)"),
    ("a page as a feed", "feed", "/articles/tram.html", "not an RSS or Atom feed"),
]


@pytest.mark.parametrize(("name", "kind", "path", "reason"), BAD, ids=[b[0] for b in BAD])
async def test_bad_input_is_recorded_on_its_source_and_disturbs_nothing_else(
        store: Store, news: NewsServer, tmp_path: Path, name: str, kind: str,
        path: str | None, reason: str) -> None:
    url = news.url(path) if path else f"http://127.0.0.1:{closed_port()}/feed.xml"
    settings = configure(tmp_path, {"type": kind, "url": url, "name": "Bad"},
                         {"type": "feed", "url": news.url("/feeds/rss.xml"), "name": "Good"},
                         timeout_seconds=0.5)
    reports = await refresh(store, settings)
    assert reason in (reports["Bad"].error or ""), reports["Bad"].error
    assert reports["Bad"].added == 0
    assert reports["Good"].error is None and reports["Good"].ingest.added == 2
    assert await store.article_count() == 2  # nothing partial from the bad source
    status = {s.name: s for s in await store.source_statuses()}
    assert reason in (status["Bad"].last_error or "")
    assert status["Bad"].last_success is None and status["Bad"].last_error_at
    assert status["Good"].last_error is None and status["Good"].total_added == 2


async def test_a_bad_article_page_is_recorded_and_its_feed_still_succeeds(
        store: Store, news: NewsServer, tmp_path: Path) -> None:
    news.feeds["one.xml"] = news.feed_text("rss.xml").replace(
        "/articles/tram.html", "/articles/gone.html")
    settings = configure(tmp_path, {"type": "feed", "url": news.url("/feeds/one.xml"),
                                    "name": "Feed"})
    report = (await refresh(store, settings))["Feed"]
    assert report.error is None and report.ingest.added == 1
    status = (await store.source_statuses())[0]
    assert status.last_success and "gone.html: HTTP 404" in (status.last_error or "")
    news.feeds["one.xml"] = news.feed_text("rss.xml")  # fixed: the item is tried again
    assert (await refresh(store, settings))["Feed"].ingest.added == 1


# -- the parts --------------------------------------------------------------------------


async def test_the_fetcher_waits_between_two_requests_to_the_same_host(
        news: NewsServer) -> None:
    async with Fetcher(host_delay=0.3, timeout=2) as fetcher:
        start = time.monotonic()
        for _ in range(3):
            await fetcher.get(news.url("/articles/tram.html"))
        elapsed = time.monotonic() - start
    times = [hit.at for hit in news.hits("/articles/tram.html")]
    assert elapsed >= 0.6
    assert all(later - earlier >= 0.28 for earlier, later in itertools.pairwise(times))


async def test_the_fetcher_refuses_what_is_not_http() -> None:
    async with Fetcher() as fetcher:
        for url in ("file:///etc/passwd", "ftp://example.org/feed", "not a url"):
            with pytest.raises(FetchError, match="http"):
                await fetcher.get(url)


@pytest.mark.parametrize(("body", "feed"), [
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', True),
    (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom"></feed>', True),
    (b"<!DOCTYPE html><html><head><link rel=alternate href=/rss></head></html>", False),
    (b"<html><body>a page that mentions <rss> in its text</body></html>", False),
    (b"%PDF-1.4", False),
])
def test_feeds_are_told_from_pages_by_content(body: bytes, feed: bool) -> None:
    assert looks_like_feed(body) is feed


def test_a_broken_feed_is_refused_whole() -> None:
    with pytest.raises(FeedError, match="invalid feed XML"):
        parse_feed((DATA / "broken.xml").read_bytes())
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>")


def test_feed_items_keep_guid_link_title_and_date() -> None:
    feed = parse_feed((DATA / "rss.xml").read_text().replace("{base}", "http://x.test")
                      .encode())
    assert feed.title == "Harbour Times"
    first = feed.items[0]
    assert first.key == "harbour-times-2024-0001"
    assert first.link == "http://x.test/articles/strike-harbour.html"
    assert first.date == "2024-05-14" and first.title.startswith("Dock workers")


def test_feed_html_content_becomes_paragraph_lines() -> None:
    text = fragment_text("<p>One <b>bold</b> line.</p><script>x()</script><p>Two<br>three</p>")
    assert text.splitlines() == ["One bold line.", "Two", "three"]


def test_page_extraction_needs_article_text() -> None:
    page = extract_page((DATA / "pages" / "tram.html").read_text())
    assert page.title == "Council approves new tram line to the airport"
    assert page.outlet == "Harbour Times" and "31 to 12" in page.text
    assert "©" not in page.text
    with pytest.raises(PageError, match="no article text"):
        extract_page((DATA / "pages" / "empty.html").read_text())


# -- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize(("sources", "message"), [
    ({"type": "feed"}, "sources: expected a list"),
    ([{"type": "podcast", "url": "https://x.test/"}], "sources[0].type: expected one of"),
    ([{"type": "feed"}], "sources[0]: give either path or url"),
    ([{"type": "feed", "url": "ftp://x.test/f"}], "sources[0].url: expected an http"),
    ([{"type": "folder", "url": "https://x.test/"}], "sources[0].url: a folder source takes"),
    ([{"type": "page", "url": "https://x.test/", "colour": "red"}],
     "sources[0].colour: unknown key"),
    ([{"type": "feed", "url": "https://a.test/f", "name": "A"},
      {"type": "feed", "url": "https://b.test/f", "name": "A"}], "sources[1].name: 'A'"),
    ([{"type": "feed", "url": 3}], "sources[0].url: expected str"),
])
def test_a_bad_source_in_the_config_names_the_key(sources: Any, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_settings({"sources": sources}, "conf.yaml", Path("."))
    assert str(error.value).startswith("conf.yaml: sources") and message in str(error.value)


@pytest.mark.parametrize(("data", "message"), [
    ({"refresh_minutes": -1}, "refresh_minutes: must not be negative"),
    ({"refresh_minutes": 1.5}, "refresh_minutes: expected int"),
    ({"fetch": {"timeout_seconds": 0}}, "fetch.timeout_seconds: must be more than 0"),
    ({"fetch": {"max_redirects": -1}}, "fetch.max_redirects: must not be negative"),
    ({"digest": {"max_stories": 0}}, "digest.max_stories: must be at least 1"),
])
def test_bad_refresh_and_fetch_settings_name_the_key(data: dict[str, Any],
                                                     message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_settings(data, "conf.yaml", Path("."))


# -- the command line -------------------------------------------------------------------


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "briefbot.yaml"
    path.write_text(body + "fetch: {timeout_seconds: 2, host_delay_seconds: 0}\n",
                    encoding="utf-8")
    return path


def test_refresh_sources_and_digest_from_the_command_line(
        cli: Cli, news: NewsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write_config(tmp_path, f"""sources:
  - {{type: feed, url: "{news.url('/feeds/rss.xml')}", name: Harbour Times}}
  - {{type: feed, url: "{news.url('/feeds/atom.xml')}", name: Coastal Herald}}
  - {{type: feed, url: "{news.url('/missing')}", name: Gone}}
""")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))
    db = str(tmp_path / "news.db")
    result = cli("--db", db, "refresh")
    assert result.code == 1  # one source failed
    assert "Harbour Times: 2 added" in result.out and "Gone: error: HTTP 404" in result.out
    listed = cli("--db", db, "sources")
    assert listed.code == 0 and "Coastal Herald (feed)" in listed.out
    assert "last error" in listed.out.splitlines()[2]
    rows = cli("--db", db, "sources", "--json").json_lines()
    assert {r["name"]: r["total_added"] for r in rows} == {
        "Harbour Times": 2, "Coastal Herald": 2, "Gone": 0}
    answer = cli("--db", db, "digest", "--json").json()
    assert answer["command"] == "digest" and answer["status"] == "ok"
    for line in answer["lines"]:
        assert line["citations"], line
        assert all(c["url"].startswith(news.base) for c in line["citations"])
    text = cli("--db", db, "digest").out
    assert "Daily digest" in text and news.url("/articles/strike-harbour.html") in text


def test_ingest_takes_feed_and_page_urls_and_tells_them_apart(
        cli: Cli, news: NewsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(write_config(tmp_path, "")))
    db = str(tmp_path / "news.db")
    result = cli("--db", db, "ingest", news.url("/feeds/atom.xml"),
                 news.url("/articles/tram.html"), news.url("/report.pdf"))
    assert result.code == 0, result.err
    assert result.out.strip() == "3 added, 0 updated, 0 unchanged, 1 skipped"
    assert "report.pdf: not a web page" in result.err
    again = cli("--db", db, "ingest", news.url("/articles/tram.html"))
    assert again.out.strip() == "0 added, 0 updated, 1 unchanged, 0 skipped"


def test_refresh_without_sources_says_how_to_add_them(cli: Cli, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(write_config(tmp_path, "")))
    result = cli("--db", str(tmp_path / "x.db"), "refresh")
    assert result.code == 1 and "No sources configured" in result.err


async def test_documents_from_sources_keep_their_url(store: Store) -> None:
    from bot.ingest import ingest
    await ingest(store, [Document("https://x.test/a", "date 2024-05-01 The port of Eastmouth "
                                  "reopened on Monday after a week of repairs to its main "
                                  "quay, officials said.", url="https://x.test/a")])
    assert [a["url"] async for a in store.export_articles()] == ["https://x.test/a"]
