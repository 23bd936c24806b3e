"""The daily digest through the real discord.py client and the fake Discord on 127.0.0.1.

The clock the digest runs on is the test's (``bot.digest_schedule.now``), set near
the real time so articles stored now fall in the first digest's window. A "restart" is a
new bot on the same database file. Every message is checked against Discord's limits by
the fake, and must go out with mentions disabled.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as Time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from discord_fixtures import endpoints_fixture  # noqa: F401  (fixture)
from fake_discord import (
    ALICE,
    ALICE_ID,
    APPLICATION_COMMAND,
    BOB,
    CHANNEL_ID,
    DM_CHANNELS,
    EPHEMERAL,
    EVERYONE_PERMISSIONS,
    GUILD_ID,
    PLAIN_CHANNEL_ID,
    FakeDiscord,
    Interaction,
    message_problems,
    snowflake,
)
from news_server import DATA, NewsServer

from bot import digest_schedule
from bot.discord.client import BriefBot
from bot.discord.render import render
from bot.ingest import Document, IngestReport, ingest
from bot.settings import DigestSettings, DiscordSettings, FetchSettings, Settings, SourceSettings
from bot.sources.pages import extract_page
from bot.sources.refresh import Article, store_article
from bot.store import Store
from handlers import digest as digest_handler

pytestmark = pytest.mark.timeout(60)
BERLIN = ZoneInfo("Europe/Berlin")
SEND_MESSAGES = 1 << 11
READY_TIMEOUT = 10.0


class DigestFake(FakeDiscord):
    """The fake Discord, plus looking a user up and opening a DM (how a bot tells an
    admin something), and commands with subcommands and channel options."""

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        return [*super()._routes(), (r"/users/@me/channels", "POST", self._open_dm),
                (r"/users/(\d+)", "GET", self._user)]

    async def _user(self, _: Any, user_id: str) -> dict[str, Any]:
        return ALICE if int(user_id) == ALICE_ID else BOB

    async def _open_dm(self, body: dict[str, Any]) -> dict[str, Any]:
        user = int(body["recipient_id"])
        return {"id": str(DM_CHANNELS[user]), "type": 1, "last_message_id": None, "flags": 0,
                "recipients": [ALICE if user == ALICE_ID else BOB]}

    async def command(self, path: list[str], options: dict[str, Any] | None = None, *,
                      user: dict[str, Any] = ALICE) -> Interaction:
        """``/digest channel #briefing`` is ``command(["digest", "channel"], {...})``."""
        opts = [_option(k, v) for k, v in (options or {}).items()]
        for name in reversed(path[1:]):
            opts = [{"name": name, "type": 1, "options": opts}]
        data: dict[str, Any] = {"id": str(snowflake()), "name": path[0], "type": 1,
                                "options": opts}
        channels = [v for v in (options or {}).values() if isinstance(v, Channel)]
        if channels:
            data["resolved"] = {"channels": {str(c.id): {
                **self._channel(c.id, c.name), "permissions": str(EVERYONE_PERMISSIONS)}
                for c in channels}}
        return await self._interact(APPLICATION_COMMAND, data, user, CHANNEL_ID, None)

    def posts(self, channel_id: int = CHANNEL_ID) -> list[dict[str, Any]]:
        """What the bot posted on its own (not replies to commands), a message per page."""
        return [m for m in self.bot_messages(channel_id)
                if not m.get("webhook_id") and not m.get("message_reference")]

    def digests(self, channel_id: int = CHANNEL_ID) -> list[str]:
        """Each digest posted, its pages joined: what a reader of the channel sees."""
        found: list[list[str]] = []
        for message in self.posts(channel_id):
            embed = (message["embeds"] or [{}])[0]
            footer = (embed.get("footer") or {}).get("text", "")
            text = "\n".join([message["content"], embed.get("title") or "",
                              embed.get("description") or "", str(embed.get("fields"))])
            if footer.startswith("Page ") and not footer.startswith("Page 1/"):
                found[-1].append(text)
            else:
                found.append([text])
        return ["\n".join(pages) for pages in found]


@dataclass(frozen=True)
class Channel:
    id: int
    name: str


BRIEFING = Channel(CHANNEL_ID, "briefing")


def _option(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, Channel):
        return {"name": name, "type": 7, "value": str(value.id)}
    return {"name": name, "type": 3, "value": value}


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Harness:
    """Bots started on one database file; each "restart" is a new bot and connection."""

    fake: DigestFake
    path: Path
    settings: Settings
    running: list[tuple[BriefBot, Store, asyncio.Task[None]]] = field(default_factory=list)

    async def start(self) -> BriefBot:
        store = await Store.open(self.path)
        bot = BriefBot(self.settings, store=store, page_timeout=30, guild_ready_timeout=0.05)
        task = asyncio.create_task(bot.start(self.fake.token))
        self.running.append((bot, store, task))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=READY_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()
            raise TimeoutError("the bot did not become ready")
        await asyncio.sleep(0.05)  # on_ready listeners (the catch-up) run after ready
        return bot

    async def stop(self, bot: BriefBot) -> None:
        for entry in list(self.running):
            if entry[0] is bot:
                self.running.remove(entry)
                await bot.close()
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.wait_for(entry[2], READY_TIMEOUT)
                await entry[1].close()

    async def stop_all(self) -> None:
        for bot, _, _ in list(self.running):
            await self.stop(bot)


def settings(*, post_when_empty: bool = False, sources: tuple[SourceSettings, ...] = (),
             refresh_minutes: int = 0) -> Settings:
    return Settings(discord=DiscordSettings(cooldown_seconds=0),
                    digest=DigestSettings(enabled=True, time="08:00", timezone="UTC",
                                          post_when_empty=post_when_empty),
                    fetch=FetchSettings(timeout_seconds=2, host_delay_seconds=0),
                    sources=sources, refresh_minutes=refresh_minutes)


@pytest.fixture(name="fake")
async def fake_fixture() -> AsyncIterator[DigestFake]:
    server = await DigestFake().start()
    yield server
    await server.stop()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The digest's clock, ten minutes before a time of day a few minutes from now."""
    real = datetime.now(BERLIN).replace(second=0, microsecond=0)
    moment = Clock(real + timedelta(minutes=5))
    monkeypatch.setattr(digest_schedule, "now", moment)
    return moment


@pytest.fixture
def news() -> Iterator[NewsServer]:
    with NewsServer().running() as server:
        yield server


@pytest.fixture
async def harness(endpoints: DigestFake, tmp_path: Path) -> AsyncIterator[Harness]:
    running = Harness(endpoints, tmp_path / "bot.db", settings())
    yield running
    await running.stop_all()
    assert endpoints.rejected == [], f"Discord would have refused: {endpoints.rejected}"
    for payload in endpoints.payloads:
        assert payload.get("allowed_mentions") == {"parse": []}, payload
        assert not message_problems(payload)


def cog(bot: BriefBot) -> Any:
    """The digest cog (loaded as a fresh module by discord.py, so not an isinstance)."""
    found = bot.get_cog("Digest")
    assert found is not None
    return found


async def add_pages(bot: BriefBot, *names: str) -> None:
    """Articles arriving while the bot runs (as a refresh would store them)."""
    for name in names:
        page = extract_page((DATA / "pages" / name).read_text(encoding="utf-8"))
        url = f"https://news.test/{name}"
        async with cog(bot).writing:
            await store_article(bot.store, Article(Document(url, page.text, url=url),
                                                   page.title, page.outlet, "2024-05-14"),
                                IngestReport())


async def reply(fake: DigestFake, record: Interaction) -> dict[str, Any]:
    message = await fake.response(record)
    assert message["flags"] & EPHEMERAL, message
    return message


async def set_up(fake: DigestFake, clock: Clock, when: datetime) -> None:
    """Alice (the owner) sends the digest to #briefing at ``when``'s time of day."""
    answer = await reply(fake, await fake.command(["digest", "channel"], {"channel": BRIEFING}))
    assert f"<#{CHANNEL_ID}>" in answer["content"]
    local = when.astimezone(BERLIN)
    answer = await reply(fake, await fake.command(
        ["digest", "time"], {"at": f"{local:%H:%M}", "timezone": "Europe/Berlin"}))
    assert f"at {local:%H:%M} Europe/Berlin" in answer["content"], answer["content"]


# -- posted at the configured time, once, and again the next day ---------------------------


async def test_the_digest_is_posted_at_its_time_once_and_again_the_next_day(
        harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    slot = clock.now
    clock.now = slot - timedelta(minutes=10)
    bot = await harness.start()
    await add_pages(bot, "strike-harbour.html", "strike-herald.html", "strike-gazette.html")
    await set_up(fake, clock, slot)
    local = slot.astimezone(BERLIN)
    assert cog(bot).digest_loop.is_running()
    assert cog(bot).digest_loop.time == [Time(local.hour, local.minute, tzinfo=BERLIN)]

    clock.now = slot - timedelta(minutes=1)
    assert await cog(bot).post_due() == []
    clock.now = slot
    assert await cog(bot).post_due() == [CHANNEL_ID]
    assert len(fake.digests()) == 1
    first = fake.digests()[0]
    assert first.lstrip().startswith("Daily digest") and "3 new articles" in first
    assert "strike" in first and "https://news.test/strike-harbour.html" in first
    pages = len(fake.posts())
    clock.now = slot + timedelta(minutes=1)
    assert await cog(bot).post_due() == []

    # a restart minutes later posts nothing more
    await harness.stop(bot)
    clock.now = slot + timedelta(minutes=5)
    bot = await harness.start()
    assert await cog(bot).post_due() == [] and len(fake.posts()) == pages

    # the next day: only what arrived since
    await add_pages(bot, "tram.html")
    clock.now = slot + timedelta(days=1)
    assert await cog(bot).post_due() == [CHANNEL_ID]
    assert len(fake.digests()) == 2
    later = fake.digests()[1]
    assert "1 new article from 1 outlet" in later and "tram" in later
    assert "strike" not in later
    assert fake.bot_messages(DM_CHANNELS[ALICE_ID]) == []


async def test_a_digest_missed_while_the_bot_was_down_is_posted_once_on_start(
        harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    slot = clock.now
    clock.now = slot - timedelta(minutes=10)
    bot = await harness.start()
    await add_pages(bot, "tram.html")
    await set_up(fake, clock, slot)
    await harness.stop(bot)  # down from before the slot ...
    clock.now = slot + timedelta(hours=2, minutes=30)  # ... until well after it
    bot = await harness.start()  # the catch-up runs on ready
    await fake.wait_for(lambda: fake.posts(), timeout=5)
    assert len(fake.digests()) == 1 and fake.digests()[0].lstrip().startswith("Daily digest")
    assert await cog(bot).post_due() == []
    await harness.stop(bot)
    bot = await harness.start()
    assert len(fake.digests()) == 1


async def test_the_sources_feed_the_digest(endpoints: DigestFake, news: NewsServer,
                                           clock: Clock, tmp_path: Path) -> None:
    feed = SourceSettings(type="feed", name="Harbour Times", url=news.url("/feeds/rss.xml"))
    running = Harness(endpoints, tmp_path / "bot.db", settings(sources=(feed,),
                                                               refresh_minutes=60))
    try:
        slot = clock.now
        clock.now = slot - timedelta(minutes=10)
        bot = await running.start()  # the refresh loop reads the feed at once
        for _ in range(100):
            if await bot.store.article_count() == 2:
                break
            await asyncio.sleep(0.05)
        assert await bot.store.article_count() == 2
        await set_up(endpoints, clock, slot)
        clock.now = slot
        assert await cog(bot).post_due() == [CHANNEL_ID]
        posted = endpoints.digests()[0]
        assert "Harbour Times" in posted
        assert news.url("/articles/strike-harbour.html") in posted
        listed = await reply(endpoints, await endpoints.command(["sources"]))
        assert "Harbour Times (feed)" in listed["content"] and "2 in all" in listed["content"]
    finally:
        await running.stop_all()


# -- settings and permissions --------------------------------------------------------------


async def test_settings_need_manage_server(harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    bot = await harness.start()
    answer = await reply(fake, await fake.command(["digest", "channel"],
                                                  {"channel": BRIEFING}, user=BOB))
    assert "needs the Manage Server permission" in answer["content"]
    assert await bot.store.guild_digest(GUILD_ID) is None
    for path, options in ((["digest", "off"], {}), (["digest", "now"], {}),
                          (["digest", "time"], {"at": "07:00"}), (["digest", "status"], {})):
        refused = await reply(fake, await fake.command(path, options, user=BOB))
        assert "Manage Server" in refused["content"]


async def test_prefix_commands_change_the_settings_too(harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    bot = await harness.start()
    await fake.say(f"!digest channel <#{CHANNEL_ID}>")
    answer = await fake.wait_for(lambda: next(
        (m for m in fake.bot_messages(CHANNEL_ID) if "Daily digest:" in m["content"]), None))
    assert f"<#{CHANNEL_ID}>" in answer["content"]
    saved = await bot.store.guild_digest(GUILD_ID)
    assert saved is not None and saved.channel_id == CHANNEL_ID and saved.admin_id == ALICE_ID


async def test_bad_times_and_timezones_are_explained(harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    await harness.start()
    for options, message in (({"at": "noon"}, "expected HH:MM"),
                             ({"at": "08:00", "timezone": "Mars/Olympus"}, "unknown timezone")):
        answer = await reply(fake, await fake.command(["digest", "time"], options))
        assert message in answer["content"]


async def test_a_missing_permission_is_reported_to_the_admin_once_and_not_retried(
        harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    slot = clock.now
    clock.now = slot - timedelta(minutes=10)
    bot = await harness.start()
    await add_pages(bot, "tram.html")
    await set_up(fake, clock, slot)
    await fake.dispatch("CHANNEL_UPDATE", FakeDiscord._channel(CHANNEL_ID, "briefing",
                                                               deny=SEND_MESSAGES))
    channel = bot.get_channel(CHANNEL_ID)
    for _ in range(100):
        if not channel.permissions_for(channel.guild.me).send_messages:  # type: ignore[union-attr]
            break
        await asyncio.sleep(0.02)
    clock.now = slot
    assert await cog(bot).post_due() == []
    dm = DM_CHANNELS[ALICE_ID]
    told = await fake.wait_for(lambda: fake.bot_messages(dm), timeout=5)
    assert "lack the Send Messages permission in #briefing" in told[0]["content"]
    saved = await bot.store.guild_digest(GUILD_ID)
    assert saved is not None and saved.paused_reason
    requests = len(fake.requests)
    clock.now = slot + timedelta(days=1)
    assert await cog(bot).post_due() == []
    assert len(fake.requests) == requests and len(fake.bot_messages(dm)) == 1
    status = await reply(fake, await fake.command(["digest", "status"]))
    assert "Paused: I lack the Send Messages permission" in status["content"]
    assert fake.posts() == []


@pytest.mark.parametrize("post_when_empty", [True, False])
async def test_an_empty_day_posts_a_short_line_or_nothing_as_configured(
        endpoints: DigestFake, clock: Clock, tmp_path: Path, post_when_empty: bool) -> None:
    running = Harness(endpoints, tmp_path / "bot.db", settings(post_when_empty=post_when_empty))
    try:
        slot = clock.now
        clock.now = slot - timedelta(minutes=10)
        bot = await running.start()
        await set_up(endpoints, clock, slot)
        clock.now = slot
        assert await cog(bot).post_due() == [CHANNEL_ID]
        posted = endpoints.posts()
        if post_when_empty:
            assert len(posted) == 1 and posted[0]["content"].startswith("Nothing new since")
            assert not posted[0]["embeds"]
        else:
            assert posted == []
        last = await bot.store.last_digest(CHANNEL_ID)
        assert last is not None and "nothing new" in last.outcome
        assert ("said so" if post_when_empty else "not posted") in last.outcome
        status = await reply(endpoints, await endpoints.command(["digest", "status"]))
        said = "a short “nothing new” line" if post_when_empty else "posts nothing"
        assert said in status["content"]
    finally:
        await running.stop_all()


async def test_off_stops_the_digest_and_channel_starts_it_again(
        harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    slot = clock.now
    clock.now = slot - timedelta(minutes=10)
    bot = await harness.start()
    await add_pages(bot, "tram.html")
    await set_up(fake, clock, slot)
    await reply(fake, await fake.command(["digest", "off"]))
    clock.now = slot
    assert await cog(bot).post_due() == [] and fake.posts() == []
    clock.now = slot + timedelta(minutes=30)
    await reply(fake, await fake.command(["digest", "channel"], {"channel": BRIEFING}))
    clock.now = slot + timedelta(days=1)
    assert await cog(bot).post_due() == [CHANNEL_ID]


async def test_digest_now_previews_privately_and_posts_nothing(
        harness: Harness, clock: Clock) -> None:
    fake = harness.fake
    bot = await harness.start()
    await add_pages(bot, "strike-harbour.html", "tram.html")
    record = await fake.command(["digest", "now"])
    preview = await reply(fake, record)
    assert preview["embeds"][0]["title"].startswith("Daily digest")
    assert fake.posts() == [] and await bot.store.last_digest(CHANNEL_ID) is None


async def test_a_long_digest_is_paged_within_discords_limits(seeded: Any) -> None:
    """Forty distinct stories: every page an embed Discord accepts."""
    store = seeded
    words = ["anchor", "baker", "canal", "depot", "engine", "falcon", "garden", "harbor",
             "island", "jetty", "kettle", "lantern", "meadow", "needle", "orchard", "pilot",
             "quarry", "ribbon", "saddle", "tunnel", "velvet", "willow", "yacht", "zephyr",
             "acorn", "bridge", "candle", "dolphin", "ember", "fossil", "glacier", "hammer",
             "ivory", "jasmine", "kayak", "lemon", "marble", "nickel", "oyster", "pepper",
             "quilt", "rocket", "silver", "timber", "violin", "walnut"]
    for i in range(40):
        pick = random.Random(i).sample(words, 9)
        text = (f"date 2024-05-14 The {pick[0]} of {pick[1]} told the {pick[2]} that the "
                f"{pick[3]} and the {pick[4]} would {pick[5]} the {pick[6]} near {pick[7]} "
                f"and {pick[8]} by spring.")
        await ingest(store, [Document(f"test://story-{i}", text, url=f"https://x.test/{i}")])
    request = digest_handler.DigestRequest(
        digest_handler.Window(await store.arrival_mark()), datetime.now(UTC), "yesterday",
        max_stories=40)
    answer = await digest_handler.handle(store, request)
    assert len(answer.lines) > 20
    pages = render(answer)
    assert len(pages) > 1
    for page in pages:
        assert page.embed is not None
        assert not message_problems({"embeds": [page.embed.to_dict()]})


async def test_without_embed_links_the_digest_is_plain_text(harness: Harness,
                                                            clock: Clock) -> None:
    fake = harness.fake
    slot = clock.now
    clock.now = slot - timedelta(minutes=10)
    bot = await harness.start()
    await set_up(fake, clock, slot)
    plain = Channel(PLAIN_CHANNEL_ID, "no-embeds")
    await reply(fake, await fake.command(["digest", "channel"], {"channel": plain}))
    await add_pages(bot, "tram.html")
    clock.now = slot
    assert await cog(bot).post_due() == [PLAIN_CHANNEL_ID]
    posted = fake.posts(PLAIN_CHANNEL_ID)
    assert posted and not posted[0]["embeds"]
    assert posted[0]["content"].startswith("**Daily digest") and "Sources:" in posted[0]["content"]
    assert fake.posts() == []


def test_digest_is_synced_for_server_admins_only(cli: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeDiscord()
    with server.in_thread():
        for name, value in server.environ().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DISCORD_TOKEN", server.token)
        assert cli("sync").code == 0
    synced = {c["name"]: c for c in server.commands[None]}
    assert int(synced["digest"]["default_member_permissions"]) == 1 << 5  # Manage Server
    assert synced["digest"]["contexts"] == [0]  # servers only
    assert {o["name"] for o in synced["digest"]["options"]} == {
        "status", "channel", "time", "off", "now"}
    assert "sources" in synced


async def test_prefix_digest_now_sends_the_preview_privately(harness: Harness,
                                                             clock: Clock) -> None:
    fake = harness.fake
    bot = await harness.start()
    await add_pages(bot, "tram.html")
    await fake.say("!digest now")
    dm = DM_CHANNELS[ALICE_ID]
    preview = (await fake.wait_for(lambda: fake.bot_messages(dm), timeout=5))[0]
    assert preview["embeds"][0]["title"].startswith("Daily digest")
    assert fake.bot_messages(CHANNEL_ID) == []
