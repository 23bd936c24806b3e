"""Query understanding: written forms, phrases, spelling, and safety against FTS5 syntax."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.core.query import parse_topic
from handlers.core.text import _WORD, fold, highlight, index_text, same_word, words


@pytest.mark.parametrize(("typed", "terms"), [
    ("2+2", ("2plus2",)),
    ("2 + 2", ("2plus2",)),
    ("two-plus-two", ("2plus2",)),
    ("Two Plus Two", ("2plus2",)),
    ("the 2+2 dialogue", ("2plus2", "dialogue")),
    ("Indo-Pacific", ("indopacific",)),
    ("Indo Pacific", ("indo", "pacific")),
    ("defence", ("defense",)),
    ("Blinken's visit", ("blinken", "visit")),
    ("what is the Quad", ("quad",)),
    ("who", ("who",)),  # nothing but stop words: keep them rather than search nothing
])
def test_topics_become_index_words(typed: str, terms: tuple[str, ...]) -> None:
    assert parse_topic(typed).terms == terms


@pytest.mark.parametrize(("typed", "expected"), [
    ("Indo-Pacific", '("indopacific" OR "indo pacific")'),
    ('"critical minerals"', '("criticalminerals" OR "critical minerals")'),
    ("fifth dialogue", '("fifth" OR "5th") AND "dialogue"'),
    ("defense", '("defense" OR "defence")'),
    ("organise", '("organize" OR "organise")'),
    ("colour centre", '("color" OR "colour") AND ("center" OR "centre")'),
    ("Quad", '"quad"'),
])
def test_other_forms_of_a_term_are_searched_too(typed: str, expected: str) -> None:
    assert parse_topic(typed).match_all() == expected


def test_any_term_is_an_or_of_the_groups() -> None:
    assert parse_topic("Israel Hamas").match_any() == '"israel" OR "hamas"'


def test_shown_text_reads_as_typed() -> None:
    assert parse_topic("2+2 Indo-Pacific").text == "2+2 indo pacific"


@pytest.mark.parametrize("hostile", ['"', "NEAR(a b)", "a*", "^x", "col:x", "(", ")",
                                     "AND OR NOT", "'; DROP TABLE articles; --", "🙂🙂",
                                     "שלום עולם", "\u202e", "\x00", "x" * 10_000, '"""', "-"])
def test_hostile_text_is_only_quoted_words(hostile: str) -> None:
    query = parse_topic(hostile)
    assert len(query.terms) <= 12
    for term in query.terms:
        assert term.isalnum()


def _fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 "
                 "remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES (?)", (index_text("The 2+2 talks on the "
                                                         "Indo-Pacific (NEAR) *"),))
    return conn


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ['"', "NEAR", "(", ")", "*", "^", ":", "AND", "OR", "NOT", "-", "+", "2", "two", "plus",
     "x", "col:", "🙂", "'"]), max_size=20).map(" ".join))
def test_no_typed_text_is_an_fts5_syntax_error(text: str) -> None:
    conn = _fts()
    query = parse_topic(text)
    if not query.empty:
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.match_all(),)).fetchall()
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.match_any(),)).fetchall()


def test_two_plus_two_meets_its_written_forms_in_fts5() -> None:
    conn = _fts()
    for typed in ("2+2", "two-plus-two", "Indo Pacific", "indo-pacific", "near"):
        found = conn.execute("SELECT rowid FROM t WHERE t MATCH ?",
                             (parse_topic(typed).match_all(),)).fetchall()
        assert found == [(1,)], typed


# -- text normalisation: the fast paths must equal the reference ----------------------------

def _reference_fold(text: str) -> str:
    quotes = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                            "\u2013": "-", "\u2014": "-", "\u2212": "-"})
    text = unicodedata.normalize("NFKD", text.translate(quotes))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80) | st.text(alphabet="ab _'’+-2 plustwoDefence’sÉé\u0301",
                                      max_size=40))
def test_fast_text_paths_equal_the_reference(text: str) -> None:
    assert fold(text) == _reference_fold(text)
    assert words(text) == _WORD.findall(index_text(text).replace("'", " "))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("minerals", "mineral", True), ("talks", "talk", True), ("organised", "organise", True),
    ("meets", "meeting", False), ("india", "indian", False), ("us", "use", False),
])
def test_inflections_of_one_word(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same


@pytest.mark.parametrize(("text", "query", "marked"), [
    ("Talks on critical minerals began.", "critical minerals",
     "Talks on «critical minerals» began."),
    ("The two-plus-two talks and the 2+2 meeting.", "2+2",
     "The «two-plus-two» talks and the «2+2» meeting."),
    ("The Indo-Pacific region.", "Indo-Pacific", "The «Indo-Pacific» region."),
    ("Defence ties grew.", "defense", "«Defence» ties grew."),
    ("Nothing here.", "Quad", "Nothing here."),
])
def test_matches_are_marked_in_place(text: str, query: str, marked: str) -> None:
    assert highlight(text, parse_topic(query).words()) == marked
