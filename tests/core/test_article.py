"""Article parsing: metadata, furniture removal and citable sentences.

The tables use short pages written for the tests, one rule per row; the seed pages in
``seeds/`` and three unseen-style pages check that the rules work together.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.core.article import parse_article
from handlers.core.models import ParsedArticle

BODY = [
    "The city council approved a new budget on Monday after a debate that lasted nine hours.",
    "Council leader Amara Obi said the plan would fund 40 new teachers and repair two bridges.",
    '"This budget is about the basics. We fixed what was broken," Obi told reporters.',
]


def page(*lines: str) -> str:
    return "\n".join(lines)


def parse(raw: str, **kwargs: str) -> ParsedArticle:
    """Parse and check the offsets contract every caller relies on."""
    article = parse_article(raw, **kwargs)
    assert article.body == "\n\n".join(article.paragraphs)
    for sentence in article.sentences:
        assert article.body[sentence.start : sentence.end] == sentence.text
        assert sentence.text in article.paragraphs[sentence.paragraph]
    return article


def texts(article: ParsedArticle) -> list[str]:
    return [sentence.text for sentence in article.sentences]


# --- furniture ------------------------------------------------------------------------


FURNITURE = [
    # promos
    "Download the NewsNow app",
    "Download our app for the latest updates.",
    "Sign in | Create an account",
    "Subscribe to our newsletter",
    "Sign up for our daily newsletter and get the news in your inbox.",
    "Get Daily Ledger News in your Inbox:",
    "Follow us on Twitter",
    "Available on Google Play",
    "Print this article",
    "Share this article",
    "Read more: Council votes on bus fares",
    "Also read: Budget talks stall.",
    "Listen to this article",
    "Advertisement",
    "We use cookies to improve your experience. By continuing you accept our use of cookies.",
    # captions and credits
    "IMAGE: Council members vote on Monday. Photograph: City Hall/X",
    "Image Source : PTI/FILE Council members vote on Monday.",
    "Image caption, Council members vote on Monday",
    "Photo: Jane Roe/Agency",
    "File photo of the council chamber.",
    "Council members vote on Monday. Photograph: Jane Roe/Agency",
    # footers and navigation
    "© 2024 Daily Ledger. All rights reserved.",
    "Copyright 2024 Example Media Group. Republication is prohibited.",
    "Terms of use",
    "Privacy Policy",
    "Disclaimer",
    "Home | World | Business | Sport",
    "About us - Contact us - Advertise with us - Careers",
    # bylines, stamps and labels
    "Edited By: Sam Lee",
    "Written by Sam Lee",
    "Jane Doe and Sam Lee in Oslo",
    "Reporting from Oslo",
    "5 min read",
    "Updated 2 hours ago",
    "Related Topics",
    "More on this story",
    "A long night of debate",  # an isolated subhead is not a sentence
]


@pytest.mark.parametrize("furniture", FURNITURE)
def test_furniture_line_is_removed(furniture: str) -> None:
    article = parse(page(BODY[0], furniture, BODY[1], BODY[2]), fallback_title="Budget")
    assert list(article.paragraphs) == BODY
    assert len(article.sentences) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents can download the forms from the council website, officials said.",
        "Subscribers to the council's newsletter were told of the vote first.",
        "Share prices of the city's water company fell 3% on the news.",
        "Photographs of the flooded bridge circulated widely on social media.",
        "The company said its privacy practices were under review.",
        "Copyright lawyers said the case could take years.",
        "By Friday, the council had approved the plan.",
        "Read the full text of the budget on the council website.",
        "He said the deal was signed in Oslo in 2023 by both leaders.",
    ],
)
def test_real_sentence_with_furniture_words_is_kept(sentence: str) -> None:
    article = parse(page(BODY[0], sentence, BODY[1]))
    assert sentence in texts(article)


def test_headlines_repeated_in_a_related_list_are_removed() -> None:
    related = [
        "Who won the vote?",
        "Who won the vote?",
        "Mayor to stand again next year...",
        "Mayor to stand again next year...",
    ]
    article = parse(page(*BODY, *related))
    assert list(article.paragraphs) == BODY


def test_a_list_of_short_lines_is_removed_even_when_some_are_punctuated() -> None:
    article = parse(page(*BODY, "More like this", "Why the bridge closed?", "Fares to rise"))
    assert list(article.paragraphs) == BODY


def test_a_short_line_in_title_case_is_a_label_not_a_sentence() -> None:
    article = parse(page(*BODY, "Our Standards: The Example Trust Principles."))
    assert list(article.paragraphs) == BODY


def test_a_short_last_paragraph_above_the_footer_is_kept() -> None:
    footer = ["Also read: Budget talks stall.", "Read More", "Latest News", "Download our app"]
    article = parse(page(*BODY, "Obi declined to comment.", *footer))
    assert list(article.paragraphs) == [*BODY, "Obi declined to comment."]


def test_text_glued_after_a_caption_is_kept() -> None:
    article = parse(page("Image Source : AP/FILE The council chamber. The vote passed 7-2.", *BODY))
    assert texts(article)[0] == "The vote passed 7-2."


def test_inline_photo_credit_is_cut_from_the_sentence() -> None:
    article = parse(page("The council met on Monday (Photo: Jane Roe/Agency). It voted.", *BODY))
    assert texts(article)[:2] == ["The council met on Monday.", "It voted."]


def test_a_paragraph_captured_twice_is_kept_once() -> None:
    article = parse(page(BODY[0], BODY[0], BODY[1]))
    assert list(article.paragraphs) == BODY[:2]


def test_lines_become_paragraphs_with_single_spaces() -> None:
    article = parse("  First\u00a0line  here.\r\n\r\nSecond\tline\u200b here.\n")
    assert article.paragraphs == ("First line here.", "Second line here.")
    assert [(s.start, s.end, s.paragraph) for s in article.sentences] == [(0, 16, 0), (18, 35, 1)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*BODY, *FURNITURE, "", " date 2024-03-05 ", "Mar 5, 2024"])
        | st.text(alphabet=st.sampled_from(list('aB .?!"“”|»©(:)\u00a0\t5')), max_size=40),
        max_size=12,
    )
)
def test_any_page_keeps_the_offsets_contract(lines: list[str]) -> None:
    parse(page(*lines))


def test_empty_page() -> None:
    article = parse("Home\nNews\n© 2024 Example")
    assert (article.body, article.sentences, article.title) == ("", (), "")


# --- title ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Budget passes after nine-hour debate", *BODY], "Budget passes after nine-hour debate"),
        (
            [
                "Budget passes after nine-hour debate",
                "By Sam Lee, Daily Ledger",
                "March 5, 2024 10:30 IST",
                "Share",
                "Get Daily Ledger News in your Inbox:",
                *BODY,
            ],
            "Budget passes after nine-hour debate",
        ),
        (
            ["Home", "World", "Business", "Budget passes after nine-hour debate", *BODY],
            "Budget passes after nine-hour debate",
        ),
        (
            [
                "Example.com » News » Budget passes after nine-hour debate",
                "Budget passes after nine-hour debate",
                *BODY,
            ],
            "Budget passes after nine-hour debate",
        ),
        (
            ["Example.com » News » Budget passes after nine-hour debate", *BODY],
            "Budget passes after nine-hour debate",
        ),
        (
            ["Budget passes after debate", "Budget passes after debate", *BODY],
            "Budget passes after debate",
        ),
        (["Will The Budget Pass?", *BODY], "Will The Budget Pass?"),
    ],
)
def test_headline(lines: list[str], expected: str) -> None:
    article = parse(page(*lines), fallback_title="Fallback")
    assert article.title == expected
    assert expected not in article.body


@pytest.mark.parametrize(
    "lines",
    [
        BODY,
        ["Home", "World", "Business", "Sport", *BODY],  # a menu is not a headline
        ["Share", "Save", *BODY],
    ],
)
def test_without_a_headline_the_fallback_then_the_first_sentence(lines: list[str]) -> None:
    assert parse(page(*lines), fallback_title="Fallback").title == "Fallback"
    title = parse(page(*lines)).title
    assert title == "The city council approved a new budget on Monday after a debate that lasted…"
    assert len(title) <= 80


def test_a_short_first_sentence_is_the_title_unshortened() -> None:
    assert parse("Rain fell. It stopped.").title == "Rain fell."


# --- date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" date 2024-03-05 " + BODY[0], "2024-03-05"),
        (page("March 5, 2024", *BODY), "2024-03-05"),
        (page("5 March 2024", *BODY), "2024-03-05"),
        (page("Mar. 5, 2024", *BODY), "2024-03-05"),
        (page("Published 2024-03-05", *BODY), "2024-03-05"),
        (page("Updated: Tuesday, March 5, 2024 10:30 IST", *BODY), "2024-03-05"),
        (page("Last Updated : Mar 05, 2024 | 10:30 PM IST", *BODY), "2024-03-05"),
        (page("Budget passes", "5th March, 2024", *BODY), "2024-03-05"),
        (page(" date 2024-03-06 Budget passes", "March 5, 2024", *BODY), "2024-03-06"),
        (page("February 30, 2024", *BODY), None),
        (page(*BODY), None),
    ],
)
def test_date(raw: str, expected: str | None) -> None:
    article = parse(raw)
    assert article.date == expected
    assert "2024" not in article.body


@pytest.mark.parametrize(
    ("lead", "sentence"),
    [
        ("March 5, 2024The council approved a budget.", "The council approved a budget."),
        ("Mar 5, 2024 | The council approved a budget.", "The council approved a budget."),
        (
            "March 5, 2024 10:30 IST: The council approved a budget.",
            "The council approved a budget.",
        ),
    ],
)
def test_date_glued_to_the_first_paragraph_is_taken_off(lead: str, sentence: str) -> None:
    article = parse(page(lead, BODY[1]))
    assert (article.date, texts(article)[0]) == ("2024-03-05", sentence)


def test_a_sentence_that_starts_with_a_date_is_left_alone() -> None:
    article = parse(page("March 5, 2024 was a long day for the council.", BODY[1]))
    assert texts(article)[0] == "March 5, 2024 was a long day for the council."


# --- outlet ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Source: PTI - Edited By: Sam Lee", *BODY], "PTI"),
        ([*BODY, "sb/jk (AFP, AP, Reuters)"], "AFP, AP, Reuters"),
        ([*BODY, "(Reuters)"], "Reuters"),
        ([*BODY, "— AFP"], "AFP"),
        (["By Jane Doe, Reuters", *BODY], "Reuters"),
        (["By Jane Doe | BBC News", *BODY], "BBC News"),
        (["By Jane Doe, Senior Correspondent", *BODY], None),
        (["By Jane Doe", *BODY], None),
        (["OSLO (Reuters) - " + BODY[0], *BODY[1:]], "Reuters"),
        (["Oslo, Mar 5 (PTI): " + BODY[0], *BODY[1:]], "PTI"),
        ([*BODY, "© 2024 Daily Ledger. All rights reserved."], "Daily Ledger"),
        (["Example.com » News » Budget passes after debate", *BODY], "Example.com"),
        (["Home » News » Budget passes after debate", *BODY], None),
        (["Source: PTI", *BODY, "Copyright 2024 Example Media. All rights reserved."], "PTI"),
        ([*BODY, "The figures were first reported by news agency ANI."], None),
        (BODY, None),
    ],
)
def test_outlet(lines: list[str], expected: str | None) -> None:
    article = parse(page(*lines))
    assert article.outlet == expected
    assert article.paragraphs[:3] == tuple(BODY)


# --- seeds ----------------------------------------------------------------------------

SEED_METADATA = [
    (
        "000_73d6b51b95ee47ff.txt",
        "The recent diplomatic tensions between India and Canada over the killing of…",
        "2023-11-10",
        None,
    ),
    (
        "001_9c1bcdfe16686040.txt",
        "Blinken in India holds talks on China, Israel",
        "2023-11-10",
        "AFP, AP, Reuters",
    ),
    (
        "002_184b5aa1b92b20fe.txt",
        "US Secretary of State Antony Blinken and Defence Secretary Lloyd Austin will…",
        "2023-11-08",
        None,
    ),
    (
        "003_567cded9f08bc9cc.txt",
        "'Our strong ties give...': India, US hold 2+2 meet",
        "2023-11-10",
        "PTI",
    ),
    (
        "004_81762a311fdba36f.txt",
        "External Affairs Minister S Jaishankar is holding a dialogue with US Secretary…",
        "2023-11-10",
        None,
    ),
]


def seed(name: str) -> ParsedArticle:
    return parse((SEEDS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "title", "date", "outlet"), SEED_METADATA)
def test_seed_metadata(name: str, title: str, date: str, outlet: str | None) -> None:
    article = seed(name)
    assert (article.title, article.date, article.outlet) == (title, date, outlet)


@pytest.mark.parametrize("name", [row[0] for row in SEED_METADATA])
def test_seed_sentences_are_free_of_furniture(name: str) -> None:
    article = seed(name)
    forbidden = [
        "Download NewsApp",
        "Print this article",
        "Image Source",
        "IMAGE:",
        "Photograph:",
        "Get Rediff News",
        "Litmus Test For India-US Relationship",
        "Source: PTI",
        "Edited By",
        "©",
        "Follow us",
        "ss/ab",
        "date 2023",
        "November 10, 2023",
        "Rediff.com",
        "Defense, a key pillar of India-US bilateral ties",
        "Talks to build on Modi-Biden vision",
    ]
    for sentence in texts(article):
        assert not any(bad in sentence for bad in forbidden), sentence
        assert sentence[-1] in '.?!"”', sentence
        assert sentence[0] not in '"”' or sentence.count('"') % 2 == 0, sentence


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "001_9c1bcdfe16686040.txt",
            "US Secretary of State Antony Blinken met with India's External Affairs Minister "
            "Subrahmanyam Jaishankar in New Delhi on Friday to discuss defense and strategic "
            "collaboration in the face of global challenges.",
        ),
        (
            "001_9c1bcdfe16686040.txt",
            '"These are two of our closest friends and partners and, of course, we want to see '
            'them resolving any differences or disputes that they have," Blinken said.',
        ),
        (
            "002_184b5aa1b92b20fe.txt",
            "US Secretary of State Antony Blinken and Defence Secretary Lloyd Austin will visit "
            "India on November 10 to participate in the 5th India-US 2+2 Ministerial Dialogue.",
        ),
        (
            "002_184b5aa1b92b20fe.txt",
            "This year, the US side is also expected to push for military hardware cooperation "
            "while India is likely to ask for the sharing of high-end technology for developing "
            "indigenous weapon systems during the ministerial, sources told news agency ANI.",
        ),
        (
            "003_567cded9f08bc9cc.txt",
            '"Our increasingly strong ties give us all hope for the future of this partnership '
            'and our common efforts towards a more secure world," he said.',
        ),
        (
            "004_81762a311fdba36f.txt",
            '"It is always wonderful to be here in India. We are building a remarkable year of '
            "engagement. We have not only the strongest bilateral partnership we've ever had, but "
            "also a regional one, and indeed, a global one that was further evidenced by India's "
            'leadership for the G20 this year," Mr Blinken said after meeting Mr Jaishankar today.',
        ),
    ],
)
def test_seed_sentences_survive_intact(name: str, sentence: str) -> None:
    assert sentence in texts(seed(name))


def test_seed_body_starts_and_ends_with_the_article() -> None:
    article = seed("003_567cded9f08bc9cc.txt")
    assert article.paragraphs[0].startswith("India and the United States on Friday held")
    assert article.paragraphs[-1].startswith('"Our increasingly strong ties give us all hope')
    assert len(article.paragraphs) == 11


# --- pages from sites not seen while writing the rules ----------------------------------

BROADCASTER_PAGE = """\
Skip to content
Accessibility Help
Your account
Home
News
Sport
Weather
We use cookies to give you the best online experience. By continuing you agree to our cookie policy.
Accept all
Asia
India
Indonesia floods: Thousands flee as river bursts its banks
By Jane Doe, BBC News, Jakarta
Published 14 March 2024
Share
Save
Image source, Getty Images
Image caption, Residents waded through waist-deep water on Thursday
Thousands of people have fled their homes in western Java after the Citarum river burst its banks following days of heavy rain.
The national disaster agency said on Thursday that at least 12 people had died and 3,400 had been moved to temporary shelters.
"The water rose so fast. We had no time to take anything," said Siti Rahma, 42, who fled with her three children.
Officials warned that more rain was expected over the weekend.
Sign up for our morning newsletter and get BBC News in your inbox.
Related Topics
Indonesia
Floods
More on this story
Jakarta sinking faster than expected, study finds
Why Indonesia is moving its capital
Top Stories
Live: Markets fall as oil prices climb
Follow BBC News on X
Copyright 2024 BBC. All rights reserved. The BBC is not responsible for the content of external sites.
"""  # noqa: E501

WIRE_PAGE = """\
World
Business
Markets
Sustainability
Legal
More
Indian rupee hits record low as oil prices rise
By Aditi Shah and Rajendra Jadhav
November 20, 2023 10:42 AM GMTUpdated 2 hours ago
MUMBAI, Nov 20 (Reuters) - The Indian rupee fell to a record low on Monday, pressured by higher crude oil prices and dollar demand from importers, traders said.
The rupee was at 83.42 per U.S. dollar by 10:30 a.m. IST, weaker than its previous close of 83.29. It had dropped to 83.45 earlier in the session.
"The Reserve Bank of India (RBI) is likely to step in. It has done so at every big move," a trader at a state-run bank said.
Brent crude futures rose 1.2% to $81.60 per barrel.
Reporting by Nimesh Vora; Editing by Sohini Goswami
Our Standards: The Thomson Reuters Trust Principles.
Read Next
Asian shares slip as investors await Fed minutes
China keeps lending benchmarks unchanged, as expected
Oil steadies after Friday rally
Acquire Licensing Rights, opens new tab
"""  # noqa: E501

NEWSPAPER_PAGE = """\
Skip to main content
Print subscriptions
Sign in
World
Europe
Blinken urges India to help Canada investigation
US secretary of state says Washington wants ‘accountability’ over killing of Sikh separatist
Antony Blinken at a press conference in New Delhi on Friday. Photograph: Manish Swarup/AP
Hannah Ellis-Petersen in Delhi
Fri 10 Nov 2023 08.12 GMT
The US secretary of state, Antony Blinken, has urged India to cooperate with Canada’s investigation into the killing of a Sikh separatist leader.
Speaking in Delhi on Friday, Blinken said the US wanted to see “accountability” and had raised the matter with Indian officials.
India has rejected the allegation as “absurd”.
Explore more on these topics
India
Canada
Antony Blinken
Share
Reuse this content
"""  # noqa: E501

PORTAL_PAGE = """\
Trending
Elections 2024
Cricket
Budget
Home / India News / Council clears budget after marathon session
Council clears budget after marathon session
Written by Priya Nair | Edited by Rahul Menon
Updated: Mar 05, 2024 14:21 IST
Follow Us
Share
The municipal council on Tuesday cleared its annual budget after a marathon session that ran past midnight. (Photo: HT)
Also Read | Metro fares to rise from April
The budget sets aside Rs 1,240.5 crore for roads, a 12.5% rise over last year.
Opposition leader Dr. S. K. Menon called it "a budget for contractors, not citizens".
"We will take this to the people. They will decide," he said.
ALSO READ: Council elections likely in May
Download The Daily Ledger App Now
Read More
Latest News
India News
Council clears budget after marathon session
Get Latest Updates on Politics Download our App
Copyright © 2024 Daily Ledger Media Ltd. All Rights Reserved.
"""  # noqa: E501


@pytest.mark.parametrize(
    ("raw", "title", "date", "outlet", "sentences"),
    [
        (
            BROADCASTER_PAGE,
            "Indonesia floods: Thousands flee as river bursts its banks",
            "2024-03-14",
            "BBC News",
            [
                "Thousands of people have fled their homes in western Java after the Citarum "
                "river burst its banks following days of heavy rain.",
                "The national disaster agency said on Thursday that at least 12 people had died "
                "and 3,400 had been moved to temporary shelters.",
                '"The water rose so fast. We had no time to take anything," said Siti Rahma, 42, '
                "who fled with her three children.",
                "Officials warned that more rain was expected over the weekend.",
            ],
        ),
        (
            WIRE_PAGE,
            "Indian rupee hits record low as oil prices rise",
            "2023-11-20",
            "Reuters",
            [
                "The Indian rupee fell to a record low on Monday, pressured by higher crude oil "
                "prices and dollar demand from importers, traders said.",
                "The rupee was at 83.42 per U.S. dollar by 10:30 a.m. IST, weaker than its "
                "previous close of 83.29.",
                "It had dropped to 83.45 earlier in the session.",
                '"The Reserve Bank of India (RBI) is likely to step in. It has done so at every '
                'big move," a trader at a state-run bank said.',
                "Brent crude futures rose 1.2% to $81.60 per barrel.",
            ],
        ),
        (
            NEWSPAPER_PAGE,
            "Blinken urges India to help Canada investigation",
            "2023-11-10",
            None,
            [
                "The US secretary of state, Antony Blinken, has urged India to cooperate with "
                "Canada’s investigation into the killing of a Sikh separatist leader.",
                "Speaking in Delhi on Friday, Blinken said the US wanted to see “accountability” "
                "and had raised the matter with Indian officials.",
                "India has rejected the allegation as “absurd”.",
            ],
        ),
        (
            PORTAL_PAGE,
            "Council clears budget after marathon session",
            "2024-03-05",
            "Daily Ledger Media Ltd",
            [
                "The municipal council on Tuesday cleared its annual budget after a marathon "
                "session that ran past midnight.",
                "The budget sets aside Rs 1,240.5 crore for roads, a 12.5% rise over last year.",
                'Opposition leader Dr. S. K. Menon called it "a budget for contractors, not '
                'citizens".',
                '"We will take this to the people. They will decide," he said.',
            ],
        ),
    ],
)
def test_unseen_page(
    raw: str, title: str, date: str, outlet: str | None, sentences: list[str]
) -> None:
    article = parse(raw)
    assert (article.title, article.date, article.outlet) == (title, date, outlet)
    assert texts(article) == sentences
