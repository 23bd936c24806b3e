"""End to end: the real discord.py client against the fake Discord on 127.0.0.1.

Every test's bot is closed afterwards and the fixture checks that the fake refused
nothing (no message over a Discord limit) and that every message went out with
``allowed_mentions`` parsing nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

import pytest
from discord_fixtures import (  # noqa: F401  (fixtures)
    Launch,
    bot_fixture,
    corpus_fixture,
    endpoints_fixture,
    fake_fixture,
    launch_fixture,
)
from fake_discord import (
    ALICE_ID,
    BOB,
    CHANNEL_ID,
    DEFERRED_MESSAGE,
    DM_CHANNELS,
    EPHEMERAL,
    GUILD_ID,
    PLAIN_CHANNEL_ID,
    ROLE_ID,
    UPDATE_MESSAGE,
    FakeDiscord,
)

from bot.discord.client import BriefBot
from bot.discord.render import escape
from bot.store import Store
from handlers import who
from handlers.commands import COMMANDS

MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d{17,20}>")


def visible_text(message: dict[str, Any]) -> str:
    """Everything a reader sees in a message."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "",
                  (embed.get("footer") or {}).get("text") or ""]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
    return "\n".join(parts)


def buttons(message: dict[str, Any]) -> dict[str, bool]:
    """Button label → disabled."""
    return {b["label"]: bool(b.get("disabled")) for row in message.get("components") or []
            for b in row["components"]}


# -- prefix commands -------------------------------------------------------------------


async def test_prefix_who_in_a_channel(fake: FakeDiscord, bot: BriefBot) -> None:
    asked = await fake.say("!who Blinken")
    reply = await fake.reply_to(asked)
    embed = reply["embeds"][0]
    assert "Blinken" in embed["title"]
    assert embed["fields"][0]["name"] == "Sources"
    assert "[1]" in embed["description"]
    assert CHANNEL_ID in fake.typing  # a typing indicator while the handler works


async def test_prefix_who_in_a_dm(fake: FakeDiscord, bot: BriefBot) -> None:
    dm = DM_CHANNELS[ALICE_ID]
    asked = await fake.say("!who Blinken", channel_id=dm)
    reply = await fake.reply_to(asked)
    assert int(reply["channel_id"]) == dm
    assert "guild_id" not in reply
    assert "Blinken" in reply["embeds"][0]["title"]


async def test_the_answer_is_the_handlers(fake: FakeDiscord, bot: BriefBot,
                                          corpus: Store) -> None:
    expected = await who.handle(corpus, "Blinken")
    reply = await fake.reply_to(await fake.say("!who Blinken"))
    assert reply["embeds"][0]["title"] == escape(expected.title)


async def test_help_lists_every_command(fake: FakeDiscord, bot: BriefBot) -> None:
    reply = await fake.reply_to(await fake.say("!help"))
    description = reply["embeds"][0]["description"]
    assert all(name in description for name in COMMANDS)


async def test_prefix_summary_and_help_for_one_command(fake: FakeDiscord,
                                                      bot: BriefBot) -> None:
    briefing = await fake.reply_to(await fake.say("!summary 2+2"))
    assert briefing["embeds"][0]["title"].startswith("Briefing: 2+2")
    explained = await fake.reply_to(await fake.say("!help who"))
    assert explained["embeds"][0]["title"] == escape(COMMANDS["who"].usage)


async def test_a_failing_handler_gets_a_short_reply_and_a_logged_reason(
        fake: FakeDiscord, bot: BriefBot, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    async def broken(store: Store, query: str) -> Any:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setitem(COMMANDS, "who", replace(COMMANDS["who"], handle=broken))
    await fake.say("!who Blinken")
    slash = await fake.response(await fake.slash("who", {"name": "Blinken"}))
    prefix = await fake.wait_for(lambda: next(
        (m for m in fake.bot_messages(CHANNEL_ID) if m["content"].startswith("Sorry")
         and "webhook_id" not in m), None))
    for message in (prefix, slash):
        assert message["content"].startswith("Sorry, something went wrong")
        assert "fire" not in message["content"]
    assert caplog.text.count("the disk is on fire") >= 2


async def test_a_missing_argument_shows_the_usage(fake: FakeDiscord, bot: BriefBot) -> None:
    await fake.say("!who")
    reply = await fake.wait_for(lambda: next(
        (m for m in fake.bot_messages() if m["content"].startswith("Usage:")), None))
    assert reply["content"] == f"Usage: !{COMMANDS['who'].usage}"


async def test_a_mistyped_command_gets_a_did_you_mean(fake: FakeDiscord, bot: BriefBot) -> None:
    await fake.say("!whoo Blinken")
    reply = await fake.wait_for(lambda: next(
        (m for m in fake.bot_messages() if "Did you mean" in m["content"]), None))
    assert "`!who`" in reply["content"]


async def test_other_prefixed_chatter_is_ignored(fake: FakeDiscord, bot: BriefBot) -> None:
    await fake.say("!play some music")
    await fake.reply_to(await fake.say("!help"))
    assert len(fake.bot_messages()) == 1


async def test_a_channel_without_embed_links_gets_plain_text(fake: FakeDiscord,
                                                             bot: BriefBot) -> None:
    asked = await fake.say("!who Blinken", channel_id=PLAIN_CHANNEL_ID)
    reply = await fake.reply_to(asked)
    assert reply["embeds"] == []
    assert "Blinken" in reply["content"]
    assert "Sources:" in reply["content"]
    assert len(reply["content"]) <= 2000


# -- slash commands --------------------------------------------------------------------


async def test_slash_who_defers_then_answers(fake: FakeDiscord, bot: BriefBot) -> None:
    asked = await fake.slash("who", {"name": "Blinken"})
    answer = await fake.response(asked)
    assert asked.callbacks[0]["type"] == DEFERRED_MESSAGE
    assert "Blinken" in answer["embeds"][0]["title"]


async def test_slash_quotes(fake: FakeDiscord, bot: BriefBot, corpus: Store) -> None:
    expected = await COMMANDS["quotes"].handle(corpus, "Blinken")
    answer = await fake.response(await fake.slash("quotes", {"name": "Blinken"}))
    embed = answer["embeds"][0]
    assert "Blinken" in embed["title"]
    assert embed["title"] == escape(expected.title)


async def test_slash_summary_and_the_longer_one(fake: FakeDiscord, bot: BriefBot,
                                                corpus: Store) -> None:
    short = await fake.response(await fake.slash("summary", {"topic": "2+2"}))
    assert short["embeds"][0]["title"].startswith("Briefing: 2+2")
    assert short["embeds"][0]["fields"][0]["name"] == "Sources"
    long = await fake.response(await fake.slash("summary", {"topic": "2+2", "more": True}))
    assert long["embeds"][0]["title"].startswith("Briefing: 2+2")


async def test_slash_commands_work_in_dms(fake: FakeDiscord, bot: BriefBot) -> None:
    dm = DM_CHANNELS[ALICE_ID]
    answer = await fake.response(await fake.slash("who", {"name": "Blinken"}, channel_id=dm))
    assert int(answer["channel_id"]) == dm
    assert "Blinken" in answer["embeds"][0]["title"]


async def test_unknown_name_is_not_found_with_suggestions(fake: FakeDiscord, bot: BriefBot,
                                                          corpus: Store) -> None:
    for query in ("Zzyzx Qwertyuiop", "Antony Blinkenx Smithers"):
        expected = await who.handle(corpus, query)
        assert not expected.ok
        answer = await fake.response(await fake.slash("who", {"name": query}))
        embed = answer["embeds"][0]
        assert embed["title"] == escape(expected.title)
        assert embed["title"].startswith("No one called")
        if expected.suggestions:  # "did you mean" when the corpus has a close name
            assert "Did you mean" in embed["title"]
            assert "Try: " in embed["description"]


async def test_autocomplete_names_and_topics(fake: FakeDiscord, bot: BriefBot) -> None:
    names = await fake.autocomplete("who", "name", "Blin")
    assert any("Blinken" in choice["name"] for choice in names)
    assert all(choice["name"] == choice["value"] for choice in names)
    fuzzy = await fake.autocomplete("quotes", "name", "Blinkn")
    assert any("Blinken" in choice["name"] for choice in fuzzy)
    everyone = await fake.autocomplete("who", "name", "")
    assert 0 < len(everyone) <= 25
    topics = await fake.autocomplete("search", "text", "zeb")
    assert "zebra" in [choice["value"] for choice in topics]
    defence = [c["value"] for c in await fake.autocomplete("summary", "topic", "defen")]
    assert {"defence", "defense"} & set(defence)  # words as written, not index stems
    assert not {"defenc", "defens"} & set(defence)
    phrase = await fake.autocomplete("summary", "topic", "river zeb")
    assert phrase and all(c["value"].startswith("river ") for c in phrase)
    commands = await fake.autocomplete("help", "command", "qu")
    assert [c["value"] for c in commands] == ["quotes"]


# -- pages and buttons ---------------------------------------------------------------


async def test_a_long_answer_is_paged_with_buttons(fake: FakeDiscord, bot: BriefBot) -> None:
    answer = await fake.response(await fake.slash("search", {"text": "zebra"}))
    message_id = int(answer["id"])
    assert answer["embeds"][0]["footer"]["text"] == "Page 1/2"
    assert buttons(answer) == {"«": True, "‹": True, "›": False, "»": False}

    turned = await fake.click(message_id, "›")
    assert turned["type"] == UPDATE_MESSAGE
    page = fake.messages[message_id]
    assert page["embeds"][0]["footer"]["text"] == "Page 2/2"
    assert buttons(page) == {"«": False, "‹": False, "›": True, "»": True}
    assert "[9]" in page["embeds"][0]["description"]

    await fake.click(message_id, "«")
    assert fake.messages[message_id]["embeds"][0]["footer"]["text"] == "Page 1/2"
    await fake.click(message_id, "»")
    assert fake.messages[message_id]["embeds"][0]["footer"]["text"] == "Page 2/2"


async def test_only_the_asker_can_turn_pages(fake: FakeDiscord, bot: BriefBot) -> None:
    reply = await fake.reply_to(await fake.say("!search zebra"))
    message_id = int(reply["id"])
    refused = await fake.click(message_id, "›", user=BOB)
    assert refused["type"] == 4
    assert refused["data"]["flags"] & EPHEMERAL
    assert "Only the person who asked" in refused["data"]["content"]
    assert fake.messages[message_id]["embeds"][0]["footer"]["text"] == "Page 1/2"
    turned = await fake.click(message_id, "›")  # Alice asked
    assert turned["type"] == UPDATE_MESSAGE
    assert fake.messages[message_id]["embeds"][0]["footer"]["text"] == "Page 2/2"


async def test_page_buttons_are_disabled_on_timeout(fake: FakeDiscord, launch: Launch) -> None:
    await launch(page_timeout=0.3)
    prefix = await fake.reply_to(await fake.say("!search zebra"))
    slash = await fake.response(await fake.slash("search", {"text": "zebra"}))
    for message_id in (int(prefix["id"]), int(slash["id"])):
        await fake.wait_for(lambda m=message_id: all(buttons(fake.messages[m]).values()))


# -- safety --------------------------------------------------------------------------


async def test_everyone_and_role_mentions_never_ping(fake: FakeDiscord, bot: BriefBot) -> None:
    query = f"@everyone @here <@&{ROLE_ID}> **loud**"
    reply = await fake.reply_to(await fake.say(f"!who {query}"))
    answer = await fake.response(await fake.slash("search", {"text": query}))
    for message in (reply, answer):
        assert not MENTION.search(visible_text(message)), visible_text(message)
    assert "@\u200beveryone" in reply["embeds"][0]["title"]
    assert "\\*\\*loud\\*\\*" in reply["embeds"][0]["title"]
    assert fake.payloads and all(p["allowed_mentions"] == {"parse": []} for p in fake.payloads)


async def test_an_oversized_answer_stays_within_discords_limits(fake: FakeDiscord,
                                                                bot: BriefBot) -> None:
    answer = await fake.response(await fake.slash("search", {"text": "walrus"}))
    message_id = int(answer["id"])
    seen = [fake.messages[message_id]]
    while not buttons(fake.messages[message_id]).get("›", True):
        await fake.click(message_id, "›")
        seen.append(fake.messages[message_id])
    plain = await fake.reply_to(await fake.say("!search walrus", channel_id=PLAIN_CHANNEL_ID))
    seen.append(plain)
    for message in seen:
        assert not MENTION.search(visible_text(message))
    assert "…" in seen[0]["embeds"][0]["description"]  # the sentences were clipped
    assert fake.rejected == []


async def test_cooldown_says_when_to_try_again(fake: FakeDiscord, launch: Launch) -> None:
    await launch(cooldown=30)
    await fake.reply_to(await fake.say("!who Blinken"))
    await fake.say("!who Blinken")
    slowed = await fake.wait_for(lambda: next(
        (m for m in fake.bot_messages() if "try again in" in m["content"]), None))
    assert re.search(r"try again in (29|30) s", slowed["content"])
    refused = await fake.slash("who", {"name": "Blinken"})
    await fake.wait_for(lambda: refused.callbacks)
    assert refused.callbacks[0]["data"]["flags"] & EPHEMERAL
    assert "try again in" in refused.callbacks[0]["data"]["content"]


async def test_a_rate_limited_reply_is_retried(fake: FakeDiscord, bot: BriefBot) -> None:
    fake.rate_limit_once.add(f"/channels/{CHANNEL_ID}/messages")
    reply = await fake.reply_to(await fake.say("!help"))
    assert reply["embeds"][0]["title"] == "Commands"
    posts = [r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/messages"]
    assert len(posts) == 2


async def test_the_token_is_never_logged(fake: FakeDiscord, launch: Launch,
                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await launch()
    await fake.response(await fake.slash("who", {"name": "Blinken"}))
    assert caplog.records
    assert fake.token not in caplog.text
    assert fake.identify is not None and fake.identify["intents"] & (1 << 15)  # content


# -- the CLI: run and sync -------------------------------------------------------------


def test_run_without_a_token_is_one_line(cli: Any) -> None:
    result = cli("run")
    assert result.code == 2
    assert result.err.startswith("briefbot: error: DISCORD_TOKEN is not set")
    assert result.err.count("\n") == 1
    assert cli("sync").code == 2


def test_a_rejected_token_is_one_line_and_never_shown(cli: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeDiscord()
    with server.in_thread():
        for name, value in server.environ().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DISCORD_TOKEN", "wrong.token.value")
        result = cli("run")
    assert result.code == 2
    assert result.err.startswith("briefbot: error: Discord rejected the token")
    assert result.err.count("\n") == 1
    assert "wrong.token.value" not in result.err + result.out


def test_sync_to_a_guild_or_globally_never_both(cli: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeDiscord()
    with server.in_thread():
        for name, value in server.environ().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DISCORD_TOKEN", server.token)
        in_guild = cli("sync", "--guild", str(GUILD_ID))
        assert in_guild.code == 0, in_guild.err
        assert None not in server.commands
        assert cli("sync", "--guild", str(GUILD_ID), "--clear").code == 0
        assert server.commands[GUILD_ID] == []
        assert cli("sync").code == 0
        refused = cli("sync", "--guild", str(GUILD_ID))
    assert "/who" in in_guild.out
    assert refused.code == 2 and "already registered globally" in refused.err
    assert server.rejected == []
    synced = {c["name"]: c for c in server.commands[None]}
    assert set(synced) == set(COMMANDS) | {"digest", "sources"}  # + the digest cog
    assert server.commands[GUILD_ID] == []
    who_command = synced["who"]
    assert who_command["options"][0]["description"].startswith("A full name")
    assert set(who_command["contexts"]) == {0, 1, 2}
    assert set(who_command["integration_types"]) == {0, 1}
