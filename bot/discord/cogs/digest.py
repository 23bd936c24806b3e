"""The daily digest and the sources in Discord.

``/digest`` (status), ``/digest channel``, ``/digest time``, ``/digest off`` and
``/digest now`` (a private preview) for admins with Manage Server; ``/sources`` for all.
Two loops run once the bot is connected: the sources are refreshed every
``refresh_minutes``, and ``tasks.loop(time=…)`` wakes at every time of day some server
wants its digest. What is due is decided by :mod:`bot.digest_schedule` from the last
digest stored per channel, so a restart never posts twice and a digest missed while the
bot was down is posted once when it comes back.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import time as Time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot import digest_schedule
from bot.digest_schedule import (
    DigestPost,
    GuildDigest,
    Schedule,
    check_timezone,
    due,
    from_iso,
    iso,
    loop_times,
    next_slot,
    parse_time,
    postable,
    schedule_for,
)
from bot.sources.refresh import Refresher, configured_status
from bot.sources.status import merge
from handlers import digest as digest_handler
from handlers.answer import Answer

from ..render import MESSAGE_LIMIT, Pager, clip, escape, render

if TYPE_CHECKING:
    from ..client import BriefBot

log = logging.getLogger("briefbot.digest")
EARLY = timedelta(seconds=30)  # a loop that wakes a moment early still finds its slot


def _now() -> datetime:
    return digest_schedule.now()  # looked up on each call, so tests can move the clock


def _when(moment: datetime, zone: Any) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


class Digest(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self.settings = bot.settings
        self.default = Schedule(bot.settings.digest.time, bot.settings.digest.timezone)
        self.writing = asyncio.Lock()  # store writes: refreshes and digest claims
        self.posting = asyncio.Lock()  # one round of due digests at a time
        self._started = False

    async def cog_unload(self) -> None:
        self.refresh_loop.cancel()
        self.digest_loop.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Start the loops once, then post any digest missed while the bot was down."""
        if self._started:
            return
        self._started = True
        if self.settings.sources and self.settings.refresh_minutes > 0:
            self.refresh_loop.change_interval(minutes=self.settings.refresh_minutes)
            self.refresh_loop.start()
        if self.settings.digest.enabled:
            await self.reschedule()
            self.digest_loop.start()
            await self.post_due()

    # -- the loops -----------------------------------------------------------------------

    @tasks.loop(time=[Time(0, 0, tzinfo=UTC)])  # the real times come from the settings
    async def digest_loop(self) -> None:
        try:
            await self.post_due()
        except Exception:  # an uncaught error would stop the loop for good
            log.exception("posting the due digests failed")

    @tasks.loop(minutes=30)  # the real interval is refresh_minutes
    async def refresh_loop(self) -> None:
        try:
            await self.refresh()
        except Exception:
            log.exception("refreshing the sources failed")

    async def refresh(self) -> None:
        refresher = Refresher(self.bot.store, self.settings, lock=self.writing)
        for report in await refresher.refresh():
            log.info("source %s", report.line())

    async def reschedule(self) -> list[Time]:
        """Wake the digest loop at every server's time of day."""
        times = loop_times(await self.bot.store.guild_digests(), self.default)
        self.digest_loop.change_interval(time=times)
        return times

    async def post_due(self) -> list[int]:
        """Post every digest due now; the channels posted to (or told there is nothing)."""
        if not self.settings.digest.enabled:
            return []
        async with self.posting:
            moment = _now()
            done = []
            for guild in await self.bot.store.guild_digests():
                if not postable(guild):
                    continue
                try:
                    if await self._post_if_due(guild, moment):
                        done.append(guild.channel_id or 0)
                except Exception:  # one server's trouble never stops another's digest
                    log.exception("the digest for server %s failed", guild.guild_id)
            return done

    async def _post_if_due(self, guild: GuildDigest, moment: datetime) -> bool:
        store = self.bot.store
        assert guild.channel_id is not None
        schedule = schedule_for(guild, self.default)
        last = await store.last_digest(guild.channel_id)
        slot = due(moment + EARLY, schedule, last_slot=from_iso(last.slot) if last else None,
                   changed_at=from_iso(guild.updated_at))
        if slot is None:
            return False
        channel = self.bot.get_channel(guild.channel_id)
        problem = self._cannot_post(channel)
        if problem:
            await self._pause(guild, problem)
            return False
        assert isinstance(channel, discord.TextChannel)
        mark = await store.arrival_mark()
        async with self.writing:
            if not await store.claim_digest(channel.id, guild.guild_id, iso(slot), mark,
                                            iso(moment)):
                return False
        answer = await self.compose(guild, last, mark, moment, slot)
        try:
            outcome = await self._send(channel, answer)
        except discord.Forbidden as exc:
            outcome = "refused"
            await self._pause(guild, f"Discord refused the post in #{channel.name} "
                                     f"({exc.text or exc.status})")
        except discord.HTTPException as exc:
            outcome = f"failed (HTTP {exc.status})"
            log.warning("the digest for channel %s failed: %s", channel.id, exc)
        async with self.writing:
            await store.digest_outcome(channel.id, outcome)
        log.info("digest for channel %s, slot %s: %s", channel.id, iso(slot), outcome)
        return True

    async def compose(self, guild: GuildDigest, last: DigestPost | None, mark: int,
                      moment: datetime, slot: datetime) -> Answer:
        """What arrived since the channel's last digest (the day before, the first time)."""
        zone = schedule_for(guild, self.default).zone
        if last is not None:
            window = digest_handler.Window(upto_seq=mark, after_seq=last.last_seq)
            since = f"the last digest ({_when(from_iso(last.slot), zone)})"
        else:
            start = slot - timedelta(days=1)
            window = digest_handler.Window(upto_seq=mark, since=iso(start))
            since = f"{_when(start, zone)} {zone.key}"
        request = digest_handler.DigestRequest(window, moment.astimezone(zone), since,
                                               max_stories=self.settings.digest.max_stories)
        return await digest_handler.handle(self.bot.store, request)

    async def _send(self, channel: discord.TextChannel, answer: Answer) -> str:
        if not answer.ok:
            if not self.settings.digest.post_when_empty:
                return "nothing new, not posted (digest.post_when_empty is false)"
            await channel.send(clip(escape(answer.title), MESSAGE_LIMIT))
            return "nothing new, said so (digest.post_when_empty is true)"
        embeds = channel.permissions_for(channel.guild.me).embed_links
        pages = render(answer, embeds=embeds)
        for page in pages:
            await channel.send(**page.kwargs(), suppress_embeds=not embeds)
        return f"posted ({len(pages)} page{'s' if len(pages) != 1 else ''})"

    def _cannot_post(self, channel: object) -> str | None:
        if not isinstance(channel, discord.TextChannel):
            return "the digest channel is gone or is not a text channel"
        perms = channel.permissions_for(channel.guild.me)
        missing = [name for name, ok in (("View Channel", perms.view_channel),
                                         ("Send Messages", perms.send_messages)) if not ok]
        if missing:
            return f"I lack the {' and '.join(missing)} permission in #{channel.name}"
        return None

    async def _pause(self, guild: GuildDigest, reason: str) -> None:
        """Stop trying (until an admin changes the settings) and tell the admin once."""
        async with self.writing:
            await self.bot.store.save_guild_digest(replace(guild, paused_reason=reason))
        log.warning("digest paused in server %s: %s", guild.guild_id, reason)
        if guild.admin_id is None:
            return
        server = self.bot.get_guild(guild.guild_id)
        name = escape(server.name) if server else "a server"
        text = (f"I could not post the daily digest in {name}: {escape(reason)}. No digest "
                "is posted there until an admin fixes this and runs /digest channel again.")
        try:
            admin = self.bot.get_user(guild.admin_id) or await self.bot.fetch_user(
                guild.admin_id)
            await admin.send(clip(text, MESSAGE_LIMIT))
        except discord.HTTPException:
            log.warning("could not tell admin %s that the digest is paused", guild.admin_id,
                        exc_info=True)

    # -- settings, shared by the commands ---------------------------------------------------

    async def _current(self, guild_id: int) -> GuildDigest:
        found = await self.bot.store.guild_digest(guild_id)
        return found or GuildDigest(guild_id, None, None, None, True, None, None, iso(_now()))

    async def _save(self, ctx: commands.Context[Any], **changes: Any) -> GuildDigest:
        assert ctx.guild is not None
        current = await self._current(ctx.guild.id)
        updated = replace(current, **changes, admin_id=ctx.author.id, paused_reason=None,
                          updated_at=iso(_now()))
        async with self.writing:
            await self.bot.store.save_guild_digest(updated)
        if self.digest_loop.is_running():
            await self.reschedule()
        return updated

    def _describe(self, guild: GuildDigest, last: DigestPost | None) -> list[str]:
        schedule = schedule_for(guild, self.default)
        where = f"<#{guild.channel_id}>" if guild.channel_id else "no channel yet"
        lines = [f"Daily digest: {where} at {schedule}."]
        if not self.settings.digest.enabled:
            lines.append("Digests are switched off in the bot's configuration "
                         "(digest.enabled), so none is posted; ask the bot's operator.")
        elif guild.paused_reason:
            lines.append(f"Paused: {escape(guild.paused_reason)}. Fix it, then run "
                         "/digest channel again.")
        elif not guild.enabled:
            lines.append("Switched off in this server (/digest channel switches it on).")
        elif guild.channel_id:
            lines.append(f"Next: {_when(next_slot(_now(), schedule), schedule.zone)}.")
        if last is not None:
            lines.append(f"Last: {_when(from_iso(last.slot), schedule.zone)}, {last.outcome}.")
        empty = ("a short “nothing new” line" if self.settings.digest.post_when_empty
                 else "nothing")
        lines.append(f"On a day with nothing new it posts {empty}.")
        return lines

    async def _reply(self, ctx: commands.Context[Any], lines: list[str]) -> None:
        await ctx.send(clip("\n".join(lines), MESSAGE_LIMIT), ephemeral=True)

    async def _admin(self, ctx: commands.Context[Any]) -> bool:
        """Changing the digest needs Manage Server; say so rather than fail silently."""
        if ctx.guild is None:
            await ctx.send("The digest is set per server: use this in a server channel.",
                           ephemeral=True)
            return False
        author = ctx.author
        if isinstance(author, discord.Member) and author.guild_permissions.manage_guild:
            return True
        await ctx.send("Changing the digest needs the Manage Server permission.",
                       ephemeral=True)
        return False

    # -- commands --------------------------------------------------------------------------

    @commands.hybrid_group(name="digest", fallback="status",
                           description="The daily digest of this server: where, when, last")
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.default_permissions(manage_guild=True)
    async def digest(self, ctx: commands.Context[Any]) -> None:
        if not await self._admin(ctx):
            return
        assert ctx.guild is not None
        guild = await self._current(ctx.guild.id)
        last = await self.bot.store.last_digest(guild.channel_id) if guild.channel_id else None
        await self._reply(ctx, self._describe(guild, last))

    @digest.command(name="channel", description="Post the daily digest in this channel")
    @app_commands.describe(channel="Where the digest goes, e.g. #news")
    async def channel(self, ctx: commands.Context[Any], channel: discord.TextChannel) -> None:
        if not await self._admin(ctx):
            return
        guild = await self._save(ctx, channel_id=channel.id, enabled=True)
        lines = self._describe(guild, await self.bot.store.last_digest(channel.id))
        problem = self._cannot_post(channel)
        if problem:
            lines.insert(1, f"Warning: {problem}, so the digest cannot be posted there yet.")
        await self._reply(ctx, lines)

    @digest.command(name="time", description="When to post the daily digest")
    @app_commands.describe(at="24-hour time of day, e.g. 08:00",
                           timezone="IANA timezone, e.g. Europe/Berlin (default: the bot's)")
    async def at(self, ctx: commands.Context[Any], at: str,
                 timezone: str | None = None) -> None:
        if not await self._admin(ctx):
            return
        try:
            hours, minutes = parse_time(at)
            zone = check_timezone(timezone) if timezone else None
        except ValueError as exc:
            await self._reply(ctx, [f"I could not read that: {escape(str(exc))}."])
            return
        guild = await self._save(ctx, time=f"{hours:02d}:{minutes:02d}", timezone=zone)
        last = await self.bot.store.last_digest(guild.channel_id) if guild.channel_id else None
        await self._reply(ctx, self._describe(guild, last))

    @digest.command(name="off", description="Stop posting the daily digest in this server")
    async def off(self, ctx: commands.Context[Any]) -> None:
        if not await self._admin(ctx):
            return
        await self._save(ctx, enabled=False)
        await self._reply(ctx, ["The daily digest is off in this server "
                                "(/digest channel switches it on again)."])

    @digest.command(name="now", description="Preview the next digest, privately")
    async def preview(self, ctx: commands.Context[Any]) -> None:
        if not await self._admin(ctx):
            return
        assert ctx.guild is not None
        await ctx.defer(ephemeral=True)
        guild = await self._current(ctx.guild.id)
        moment = _now()
        last = await self.bot.store.last_digest(guild.channel_id) if guild.channel_id else None
        slot = next_slot(moment, schedule_for(guild, self.default))
        answer = await self.compose(guild, last, await self.bot.store.arrival_mark(), moment,
                                    slot)
        pages = render(answer)
        kwargs = pages[0].kwargs()
        view = Pager(pages, ctx.author.id, timeout=self.bot.page_timeout) \
            if len(pages) > 1 else None
        if view is not None:
            kwargs["view"] = view
        try:
            if ctx.interaction is not None:  # private: only the admin sees it
                message = await ctx.send(**kwargs, ephemeral=True)
            else:  # a prefix command has no private reply: a direct message instead
                message = await ctx.author.send(**kwargs)
        except discord.Forbidden:
            await ctx.send("I could not send you the preview privately: allow direct "
                           "messages from this server's members, or use /digest now.")
            return
        if view is not None:
            view.message = message

    @commands.hybrid_command(name="sources",
                             description="Where articles come from and how each last went")
    async def sources(self, ctx: commands.Context[Any]) -> None:
        statuses = merge(configured_status(self.settings),
                         await self.bot.store.source_statuses())
        lines = [escape(clip(s.describe(), 400)) for s in statuses] or [
            "No sources are configured (see sources: in the bot's config)."]
        await ctx.send(clip("\n".join(lines), MESSAGE_LIMIT), ephemeral=True)


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(Digest(bot))
