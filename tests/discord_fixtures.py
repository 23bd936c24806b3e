"""Fixtures for the Discord tests: the fake Discord, a corpus, and the bot connected to both.

Import them explicitly in a test module (``from discord_fixtures import fake_fixture``);
each is registered under the short name (``fake``) that tests ask for.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import discord
import pytest
from discord.gateway import DiscordWebSocket
from fake_discord import FakeDiscord

from bot.discord.client import BriefBot, configure_endpoints
from bot.ingest import Document, ingest, ingest_paths
from bot.settings import DiscordSettings, Settings
from bot.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
READY_TIMEOUT = 10.0

# Search "zebra" finds more sentences than one page holds.
ZEBRA = "date 2024-03-02 Zebras cross the river\n\n" + " ".join(
    f"The zebra number {i} crossed the river near the old mill at dawn on day {i}."
    for i in range(14))
# Search "walrus" finds sentences far longer than an embed, full of markdown and mentions.
WALRUS = "date 2024-03-03 Walrus watch\n\n" + " ".join(
    "The walrus " + "very " * 400 + "large @everyone <@&123456789012345678> **bold** "
    f"`code` sentence number {i} ends here." for i in range(6))

Launch = Callable[..., Awaitable[BriefBot]]


@pytest.fixture(name="fake")
async def fake_fixture() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    yield server
    await server.stop()


@pytest.fixture(name="endpoints")
def endpoints_fixture(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> FakeDiscord:
    """discord.py pointed at the fake through the two environment variables."""
    for name, value in fake.environ().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", DiscordWebSocket.DEFAULT_GATEWAY)
    configure_endpoints()
    return fake


@pytest.fixture(name="corpus")
async def corpus_fixture() -> AsyncIterator[Store]:
    """The seed articles plus two written for these tests (many hits, huge sentences)."""
    store = await Store.open(":memory:")
    await ingest_paths(store, [SEEDS])
    await ingest(store, [Document("test://zebra", ZEBRA, path="zebra.txt"),
                         Document("test://walrus", WALRUS, path="walrus.txt",
                                  url="https://example.com/walrus_(1)")])
    yield store
    await store.close()


def settings(cooldown: float = 0.0) -> Settings:
    return Settings(discord=DiscordSettings(prefix="!", cooldown_seconds=cooldown))


@pytest.fixture(name="launch")
async def launch_fixture(endpoints: FakeDiscord, corpus: Store) -> AsyncIterator[Launch]:
    """Start a bot against the fake; it is closed, and the fake checked, after the test."""
    running: list[tuple[BriefBot, asyncio.Task[None]]] = []

    async def start(*, cooldown: float = 0.0, page_timeout: float = 60.0) -> BriefBot:
        bot = BriefBot(settings(cooldown), store=corpus, page_timeout=page_timeout,
                       guild_ready_timeout=0.05)
        task = asyncio.create_task(bot.start(endpoints.token))
        running.append((bot, task))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=READY_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()  # the reason it stopped
            raise TimeoutError("the bot did not become ready")
        return bot

    yield start
    for bot, task in running:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, READY_TIMEOUT)
    assert endpoints.rejected == [], f"Discord would have refused: {endpoints.rejected}"
    for payload in endpoints.payloads:
        assert payload.get("allowed_mentions") == {"parse": []}, payload


@pytest.fixture(name="bot")
async def bot_fixture(launch: Launch) -> BriefBot:
    return await launch()
