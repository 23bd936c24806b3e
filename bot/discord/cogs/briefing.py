"""who, quotes, summary, search and help as hybrid commands (``!who`` and ``/who``).

Each command calls the handler the CLI calls and hands the answer to the renderer.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from discord import Interaction, app_commands
from discord.ext import commands

from handlers import summary as summary_handler
from handlers.commands import COMMANDS, Handler

from ..render import send_answer

if TYPE_CHECKING:
    from ..client import BriefBot

Choice = app_commands.Choice[str]


def per_user(ctx: commands.Context[Any]) -> commands.Cooldown | None:
    seconds = ctx.bot.settings.discord.cooldown_seconds
    return commands.Cooldown(1, seconds) if seconds > 0 else None


cooldown = commands.dynamic_cooldown(per_user, commands.BucketType.user)


class Briefing(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    async def answer(self, ctx: commands.Context[Any], handle: Handler, query: str) -> None:
        """Typing (prefix) or a deferred reply (slash) while the handler works."""
        async with ctx.typing():
            answer = await handle(self.bot.store, query)
        await send_answer(ctx, answer, timeout=self.bot.page_timeout)

    @commands.hybrid_command(description=COMMANDS["who"].description)
    @app_commands.describe(name="A full name, a surname or a close spelling, e.g. Blinken")
    @cooldown
    async def who(self, ctx: commands.Context[Any], *, name: str) -> None:
        await self.answer(ctx, COMMANDS["who"].handle, name)

    @commands.hybrid_command(description=COMMANDS["quotes"].description)
    @app_commands.describe(name="Whose quotes: a full name, a surname or a close spelling")
    @cooldown
    async def quotes(self, ctx: commands.Context[Any], *, name: str) -> None:
        await self.answer(ctx, COMMANDS["quotes"].handle, name)

    @commands.hybrid_command(description=COMMANDS["summary"].description)
    @app_commands.describe(topic="What the briefing is about, e.g. 2+2 dialogue",
                           more="A longer briefing (up to 15 sentences)")
    @cooldown
    async def summary(self, ctx: commands.Context[Any], *, topic: str,
                      more: bool = False) -> None:
        await self.answer(ctx, partial(summary_handler.handle, more=more), topic)

    @commands.hybrid_command(description=COMMANDS["search"].description)
    @app_commands.describe(text="Words to look for in the articles")
    @cooldown
    async def search(self, ctx: commands.Context[Any], *, text: str) -> None:
        await self.answer(ctx, COMMANDS["search"].handle, text)

    @commands.hybrid_command(name="help", description=COMMANDS["help"].description)
    @app_commands.describe(command="A command to explain, e.g. who")
    @cooldown
    async def help_(self, ctx: commands.Context[Any], *, command: str = "") -> None:
        await self.answer(ctx, COMMANDS["help"].handle, command)

    @who.autocomplete("name")
    @quotes.autocomplete("name")
    async def names(self, _: Interaction, current: str) -> list[Choice]:
        return [Choice(name=n, value=n) for n in await self.bot.name_choices(current)]

    @summary.autocomplete("topic")
    @search.autocomplete("text")
    async def topics(self, _: Interaction, current: str) -> list[Choice]:
        return [Choice(name=t, value=t) for t in await self.bot.topic_choices(current)]

    @help_.autocomplete("command")
    async def command_names(self, _: Interaction, current: str) -> list[Choice]:
        return [Choice(name=n, value=n) for n in COMMANDS if n.startswith(current.lower())]


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(Briefing(bot))
