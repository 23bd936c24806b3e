"""The Discord renderer: every page within Discord's limits, sources numbered, text inert."""

from __future__ import annotations

import re

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.discord import render
from bot.discord.render import Pager, embed_pages, escape, source_entry, text_pages
from bot.render_text import footnotes
from handlers.answer import Answer, Citation, Line, Status

MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d{17,20}>")


def cite(n: int, **changes: object) -> Citation:
    values: dict[str, object] = {"article_id": f"a{n}", "title": f"Title {n}",
                                 "outlet": "Reuters", "date": "2024-01-0" + str(n % 9 + 1),
                                 "path": None, "snippet": f"Snippet {n}.", "url": None}
    values.update(changes)
    return Citation(**values)  # type: ignore[arg-type]


def answer(lines: list[Line] | None = None, **changes: object) -> Answer:
    values: dict[str, object] = {"command": "search", "query": "q", "status": Status.OK,
                                 "title": "Search: q", "lines": tuple(lines or ())}
    values.update(changes)
    return Answer(**values)  # type: ignore[arg-type]


def embed_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def assert_within_limits(embed: discord.Embed) -> None:
    assert embed.title and len(embed.title) <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for item in embed.fields:
        assert item.name and len(item.name) <= 256
        assert item.value and item.value.strip() and len(item.value) <= 1024
    assert len(embed.footer.text or "") <= 2048
    assert len(embed) <= 6000


def test_one_short_answer_is_one_page_with_numbered_sources() -> None:
    lines = [Line("Blinken met Jaishankar.", (cite(1), cite(2))), Line("Austin too.", (cite(1),))]
    [page] = embed_pages(answer(lines))
    assert page.title == "Search: q"
    assert page.description == "Blinken met Jaishankar. [1][2]\nAustin too. [1]"
    [sources] = page.fields
    assert sources.name == "Sources"
    assert sources.value.splitlines()[0] == "**[1]** Reuters, 2024-01-02 — Title 1"
    assert "*“Snippet 2.”*" in sources.value
    assert page.footer.text is None


def test_numbers_follow_the_terminal_renderer() -> None:
    citations = [cite(3), cite(1), cite(3, snippet="Another sentence."), cite(2)]
    given_answer = answer([Line(f"line {i}", (c,)) for i, c in enumerate(citations)])
    numbers = footnotes(given_answer)
    [page] = embed_pages(given_answer)
    for i, citation in enumerate(citations):
        number = numbers[(citation.article_id, citation.snippet)]
        assert f"line {i} [{number}]" in page.description
        assert f"**[{number}]**" in page.fields[0].value


def test_an_answer_without_lines_still_renders() -> None:
    [page] = embed_pages(answer(status=Status.NOT_FOUND, title="No one called 'Zz'."))
    assert page.title == "No one called 'Zz'."
    assert page.colour == discord.Colour.orange()
    assert text_pages(answer(title="Nothing")) == ["**Nothing**"]


def test_long_answers_are_paged_with_the_note_first_and_suggestions_last() -> None:
    lines = [Line(f"Sentence {i}.", (cite(i),)) for i in range(20)]
    pages = embed_pages(answer(lines, note="Showing results for 'x'.", status=Status.AMBIGUOUS,
                               suggestions=("Rajnath Singh", "Hardeep Singh Nijjar")))
    assert [p.footer.text for p in pages] == ["Page 1/3", "Page 2/3", "Page 3/3"]
    assert pages[0].description.startswith("*Showing results for 'x'.*")
    assert pages[-1].description.endswith("Try: Rajnath Singh, Hardeep Singh Nijjar")
    assert "Sentence 8. [9]" in pages[1].description
    assert "**[9]**" in pages[1].fields[0].value and "**[1]**" not in pages[1].fields[0].value


def test_user_text_is_escaped() -> None:
    [page] = embed_pages(answer([Line("**bold** @everyone <@&123456789012345678>")],
                                title="Search: _x_ @here"))
    assert page.title == "Search: \\_x\\_ @\u200bhere"
    assert page.description.startswith("\\*\\*bold\\*\\* @\u200beveryone <@\u200b&")
    assert escape("# heading") == "\\# heading"


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.com/a/b?c=1", True),
    ("http://example.com/x_(1)", False),
    ("javascript:alert(1)", False),
    ("https://example.com/@everyone", False),
    ("https://example.com/a b", False),
])
def test_sources_link_only_plain_urls(url: str, linked: bool) -> None:
    entry = source_entry(1, cite(1, url=url), render.EMBED_BUDGET)
    assert (f"]({url})" in entry) is linked


def test_a_source_without_outlet_shows_its_title_once() -> None:
    entry = source_entry(2, cite(2, outlet=None, title="Only a title"), render.TEXT_BUDGET)
    assert entry == "**[2]** Only a title"


def test_an_oversized_answer_is_clipped_into_limits() -> None:
    huge = "word " * 3000
    many = tuple(cite(i, title="T" * 500, url="https://example.com/" + "p" * 280)
                 for i in range(60))
    given_answer = answer([Line(huge, many)] * 30, title=huge, note=huge,
                          suggestions=(huge,), status=Status.NOT_FOUND)
    pages = embed_pages(given_answer)
    for page in pages:
        assert_within_limits(page)
    assert "more sources" in pages[0].fields[-1].value
    assert all(len(text) <= 2000 for text in text_pages(given_answer))


def test_pager_buttons_follow_the_page() -> None:
    pages = render.render(answer([Line(f"s{i}") for i in range(20)]))
    pager = Pager(pages, owner_id=1, timeout=None)  # type: ignore[arg-type]
    assert [b.disabled for b in (pager.first, pager.previous, pager.next, pager.last)] == [
        True, True, False, False]
    pager.index = 2
    pager._update_buttons()
    assert [b.disabled for b in (pager.first, pager.previous, pager.next, pager.last)] == [
        False, False, True, True]


# -- property: any answer renders within every limit, with nothing that can ping --------

_pieces = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["@everyone", "@here", "<@&123456789012345678>", "<@!123456789012345678>",
                     "<@123456789012345678>", "**", "__", "`", "```", "\\", "> ", "# ", "-# ",
                     "[x](https://e.com)", "https://e.com/a_b", "\n", "…", "\u200b", "@"]),
    st.integers(300, 3000).map(lambda n: ("ab @everyone\\*_ " * n)[:n]),  # long, cheaply
)
_texts = st.lists(_pieces, max_size=6).map("".join)
_urls = st.one_of(st.none(), st.sampled_from(["https://e.com/a", "https://e.com/@everyone",
                                              "javascript:x", "https://e.com/" + "x" * 400]),
                  _texts)
_citations = st.builds(Citation, article_id=st.text(max_size=3), title=_texts,
                       outlet=st.one_of(st.none(), _texts), date=st.one_of(st.none(), _texts),
                       path=st.none(), snippet=_texts, url=_urls)
_lines = st.builds(Line, text=_texts,
                   citations=st.lists(_citations, max_size=6).map(tuple))
_answers = st.builds(Answer, command=st.sampled_from(["who", "quotes", "summary", "search"]),
                     query=_texts, status=st.sampled_from(list(Status)), title=_texts,
                     lines=st.lists(_lines, max_size=20).map(tuple),
                     suggestions=st.lists(_texts, max_size=5).map(tuple),
                     note=st.one_of(st.none(), _texts))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_answers)
def test_any_answer_fits_discord_and_cannot_ping(given_answer: Answer) -> None:
    pages = embed_pages(given_answer)
    assert pages
    for page in pages:
        assert_within_limits(page)
        assert not MENTION.search(embed_text(page))
    texts = text_pages(given_answer)
    assert len(texts) == len(pages) or texts
    for text in texts:
        assert 0 < len(text) <= 2000
        assert not MENTION.search(text)
