"""``summary``: multi-source briefings, and the summariser under them (also the digest's)."""

from __future__ import annotations

import re

import pytest
from hostile import hostile_text
from hypothesis import HealthCheck, given, settings

from bot.store import Store
from handlers import summary
from handlers.answer import Answer, Status
from handlers.core.summarise import Candidate, is_eligible, summarise, summarise_article

FURNITURE = re.compile(r"follow us|image source|download|sign in|newsapp|subscribe|"
                       r"read more|also read|get ahead|rediff", re.IGNORECASE)


def _text(answer: Answer) -> str:
    return "\n".join(line.text for line in answer.lines)


async def test_the_2_plus_2_briefing_states_what_where_when_and_who(seeded: Store) -> None:
    answer = await summary.handle(seeded, "2+2")
    text = _text(answer)
    assert answer.status is Status.OK
    assert re.search(r"\b(?:5th|fifth)\b", text)  # the fifth dialogue
    assert "New Delhi" in text and ("November 10" in text or "Friday" in text)
    for person in ("Blinken", "Austin", "Jaishankar", "Rajnath Singh"):  # who led each side
        assert person in text, person
    assert re.search(r"defen[cs]e|security|Indo-Pacific|Israel-Hamas", text)  # what it covered
    articles = {c.article_id for line in answer.lines for c in line.citations}
    assert len(articles) >= 3


@pytest.mark.parametrize("topic", ["2+2", "Quad", "Canada", "Israel Hamas", "Nijjar",
                                   "Jaishankr", "India", "two-plus-two", "Blinken"])
async def test_briefings_cite_every_line_repeat_nothing_and_carry_no_furniture(
        seeded: Store, topic: str) -> None:
    answer = await summary.handle(seeded, topic)
    assert answer.status is Status.OK, topic
    texts = [line.text for line in answer.lines]
    assert texts and len(texts) == len(set(texts))
    for line in answer.lines:
        assert line.citations and all(c.snippet for c in line.citations)
        assert not FURNITURE.search(line.text), line.text
    # No two lines say nearly the same thing either.
    bags = [set(re.findall(r"\w+", t.lower())) for t in texts]
    for i, a in enumerate(bags):
        for b in bags[i + 1:]:
            assert len(a & b) / min(len(a), len(b)) < 0.8


async def test_a_typo_in_the_topic_is_corrected_and_said(seeded: Store) -> None:
    answer = await summary.handle(seeded, "Jaishankr")
    assert answer.status is Status.OK and answer.note == "Showing results for 'Jaishankar'."


async def test_the_default_briefing_fits_one_embed_and_more_is_longer(seeded: Store) -> None:
    short = await summary.handle(seeded, "India")
    longer = await summary.handle(seeded, "India", more=True)
    typed = await summary.handle(seeded, "India --more")
    assert sum(len(line.text) + 4 * len(line.citations) for line in short.lines) < 3000
    assert len(longer.lines) > len(short.lines)
    assert typed.lines == longer.lines and typed.query == "India"


async def test_no_match_says_so_and_suggests_close_terms(seeded: Store) -> None:
    answer = await summary.handle(seeded, "volcanic eruption iceland")
    assert answer.status is Status.NOT_FOUND and "Nothing found" in answer.title
    close = await summary.handle(seeded, "Jaishankarr Blinkenn volcanoes")
    assert close.status is Status.OK  # corrected names, the unknown word dropped
    suggested = await summary.handle(seeded, "Nijjjjar Trudeauu Canadaaa zzz")
    assert suggested.status is Status.OK or suggested.suggestions


HOSTILE = hostile_text(200, "--more", "2+2 --more", "India NOT Canada")


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=HOSTILE)
async def test_hostile_topics_answer_or_say_nothing_found(seeded: Store, text: str) -> None:
    answer = await summary.handle(seeded, text)
    assert answer.status in (Status.OK, Status.NOT_FOUND, Status.USAGE)
    if answer.ok:
        assert all(line.citations for line in answer.lines)


# -- the summariser itself ------------------------------------------------------------------

def _c(i: int, article: str, text: str, position: int, relevance: float = 1.0,
       date: str = "2024-05-02") -> Candidate:
    return Candidate(i, article, text, position, relevance, date)


FACT = "Ministers from both countries signed the port agreement in Colombo on Tuesday."
RESTATED = "On Tuesday ministers from both countries signed the port agreement in Colombo."


def test_one_fact_in_two_outlets_is_one_line_citing_both() -> None:
    items = summarise([
        _c(1, "a", FACT, 0),
        _c(2, "b", RESTATED, 0),
        _c(3, "b", "The agreement gives the navy berthing rights for twenty years.", 1),
    ], topic=["port"])
    assert [item.text for item in items].count(FACT) + [
        item.text for item in items].count(RESTATED) == 1
    merged = next(item for item in items if item.text in (FACT, RESTATED))
    assert {c.article_id for c in merged.sources} == {"a", "b"}


def test_identical_copies_are_merged_too() -> None:
    items = summarise([_c(1, "a", FACT, 0), _c(2, "b", FACT, 3), _c(3, "c", FACT, 1)])
    assert len(items) == 1 and [c.article_id for c in items[0].sources] == ["a", "b", "c"]


@pytest.mark.parametrize("junk", [
    "Follow us on Twitter for the latest updates on this story today.",
    "Also read: Ten things to know about the port deal in Colombo.",
    "Download the app to get alerts about the port deal and more.",
    "Photo: The port of Colombo at dawn on Tuesday, the day of the deal.",
    "Click here to subscribe to our newsletter about South Asian ports.",
    "What does the port deal mean for the region and its neighbours?",
    "Port deal signed",
])
def test_page_furniture_and_fragments_are_never_chosen(junk: str) -> None:
    assert not is_eligible(junk)
    items = summarise([_c(1, "a", junk, 0), _c(2, "a", FACT, 1)], topic=["port"])
    assert [item.text for item in items] == [FACT]


def test_facts_beat_scene_setting_and_opinion() -> None:
    opinion = ("Notably, the deal demonstrates the crucial significance of fostering "
               "partnerships in navigating complex challenges.")
    items = summarise([_c(1, "a", opinion, 0), _c(2, "a", FACT, 1)], topic=["port"],
                      max_items=1)
    assert [item.text for item in items] == [FACT]


def test_length_budget_and_per_article_cap_hold() -> None:
    many = [_c(i, "a" if i < 10 else "b",
               f"Officials in Colombo said on Tuesday that berth {i} reopened after "
               f"repairs costing {i} million rupees to the harbour {['north', 'south'][i % 2]} "
               f"wall number {i * 7}.", i) for i in range(20)]
    items = summarise(many, max_items=10, max_chars=400, per_article=2)
    assert sum(len(item.text) for item in items) <= 400
    assert max(sum(1 for it in items if it.sources[0].article_id == a) for a in "ab") <= 2


def test_one_article_summary_prefers_its_lede() -> None:
    sentences = [
        "Rescuers pulled 700 people from the sea off Aceh, Indonesia, on Friday after "
        "their boat sank.",
        "It was a very long night, one of them said.",
        "The weather had been poor all week.",
    ]
    assert summarise_article("Hundreds rescued off Aceh", sentences, max_items=1) == \
        [sentences[0]]
