"""One renderer from a handler's :class:`Answer` to Discord messages, and the pager.

discord.py checks none of Discord's length limits and Discord answers an oversized
message with HTTP 400, so every page is built within them here: lines are packed into
pages by count and size, each page lists the sources its lines cite (numbered as in the
terminal renderer), and a last pass clips whatever could still overflow. All text from
users and articles is escaped, so neither markdown nor a mention in a quote can change
the message; ``AllowedMentions.none()`` on the bot is the second guard.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord
from discord.ext import commands
from discord.utils import escape_markdown, escape_mentions

from bot.render_text import footnotes
from handlers.answer import Answer, Citation, Status

# Discord's limits (https://discord.com/developers/docs/resources/message).
MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_LIMIT = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000

LINES_PER_PAGE = 8
LINE_CHARS = 900
EXTRA_CHARS = 300  # the note above the lines, the suggestions below them
TEXT_EXTRA_CHARS = 200
TEXT_TITLE_CHARS = 200
MARKS_CHARS = 120
PAGE_TIMEOUT = 180.0

_COLOURS = {Status.OK: discord.Colour.blurple(), Status.NOT_FOUND: discord.Colour.orange(),
            Status.AMBIGUOUS: discord.Colour.gold(), Status.USAGE: discord.Colour.greyple()}
_URL = re.compile(r"https?://[^\s<>@()\[\]`|*_~\\]{1,300}")


@dataclass(frozen=True)
class Budget:
    """How much of a page the lines and the sources may fill."""

    lines: int
    sources: int
    entry_title: int
    entry_url: bool
    entry_snippet: int  # characters of the cited words shown under a source; 0: none


# Title 256 + note and suggestions 600 + lines 2,800 + sources 2,200 + names < 6,000.
EMBED_BUDGET = Budget(lines=2800, sources=2200, entry_title=120, entry_url=True,
                      entry_snippet=110)
# Title 204 + note and suggestions 400 + lines 900 + sources 400 + labels < 2,000.
TEXT_BUDGET = Budget(lines=900, sources=400, entry_title=60, entry_url=False,
                     entry_snippet=0)


def escape(text: str) -> str:
    """User or article text made inert: no markdown, no mentions."""
    return escape_mentions(escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, marking a cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:max(limit - 1, 0)].rstrip("\\") + "…"


def safe(text: str, limit: int) -> str:
    """Escaped and clipped; escaping may double the length, so clip both sides."""
    return clip(escape(clip(" ".join(text.split()), limit)), limit)


def source_entry(number: int, citation: Citation, budget: Budget) -> str:
    """``[n] Outlet, date — Title`` with a link when the citation has a plain URL, and
    the start of the cited words (two sources from one article differ only there)."""
    title = safe(citation.title, budget.entry_title)
    head = safe(citation.label, 80) if citation.outlet else ""
    text = f"{head} — {title}" if head else title
    url = citation.url or ""
    if budget.entry_url and _URL.fullmatch(url):
        text = f"{head} — [{title}]({url})" if head else f"[{title}]({url})"
    entry = f"**[{number}]** {text}"
    if budget.entry_snippet and citation.snippet.strip():
        entry += f"\n*“{safe(citation.snippet, budget.entry_snippet)}”*"
    return entry


@dataclass(frozen=True)
class Page:
    """One message's worth of an answer: either an embed or plain text."""

    embed: discord.Embed | None = None
    content: str | None = None

    def kwargs(self) -> dict[str, Any]:
        return {"embed": self.embed} if self.embed is not None else {"content": self.content}


@dataclass
class _Chunk:
    lines: list[str]
    sources: dict[int, str]

    def size(self) -> int:
        return sum(len(line) + 1 for line in self.lines)

    def sources_size(self, extra: dict[int, str] | None = None) -> int:
        merged = {**self.sources, **(extra or {})}
        return sum(len(entry) + 1 for entry in merged.values())


def _chunks(answer: Answer, budget: Budget) -> list[_Chunk]:
    """Lines packed greedily into pages; a line that fits nowhere gets a page of its own."""
    numbers = footnotes(answer)
    line_budget = min(LINE_CHARS, budget.lines)
    chunks = [_Chunk([], {})]
    for line in answer.lines:
        marks = clip("".join(f"[{numbers[(c.article_id, c.snippet)]}]"
                             for c in line.citations), MARKS_CHARS)
        text = f"{safe(line.text, line_budget - len(marks) - 1)} {marks}".rstrip()
        cited = {numbers[(c.article_id, c.snippet)]: source_entry(
            numbers[(c.article_id, c.snippet)], c, budget) for c in line.citations}
        page = chunks[-1]
        fits = (len(page.lines) < LINES_PER_PAGE
                and page.size() + len(text) + 1 <= budget.lines
                and page.sources_size(cited) <= budget.sources)
        if page.lines and not fits:
            page = _Chunk([], {})
            chunks.append(page)
        page.lines.append(text)
        page.sources.update(cited)
    return chunks


def _sources_within(sources: dict[int, str], budget: int) -> list[str]:
    """The page's footnotes in number order, the tail summarised if they overflow."""
    entries: list[str] = []
    used = 0
    ordered = [sources[n] for n in sorted(sources)]
    for index, entry in enumerate(ordered):
        room = budget if index == len(ordered) - 1 else budget - 40
        if used + len(entry) + 1 > room:
            rest = len(ordered) - index
            entries.append(f"…and {rest} more source{'s' if rest != 1 else ''}")
            break
        entries.append(entry)
        used += len(entry) + 1
    return entries


def _fields(entries: Sequence[str]) -> list[tuple[str, str]]:
    """Footnotes grouped into embed fields of at most 1,024 characters each."""
    fields: list[tuple[str, str]] = []
    current = ""
    for entry in entries:
        entry = clip(entry, FIELD_VALUE_LIMIT)
        if current and len(current) + 1 + len(entry) > FIELD_VALUE_LIMIT:
            fields.append(("Sources" if not fields else "\u200b", current))
            current = entry
        else:
            current = f"{current}\n{entry}" if current else entry
    if current:
        fields.append(("Sources" if not fields else "\u200b", current))
    return fields[:FIELDS_LIMIT]


def _header(answer: Answer, chars: int) -> tuple[list[str], list[str]]:
    """Lines shown before (the note) and after (suggestions) the answer's own lines."""
    before = [f"*{safe(answer.note, chars)}*"] if answer.note else []
    after = []
    if answer.suggestions and not answer.ok:
        after.append(safe("Try: " + ", ".join(answer.suggestions), chars))
    return before, after


def embed_pages(answer: Answer) -> list[discord.Embed]:
    """The answer as embeds, each within every one of Discord's embed limits."""
    chunks = _chunks(answer, EMBED_BUDGET)
    before, after = _header(answer, EXTRA_CHARS)
    title = safe(answer.title, TITLE_LIMIT) or "\u200b"
    pages = []
    for index, chunk in enumerate(chunks):
        body = "\n".join([*before, *chunk.lines, *(after if index == len(chunks) - 1 else [])])
        embed = discord.Embed(title=title, description=clip(body, DESCRIPTION_LIMIT) or None,
                              colour=_COLOURS.get(answer.status))
        for name, value in _fields(_sources_within(chunk.sources, EMBED_BUDGET.sources)):
            embed.add_field(name=name, value=value, inline=False)
        if len(chunks) > 1:
            embed.set_footer(text=f"Page {index + 1}/{len(chunks)}")
        pages.append(_fit(embed))
    return pages


def _fit(embed: discord.Embed) -> discord.Embed:
    """Last guard on the 6,000-character total: drop sources, then clip the text."""
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        spare = EMBED_TOTAL_LIMIT - (len(embed) - len(embed.description))
        embed.description = clip(embed.description, max(spare, 1))
    return embed


def text_pages(answer: Answer) -> list[str]:
    """The answer as plain messages of at most 2,000 characters, for embed-less channels."""
    chunks = _chunks(answer, TEXT_BUDGET)
    before, after = _header(answer, TEXT_EXTRA_CHARS)
    title = f"**{safe(answer.title, TEXT_TITLE_CHARS)}**"
    pages = []
    for index, chunk in enumerate(chunks):
        parts = [title, *before, *chunk.lines]
        if index == len(chunks) - 1:
            parts += after
        sources = _sources_within(chunk.sources, TEXT_BUDGET.sources)
        if sources:
            parts += ["Sources:", *sources]
        if len(chunks) > 1:
            parts.append(f"-# Page {index + 1}/{len(chunks)}")
        pages.append(clip("\n".join(parts), MESSAGE_LIMIT))
    return pages


def render(answer: Answer, *, embeds: bool = True) -> list[Page]:
    if embeds:
        return [Page(embed=embed) for embed in embed_pages(answer)]
    return [Page(content=text) for text in text_pages(answer)]


class Pager(discord.ui.View):
    """First/previous/next/last buttons that only the asker can press."""

    def __init__(self, pages: Sequence[Page], owner_id: int, *,
                 timeout: float = PAGE_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | None = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        at_start, at_end = self.index == 0, self.index == len(self.pages) - 1
        self.first.disabled = self.previous.disabled = at_start
        self.next.disabled = self.last.disabled = at_end

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages.", ephemeral=True)
        return False

    async def show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(**self.pages[self.index].kwargs(), view=self)

    @discord.ui.button(label="«", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        await self.show(interaction, 0)

    @discord.ui.button(label="‹", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction,
                       _: discord.ui.Button[Pager]) -> None:
        await self.show(interaction, self.index - 1)

    @discord.ui.button(label="›", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        await self.show(interaction, self.index + 1)

    @discord.ui.button(label="»", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        await self.show(interaction, len(self.pages) - 1)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            # deleted, or the interaction token expired: nothing left to disable
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)


def can_embed(ctx: commands.Context[Any]) -> bool:
    """Interactions and DMs always allow embeds; a server channel needs Embed Links."""
    if ctx.interaction is not None or ctx.guild is None:
        return True
    try:
        return ctx.bot_permissions.embed_links
    except (AttributeError, TypeError):  # permissions not cached yet: try embeds
        return True


async def send_answer(ctx: commands.Context[Any], answer: Answer, *,
                      timeout: float = PAGE_TIMEOUT) -> discord.Message:
    """Send the answer's first page, with a pager when there are more."""
    embeds = can_embed(ctx)
    pages = render(answer, embeds=embeds)
    kwargs = pages[0].kwargs()
    view = Pager(pages, ctx.author.id, timeout=timeout) if len(pages) > 1 else None
    if view is not None:
        kwargs["view"] = view
    if not embeds:
        kwargs["suppress_embeds"] = True
    if ctx.interaction is None:
        kwargs["reference"] = ctx.message.to_reference(fail_if_not_exists=False)
    message = await ctx.send(**kwargs)
    if view is not None:
        view.message = message
    return message
