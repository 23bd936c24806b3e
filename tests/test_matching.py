"""Text normalisation, topic queries and name matching in the pure core."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.core.identity import person_key
from handlers.core.names import MatchKind, NameEntry, NameIndex
from handlers.core.query import parse_topic
from handlers.core.text import index_text, normalize_name, words
from handlers.core.topics import TopicIndex


@pytest.mark.parametrize(("typed", "expected"), [
    ("2+2", ["2plus2"]), ("2 + 2", ["2plus2"]), ("two-plus-two", ["2plus2"]),
    ("Two plus two", ["2plus2"]), ("the 2+2 dialogue", ["the", "2plus2", "dialogue"]),
    ("Indo-Pacific", ["indo", "pacific"]), ("Indo Pacific", ["indo", "pacific"]),
    ("defence", ["defense"]), ("Organisation", ["organization"]),
    ("growth of 2.2%", ["growth", "of", "2", "2"]), ("Café", ["cafe"]),
])
def test_index_words(typed: str, expected: list[str]) -> None:
    assert words(typed) == expected


def test_name_normalisation_keeps_what_users_type_on_purpose() -> None:
    assert normalize_name("S. Jaishankar") == "s jaishankar"
    assert index_text("2+2") == " 2plus2 "


@pytest.mark.parametrize(("a", "b", "same"), [
    ("S Jaishankar", "Subrahmanyam Jaishankar", True),
    ("S. Jaishankar", "S Jaishankar", True),
    ("Rajnath Singh", "Hardeep Singh Nijjar", False),
    ("Joe Biden", "Jill Biden", False),
    ("Martin Luther King Jr.", "Martin King", True),
    ("Mr S. Jaishankar", "S Jaishankar", True),
    ("Rajnath Singh", "Manmohan Singh", False),
    ("Hernán Gómez", "Hernan Gomez", True),
])
def test_person_keys(a: str, b: str, same: bool) -> None:
    assert person_key(a).compatible(person_key(b)) is same


@pytest.mark.parametrize(("name", "key"), [
    ("S Jaishankar", "jaishankar|s"), ("Rajnath Singh", "singh|rajnath"),
    ("Hardeep Singh Nijjar", "nijjar|hardeep"), ("Blinken", "blinken|"),
    ("Mr Blinken", "blinken|"),
])
def test_person_key_values(name: str, key: str) -> None:
    assert str(person_key(name)) == key


def test_a_bare_surname_has_no_given_name() -> None:
    assert person_key("Blinken").bare and not person_key("Antony Blinken").bare


INDEX = NameIndex([
    NameEntry(1, "Antony Blinken", ("Blinken", "Mr Blinken"), 5),
    NameEntry(2, "Lloyd Austin", ("Austin",), 4),
    NameEntry(3, "Rajnath Singh", ("Singh",), 4),
    NameEntry(4, "Hardeep Singh Nijjar", ("Nijjar",), 2),
    NameEntry(5, "Donald Trump", (), 1),
    NameEntry(6, "Donald Lu", (), 1),
])


@pytest.mark.parametrize(("typed", "kind", "names"), [
    ("Antony Blinken", MatchKind.EXACT, ["Antony Blinken"]),
    ("austin", MatchKind.PARTIAL, ["Lloyd Austin"]),
    ("Blinked", MatchKind.FUZZY, ["Antony Blinken"]),
    ("Lloyd Austen", MatchKind.FUZZY, ["Lloyd Austin"]),
    ("Singh", MatchKind.PARTIAL, ["Rajnath Singh", "Hardeep Singh Nijjar"]),
    ("Donald", MatchKind.PARTIAL, ["Donald Lu", "Donald Trump"]),
    ("Rajnath Singh", MatchKind.EXACT, ["Rajnath Singh"]),
    ("Zelensky", MatchKind.NONE, []),
    ("", MatchKind.NONE, []),
])
def test_resolving_names(typed: str, kind: MatchKind, names: list[str]) -> None:
    match = INDEX.resolve(typed)
    assert match.kind is kind and [p.name for p in match.people] == names


def test_autocomplete_prefers_prefixes_and_caps_at_25() -> None:
    assert INDEX.complete("bli") == ("Antony Blinken",)
    assert INDEX.complete("don") == ("Donald Lu", "Donald Trump")
    assert len(INDEX.complete("")) == 6
    many = NameIndex([NameEntry(i, f"Person{i} Smith") for i in range(100)])
    assert len(many.complete("smi")) == 25


@given(st.text(max_size=300))
def test_any_text_makes_a_safe_topic_query(text: str) -> None:
    query = parse_topic(text)
    for term in query.terms:
        assert term.isalnum()
    INDEX.resolve(text)
    INDEX.suggest(text)
    INDEX.complete(text)


def test_topics_complete_the_last_word_by_frequency() -> None:
    topics = TopicIndex(["india", "minister", "minerals", "the", "mining", "quad"])
    assert topics.complete("critical min") == ["critical minister", "critical minerals",
                                               "critical mining"]
    assert topics.complete("quda")[:1] == ["quad"]
    assert "the" not in topics.complete("")
