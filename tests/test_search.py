"""``search``: best-matching sentences, marked and cited; retrieval under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hostile import hostile_text
from hypothesis import HealthCheck, given, settings

from bot.store import Store
from handlers import search
from handlers.answer import Status
from handlers.core.query import parse_topic
from handlers.core.text import MARK_CLOSE, MARK_OPEN
from handlers.retrieve import retrieve


async def test_the_match_is_marked_and_every_line_cited(seeded: Store) -> None:
    answer = await search.handle(seeded, "critical minerals")
    assert answer.status is Status.OK and answer.lines
    assert all("«critical minerals»" in line.text for line in answer.lines)
    for line in answer.lines:
        assert line.citations and line.citations[0].snippet
        assert line.text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "") \
            .startswith(line.citations[0].snippet[:40])


@pytest.mark.parametrize(("typed", "marked"), [
    ("two plus two", "«two-plus-two»"), ("2+2", "«2+2»"), ("Indo Pacific", "«Indo-Pacific»"),
    ("indo-pacific", "«Indo-Pacific»"), ("defense", "«Defence»"),
])
async def test_written_forms_find_each_other(seeded: Store, typed: str, marked: str) -> None:
    answer = await search.handle(seeded, typed)
    assert any(marked in line.text for line in answer.lines), typed


async def test_a_typo_is_corrected_and_said(seeded: Store) -> None:
    answer = await search.handle(seeded, "critcal minerls")
    assert answer.status is Status.OK
    assert answer.note == "Showing results for 'critical minerals'."
    assert "«critical minerals»" in answer.lines[0].text


async def test_a_person_matches_by_every_name_they_go_by(seeded: Store) -> None:
    # One outlet misspelt Blinken as "Blinked"; the name index knows it is him.
    found = await retrieve(seeded, "Blinken", 50)
    assert any("Blinked" in hit.text for hit in found.hits)


async def test_nothing_found_says_so_with_close_terms(seeded: Store) -> None:
    answer = await search.handle(seeded, "Jaishankarr Blinkenn volcanoes")
    assert answer.status is Status.OK  # two of three words are typos of known names
    missing = await search.handle(seeded, "zzzzqqq")
    assert missing.status is Status.NOT_FOUND and "Nothing matches" in missing.title
    close = await search.handle(seeded, "Jaishankarrr stadium")
    assert close.status in (Status.OK, Status.NOT_FOUND)


async def test_copies_of_a_sentence_come_back_once(make_store: Callable[..., Any]) -> None:
    same = "The finance ministers agreed on a new trade corridor on Tuesday in Riyadh."
    store = await make_store({
        "a.txt": f"Corridor deal\n\n{same} Officials welcomed it.",
        "b.txt": f"Trade news\n\nMarkets rose sharply. {same}"})
    answer = await search.handle(store, "trade corridor")
    assert [line.text.count("corridor") for line in answer.lines] == [1]


async def test_common_words_are_ranked_within_the_newest_matches(store: Store,
                                                                 make_store: Callable[..., Any]
                                                                 ) -> None:
    # More matches than the window: bm25 with tf=1 orders the newest by length.
    texts = {f"{i:02}.txt": f"Story {i}\n\n" + "The harbour reopened " + "slowly " * (i % 7)
             + f"after repairs number {i}." for i in range(30)}
    await make_store(texts)
    hits = await store.search(parse_topic("harbour").match_all(), 2)
    assert len(hits) == 2 and hits[0].rank <= hits[1].rank
    assert all("slowly" not in h.text for h in hits)  # the shortest sentences first


async def test_long_sentences_are_cut_around_the_match(make_store: Callable[..., Any]) -> None:
    long = ("The committee heard evidence " + "from many witnesses over many days " * 15
            + "about the lighthouse keeper and the storm that followed.")
    store = await make_store({"a.txt": f"Inquiry\n\n{long}"})
    answer = await search.handle(store, "lighthouse")
    line = answer.lines[0].text
    assert line.startswith("…") and "«lighthouse»" in line and len(line) <= search.WINDOW + 2


HOSTILE = hostile_text(300, "2+2*", '"2+2" OR "x"', "Indo-Pacific:^*")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=HOSTILE)
async def test_hostile_searches_answer_or_say_nothing_found(seeded: Store, text: str) -> None:
    answer = await search.handle(seeded, text)
    assert answer.status in (Status.OK, Status.NOT_FOUND, Status.USAGE)
    if answer.ok:
        assert all(line.citations for line in answer.lines)
