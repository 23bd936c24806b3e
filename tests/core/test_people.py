"""People: cues that name a person, what is not a person, aliases, typos, shared surnames."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.core.article import parse_article
from handlers.core.extract import extract
from handlers.core.models import Extraction, PersonMention

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(text: str) -> Extraction:
    return extract(parse_article(text))


def names(text: str) -> set[str]:
    return {p.name for p in run(text).people}


def person(ex: Extraction, name: str) -> PersonMention:
    found = [p for p in ex.people if p.name == name]
    assert found, f"{name!r} not among {[p.name for p in ex.people]}"
    return found[0]


# ---------------------------------------------------------------- what names a person
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title before the name
        ("Finance Minister Oleksa Maruniak arrived in Kyiv on Monday.", "Oleksa Maruniak"),
        ("The deal was signed by US Secretary of State Dana Whitcombe in Geneva.",
         "Dana Whitcombe"),
        ("Lt. Gen. Corwin Abelard was sacked after the review.", "Corwin Abelard"),
        ("Sen. Harriet Quist and Rep. Milo Darnay voted against the bill.", "Harriet Quist"),
        ("Sen. Harriet Quist and Rep. Milo Darnay voted against the bill.", "Milo Darnay"),
        ("Japanese PM Ito Haruki met the delegation on Friday.", "Ito Haruki"),
        # honorific alone
        ("Mr Varghese left the building before noon on Tuesday.", "Varghese"),
        # a lowercase role noun before the name
        ("The proposal was welcomed by team captain Ilse Brandvold on Sunday.", "Ilse Brandvold"),
        # speaker of a speech verb
        ("The budget is too small, Petra Ostrowska said on Tuesday.", "Petra Ostrowska"),
        # plain full name in running text
        ("The award went to Nadia Ferreira-Lind after a long vote.", "Nadia Ferreira-Lind"),
        # apposition naming a role
        ("Tomasz Kell, a senior party strategist, stayed silent all week.", "Tomasz Kell"),
        ("They met Aldous Prynne, the company's chief executive, in March.", "Aldous Prynne"),
        # initials are part of a full name
        ("External Affairs Minister R Venkataraman flew home on Monday.", "R Venkataraman"),
        # name order is not interpreted: a surname-first name is just a name
        ("Foreign Minister Kamikawa Yoko spoke to reporters in Tokyo.", "Kamikawa Yoko"),
    ],
)
def test_person_cues(text: str, expected: str) -> None:
    assert expected in names(text)


@pytest.mark.parametrize(
    ("text", "not_people"),
    [
        ("Leaders of the Quad met at the White House to discuss the Indo-Pacific region.",
         {"Quad", "White House", "Indo-Pacific"}),
        ("The summit in New Delhi covered Hamas and the wider Asia-Pacific economy.",
         {"New Delhi", "Hamas", "Asia-Pacific"}),
        ("According to the Ministry of External Affairs, talks will resume in May.",
         {"Ministry of External Affairs", "External Affairs", "May"}),
        ("The two ministers met again.\n\nLitmus Test For India-US Relationship\n\n"
         "Officials said the visit went well.", {"Litmus Test"}),
        ("Trade between South Korea and New Zealand grew last year, the report said.",
         {"South Korea", "New Zealand"}),
        ("The Prime Minister's Office said on Monday that the Supreme Court would rule.",
         {"Prime Minister's Office", "Supreme Court"}),
    ],
)
def test_not_people(text: str, not_people: set[str]) -> None:
    assert not names(text) & not_people


def test_place_surname_with_title_is_a_person() -> None:
    ex = run("US Defence Secretary Austin met counterparts in Seoul. Austin flew home later.")
    assert person(ex, "Austin").mentions == 2


# ---------------------------------------------------------------- identity in one article
def test_fullest_form_wins_and_other_forms_are_aliases() -> None:
    ex = run("External Affairs Minister R Venkataraman met the envoy. "
             "Later, Raghunath Venkataraman told reporters the talks were useful. "
             "Mr Venkataraman then left for the airport.")
    p = person(ex, "Raghunath Venkataraman")
    assert {"R Venkataraman", "Mr Venkataraman"} <= set(p.aliases)
    assert p.mentions == 3
    assert [q.name for q in ex.people].count("R Venkataraman") == 0


def test_surname_and_honorific_mentions_resolve() -> None:
    ex = run("Foreign Secretary Dana Whitcombe landed in Oslo. Ms Whitcombe met the king. "
             "Whitcombe's visit lasts two days, and Whitcombe will speak on Friday.")
    p = person(ex, "Dana Whitcombe")
    assert p.mentions == 4
    assert "Ms Whitcombe" in p.aliases
    assert p.first_offset == 0 or p.first_offset == len("Foreign Secretary ")


def test_typo_resolves_to_known_surname() -> None:
    ex = run("Defence Minister Arjun Mehra met US Secretary of State Dana Whitcombe. "
             "Mr Mehra will hold talks with Whitcombs and other officials on Friday.")
    p = person(ex, "Dana Whitcombe")
    assert "Whitcombs" in p.aliases
    assert p.mentions == 2


def test_capitalised_word_at_sentence_start_is_not_a_typo() -> None:
    ex = run("US Secretary of State Dana Whitcombe arrived. Whitcomb Street was closed.")
    assert person(ex, "Dana Whitcombe").mentions == 1


def test_bare_surname_goes_to_the_person_with_that_last_name() -> None:
    ex = run("The killing of activist Hardeep Singh Nijjar strained ties. "
             "Defence Minister Rajnath Singh said India would respond. "
             "Singh spoke for ten minutes. Nijjar was shot in June.")
    assert person(ex, "Rajnath Singh").mentions == 2
    assert person(ex, "Hardeep Singh Nijjar").mentions == 2


def test_shared_last_name_leaves_bare_surname_unresolved() -> None:
    ex = run("Finance Minister Anil Kapoor met Trade Minister Sunita Kapoor on Monday. "
             "Kapoor said the budget was ready.")
    assert person(ex, "Anil Kapoor").mentions == 1
    assert person(ex, "Sunita Kapoor").mentions == 1


def test_surname_first_name_resolves_by_first_word() -> None:
    ex = run("Japanese PM Ito Haruki met the delegation. Ito later held a press conference.")
    assert person(ex, "Ito Haruki").mentions == 2


def test_quoted_title_case_name_is_not_a_person() -> None:
    assert "Better Idea" not in names(
        'The robot, named "Better Idea of Girls," scored well in the first round of matches.')


# ---------------------------------------------------------------- keys for cross-article matching
# ---------------------------------------------------------------- acceptance on the seed articles
def seed(prefix: str) -> Extraction:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract(parse_article(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", {"Hardeep Singh Nijjar", "S Jaishankar", "Antony Blinken", "Lloyd Austin",
                 "Rajnath Singh", "Justin Trudeau"}),
        ("001", {"Antony Blinken", "Subrahmanyam Jaishankar", "Lloyd Austin", "Rajnath Singh",
                 "Narendra Modi", "Joe Biden"}),
        ("002", {"Antony Blinken", "Lloyd Austin", "Rajnath Singh", "S Jaishankar",
                 "Kishida Fumio", "Kamikawa Yoko", "Narendra Modi", "Joe Biden",
                 "Donald Trump", "Donald Lu"}),
        ("003", {"Antony Blinken", "Lloyd Austin", "S Jaishankar", "Rajnath Singh",
                 "Narendra Modi", "Joe Biden"}),
        ("004", {"S Jaishankar", "Antony Blinken", "Rajnath Singh", "Lloyd Austin"}),
    ],
)
def test_seed_people(prefix: str, expected: set[str]) -> None:
    assert {p.name for p in seed(prefix).people} == expected


def test_seed_typo_and_honorific_aliases() -> None:
    blinken = person(seed("004"), "Antony Blinken")
    assert {"Mr Blinken", "Blinked"} <= set(blinken.aliases)
    assert blinken.mentions == 6


def test_seed_ambiguous_singh() -> None:
    ex = seed("001")
    assert person(ex, "Rajnath Singh").mentions == 3
