"""The daily digest: when it is due (pure), what it says (over the store), and the CLI.

Time always comes in from the test: the schedule is a pure function of "now", and the
digest of a window of arrivals is the same whatever the clock says.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as Time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SEEDS, Result
from news_server import DATA

from bot.digest_schedule import (
    GuildDigest,
    Schedule,
    check_timezone,
    due,
    latest_slot,
    loop_times,
    next_slot,
    parse_time,
)
from bot.ingest import Document, IngestReport, ingest
from bot.schema import MIGRATIONS
from bot.sources.pages import extract_page
from bot.sources.refresh import Article, store_article
from bot.store import Store
from handlers import digest
from handlers.answer import Status
from handlers.ports import ArticleRef

BERLIN = ZoneInfo("Europe/Berlin")
Cli = Callable[..., Result]


def at(text: str, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


# -- when a digest is due -----------------------------------------------------------------

EIGHT = Schedule("08:00", "Europe/Berlin")
SET_UP = at("2024-05-01 12:00")


@pytest.mark.parametrize(("now", "last", "expected"), [
    ("2024-05-14 08:00", None, "2024-05-14 08:00"),  # on time, first ever
    ("2024-05-14 07:59", "2024-05-13 08:00", None),  # not yet
    ("2024-05-14 08:00", "2024-05-13 08:00", "2024-05-14 08:00"),  # the next day
    ("2024-05-14 08:01", "2024-05-14 08:00", None),  # posted already: never twice
    ("2024-05-15 00:01", "2024-05-14 08:00", None),  # past midnight: still yesterday's
    ("2024-05-17 10:30", "2024-05-14 08:00", "2024-05-17 08:00"),  # down 3 days: once
    ("2024-05-14 06:00", "2024-05-14 08:00", None),  # the clock went back
    ("2024-05-14 07:59", "2024-05-12 08:00", "2024-05-13 08:00"),  # yesterday's was missed
])
def test_a_digest_is_due_once_per_slot(now: str, last: str | None,
                                       expected: str | None) -> None:
    slot = due(at(now), EIGHT, last_slot=at(last) if last else None, changed_at=SET_UP)
    assert slot == (at(expected).astimezone(UTC) if expected else None)


def test_a_slot_before_the_settings_changed_is_not_due() -> None:
    # set up at 10:00 for 08:00: the first digest is tomorrow's, not one at once
    assert due(at("2024-05-14 10:00"), EIGHT, last_slot=None,
               changed_at=at("2024-05-14 10:00")) is None
    assert due(at("2024-05-15 08:00"), EIGHT, last_slot=None,
               changed_at=at("2024-05-14 10:00")) == at("2024-05-15 08:00")


def simulate(schedule: Schedule, times: list[datetime]) -> list[datetime]:
    """Check at each moment, as the bot would (set up at the first); the slots posted."""
    posted: list[datetime] = []
    for moment in times:
        slot = due(moment, schedule, last_slot=posted[-1] if posted else None,
                   changed_at=times[0])
        if slot is not None:
            posted.append(slot)
    return posted


def test_every_minute_for_three_days_posts_three_digests() -> None:
    start = at("2024-05-14 00:00")
    minutes = [start + timedelta(minutes=m) for m in range(3 * 24 * 60)]
    assert simulate(EIGHT, minutes) == [at(f"2024-05-{d} 08:00").astimezone(UTC)
                                        for d in (14, 15, 16)]


def test_a_clock_that_jumps_posts_the_latest_slot_once() -> None:
    times = [at("2024-05-14 07:00"),
             at("2024-05-15 00:01"),  # past midnight (down at 08:00): the 14th, late, once
             at("2024-05-15 07:59"),
             at("2024-05-17 09:00"),  # two days on: only the 17th
             at("2024-05-17 09:01"),
             at("2024-05-16 08:30"),  # back again: nothing
             at("2024-05-17 23:00")]
    assert simulate(EIGHT, times) == [at("2024-05-14 08:00").astimezone(UTC),
                                      at("2024-05-17 08:00").astimezone(UTC)]


@pytest.mark.parametrize("day", ["2024-03-31", "2024-10-27"])  # DST starts, ends
def test_daylight_saving_days_get_one_digest(day: str) -> None:
    schedule = Schedule("02:30", "Europe/Berlin")
    start = at(f"{day} 00:00") - timedelta(days=1)
    minutes = [start + timedelta(minutes=m) for m in range(3 * 24 * 60)]
    posted = simulate(schedule, minutes)
    assert len(posted) == 3 and len(set(posted)) == 3
    assert [p.astimezone(BERLIN).day for p in posted] == [
        (start + timedelta(days=d)).day for d in range(3)]


def test_latest_and_next_slot_are_in_the_schedules_timezone() -> None:
    now = at("2024-05-14 07:00")
    assert latest_slot(now, EIGHT) == at("2024-05-13 08:00")
    assert next_slot(now, EIGHT) == at("2024-05-14 08:00")
    tokyo = Schedule("08:00", "Asia/Tokyo")
    assert next_slot(now, tokyo) == datetime(2024, 5, 14, 23, 0, tzinfo=UTC)


def test_the_loop_wakes_at_every_servers_time() -> None:
    def guild(gid: int, time: str | None, zone: str | None, *, on: bool = True) -> GuildDigest:
        return GuildDigest(gid, 10 + gid, time, zone, on, None, None, "2024-05-01T00:00:00+00:00")
    default = Schedule("08:00", "UTC")
    times = loop_times([guild(1, "07:30", "Europe/Berlin"), guild(2, None, None),
                        guild(3, "07:30", "Europe/Berlin"), guild(4, "09:00", None, on=False)],
                       default)
    assert times == [Time(7, 30, tzinfo=BERLIN), Time(8, 0, tzinfo=ZoneInfo("UTC"))]
    assert loop_times([], default) == [Time(8, 0, tzinfo=ZoneInfo("UTC"))]


@pytest.mark.parametrize("text", ["8", "25:00", "08:60", "noon", "8:5", ""])
def test_times_are_24_hour_hh_mm(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time(text)
    assert parse_time("7:05") == (7, 5) and parse_time("23:59") == (23, 59)


def test_timezones_are_iana_names() -> None:
    assert check_timezone("Europe/Berlin") == "Europe/Berlin"
    with pytest.raises(ValueError, match="unknown timezone"):
        check_timezone("Mars/Olympus")


# -- the store's part --------------------------------------------------------------------


async def test_a_slot_is_claimed_once_for_a_channel(store: Store) -> None:
    first, second = "2024-05-14T06:00:00+00:00", "2024-05-15T06:00:00+00:00"
    assert await store.claim_digest(7, 1, first, 3, first)
    assert not await store.claim_digest(7, 1, first, 4, first)  # a restart, a second bot
    assert await store.claim_digest(8, 1, first, 4, first)  # another channel
    assert await store.claim_digest(7, 1, second, 5, second)
    assert not await store.claim_digest(7, 1, first, 6, second)  # an older slot
    await store.digest_outcome(7, "posted (1 page)")
    last = await store.last_digest(7)
    assert last is not None and (last.slot, last.last_seq, last.outcome) == (
        second, 5, "posted (1 page)")


async def test_guild_settings_are_kept(store: Store) -> None:
    settings = GuildDigest(1, 2, "07:15", "Europe/Berlin", True, 3, None,
                           "2024-05-14T06:00:00+00:00")
    await store.save_guild_digest(settings)
    assert await store.guild_digest(1) == settings
    assert await store.guild_digest(9) is None


async def test_arrivals_count_up_and_an_updated_article_arrives_again(store: Store) -> None:
    assert await store.arrival_mark() == 0
    text = ("date 2024-05-14 The ferry to the islands will run twice a day from June, the "
            "operator said on Tuesday, after a winter of single sailings.")
    await ingest(store, [Document("test://ferry", text)])
    first = await store.arrival_mark()
    await ingest(store, [Document("test://ferry", text)])  # unchanged: no new arrival
    assert await store.arrival_mark() == first
    await ingest(store, [Document("test://ferry", text.replace("twice", "three times"))])
    assert await store.arrival_mark() > first
    window = digest.Window(upto_seq=await store.arrival_mark(), after_seq=first)
    material = await store.digest_material(window, articles=10, lead=3, quotes=10, people=5)
    assert material.total == 1 and "three times" in material.articles[0].lead[0].text


# -- what a digest says ------------------------------------------------------------------

NOW = at("2024-05-15 08:00")


def request(mark: int, **window: object) -> digest.DigestRequest:
    return digest.DigestRequest(digest.Window(upto_seq=mark, **window), NOW,  # type: ignore[arg-type]
                                "Tue 14 May 08:00 Europe/Berlin")


async def eastmouth(store: Store, *names: str) -> None:
    """The sample pages stored as their feeds would store them (title, outlet, URL)."""
    for name in names:
        page = extract_page((DATA / "pages" / name).read_text(encoding="utf-8"))
        url = f"https://news.test/{name}"
        await store_article(store, Article(Document(url, page.text, url=url), page.title,
                                           page.outlet, page.date or "2024-05-14"),
                            IngestReport())


STRIKE = ("strike-harbour.html", "strike-herald.html", "strike-gazette.html")


async def test_a_story_covered_by_three_outlets_is_one_item_citing_three(
        store: Store) -> None:
    await eastmouth(store, *STRIKE, "tram.html")
    answer = await digest.handle(store, request(await store.arrival_mark()))
    assert answer.status is Status.OK and answer.command == "digest"
    assert answer.title == ("Daily digest, Wednesday 15 May 2024: 4 new articles "
                            "from 3 outlets")
    strike, tram = answer.lines[0], answer.lines[1]
    assert "strike" in strike.text and "7 percent" in strike.text
    assert {c.outlet for c in strike.citations} == {"Harbour Times", "Coastal Herald",
                                                    "Bay Gazette"}
    assert all(c.url and c.url.startswith("https://news.test/") for c in strike.citations)
    assert "tram" in tram.text and len(tram.citations) == 1
    for line in answer.lines:
        assert line.citations, line
        for citation in line.citations:  # every snippet is a sentence of its article
            assert citation.snippet


async def test_the_digest_has_quotes_and_people_in_the_news(store: Store) -> None:
    await eastmouth(store, *STRIKE, "tram.html")
    lines = [line.text for line in
             (await digest.handle(store, request(await store.arrival_mark()))).lines]
    quotes = [t for t in lines if "“" in t]
    people = [t for t in lines if t.startswith("In the news: ")]
    assert any(t.startswith("Maria Okafor: “") for t in quotes)
    assert any("Sofia Brandt" in t for t in quotes)
    assert len({t.split(":")[0] for t in quotes}) == len(quotes)  # one quote per speaker
    assert people[0].startswith("In the news: Henrik Lund") or people[0].startswith(
        "In the news: Maria Okafor")
    assert "(3 articles)" in people[0]


async def test_the_seed_digest_is_cited_throughout(seeded: Store) -> None:
    answer = await digest.handle(seeded, request(await seeded.arrival_mark()))
    assert answer.ok and "5 new articles" in answer.title
    top = answer.lines[0]
    assert len({c.article_id for c in top.citations}) >= 3  # one story, many outlets
    assert any("Blinken" in line.text and "“" in line.text for line in answer.lines)
    assert any(line.text.startswith("In the news: Antony Blinken") for line in answer.lines)
    assert all(line.citations for line in answer.lines)


async def test_only_what_arrived_in_the_window_is_in_the_digest(store: Store) -> None:
    await eastmouth(store, *STRIKE)
    before = await store.arrival_mark()
    await eastmouth(store, "tram.html")
    answer = await digest.handle(store, request(await store.arrival_mark(), after_seq=before))
    assert "1 new article from 1 outlet" in answer.title
    assert {c.title for line in answer.lines for c in line.citations} == {
        "Council approves new tram line to the airport"}
    later = await digest.handle(store, request(await store.arrival_mark(),
                                               since="2999-01-01T00:00:00+00:00"))
    assert later.status is Status.NOT_FOUND
    assert later.title == "Nothing new since Tue 14 May 08:00 Europe/Berlin."
    assert not later.lines


async def test_max_stories_caps_the_top_stories(store: Store) -> None:
    await eastmouth(store, *STRIKE, "tram.html")
    capped = digest.DigestRequest(digest.Window(await store.arrival_mark()), NOW, "then",
                                  max_stories=1)
    lines = (await digest.handle(store, capped)).lines
    stories = [line for line in lines if "“" not in line.text
               and not line.text.startswith("In the news")]
    assert len(stories) == 1 and "strike" in stories[0].text


def lead(article_id: str, outlet: str, *sentences: str) -> digest.DigestArticle:
    ref = ArticleRef(article_id, "", outlet, "2024-05-14", None)
    return digest.DigestArticle(ref, None, tuple(digest.LeadSentence(i, i, s)
                                                 for i, s in enumerate(sentences)))


def test_stories_cluster_around_a_leader_and_never_chain() -> None:
    # b shares half its words with a, c half with b and none with a
    a = ("harbour strike ended pay deal union dockers ballot ships anchor queue port cranes "
         "containers wages shifts rota.")
    b = ("harbour strike ended pay deal union dockers ballot ferry fares rise summer islands "
         "timetable tickets sailings.")
    c = ("ferry fares rise summer islands timetable tickets sailings bakery flour bread oven "
         "prices loaves butter yeast.")
    d = "council tram line airport vote mayor stops construction spring cost."
    clusters = digest.cluster([lead("a", "One", a), lead("b", "Two", b),
                               lead("c", "Three", c), lead("d", "Four", d)])
    assert [[m.article.id for m in c] for c in clusters] == [["a", "b"], ["c"], ["d"]]


def test_a_copy_marked_as_duplicate_joins_its_original() -> None:
    original = lead("a", "One", "The tram line was approved by the council on Monday night.")
    copy = digest.DigestArticle(
        ArticleRef("b", "Copy", "Two", None, None), "a",
        (digest.LeadSentence(9, 0, "Something else entirely about weather and heat."),))
    assert [len(c) for c in digest.cluster([original, copy])] == [2]


# -- the command line --------------------------------------------------------------------


def test_digest_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert cli("--db", db, "ingest", str(SEEDS)).code == 0
    answer = cli("--db", db, "digest", "--json").json()
    assert answer["command"] == "digest" and answer["status"] == "ok"
    assert set(answer) >= {"query", "title", "lines", "suggestions", "note"}
    assert all(line["citations"] for line in answer["lines"])
    text = cli("--db", db, "digest", "--since", "2000-01-01")
    assert text.code == 0 and text.out.startswith("Daily digest, ")
    assert "Sources:" in text.out
    empty = cli("--db", db, "digest", "--since", "2999-01-01")
    assert empty.code == 1 and empty.out.startswith("Nothing new since 2999-01-01 00:00 UTC")
    bad = cli("--db", db, "digest", "--since", "last tuesday")
    assert bad.code == 2 and "--since: expected a date" in bad.err


async def test_an_empty_store_has_nothing_new(store: Store) -> None:
    answer = await digest.handle(store, request(await store.arrival_mark()))
    assert answer.status is Status.NOT_FOUND and answer.title.startswith("Nothing new")


async def test_articles_stored_before_the_upgrade_count_as_arrived(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a database of schema 1, as released
        conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
        for n, stamp in enumerate(("2024-05-13T09:00:00+00:00", "2024-05-12T09:00:00+00:00")):
            conn.execute("INSERT INTO articles (id, source_key, title, words, content_hash, "
                         "fingerprint, body, ingested_at) VALUES (?, ?, 't', 1, 'h', x'', "
                         "'b', ?)", (f"a{n}", f"test://{n}", stamp))
    upgraded = await Store.open(path)
    try:
        assert await upgraded.arrival_mark() == 2
        window = digest.Window(upto_seq=2, since="2024-05-13T00:00:00+00:00")
        material = await upgraded.digest_material(window, articles=5, lead=1, quotes=1,
                                                  people=1)
        assert [a.article.id for a in material.articles] == ["a0"]
    finally:
        await upgraded.close()
