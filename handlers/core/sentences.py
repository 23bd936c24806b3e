"""Sentence boundaries for news prose.

One regex proposes every place a sentence *could* end; a few cheap checks then veto
the false ones (titles such as "Dr.", initials, "U.S.", full stops inside a quotation).
Work happens only at candidate positions, so the splitter stays linear and fast
enough to run over every article the bot ingests.
"""

from __future__ import annotations

import re

# A terminator (ellipsis or a run of . ! ?) plus the closing quotes and brackets that
# belong to the sentence, then whitespace and something that can open a sentence.
# The second branch catches two texts glued by a scraper: "among nations.Blinken".
# Opening with a plain character class lets the regex engine skip ahead quickly.
_CANDIDATE = re.compile(
    r"""[.!?…]
        (?: [.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])
          | (?<=\.)(?P<glued>)(?=[A-Z][a-z])
        )""",
    re.VERBOSE,
)
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?([\w’'-]*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")

# Abbreviations that precede a name, so a capital after them never starts a sentence.
_TITLES = frozenset((
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col",
    "capt", "cmdr", "adm", "maj", "sgt", "cpl", "st", "mt", "ft", "jr", "sr", "rev", "hon",
    "pres", "supt", "insp", "det", "vs",
))  # fmt: skip
# Abbreviations that are only abbreviations when a number follows ("No. 5", "Jan. 10").
_BEFORE_NUMBER = frozenset((
    "no", "nos", "vol", "art", "sec", "ch", "fig", "p", "pp", "rs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))  # fmt: skip
# Words that start a new sentence after a dotted acronym ("in the U.S. He left"),
# but rarely continue a name ("U.S. Secretary", "U.K. officials").
_STARTERS = frozenset((
    "The", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "This", "That",
    "These", "Those", "A", "An", "His", "Her", "Their", "Its", "Our", "There", "However",
    "Meanwhile", "On", "At", "As", "If", "When", "While", "After", "Before", "According",
    "Earlier", "Later", "Last", "Some", "Many", "Most",
))  # fmt: skip
# After a quoted question or exclamation, a short attribution continues the sentence:
# "Why now?" Blinken asked.
_ATTRIBUTION = re.compile(
    r"\s+(?:[A-Z][\w’'.-]*\s+){1,3}"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|shouted|insisted)\b"
)
_QUOTE_CHARS = re.compile(r"[\"“”]")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``paragraph``.

    Spans are stripped of surrounding whitespace and cover all non-space text, so
    ``paragraph[start:end]`` is always a sentence exactly as written and the spans
    can be used as citation offsets. A sentence that opens a quotation ends after the
    quotation closes, never with a quote mark left dangling at the next sentence.
    """
    quotes = _quote_spans(paragraph)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(paragraph):
        end = match.end()
        if _is_boundary(paragraph, match, quotes):
            _append_stripped(spans, paragraph, start, end)
            start = end
    _append_stripped(spans, paragraph, start, len(paragraph))
    return spans


def _is_boundary(text: str, match: re.Match[str], quotes: list[tuple[int, int]]) -> bool:
    end = match.end()
    if any(open_ < end < close for open_, close in quotes):
        return False
    token = _token_before(text, match.start())
    if match.group("glued") is not None:
        # "nations.Blinken" is two texts run together; "U.S.Army" or "McKinsey.Com" is not.
        return len(token) >= 4 and token.isalpha() and token.islower()
    terminator = match.group()
    if terminator == ".":
        return not _ends_abbreviation(token, _NEXT_WORD.match(text, end).group(1))
    quoted_question = terminator[0] in "?!" and terminator[-1] in '"”'
    return not (quoted_question and _ATTRIBUTION.match(text, end))


def _token_before(text: str, pos: int) -> str:
    """The word that ends at ``pos``, without the quotes or brackets that open it."""
    return text[text.rfind(" ", 0, pos) + 1 : pos].lstrip("\"'“‘([")


def _ends_abbreviation(token: str, next_word: str) -> bool:
    """Whether a full stop after ``token`` closes an abbreviation rather than a sentence."""
    lowered = token.lower()
    if lowered in _TITLES:
        return True
    if lowered in _BEFORE_NUMBER:
        return next_word[:1].isdigit()
    if len(token) == 1 and token.isupper():
        return True  # an initial: "J. K. Rowling"
    if _DOTTED.fullmatch(token):
        return next_word not in _STARTERS
    return False


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair double quotes into ``(open, close_end)`` spans; an unclosed quote is ignored.

    News style leaves a quotation open when it continues into the next paragraph, so
    an unmatched opener must not swallow the rest of the paragraph.
    """
    spans: list[tuple[int, int]] = []
    if '"' not in text and "“" not in text:
        return spans
    opened: int | None = None
    for match in _QUOTE_CHARS.finditer(text):
        char, pos = match.group(), match.start()
        if char == "“" or (char == '"' and opened is None):
            opened = pos
        elif opened is not None:
            spans.append((opened, pos + 1))
            opened = None
    return spans


def _append_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
