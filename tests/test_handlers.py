"""Handlers over a real store: statuses, citations, and hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store import Store
from handlers import summary, who
from handlers.answer import Status
from handlers.commands import COMMANDS, ask, split_request
from handlers.ports import ArticleRef, Companion, PersonProfile, Statement


@pytest.mark.parametrize(("typed", "expected"), [
    ("who Austin", ("who", "Austin")), ("!quotes  Blinken ", ("quotes", "Blinken")),
    ("/SUMMARY 2+2", ("summary", "2+2")), ("", ("", "")), ("help", ("help", "")),
])
def test_requests_split_into_command_and_query(typed: str, expected: tuple[str, str]) -> None:
    assert split_request(typed) == expected


async def test_every_ok_line_cites_an_article_with_its_snippet(seeded: Store) -> None:
    for request in ("who Blinken", "quotes Austin", "summary Quad", "search critical minerals"):
        answer = await ask(seeded, request)
        assert answer.status is Status.OK, request
        for line in answer.lines:
            assert line.citations, (request, line.text)
            assert all(c.snippet and c.article_id for c in line.citations)


async def test_who_lists_roles_appearances_and_companions(seeded: Store) -> None:
    answer = await ask(seeded, "who Jaishankar")
    text = "\n".join(line.text for line in answer.lines)
    assert answer.title == "Subrahmanyam Jaishankar"
    assert "External Affairs Minister" in answer.lines[0].text
    assert "Appears in 5 articles" in text and "Antony Blinken" in text


async def test_a_fuzzy_match_says_what_it_shows(seeded: Store) -> None:
    answer = await ask(seeded, "who Jaishankr")
    assert answer.title == "Subrahmanyam Jaishankar" and "Showing results for" in answer.note


@pytest.mark.parametrize("topic", ["Quad", "Canada", "Israel Hamas", "Nijjar", "Jaishankr",
                                   "two plus two"])
async def test_summaries_of_other_topics_are_cited_and_do_not_repeat(seeded: Store,
                                                                     topic: str) -> None:
    answer = await summary.handle(seeded, topic)
    assert answer.status is Status.OK, topic
    texts = [line.text for line in answer.lines]
    assert texts and len(texts) == len(set(texts))


async def test_a_longer_summary_on_request(seeded: Store) -> None:
    short = await summary.handle(seeded, "India")
    longer = await summary.handle(seeded, "India", more=True)
    assert len(longer.lines) > len(short.lines)


async def test_a_topic_with_no_match_says_so(seeded: Store) -> None:
    answer = await ask(seeded, "summary volcanic eruption iceland")
    assert answer.status is Status.NOT_FOUND and "Nothing found" in answer.title


async def test_help_lists_every_command_and_explains_one(seeded: Store) -> None:
    listing = await ask(seeded, "help")
    assert set(listing.suggestions) == set(COMMANDS)
    one = await ask(seeded, "help quotes")
    assert one.title.startswith("quotes NAME")


HOSTILE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(['"', "NEAR(a b)", "*", "^", "col:x", "(", ")", "AND", "OR NOT",
                     "@everyone", "<@&123>", "x" * 10_000, "🙂🙂", "שלום עולם",
                     "'; DROP TABLE articles; --", "\x00", "\u202e"]),
)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from(sorted(COMMANDS)), text=HOSTILE)
async def test_hostile_input_never_raises(seeded: Store, command: str, text: str) -> None:
    answer = await ask(seeded, f"{command} {text}")
    assert answer.status in set(Status)
    if answer.ok and command != "help":
        assert all(line.citations for line in answer.lines)


async def test_who_says_when_companions_are_counted_in_recent_articles_only() -> None:
    article = ArticleRef("a1", "Talks", "Wire", "2024-01-01", None)
    seen = Statement("Tom Okafor", article, "Tom Okafor spoke.")
    profile = PersonProfile(1, "Jane Rivers", (), (), (seen,), article_count=500,
                            companions=(Companion("Tom Okafor", 40, (seen,)),),
                            companions_from=64)
    (line,) = who._companion_line(profile)
    assert line.text == "Appears with (in the latest 64 articles): Tom Okafor (40)"
    whole = PersonProfile(1, "Jane Rivers", (), (), (seen,), article_count=3,
                          companions=profile.companions, companions_from=3)
    assert who._companion_line(whole)[0].text == "Appears with: Tom Okafor (40)"
