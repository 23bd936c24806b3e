"""A small in-process fake Discord: REST under ``/api/v10`` and a gateway websocket.

The real discord.py client connects to it through ``BRIEFBOT_DISCORD_API_BASE`` and
``BRIEFBOT_DISCORD_GATEWAY`` and cannot tell the difference for what briefbot uses: the
gateway handshake (HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeats acked), user
messages and interactions pushed as gateway events, and the REST routes a bot answers
through (channel messages, typing, interaction callbacks, webhook follow-ups and edits,
command sync). Like Discord it answers a message over any length limit with HTTP 400 and
a JSON error, so a test catches overflow, and it records every request and every reply.

Tests drive it with :meth:`say`, :meth:`slash`, :meth:`autocomplete` and :meth:`click`,
then wait for what the bot does with :meth:`wait_for` (always with a timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1_420_070_400_000
TOKEN = "fake.discord.token-not-a-secret"
API_PREFIX = "/api/v10"

# Discord's limits, enforced on every message the bot creates or edits.
CONTENT_LIMIT = 2000
EMBEDS_LIMIT = 10
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
CHOICES_LIMIT = 25
CHOICE_LIMIT = 100

# Interaction and callback types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 1, 2, 3, 4
CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT = (
    4, 5, 6, 7, 8)
EPHEMERAL, LOADING = 1 << 6, 1 << 7

EMBED_LINKS = 1 << 14
EVERYONE_PERMISSIONS = ((1 << 6) | (1 << 10) | (1 << 11) | EMBED_LINKS | (1 << 15)
                        | (1 << 16) | (1 << 31))

_counter = itertools.count()


def snowflake() -> int:
    """A fresh snowflake for now: discord.py treats old interaction ids as expired."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (millis << 22) | (next(_counter) & 0x3FFFFF)


def _user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0",
            "global_name": name.title(), "avatar": None, "bot": bot, "public_flags": 0,
            "flags": 0}


def _now() -> str:
    return datetime.now(UTC).isoformat()


APP_ID = 1_100_000_000_000_000_001
BOT_ID = APP_ID
GUILD_ID = 1_100_000_000_000_000_100
CHANNEL_ID = 1_100_000_000_000_000_200  # embeds allowed
PLAIN_CHANNEL_ID = 1_100_000_000_000_000_201  # Embed Links denied to everyone
ALICE_ID = 1_100_000_000_000_000_300
BOB_ID = 1_100_000_000_000_000_301
ROLE_ID = 1_100_000_000_000_000_400
BOT_USER = {**_user(BOT_ID, "briefbot", bot=True), "verified": True, "mfa_enabled": False}
ALICE = _user(ALICE_ID, "alice")
BOB = _user(BOB_ID, "bob")
DM_CHANNELS = {ALICE_ID: 1_100_000_000_000_000_500, BOB_ID: 1_100_000_000_000_000_501}


class DiscordError(Exception):
    """Becomes an HTTP error reply with Discord's JSON shape."""

    def __init__(self, status: int, code: int, message: str,
                 errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.errors:
            body["errors"] = {path: {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                                                  "message": text}]}
                              for path, text in self.errors.items()}
        return body


def message_problems(message: dict[str, Any]) -> dict[str, str]:
    """Every limit a message (content, embeds, components) breaks, as Discord names them."""
    problems: dict[str, str] = {}

    def at_most(path: str, value: str | None, limit: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                problems[path] = "This field is required"
            return
        if len(value) > limit:
            problems[path] = f"Must be {limit} or fewer in length."
        elif required and not value.strip():
            problems[path] = "This field is required"

    at_most("content", message.get("content"), CONTENT_LIMIT)
    embeds = message.get("embeds") or []
    if len(embeds) > EMBEDS_LIMIT:
        problems["embeds"] = f"Must be {EMBEDS_LIMIT} or fewer in length."
    total = 0
    for i, embed in enumerate(embeds):
        at_most(f"embeds.{i}.title", embed.get("title"), TITLE_LIMIT)
        at_most(f"embeds.{i}.description", embed.get("description"), DESCRIPTION_LIMIT)
        fields = embed.get("fields") or []
        if len(fields) > FIELDS_LIMIT:
            problems[f"embeds.{i}.fields"] = f"Must be {FIELDS_LIMIT} or fewer in length."
        for j, item in enumerate(fields):
            at_most(f"embeds.{i}.fields.{j}.name", item.get("name"), FIELD_NAME_LIMIT,
                    required=True)
            at_most(f"embeds.{i}.fields.{j}.value", item.get("value"), FIELD_VALUE_LIMIT,
                    required=True)
        footer = (embed.get("footer") or {}).get("text")
        author = (embed.get("author") or {}).get("name")
        at_most(f"embeds.{i}.footer.text", footer, FOOTER_LIMIT)
        at_most(f"embeds.{i}.author.name", author, AUTHOR_LIMIT)
        total += sum(len(part or "") for part in (
            embed.get("title"), embed.get("description"), footer, author,
            *(f.get("name") for f in fields), *(f.get("value") for f in fields)))
    if total > EMBED_TOTAL_LIMIT:
        problems["embeds"] = f"Embed size exceeds maximum size of {EMBED_TOTAL_LIMIT}"
    rows = message.get("components") or []
    if len(rows) > 5:
        problems["components"] = "Must be 5 or fewer in length."
    for i, row in enumerate(rows):
        buttons = row.get("components") or []
        if len(buttons) > 5:
            problems[f"components.{i}.components"] = "Must be 5 or fewer in length."
        for j, button in enumerate(buttons):
            at_most(f"components.{i}.components.{j}.label", button.get("label"), 80)
            at_most(f"components.{i}.components.{j}.custom_id", button.get("custom_id"), 100)
    return problems


def choice_problems(choices: list[dict[str, Any]]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if len(choices) > CHOICES_LIMIT:
        problems["data.choices"] = f"Must be {CHOICES_LIMIT} or fewer in length."
    for i, choice in enumerate(choices):
        name, value = str(choice.get("name", "")), str(choice.get("value", ""))
        if not 1 <= len(name) <= CHOICE_LIMIT:
            problems[f"data.choices.{i}.name"] = "Must be between 1 and 100 in length."
        if len(value) > CHOICE_LIMIT:
            problems[f"data.choices.{i}.value"] = "Must be 100 or fewer in length."
    return problems


_COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


def command_problems(commands: list[dict[str, Any]]) -> dict[str, str]:
    """What Discord rejects when commands are synced: names, descriptions, option order."""
    problems: dict[str, str] = {}
    for i, command in enumerate(commands):
        name = command.get("name", "")
        if not _COMMAND_NAME.match(name) or name != name.lower():
            problems[f"{i}.name"] = "Invalid command name"
        if not 1 <= len(command.get("description", "")) <= 100:
            problems[f"{i}.description"] = "Must be between 1 and 100 in length."
        seen_optional = False
        for j, option in enumerate(command.get("options") or []):
            if not 1 <= len(option.get("description", "")) <= 100:
                problems[f"{i}.options.{j}.description"] = "Must be between 1 and 100 in length."
            if option.get("required"):
                if seen_optional:
                    problems[f"{i}.options.{j}.required"] = "Required options must be first"
            else:
                seen_optional = True
    return problems


@dataclass
class Interaction:
    """One interaction sent to the bot and everything the bot answered to it."""

    id: int
    token: str
    type: int
    channel_id: int
    user: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    message_id: int | None = None  # the message a component belongs to


@dataclass
class Request:
    method: str
    path: str
    body: Any


class FakeDiscord:
    """The fake: start it, point the bot at :attr:`api_base` and :attr:`gateway`."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.requests: list[Request] = []
        self.rejected: list[tuple[str, dict[str, Any]]] = []  # (path, error body)
        self.messages: dict[int, dict[str, Any]] = {}  # what the bot posted, as it is now
        self.payloads: list[dict[str, Any]] = []  # every message-creating payload
        self.interactions: dict[str, Interaction] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None: global)
        self.identify: dict[str, Any] | None = None
        self.rate_limit_once: set[str] = set()  # path suffixes answered once with a 429
        self.typing: list[int] = []
        self.port = 0
        self._ws: web.WebSocketResponse | None = None
        self._sequence = 0
        self._runner: web.AppRunner | None = None
        self._changed: asyncio.Condition | None = None
        self.app = web.Application(middlewares=[self._middleware])
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def environ(self) -> dict[str, str]:
        return {"BRIEFBOT_DISCORD_API_BASE": self.api_base,
                "BRIEFBOT_DISCORD_GATEWAY": self.gateway}

    async def start(self) -> FakeDiscord:
        self._changed = asyncio.Condition()
        self._runner = web.AppRunner(self.app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @contextlib.contextmanager
    def in_thread(self) -> Iterator[FakeDiscord]:
        """Serve from a thread of its own, for code that runs its own event loop (the CLI)."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), loop).result(10)
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    async def _notify(self) -> None:
        if self._changed is not None:
            async with self._changed:
                self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until ``predicate()`` is truthy (checked on every change); return its value."""
        assert self._changed is not None, "start() first"
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    # -- the gateway -------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41_250}, "s": None, "t": None})
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            op = payload.get("op")
            if op == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                if payload["d"].get("token") != self.token:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self.identify = {k: v for k, v in payload["d"].items() if k != "token"}
                await self.dispatch("READY", self._ready())
                await self.dispatch("GUILD_CREATE", self._guild())
            elif op == 6:
                await ws.send_json({"op": 9, "d": False, "s": None, "t": None})
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to the bot."""
        assert self._ws is not None, "the bot has not connected"
        self._sequence += 1
        await self._ws.send_json({"op": 0, "t": event, "s": self._sequence, "d": data})

    def _ready(self) -> dict[str, Any]:
        return {"v": 10, "user": BOT_USER, "session_id": "fake-session",
                "resume_gateway_url": self.gateway, "shard": [0, 1],
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                "application": {"id": str(APP_ID), "flags": 0},
                "private_channels": [], "relationships": [], "_trace": ["fake-discord"]}

    @staticmethod
    def _channel(channel_id: int, name: str, *, deny: int = 0) -> dict[str, Any]:
        overwrites = [{"id": str(GUILD_ID), "type": 0, "allow": "0", "deny": str(deny)}]
        return {"id": str(channel_id), "type": 0, "guild_id": str(GUILD_ID), "name": name,
                "position": 0, "permission_overwrites": overwrites if deny else [],
                "nsfw": False, "parent_id": None, "topic": None, "rate_limit_per_user": 0,
                "last_message_id": None, "flags": 0}

    def _member(self, user: dict[str, Any]) -> dict[str, Any]:
        return {"user": user, "roles": [], "joined_at": _now(), "deaf": False, "mute": False,
                "flags": 0, "nick": None, "avatar": None, "pending": False}

    def _guild(self) -> dict[str, Any]:
        everyone = {"id": str(GUILD_ID), "name": "@everyone", "permissions":
                    str(EVERYONE_PERMISSIONS), "position": 0, "color": 0, "hoist": False,
                    "managed": False, "mentionable": False, "flags": 0}
        staff = {**everyone, "id": str(ROLE_ID), "name": "staff", "position": 1,
                 "mentionable": True}
        return {
            "id": str(GUILD_ID), "name": "Briefing Room", "icon": None,
            "owner_id": str(ALICE_ID), "roles": [everyone, staff], "emojis": [],
            "stickers": [], "features": [], "member_count": 3, "large": False,
            "unavailable": False, "joined_at": _now(), "afk_timeout": 300,
            "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "mfa_level": 0, "premium_tier": 0,
            "preferred_locale": "en-US", "nsfw_level": 0, "system_channel_id": None,
            "premium_progress_bar_enabled": False,
            "members": [self._member(BOT_USER), self._member(ALICE), self._member(BOB)],
            "channels": [self._channel(CHANNEL_ID, "briefing"),
                         self._channel(PLAIN_CHANNEL_ID, "no-embeds", deny=EMBED_LINKS)],
            "threads": [], "presences": [], "voice_states": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": []}

    # -- driving the bot ---------------------------------------------------------------

    @staticmethod
    def in_guild(channel_id: int) -> bool:
        return channel_id in (CHANNEL_ID, PLAIN_CHANNEL_ID)

    async def say(self, content: str, *, user: dict[str, Any] = ALICE,
                  channel_id: int = CHANNEL_ID) -> int:
        """A user posts a message (a DM when ``channel_id`` is one of :data:`DM_CHANNELS`)."""
        message_id = snowflake()
        data: dict[str, Any] = {
            "id": str(message_id), "channel_id": str(channel_id), "author": user,
            "content": content, "timestamp": _now(), "edited_timestamp": None, "tts": False,
            "mention_everyone": "@everyone" in content, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": [], "components": [], "pinned": False, "type": 0,
            "flags": 0}
        if self.in_guild(channel_id):
            data["guild_id"] = str(GUILD_ID)
            data["member"] = {k: v for k, v in self._member(user).items() if k != "user"}
        await self.dispatch("MESSAGE_CREATE", data)
        return message_id

    async def _interact(self, kind: int, data: dict[str, Any], user: dict[str, Any],
                        channel_id: int, message: dict[str, Any] | None) -> Interaction:
        """Send INTERACTION_CREATE with a fresh id and token; the record of its answers."""
        interaction_id = snowflake()
        record = Interaction(interaction_id, f"itoken-{interaction_id}", kind, channel_id,
                             user, message_id=int(message["id"]) if message else None)
        payload: dict[str, Any] = {
            "id": str(interaction_id), "application_id": str(APP_ID), "type": kind,
            "data": data, "token": record.token, "version": 1, "locale": "en-US",
            "channel_id": str(channel_id), "app_permissions": str(EVERYONE_PERMISSIONS),
            "entitlements": [], "attachment_size_limit": 10 * 1024 * 1024}
        if self.in_guild(channel_id):
            payload |= {
                "guild_id": str(GUILD_ID), "guild_locale": "en-US", "context": 0,
                "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
                "channel": self._channel(channel_id, "briefing"),
                "member": {**self._member(user), "permissions": str(EVERYONE_PERMISSIONS)},
                "authorizing_integration_owners": {"0": str(GUILD_ID)}}
        else:
            payload |= {
                "user": user, "context": 1,
                "channel": {"id": str(channel_id), "type": 1, "recipients": [user],
                            "last_message_id": None, "flags": 0},
                "authorizing_integration_owners": {"0": str(GUILD_ID)}}
        if message is not None:
            payload["message"] = message
        self.interactions[record.token] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    async def slash(self, name: str, options: dict[str, Any] | None = None, *,
                    user: dict[str, Any] = ALICE, channel_id: int = CHANNEL_ID) -> Interaction:
        """A user runs ``/name`` with the given options."""
        data = {"id": str(snowflake()), "name": name, "type": 1,
                "options": [_option(k, v) for k, v in (options or {}).items()]}
        return await self._interact(APPLICATION_COMMAND, data, user, channel_id, None)

    async def autocomplete(self, name: str, option: str, typed: str, *,
                           user: dict[str, Any] = ALICE, channel_id: int = CHANNEL_ID,
                           timeout: float = 10.0) -> list[dict[str, Any]]:
        """A user types ``typed`` into ``option`` of ``/name``; the choices offered."""
        data = {"id": str(snowflake()), "name": name, "type": 1,
                "options": [{**_option(option, typed), "focused": True}]}
        record = await self._interact(AUTOCOMPLETE, data, user, channel_id, None)
        body = await self.wait_for(lambda: record.callbacks and record.callbacks[0], timeout)
        assert body["type"] == AUTOCOMPLETE_RESULT, body
        return list(body["data"]["choices"])

    async def click(self, message_id: int, label: str, *, user: dict[str, Any] = ALICE,
                    timeout: float = 10.0) -> dict[str, Any]:
        """A user presses the button labelled ``label``; the bot's callback body."""
        message = self.messages[message_id]
        button = next(b for row in message["components"] for b in row["components"]
                      if b.get("label") == label)
        assert not button.get("disabled"), f"button {label!r} is disabled"
        data = {"custom_id": button["custom_id"], "component_type": 2}
        channel_id = int(message["channel_id"])
        record = await self._interact(MESSAGE_COMPONENT, data, user, channel_id, message)
        return await self.wait_for(lambda: record.callbacks and record.callbacks[0], timeout)

    # -- reading what the bot did ------------------------------------------------------

    def bot_messages(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        return [m for m in self.messages.values()
                if channel_id is None or int(m["channel_id"]) == channel_id]

    async def reply_to(self, message_id: int, timeout: float = 10.0) -> dict[str, Any]:
        """The bot's first message answering the user message ``message_id``."""
        def found() -> dict[str, Any] | None:
            return next((m for m in self.messages.values()
                         if str((m.get("message_reference") or {}).get("message_id"))
                         == str(message_id)), None)
        return await self.wait_for(found, timeout)

    async def response(self, record: Interaction, timeout: float = 10.0) -> dict[str, Any]:
        """The interaction's visible answer, once it is no longer "thinking"."""
        def done() -> dict[str, Any] | None:
            if record.original_id is None:
                return None
            message = self.messages[record.original_id]
            return None if message["flags"] & LOADING else message
        return await self.wait_for(done, timeout)

    # -- REST ----------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            return await handler(request)
        except DiscordError as error:
            self.rejected.append((request.path, error.body()))
            await self._notify()
            return _json(error.body(), error.status)

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await _body(request)
        self.requests.append(Request(request.method, path, body))
        for suffix in list(self.rate_limit_once):
            if path.endswith(suffix):
                self.rate_limit_once.discard(suffix)
                return _json({"message": "You are being rate limited.", "retry_after": 0.05,
                              "global": False}, 429,
                             headers={"Via": "1.1 google", "X-RateLimit-Remaining": "0",
                                      "X-RateLimit-Reset-After": "0.05"})
        webhook = path.startswith(("/webhooks/", "/interactions/"))
        if not webhook and request.headers.get("Authorization") != f"Bot {self.token}":
            raise DiscordError(401, 0, "401: Unauthorized")
        for pattern, method, route in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == request.method:
                result = await route(body, *match.groups())
                await self._notify()
                return web.Response(status=204) if result is None else _json(result)
        raise DiscordError(404, 0, f"404: Not Found ({request.method} {path})")

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        return [
            (r"/users/@me", "GET", self._me),
            (r"/oauth2/applications/@me", "GET", self._application),
            (r"/channels/(\d+)/typing", "POST", self._typing),
            (r"/channels/(\d+)/messages", "POST", self._create_message),
            (r"/channels/(\d+)/messages/(\d+)", "PATCH", self._edit_channel_message),
            (r"/interactions/(\d+)/([^/]+)/callback", "POST", self._callback),
            (r"/webhooks/\d+/([^/]+)", "POST", self._followup),
            (r"/webhooks/\d+/([^/]+)/messages/(@original|\d+)", "GET", self._get_webhook),
            (r"/webhooks/\d+/([^/]+)/messages/(@original|\d+)", "PATCH", self._edit_webhook),
            (r"/applications/\d+/commands", "GET", self._get_commands),
            (r"/applications/\d+/commands", "PUT", self._put_commands),
            (r"/applications/\d+/guilds/(\d+)/commands", "GET", self._get_commands),
            (r"/applications/\d+/guilds/(\d+)/commands", "PUT", self._put_commands),
        ]

    async def _me(self, _: Any) -> dict[str, Any]:
        return BOT_USER

    async def _application(self, _: Any) -> dict[str, Any]:
        return {"id": str(APP_ID), "name": "briefbot", "icon": None, "description": "",
                "rpc_origins": [], "bot_public": True, "bot_require_code_grant": False,
                "owner": ALICE, "team": None, "verify_key": "0" * 64, "flags": 0,
                "summary": "", "bot": BOT_USER, "interactions_endpoint_url": None}

    async def _typing(self, _: Any, channel_id: str) -> None:
        self.typing.append(int(channel_id))

    def _new_message(self, channel_id: int, payload: dict[str, Any], *,
                     loading: bool = False, webhook: bool = False) -> dict[str, Any]:
        if not loading:
            self._check_message(payload, creating=True)
            self.payloads.append(payload)
        message_id = snowflake()
        message = {
            "id": str(message_id), "channel_id": str(channel_id), "author": BOT_USER,
            "content": payload.get("content") or "", "embeds": payload.get("embeds") or [],
            "components": payload.get("components") or [], "timestamp": _now(),
            "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [], "mention_roles": [], "attachments": [], "pinned": False,
            "type": 20 if webhook else (19 if payload.get("message_reference") else 0),
            "flags": (payload.get("flags") or 0) | (LOADING if loading else 0)}
        if self.in_guild(channel_id):
            message["guild_id"] = str(GUILD_ID)
        if webhook:
            message["webhook_id"] = str(APP_ID)
            message["application_id"] = str(APP_ID)
        if payload.get("message_reference"):
            message["message_reference"] = payload["message_reference"]
        self.messages[message_id] = message
        return message

    def _edit(self, message_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        if message_id not in self.messages:
            raise DiscordError(404, 10008, "Unknown Message")
        current = self.messages[message_id]
        updated = dict(current)
        for key in ("content", "embeds", "components"):
            if key in payload:
                updated[key] = payload[key] if payload[key] is not None else (
                    "" if key == "content" else [])
        if "flags" in payload and payload["flags"] is not None:
            updated["flags"] = payload["flags"]
        updated["flags"] = updated.get("flags", 0) & ~LOADING
        self._check_message(updated, creating=False)
        updated["edited_timestamp"] = _now()
        self.messages[message_id] = updated
        return updated

    @staticmethod
    def _check_message(message: dict[str, Any], *, creating: bool) -> None:
        problems = message_problems(message)
        if problems:
            raise DiscordError(400, 50035, "Invalid Form Body", problems)
        if creating and not (message.get("content") or message.get("embeds")
                             or message.get("components")):
            raise DiscordError(400, 50006, "Cannot send an empty message")

    async def _create_message(self, body: dict[str, Any], channel_id: str) -> dict[str, Any]:
        return self._new_message(int(channel_id), body)

    async def _edit_channel_message(self, body: dict[str, Any], _: str,
                                    message_id: str) -> dict[str, Any]:
        return self._edit(int(message_id), body)

    def _record(self, token: str) -> Interaction:
        record = self.interactions.get(token)
        if record is None:
            raise DiscordError(404, 10062, "Unknown interaction")
        return record

    async def _callback(self, body: dict[str, Any], interaction_id: str,
                        token: str) -> dict[str, Any]:
        record = self._record(token)
        if int(interaction_id) != record.id:
            raise DiscordError(404, 10062, "Unknown interaction")
        if record.callbacks:
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        kind, data = body["type"], body.get("data") or {}
        message = None
        if kind == AUTOCOMPLETE_RESULT:
            problems = choice_problems(data.get("choices") or [])
            if problems:
                raise DiscordError(400, 50035, "Invalid Form Body", problems)
        elif kind == CHANNEL_MESSAGE:
            message = self._new_message(record.channel_id, data, webhook=True)
            record.original_id = int(message["id"])
        elif kind == DEFERRED_MESSAGE:
            message = self._new_message(record.channel_id, data, loading=True, webhook=True)
            record.original_id = int(message["id"])
        elif kind == UPDATE_MESSAGE:
            assert record.message_id is not None, "UPDATE_MESSAGE answers a component"
            message = self._edit(record.message_id, data)
        record.callbacks.append(body)
        reply: dict[str, Any] = {"interaction": {
            "id": str(record.id), "type": record.type,
            "response_message_loading": kind == DEFERRED_MESSAGE,
            "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL)}}
        if message is not None:
            reply["interaction"]["response_message_id"] = message["id"]
            reply["resource"] = {"type": kind, "message": message}
        return reply

    async def _followup(self, body: dict[str, Any], token: str) -> dict[str, Any]:
        record = self._record(token)
        if not record.callbacks:
            raise DiscordError(404, 10015, "Unknown Webhook")
        original = self.messages.get(record.original_id or 0)
        if original is not None and original["flags"] & LOADING and not record.followup_ids:
            # Discord's first follow-up after a deferral fills the "thinking" message
            self.payloads.append(body)
            message = self._edit(record.original_id or 0, body)
        else:
            message = self._new_message(record.channel_id, body, webhook=True)
        record.followup_ids.append(int(message["id"]))
        return message

    def _webhook_message_id(self, token: str, which: str) -> int:
        record = self._record(token)
        if which == "@original":
            if record.original_id is None:
                raise DiscordError(404, 10008, "Unknown Message")
            return record.original_id
        return int(which)

    async def _get_webhook(self, _: Any, token: str, which: str) -> dict[str, Any]:
        return self.messages[self._webhook_message_id(token, which)]

    async def _edit_webhook(self, body: dict[str, Any], token: str,
                            which: str) -> dict[str, Any]:
        return self._edit(self._webhook_message_id(token, which), body)

    async def _get_commands(self, _: Any, guild_id: str | None = None) -> list[dict[str, Any]]:
        return self.commands.get(int(guild_id) if guild_id else None, [])

    async def _put_commands(self, body: list[dict[str, Any]],
                            guild_id: str | None = None) -> list[dict[str, Any]]:
        problems = command_problems(body)
        if problems:
            raise DiscordError(400, 50035, "Invalid Form Body", problems)
        stored = [{"type": 1, "default_member_permissions": None, "nsfw": False, **command,
                   "id": str(snowflake()), "application_id": str(APP_ID), "version": "1",
                   **({"guild_id": guild_id} if guild_id else {})} for command in body]
        self.commands[int(guild_id) if guild_id else None] = stored
        return stored


def _option(name: str, value: Any) -> dict[str, Any]:
    kind = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 3
    return {"name": name, "type": kind, "value": value}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py parses a reply only when Content-Type is exactly application/json
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


async def _body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        return json.loads(str(form.get("payload_json") or "{}"))
    text = await request.text()
    return json.loads(text) if text else None
