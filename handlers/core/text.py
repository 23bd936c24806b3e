"""Text normalisation shared by indexing and querying.

The same function must run on both sides of a search, otherwise "2+2" typed by a user and
"two-plus-two" written by an outlet never meet. SQLite's tokenizer splits on "+" and "-",
so forms it would mangle are rewritten into single tokens before they reach it.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-"})

_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
_NUM = r"(\d{1,2}|one|two|three|four|five)"
# "2+2", "2 + 2", "two-plus-two", "two plus two", "2-plus-2": one dialogue format, one token.
_PLUS_FORM = re.compile(rf"\b{_NUM}\s*(?:\+|-?\s*plus\s*-?)\s*{_NUM}\b", re.IGNORECASE)

# British spellings folded to American ones; stems (porter) take care of inflections.
_UK_US = {
    "defence": "defense", "offence": "offense", "licence": "license", "centre": "center",
    "centres": "centers", "theatre": "theater", "programme": "program",
    "programmes": "programs", "labour": "labor", "honour": "honor", "favour": "favor",
    "colour": "color", "neighbour": "neighbor", "neighbours": "neighbors",
    "behaviour": "behavior", "harbour": "harbor", "analyse": "analyze",
    "organisation": "organization", "organisations": "organizations",
    "organise": "organize", "organised": "organized", "realise": "realize",
    "recognise": "recognize", "recognised": "recognized", "criticise": "criticize",
    "criticised": "criticized", "apologise": "apologize", "emphasise": "emphasize",
    "emphasised": "emphasized", "prioritise": "prioritize", "mobilise": "mobilize",
    "stabilise": "stabilize", "modernisation": "modernization", "catalogue": "catalog",
    "jewellery": "jewelry", "tyre": "tire", "aluminium": "aluminum",
}
_UK_WORD = re.compile(r"\b(" + "|".join(sorted(_UK_US, key=len, reverse=True)) + r")\b")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, strip accents and unify typographic quotes and dashes."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _plus_token(match: re.Match[str]) -> str:
    left, right = (_NUMBER_WORDS.get(g.lower(), g) for g in match.groups())
    return f" {left}plus{right} "


def index_text(text: str) -> str:
    """The form of a sentence that goes into the full-text index (and of a query)."""
    folded = _PLUS_FORM.sub(_plus_token, fold(text))
    return _UK_WORD.sub(lambda m: _UK_US[m.group(1)], folded)


def words(text: str) -> list[str]:
    """Index words of ``text``: what FTS5 will see, with symbols and hyphens dropped."""
    return _WORD.findall(index_text(text).replace("'", " "))


def normalize_name(text: str) -> str:
    """A person's name for matching: folded, dots and hyphens to spaces, single spaced.

    Used as rapidfuzz's ``processor`` instead of ``default_process``, which would strip
    symbols a user may type on purpose.
    """
    cleaned = re.sub(r"[.\-_,'’]+", " ", fold(text))
    return " ".join(cleaned.split())


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so snippets never end mid-word."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
