"""The Discord bot: intents, mentions, cogs, the store, and the one error path.

Nothing here knows how to brief: the cogs call the same handlers as the CLI and hand the
answers to :mod:`bot.discord.render`. Every message goes out with
``AllowedMentions.none()``, since quoted news text can hold "@everyone".
"""

from __future__ import annotations

import difflib
import logging
import math
import os
from collections.abc import Mapping
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.corpus import open_store
from bot.settings import Settings
from bot.store import Store
from handlers.commands import COMMANDS
from handlers.core.topics import TopicIndex

from .render import clip, escape

log = logging.getLogger("briefbot.discord")

API_BASE_ENV = "BRIEFBOT_DISCORD_API_BASE"
GATEWAY_ENV = "BRIEFBOT_DISCORD_GATEWAY"
DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY = "wss://gateway.discord.gg/"
EXTENSIONS = ("bot.discord.cogs.briefing", "bot.discord.cogs.digest")
CHOICES = 25  # Discord's maximum number of autocomplete choices
CHOICE_CHARS = 100  # and of characters in a choice's name and value


def configure_endpoints(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Point discord.py at a REST and a gateway proxy (or a test fake) if configured.

    discord.py reads both from class attributes, so this is process-wide.
    """
    env = os.environ if environ is None else environ
    api = (env.get(API_BASE_ENV) or DEFAULT_API_BASE).rstrip("/")
    gateway = env.get(GATEWAY_ENV) or DEFAULT_GATEWAY
    discord.http.Route.BASE = api
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    return api, gateway


def intents() -> discord.Intents:
    """Default intents plus message content, which prefix commands need to be read."""
    chosen = discord.Intents.default()
    chosen.message_content = True
    return chosen


class BriefBot(commands.Bot):
    """Prefix and slash commands over one store; ``serve=False`` only logs in (for sync)."""

    def __init__(self, settings: Settings, *, db: str | None = None,
                 store: Store | None = None, serve: bool = True,
                 page_timeout: float = 180.0, **options: Any) -> None:
        # briefbot has no voice: no warning that the voice libraries are missing
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.discord.prefix),
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            case_insensitive=True,
            strip_after_prefix=True,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            **options)
        self.settings = settings
        self.page_timeout = page_timeout
        self._db = db
        self._store = store
        self._owns_store = store is None
        self._serve = serve
        self._topics: tuple[object, TopicIndex] | None = None
        self.tree.on_error = self.on_app_command_error

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store opens in setup_hook")
        return self._store

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self._serve and self._store is None:
            self._store = await open_store(
                self.settings, self._db,
                on_seed=lambda folder: log.info("first use: loading the seeds from %s", folder))

    async def close(self) -> None:
        await super().close()
        if self._owns_store and self._store is not None:
            store, self._store = self._store, None
            await store.close()

    # -- autocomplete ----------------------------------------------------------------

    async def name_choices(self, current: str) -> list[str]:
        """People in the corpus for a name option: prefix first, then fuzzy (at most 25)."""
        index = await self.store.name_index()
        return [clip(name, CHOICE_CHARS) for name in index.complete(current, CHOICES)]

    async def topic_choices(self, current: str) -> list[str]:
        """Topics for a topic option: the last word completed (at most 25)."""
        vocabulary = await self.store.vocabulary()
        if self._topics is None or self._topics[0] is not vocabulary:
            self._topics = (vocabulary, TopicIndex(vocabulary))
        head, terms = self._topics[1].candidates(current, CHOICES)
        spelled = await self.store.spelled(terms)  # "defens" is shown as "defense"
        words = dict.fromkeys(spelled[t] for t in terms)
        return [clip(head + word, CHOICE_CHARS) for word in words]

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected as %s (%s) to %d servers", user, user and user.id, len(self.guilds))

    # -- the one error path ----------------------------------------------------------

    async def on_command_error(self, ctx: commands.Context[Any],  # type: ignore[override]
                               error: commands.CommandError) -> None:
        """Every failed prefix or hybrid command: a short line to the user, a log line."""
        if isinstance(error, commands.CommandNotFound):
            message = self._did_you_mean(ctx)
        else:
            message = self.explain(error, command=ctx.command and ctx.command.name,
                                   prefix=ctx.clean_prefix,
                                   where=f"user {ctx.author.id}, channel {ctx.channel.id}")
        if message:
            try:
                await ctx.send(message, ephemeral=True)
            except discord.HTTPException:
                log.warning("could not report an error to user %s", ctx.author.id, exc_info=True)

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        """What the hybrid commands do not route to on_command_error (tree-level errors)."""
        command = interaction.command
        message = self.explain(error, command=command and command.name, prefix="/",
                               where=f"user {interaction.user.id}, "
                                     f"channel {interaction.channel_id}")
        if not message:
            return
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not report an error to user %s", interaction.user.id,
                        exc_info=True)

    def explain(self, error: Exception, *, command: str | None, prefix: str,
                where: str) -> str | None:
        """The short line a user sees for an error; unexpected ones are logged in full."""
        error = _unwrap(error)
        if isinstance(error, commands.CommandOnCooldown | app_commands.CommandOnCooldown):
            return f"Slow down a little: try again in {math.ceil(error.retry_after)} s."
        if isinstance(error, commands.MissingRequiredArgument | commands.TooManyArguments):
            usage = COMMANDS[command].usage if command in COMMANDS else command
            return f"Usage: {prefix}{usage}"
        if isinstance(error, commands.UserInputError | app_commands.TransformerError):
            return f"I could not read that: {escape(clip(str(error), 300))}"
        if isinstance(error, commands.CheckFailure | app_commands.CheckFailure):
            return "You cannot use that command here."
        log.error("command %r failed (%s)", command, where,
                  exc_info=(type(error), error, error.__traceback__))
        return "Sorry, something went wrong answering that. The reason has been logged."

    def _did_you_mean(self, ctx: commands.Context[Any]) -> str | None:
        typed = (ctx.invoked_with or "").lower()
        close = difflib.get_close_matches(typed, list(self.all_commands), n=1, cutoff=0.7)
        if not close:
            return None  # another bot's command, or chatter that starts with the prefix
        return (f"No command {escape(clip(typed, 40))!r}. "
                f"Did you mean `{ctx.clean_prefix}{close[0]}`?")


def _unwrap(error: Exception) -> Exception:
    """The error that explains the failure, under discord.py's wrappers."""
    while isinstance(error, commands.HybridCommandError | commands.CommandInvokeError
                     | app_commands.CommandInvokeError):
        inner = getattr(error, "original", None) or error.__cause__
        if not isinstance(inner, Exception):
            break
        error = inner
    return error
