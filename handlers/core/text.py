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
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase, strip accents and unify typographic quotes and dashes."""
    if not text.isascii():
        text = text.translate(_QUOTES)
        if not text.isascii():  # NFKD per character is slow: only when it can matter
            text = unicodedata.normalize("NFKD", text)
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def _plus_token(match: re.Match[str]) -> str:
    left, right = (_NUMBER_WORDS.get(g.lower(), g) for g in match.groups())
    return f" {left}plus{right} "


def index_text(text: str) -> str:
    """The form of a sentence that goes into the full-text index (and of a query)."""
    folded = fold(text)
    if "+" in folded or "plus" in folded:
        folded = _PLUS_FORM.sub(_plus_token, folded)
    if _UK_WORD.search(folded):
        folded = _UK_WORD.sub(lambda m: _UK_US[m.group(1)], folded)
    return folded


def words(text: str) -> list[str]:
    """Index words of ``text``: what FTS5 will see, with symbols and hyphens dropped.

    Equal to ``_WORD.findall(index_text(text).replace("'", " "))``, but spelling is mapped
    per word rather than by a regex over the whole text: this runs on every candidate
    sentence of every briefing.
    """
    folded = fold(text)
    if "+" in folded or "plus" in folded:
        folded = _PLUS_FORM.sub(_plus_token, folded)
    if "_" in folded:  # "\b" treats "_" as a word character; keep the exact regex path
        return _WORD.findall(_UK_WORD.sub(lambda m: _UK_US[m.group(1)], folded)
                             .replace("'", " "))
    cleaned = folded.replace("'", " ")
    found = _ASCII_WORD.findall(cleaned) if cleaned.isascii() else _WORD.findall(cleaned)
    return [_UK_US.get(w, w) for w in found]


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


MARK_OPEN, MARK_CLOSE = "«", "»"
# A written number form ("2+2", "two-plus-two") or one word, as it appears in the text.
_SPAN = re.compile(rf"{_PLUS_FORM.pattern}|[^\W_]+(?:['’][^\W_]+)?", re.IGNORECASE)
_SPAN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def same_word(word: str, other: str) -> bool:
    """Two index words that are one word for a reader: equal, or inflections of one stem
    ("minerals"/"mineral", "talks"/"talk", "organised"/"organise")."""
    if word == other:
        return True
    short, long_ = sorted((word, other), key=len)
    if len(short) < 4 or not long_.startswith(short[: max(4, len(long_) - 3)]):
        return False
    return long_[len(short):] in ("", "s", "es", "ed", "d", "ing", "al", "er", "ers") or (
        short.endswith("e") and long_[len(short) - 1:] in ("ed", "es", "ing", "er"))


def highlight(text: str, targets: frozenset[str]) -> str:
    """``text`` with the words matching ``targets`` (index words) marked «like this».

    Adjacent marked words share one mark, so a phrase reads «critical minerals». The
    marks are plain characters (no markup): renderers may show or restyle them.
    """
    if not targets:
        return text
    stems = {t[:4] for t in targets}
    known: dict[str, bool] = {}

    def matches(token: str) -> bool:
        if token not in known:
            lower = token.lower()
            forms = [_UK_US.get(lower, lower)] if lower.isascii() and lower.isalnum() \
                else words(token)
            known[token] = bool(forms) and all(
                f in targets or (f[:4] in stems and any(same_word(f, t) for t in targets))
                for f in forms)
        return known[token]

    out: list[str] = []
    cursor = 0
    open_at = -1
    lower = text.lower()
    spans = _SPAN if "+" in lower or "plus" in lower else _SPAN_WORD
    for found in spans.finditer(text):
        start, end = found.span()
        hit = matches(found.group())
        gap = text[cursor:start]
        if hit:
            if open_at >= 0 and not gap.strip(" -"):
                out.append(gap)
            else:
                if open_at >= 0:
                    out.append(MARK_CLOSE)
                out.append(gap)
                out.append(MARK_OPEN)
                open_at = start
            out.append(found.group())
        else:
            if open_at >= 0:
                out.append(MARK_CLOSE)
                open_at = -1
            out.append(gap)
            out.append(found.group())
        cursor = end
    if open_at >= 0:
        out.append(MARK_CLOSE)
    out.append(text[cursor:])
    return "".join(out)
