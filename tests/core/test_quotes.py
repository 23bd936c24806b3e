"""Quotes: pairing marks, attribution patterns, pronouns, continuations, partial and reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.core.article import parse_article
from handlers.core.extract import extract
from handlers.core.models import Quote

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

INTRO = "Finance Minister Mara Lindqvist met Trade Secretary Tomas Okafor in Oslo on Monday."


def quotes(text: str) -> list[Quote]:
    art = parse_article(text)
    found = list(extract(art).quotes)
    for q in found:   # offsets always point at the quoted text in the body
        assert art.body[q.start:q.end] == q.text
        assert q.text in q.sentence or (q.kind == "reported" and q.text[:20] in q.sentence)
    return found


def said(text: str) -> list[tuple[str | None, str, str]]:
    """(speaker, kind, text) of every quote."""
    return [(q.speaker, q.kind, q.text) for q in quotes(text)]


# ---------------------------------------------------------------- attribution patterns
@pytest.mark.parametrize(
    ("text", "speaker", "quoted", "cue"),
    [
        (f'{INTRO} "We will not sign this deal in its current form," Lindqvist said.',
         "Mara Lindqvist", "We will not sign this deal in its current form", "said"),
        (f'{INTRO} "We will not sign this deal in its current form," said Lindqvist.',
         "Mara Lindqvist", "We will not sign this deal in its current form", "said"),
        (f'{INTRO} Lindqvist said: "We will not sign this deal in its current form."',
         "Mara Lindqvist", "We will not sign this deal in its current form.", "said"),
        (f'{INTRO} Okafor said "the tariffs must go before anything else is agreed".',
         "Tomas Okafor", "the tariffs must go before anything else is agreed", "said"),
        (f'{INTRO} Okafor told reporters: "The tariffs must go before anything else."',
         "Tomas Okafor", "The tariffs must go before anything else.", "told"),
        (f'{INTRO} "The tariffs must go," Mr Okafor said after the meeting on Monday.',
         "Tomas Okafor", "The tariffs must go", "said"),
        (f'{INTRO} "The tariffs must go," Trade Secretary Okafor, in his closing remarks, said.',
         "Tomas Okafor", "The tariffs must go", "said"),
        (f'{INTRO} "The tariffs must go," team member Ilse Brandvold told the press.',
         "Ilse Brandvold", "The tariffs must go", "told"),
    ],
)
def test_direct_patterns(text: str, speaker: str, quoted: str, cue: str) -> None:
    got = [q for q in quotes(text) if q.kind == "direct"]
    assert [(q.speaker, q.text, q.cue) for q in got] == [(speaker, quoted, cue)]


@pytest.mark.parametrize(
    "verb",
    ["added", "told the BBC", "warned", "noted", "stressed", "insisted", "wrote", "asked",
     "explained", "declared", "announced", "claimed", "argued", "alleged", "recalled",
     "remarked", "urged", "tweeted", "stated", "replied", "admitted", "confirmed"],
)
def test_cue_verb_families(verb: str) -> None:
    text = f'{INTRO} "We will not sign this deal in its current form," Lindqvist {verb}.'
    got = quotes(text)
    assert [(q.speaker, q.kind, q.cue) for q in got] == [
        ("Mara Lindqvist", "direct", verb.split()[0])]


def test_according_to_is_reported_speech() -> None:
    text = f"{INTRO} According to Okafor, the tariffs will be cut by half next year."
    assert said(text) == [("Tomas Okafor", "reported",
                           "the tariffs will be cut by half next year")]


def test_trailing_according_to() -> None:
    text = f"{INTRO} The tariffs will be cut by half next year, according to Okafor."
    assert said(text) == [("Tomas Okafor", "reported",
                           "The tariffs will be cut by half next year")]


def test_according_to_an_organisation() -> None:
    text = f"{INTRO} The ministers will meet again in June, according to the US Defense Department."
    assert said(text) == [("US Defense Department", "reported",
                           "The ministers will meet again in June")]


# ---------------------------------------------------------------- reported speech
@pytest.mark.parametrize(
    ("sentence", "speaker", "clause", "cue"),
    [
        ("Lindqvist said the India-US relationship has seen a growing interest in trade.",
         "Mara Lindqvist", "the India-US relationship has seen a growing interest in trade",
         "said"),
        ("Okafor recently alleged that the rival government could be behind the leak.",
         "Tomas Okafor", "the rival government could be behind the leak", "alleged"),
        ("Lindqvist said that the budget would be balanced by 2027.",
         "Mara Lindqvist", "the budget would be balanced by 2027", "said"),
        ("In his opening remarks, Okafor said both sides are promoting open markets.",
         "Tomas Okafor", "both sides are promoting open markets", "said"),
        ("Okafor told LA Weekly that the case was closed in October.",
         "Tomas Okafor", "the case was closed in October", "told"),
        ("The budget will be balanced by 2027, Lindqvist said.",
         "Mara Lindqvist", "The budget will be balanced by 2027", "said"),
    ],
)
def test_reported(sentence: str, speaker: str, clause: str, cue: str) -> None:
    got = [q for q in quotes(f"{INTRO} {sentence}") if q.kind == "reported"]
    assert [(q.speaker, q.text, q.cue) for q in got] == [(speaker, clause, cue)]


def test_reported_by_organisation() -> None:
    text = (f"{INTRO} Earlier, the US Department of State said that Okafor will visit five "
            "nations in November.")
    assert said(text) == [("US Department of State", "reported",
                           "Okafor will visit five nations in November")]


def test_statement_resolves_to_the_organisation_that_spoke() -> None:
    text = (f"{INTRO} The Foreign Ministry said that Okafor will visit five nations. "
            "He will be visiting Chile and Peru first, the statement added.")
    got = said(text)
    assert ("Foreign Ministry", "reported", "He will be visiting Chile and Peru first") in got


def test_verbs_needing_that_do_not_report_noun_phrases() -> None:
    text = f"{INTRO} Okafor announced a new plan for the northern ports on Tuesday."
    assert said(text) == []


# ---------------------------------------------------------------- pronouns and continuations
def test_pronoun_resolves_to_latest_subject_not_to_names_inside_quotes() -> None:
    text = (f'{INTRO}\n\n"We owe this to Tomas Okafor and his team," Lindqvist said.\n\n'
            '"We are exploring cooperation in new areas such as ports," he said.')
    got = said(text)
    assert got[-1] == ("Mara Lindqvist", "direct",
                       "We are exploring cooperation in new areas such as ports")


def test_pronoun_after_reported_speech() -> None:
    text = (f"{INTRO}\n\nIn his opening comments, Okafor said the relationship has grown.\n\n"
            '"Trade remains one of the most important pillars of our ties," he said.')
    assert said(text)[-1] == ("Tomas Okafor", "direct",
                              "Trade remains one of the most important pillars of our ties")


def test_pronoun_skips_objects_for_subjects() -> None:
    text = (f'{INTRO}\n\n"It is always wonderful to be here," Ms Lindqvist said after meeting '
            'Mr Okafor today.\n\n"We have a lot to do together in the coming year," she added.')
    assert said(text)[-1][0] == "Mara Lindqvist"


def test_pronoun_respects_gender_from_honorifics() -> None:
    text = ("Mrs Alma Reyes met Mr Tomas Okafor in Lima on Monday.\n\n"
            '"We have a lot to do together in the coming year," she said.')
    assert said(text) == [("Alma Reyes", "direct",
                           "We have a lot to do together in the coming year")]


def test_cue_less_continuation_in_same_paragraph() -> None:
    text = (f'{INTRO} "These are two of our closest partners," Lindqvist said. "As a friend of '
            'both, we think they should settle this dispute quickly."')
    got = said(text)
    assert [s for s, _, _ in got] == ["Mara Lindqvist", "Mara Lindqvist"]


def test_cue_less_continuation_in_next_paragraph() -> None:
    text = (f'{INTRO}\n\n"These are two of our closest partners," Lindqvist said.\n\n'
            '"As a friend of both, we think they should settle this dispute quickly."')
    assert [s for s, _, _ in said(text)] == ["Mara Lindqvist", "Mara Lindqvist"]


def test_multi_paragraph_quote() -> None:
    text = (f'{INTRO}\n\nLindqvist said: "We were playing against a skilled team in every '
            'match.\n\n"If we were to get a draw it would have been an excellent result for us."')
    got = said(text)
    assert [(s, k) for s, k, _ in got] == [("Mara Lindqvist", "direct")] * 2
    assert got[1][2].startswith("If we were to get a draw")


def test_unclosed_quote_closed_in_next_paragraph() -> None:
    text = (f'{INTRO}\n\nLindqvist said, "We were playing against a skilled team in every '
            'match.\n\nIf we were to get a draw it would have been an excellent result."')
    got = said(text)
    assert [s for s, _, _ in got] == ["Mara Lindqvist", "Mara Lindqvist"]
    assert got[1][2].startswith("If we were to get a draw")


# ---------------------------------------------------------------- partial quotes
def test_partial_quotes_inside_reported_speech() -> None:
    text = (f'{INTRO} According to Lindqvist, the dialogue aims to establish "a forward-looking '
            'partnership" and help "construct a shared global agenda."')
    got = said(text)
    partial = [(s, t) for s, k, t in got if k == "partial"]
    assert partial == [("Mara Lindqvist", "a forward-looking partnership"),
                       ("Mara Lindqvist", "construct a shared global agenda.")]


def test_partial_quote_after_subject_with_parenthetical() -> None:
    text = (f'{INTRO} Okafor, in his opening remarks, said it is more important than ever that '
            'the two countries "deliver for our people".')
    got = said(text)
    assert ("Tomas Okafor", "partial", "deliver for our people") in got


def test_embedded_phrase_before_cue_is_partial() -> None:
    text = f'{INTRO} The new tariff plan is "a disaster for farmers," Okafor said.'
    assert said(text) == [("Tomas Okafor", "partial", "a disaster for farmers")]


# ---------------------------------------------------------------- not speech
@pytest.mark.parametrize(
    "text",
    [
        f'{INTRO} The ministers met for the annual "2+2 Dialogue" to discuss trade.',
        f'{INTRO} They will hold the annual "two-plus-two" talks in June.',
        f'{INTRO} Critics called the plan a "joke" during the debate in parliament.',
        f'{INTRO} The robot, named "Better Idea of Girls," scored in the first round.',
        "'Our strong ties give...': India, US hold talks\n\n" + INTRO,
        INTRO + "\n\n'Don't Expect US Help In A War With China'\n\nMore news follows below.",
    ],
)
def test_scare_quotes_names_and_headlines_are_not_speech(text: str) -> None:
    assert [q for q in quotes(text) if q.kind != "reported"] == []


@pytest.mark.parametrize(
    "text",
    [
        f"{INTRO} \"We've shown the Ministers' plan works,\" Lindqvist said.",
        f"{INTRO} \"The US' position and Hamas' demands are far apart,\" Lindqvist said.",
        f"{INTRO} “We've shown the Ministers’ plan works,” Lindqvist said.",
        f"{INTRO} 'We have shown that the plan works,' Lindqvist said.",
    ],
)
def test_apostrophes_and_possessives_survive(text: str) -> None:
    got = said(text)
    assert len(got) == 1 and got[0][0] == "Mara Lindqvist" and got[0][1] == "direct"
    assert got[0][2].endswith("works") or got[0][2].endswith("apart")


def test_unattributable_fragment_is_dropped() -> None:
    assert said(f'{INTRO} The word "sovereignty" appeared nine times.') == []


# ---------------------------------------------------------------- acceptance on the seed articles
def seed_quotes(prefix: str) -> list[Quote]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return list(extract(parse_article(path.read_text(encoding="utf-8"))).quotes)


def test_seed_004_both_quotes_are_blinkens() -> None:
    direct = [q for q in seed_quotes("004") if q.kind == "direct"]
    assert [(q.speaker, q.cue) for q in direct] == [("Antony Blinken", "said"),
                                                   ("Antony Blinken", "added")]


def test_seed_003_he_said_quotes() -> None:
    got = {q.text[:30]: q.speaker for q in seed_quotes("003") if q.kind == "direct"}
    assert got["We are exploring cooperation i"] == "S Jaishankar"
    assert got["Defence cooperation remains on"] == "Rajnath Singh"
    assert got["Our increasingly strong ties g"] == "Lloyd Austin"


def test_seed_partial_quotes() -> None:
    partial_001 = {(q.speaker, q.text) for q in seed_quotes("001") if q.kind == "partial"}
    assert ("Subrahmanyam Jaishankar", "a forward-looking partnership") in partial_001
    assert ("Subrahmanyam Jaishankar", "construct a shared global agenda.") in partial_001
    partial_003 = {(q.speaker, q.text) for q in seed_quotes("003") if q.kind == "partial"}
    assert ("Lloyd Austin", "deliver for our people") in partial_003


def test_seed_related_story_lines_are_never_attributed() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for q in seed_quotes(prefix):
            assert "Don't Expect US Help" not in q.text
            assert "Biden has thrown out" not in q.text
            assert "Our strong ties give" not in q.text


def test_seed_reported_speech() -> None:
    reported = {(q.speaker, q.text[:30]) for q in seed_quotes("003") if q.kind == "reported"}
    assert ("Rajnath Singh", "the India-US bilateral relatio") in reported
    assert ("Antony Blinken", "both sides are promoting a fre") in reported
    trudeau = [q for q in seed_quotes("000") if q.speaker == "Justin Trudeau"]
    assert [q.cue for q in trudeau] == ["alleged"]


# ---------------------------------------------------------------- robustness
_PIECES = ['"', "“", "”", "'", "‘", "’", " said ", " told ", "According to ", "Mr ", "Blinken",
           "Prime Minister ", "Anna Berg", ", ", ". ", "\n\n", "\n", "he said", " that ",
           "Hamas'", "we've", ":", "...", "US", "of", " the ", "a", "Lindqvist"]


@given(st.lists(st.sampled_from(_PIECES), max_size=60))
@settings(max_examples=300, deadline=None)
def test_extract_never_fails_and_offsets_hold(parts: list[str]) -> None:
    text = "".join(parts)
    art = parse_article(text)
    ex = extract(art)
    for q in ex.quotes:
        assert art.body[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "reported")
    for p in ex.people:
        assert p.mentions >= 1 and 0 <= p.first_offset < max(1, len(art.body))
