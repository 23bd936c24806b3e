"""Sentence splitting: abbreviations, numbers, initials, ellipses and quotations."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.core.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles before names
        ("Mr. Lee met Dr. Park. They spoke.", ["Mr. Lee met Dr. Park.", "They spoke."]),
        ("Mrs. Ode left. Ms. Kay stayed.", ["Mrs. Ode left.", "Ms. Kay stayed."]),
        (
            "Lt. Gen. Ray spoke. Sen. Ito, Rep. Cole and Gov. Diaz agreed.",
            ["Lt. Gen. Ray spoke.", "Sen. Ito, Rep. Cole and Gov. Diaz agreed."],
        ),
        ("They met on St. Mark's Road. It rained.", ["They met on St. Mark's Road.", "It rained."]),
        # dotted acronyms continue a name but can also end a sentence
        (
            "The U.S. envoy met U.K. officials. Talks went on.",
            ["The U.S. envoy met U.K. officials.", "Talks went on."],
        ),
        (
            "She lives in the U.S. She moved in 2010.",
            ["She lives in the U.S.", "She moved in 2010."],
        ),
        # abbreviations that only count before a number
        ("It ranked No. 5 overall. Rivals lagged.", ["It ranked No. 5 overall.", "Rivals lagged."]),
        ("The answer was no. The panel moved on.", ["The answer was no.", "The panel moved on."]),
        (
            "Talks open on Jan. 5 in Oslo. They end soon.",
            ["Talks open on Jan. 5 in Oslo.", "They end soon."],
        ),
        # decimals and currency
        (
            "Growth was 2.2% this year. Assets worth Rs 24.95 cr were seized.",
            ["Growth was 2.2% this year.", "Assets worth Rs 24.95 cr were seized."],
        ),
        # initials
        (
            "Minister K Rao met J. K. Rowling. They talked.",
            ["Minister K Rao met J. K. Rowling.", "They talked."],
        ),
        # ellipses
        (
            "'Our ties give...': Leaders meet. More later.",
            ["'Our ties give...': Leaders meet.", "More later."],
        ),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("He was ready… She was not.", ["He was ready…", "She was not."]),
        # a quotation keeps its inner sentences and ends after the closing quote
        (
            'He nodded. "We are here. We will stay," she added.',
            ["He nodded.", '"We are here. We will stay," she added.'],
        ),
        (
            "“We are here. We will stay,” she added. Then she left.",
            ["“We are here. We will stay,” she added.", "Then she left."],
        ),
        ('He said: "We are here." Then he left.', ['He said: "We are here."', "Then he left."]),
        ("'It is over.' The crowd cheered.", ["'It is over.'", "The crowd cheered."]),
        (
            '"Why now?" Mr Okafor asked. Nobody answered.',
            ['"Why now?" Mr Okafor asked.', "Nobody answered."],
        ),
        ('"Why now?" he asked.', ['"Why now?" he asked.']),
        # a quotation left open continues in the next paragraph, so it cannot hold a boundary
        ('"We came early. We stayed late.', ['"We came early.', "We stayed late."]),
        # two texts glued by a scraper, but not domains or acronyms
        (
            "trust among nations.Envoy arrives in Oslo for talks.",
            ["trust among nations.", "Envoy arrives in Oslo for talks."],
        ),
        ("Visit Example.com for more. Or call.", ["Visit Example.com for more.", "Or call."]),
        ("Troops of the U.S.Army left.", ["Troops of the U.S.Army left."]),
        # other terminators
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("He left (for good). Then calm.", ["He left (for good).", "Then calm."]),
        ("no capital after. this stays one", ["no capital after. this stays one"]),
        ("  Padded text.  ", ["Padded text."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_offsets_into_the_paragraph() -> None:
    text = "First one.  Second one."
    assert split_sentences(text) == [(0, 10), (12, 23)]


@given(st.text(alphabet=st.sampled_from(list("aB .!?\"“”'…,\n0")), max_size=60))
def test_spans_are_ordered_stripped_and_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())
    for start, end in spans:
        assert start < end
        assert not text[start].isspace() and not text[end - 1].isspace()
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
