"""Roles: titles as the article gives them, normalised for display, with where they come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.core.article import parse_article
from handlers.core.extract import extract
from handlers.core.models import Extraction
from handlers.core.roles import normalise_descriptor, normalise_title, role_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def roles_of(text: str, name: str) -> list[str]:
    ex = extract(parse_article(text))
    found = [p for p in ex.people if p.name == name]
    assert found, f"{name!r} not among {[p.name for p in ex.people]}"
    return [r.text for r in found[0].roles]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("US Secretary of State", "US Secretary of State"),
        ("India's External Affairs Minister", "Indian External Affairs Minister"),
        ("Japanese PM", "Japanese Prime Minister"),
        ("Canadian Prime Minister", "Canadian Prime Minister"),
        ("Defence Secretary", "Secretary of Defense"),
        ("Defense Secretary", "Secretary of Defense"),
        ("Secretary of Defence", "Secretary of Defense"),
        ("US Defence Secretary", "US Secretary of Defense"),
        ("Defence Minister", "Defense Minister"),
        ("US Treasury Secretary", "US Secretary of the Treasury"),
        ("UK Home Secretary", "UK Home Secretary"),
        ("Lt. Gen.", "Lieutenant General"),
        ("Sen.", "Senator"),
        ("Rep.", "Representative"),
        ("United States Ambassador", "US Ambassador"),
        ("US Assistant Secretary of State for South and Central Asian Affairs",
         "US Assistant Secretary of State for South and Central Asian Affairs"),
    ],
)
def test_normalise_title(words: str, expected: str) -> None:
    assert normalise_title(words.split()) == expected


def test_former_is_kept() -> None:
    assert normalise_title(["US", "President"], modifier="former") == "former US President"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a top Trump surrogate", "top Trump surrogate"),
     ("the chairman of the panel", "chairman of the panel"),
     ("Tunisia's coach", "Tunisian coach"),
     ("the defence correspondent", "defense correspondent")],
)
def test_normalise_descriptor(text: str, expected: str) -> None:
    assert normalise_descriptor(text) == expected


def test_role_key_unifies_spelling() -> None:
    assert role_key("Defence Minister") == role_key("defense  minister")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("US Secretary of State Dana Whitcombe arrived in Delhi on Friday.", "Dana Whitcombe",
         ["US Secretary of State"]),
        ("India's External Affairs Minister Arjun Mehra met the envoy on Friday.", "Arjun Mehra",
         ["Indian External Affairs Minister"]),
        ("Japanese PM Ito Haruki met the delegation on Friday.", "Ito Haruki",
         ["Japanese Prime Minister"]),
        ("The talks were held under former US President Walt Brennan in 2018.", "Walt Brennan",
         ["former US President"]),
        ("US Defence Secretary Corwin Abelard and Defense Secretary Corwin Abelard met.",
         "Corwin Abelard", ["US Secretary of Defense"]),
        ("Lt. Gen. Corwin Abelard was sacked after the review in Washington.", "Corwin Abelard",
         ["Lieutenant General"]),
        ("Flynn Harker, a top Trump surrogate, spoke at the rally on Monday.", "Flynn Harker",
         ["top Trump surrogate"]),
        ("Malaysia's Prime Minister, Najib Razak, said the boats would be turned back.",
         "Najib Razak", ["Malaysian Prime Minister"]),
        ("The killing of Khalistani terrorist Hardeep Singh Nijjar strained ties last year.",
         "Hardeep Singh Nijjar", ["Khalistani terrorist"]),
        ("US Assistant Secretary of State for South and Central Asian Affairs Donald Lu will "
         "travel with them.", "Donald Lu",
         ["US Assistant Secretary of State for South and Central Asian Affairs"]),
        ("Governor of Washington Chris Gregoire said the museum deserved a shuttle.",
         "Chris Gregoire", ["Governor of Washington"]),
    ],
)
def test_roles_in_text(text: str, name: str, expected: list[str]) -> None:
    assert roles_of(text, name) == expected


def test_role_offsets_point_at_the_title() -> None:
    text = "On Friday, US Secretary of State Dana Whitcombe arrived in Delhi."
    ex = extract(parse_article(text))
    role = ex.people[0].roles[0]
    assert ex.people[0].name == "Dana Whitcombe"
    assert parse_article(text).body[role.start:].startswith("US Secretary of State")


def test_nested_forms_keep_the_fuller_role() -> None:
    text = ("Defence Minister Arjun Mehra spoke first. Later, India's Defence Minister "
            "Arjun Mehra met the press.")
    assert roles_of(text, "Arjun Mehra") == ["Indian Defense Minister"]


# ---------------------------------------------------------------- acceptance on the seed articles
EXPECTED_SEED_ROLES = [
    ("001", "Antony Blinken", "US Secretary of State"),
    ("003", "Lloyd Austin", "US Secretary of Defense"),
    ("002", "Lloyd Austin", "Secretary of Defense"),
    ("001", "Subrahmanyam Jaishankar", "Indian External Affairs Minister"),
    ("000", "S Jaishankar", "External Affairs Minister"),
    ("000", "Rajnath Singh", "Defense Minister"),
    ("001", "Rajnath Singh", "Indian Defense Minister"),
    ("001", "Narendra Modi", "Indian Prime Minister"),
    ("001", "Joe Biden", "US President"),
    ("000", "Justin Trudeau", "Canadian Prime Minister"),
    ("002", "Donald Lu", "US Assistant Secretary of State for South and Central Asian Affairs"),
    ("002", "Kishida Fumio", "Japanese Prime Minister"),
    ("002", "Kamikawa Yoko", "Foreign Minister"),
    ("002", "Donald Trump", "former US President"),
    ("000", "Hardeep Singh Nijjar", "Khalistani terrorist"),
]


def seed(prefix: str) -> Extraction:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract(parse_article(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("prefix", "name", "role"), EXPECTED_SEED_ROLES)
def test_seed_roles(prefix: str, name: str, role: str) -> None:
    people = {p.name: p for p in seed(prefix).people}
    assert role in [r.text for r in people[name].roles]
