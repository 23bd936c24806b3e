"""``briefbot run`` and ``briefbot sync``: the token, the endpoints, logging, exit codes.

The token comes only from ``DISCORD_TOKEN``, is never printed, and is scrubbed from every
log record in case a library ever includes it. Problems a user can fix (no token, a
rejected token, the Message Content intent switched off) end in one line, not a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TextIO

import aiohttp
import discord

from bot.settings import Settings

from .client import BriefBot, configure_endpoints

TOKEN_ENV = "DISCORD_TOKEN"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

MISSING_TOKEN = (f"{TOKEN_ENV} is not set: create a bot in the Discord Developer Portal, "
                 f"copy its token and export {TOKEN_ENV}=... (see docs/discord.md)")
REJECTED_TOKEN = (f"Discord rejected the token in {TOKEN_ENV}: copy it again from the "
                  "Developer Portal (Bot > Reset Token)")
INTENT_OFF = ("the Message Content intent is off: switch it on in the Developer Portal "
              "(Bot > Privileged Gateway Intents) and start again")


class RedactToken(logging.Filter):
    """Replaces the token wherever it would appear in a log line."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token and self.token in message:
            record.msg, record.args = message.replace(self.token, "[token]"), None
        return True


def read_token(environ: Mapping[str, str]) -> str | None:
    token = environ.get(TOKEN_ENV, "").strip()
    return token or None


def setup_logging(settings: Settings, token: str) -> logging.Handler:
    handler = logging.StreamHandler()
    handler.addFilter(RedactToken(token))
    level = getattr(logging, settings.logging.level.upper())
    discord.utils.setup_logging(handler=handler, level=level)
    return handler


def _fail(err: TextIO, message: str, code: int = EXIT_USAGE) -> int:
    print(f"briefbot: error: {message}", file=err)
    return code


async def run(settings: Settings, *, db: str | None = None,
              environ: Mapping[str, str] | None = None, err: TextIO | None = None) -> int:
    """Serve the commands until interrupted; the exit code the CLI returns."""
    env = os.environ if environ is None else environ
    err = err or sys.stderr
    token = read_token(env)
    if token is None:
        return _fail(err, MISSING_TOKEN)
    api, gateway = configure_endpoints(env)
    handler = setup_logging(settings, token)
    try:
        async with BriefBot(settings, db=db) as bot:
            await bot.start(token)
    except discord.LoginFailure:
        return _fail(err, REJECTED_TOKEN)
    except discord.PrivilegedIntentsRequired:
        return _fail(err, INTENT_OFF)
    except (discord.GatewayNotFound, discord.ConnectionClosed, aiohttp.ClientError,
            OSError) as exc:
        return _fail(err, f"cannot reach Discord ({api}, {gateway}): {exc}", EXIT_FAILED)
    finally:
        logging.getLogger().removeHandler(handler)
    return EXIT_OK


async def sync(settings: Settings, guild_id: int | None, *, clear: bool = False,
               environ: Mapping[str, str] | None = None, out: TextIO | None = None,
               err: TextIO | None = None) -> int:
    """Register the slash commands in one server (instant) or globally, never both."""
    env = os.environ if environ is None else environ
    out, err = out or sys.stdout, err or sys.stderr
    token = read_token(env)
    if token is None:
        return _fail(err, MISSING_TOKEN)
    api, _ = configure_endpoints(env)
    guild = discord.Object(guild_id) if guild_id is not None else None
    where = f"server {guild_id}" if guild_id is not None else "globally"
    try:
        async with BriefBot(settings, serve=False) as bot:
            await bot.login(token)
            tree = bot.tree
            if clear:
                tree.clear_commands(guild=guild)
                await tree.sync(guild=guild)
                print(f"Removed briefbot's slash commands {where}.", file=out)
                return EXIT_OK
            if guild is not None:
                ours = {command.name for command in tree.get_commands()}
                both = sorted(ours & {c.name for c in await tree.fetch_commands()})
                if both:
                    return _fail(err, f"{', '.join(both)} already registered globally, so they "
                                      "would show twice in that server: run `briefbot sync "
                                      "--clear` first to remove the global ones")
                tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
    except discord.LoginFailure:
        return _fail(err, REJECTED_TOKEN)
    except discord.Forbidden as exc:
        return _fail(err, f"Discord refused the sync {where} ({exc.text}): is the bot in that "
                          "server, invited with the applications.commands scope?")
    except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        return _fail(err, f"cannot sync with Discord ({api}): {exc}", EXIT_FAILED)
    names = ", ".join(f"/{command.name}" for command in synced)
    print(f"Synced {len(synced)} slash commands {where}: {names}", file=out)
    return EXIT_OK
