"""Role (title) normalisation for display.

Articles write the same title many ways ("Defence Secretary", "Secretary of Defense",
"US Defence Secretary", "Japanese PM"). Readers and the store want one display form per
title so that roles from different outlets group together, so this module turns the words
an article used into a canonical form while keeping what the article actually said:
the country or organisation (as a demonym, "India's" -> "Indian"), "former", and the
full title ("Assistant Secretary of State for South and Central Asian Affairs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .lexicon import COUNTRY_DEMONYMS, DEMONYMS

# abbreviations expanded in titles; keys compared after stripping a trailing period
_ABBREVIATIONS: dict[str, str] = {
    "PM": "Prime Minister", "FM": "Foreign Minister", "EAM": "External Affairs Minister",
    "Sen": "Senator", "Rep": "Representative", "Gov": "Governor", "Lt": "Lieutenant",
    "Gen": "General", "Col": "Colonel", "Maj": "Major", "Capt": "Captain", "Adm": "Admiral",
    "Sgt": "Sergeant", "Cmdr": "Commander", "Brig": "Brigadier", "Prof": "Professor",
    "Rev": "Reverend", "Pres": "President", "Supt": "Superintendent", "Insp": "Inspector",
    "Amb": "Ambassador", "Cpl": "Corporal", "Lt-Gen": "Lieutenant General",
    "Maj-Gen": "Major General", "Defence": "Defense",
}
# US departments whose secretaries are styled "Secretary of X"
_US_DEPARTMENTS: dict[str, str] = {
    "Treasury": "the Treasury", "Energy": "Energy", "Commerce": "Commerce",
    "Agriculture": "Agriculture", "Transportation": "Transportation", "Labor": "Labor",
    "Interior": "the Interior", "Education": "Education", "Homeland Security":
    "Homeland Security", "Veterans Affairs": "Veterans Affairs", "Navy": "the Navy",
    "Army": "the Army", "Air Force": "the Air Force", "Health and Human Services":
    "Health and Human Services", "Housing and Urban Development": "Housing and Urban Development",
}
_LOWER_KEEP = frozenset(["of", "for", "and", "the", "to", "on", "in", "at", "de"])
_TEMPORAL = frozenset(("former", "ex-", "late", "acting", "interim", "outgoing", "incoming",
                       "then"))
_SPACES = re.compile(r"\s+")


def strip_possessive(token: str) -> str:
    """"India's" -> "India", "Hamas'" -> "Hamas"; other tokens unchanged."""
    if token.endswith(("'s", "’s")):
        return token[:-2]
    if token.endswith(("'", "’")):
        return token[:-1]
    return token


def _country_prefix(words: list[str]) -> tuple[str | None, list[str]]:
    """Split a leading country or demonym ("India's", "United States", "Japanese")."""
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        head = " ".join([*words[:size - 1], strip_possessive(words[size - 1])])
        if head in COUNTRY_DEMONYMS:
            return COUNTRY_DEMONYMS[head], words[size:]
        if size == 1 and head in DEMONYMS:
            return DEMONYMS[head], words[1:]
    return None, words


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        key = w[:-1] if w.endswith(".") else w
        out.extend(_ABBREVIATIONS.get(key, key).split())
    return out


def _secretary_of(words: list[str], country: str | None) -> list[str]:
    """"Defense Secretary" -> "Secretary of Defense" (other US departments when the US is named)."""
    if len(words) < 2 or words[-1] != "Secretary":
        return words
    body = words[:-1]
    for size in (4, 3, 2, 1):
        if len(body) < size:
            continue
        dept = " ".join(body[-size:])
        if dept == "Defense":
            target = "Defense"
        elif country == "US" and dept in _US_DEPARTMENTS:
            target = _US_DEPARTMENTS[dept]
        else:
            continue
        return [*body[:-size], "Secretary", "of", *target.split()]
    return words


def normalise_title(words: Sequence[str], *, modifier: str = "") -> str:
    """Display form of a capitalised title given as the article's words.

    ``modifier`` carries a lowercase qualifier found before the title ("former").
    Memoised: the same few hundred titles make up almost every role in the news.
    """
    return _normalise_title(tuple(words), modifier)


@lru_cache(maxsize=8192)
def _normalise_title(words: tuple[str, ...], modifier: str) -> str:
    ws = [w for w in words if w]
    if ws and ws[0].lower() in _TEMPORAL:   # "Former President" -> "former President"
        modifier = modifier or ws[0].lower()
        ws = ws[1:]
    country, rest = _country_prefix(ws)
    rest = _expand(rest)
    rest = _secretary_of(rest, country)
    titled = [w if w in _LOWER_KEEP or not w[:1].islower() else w[:1].upper() + w[1:]
              for w in rest]
    parts = [p for p in (modifier.strip(), country, " ".join(titled)) if p]
    return _SPACES.sub(" ", " ".join(parts)).strip()


def normalise_descriptor(text: str, *, modifier: str = "") -> str:
    """Display form of a lowercase descriptor ("a top Trump surrogate" -> "top Trump surrogate").

    Descriptors keep the article's wording; only a leading article is dropped, a leading
    country is shown as its demonym and "Defence" is spelt "Defense" like titles.
    """
    words = _SPACES.sub(" ", text.strip(" ,;:.")).split(" ")
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    country, rest = _country_prefix(words)
    rest = ["Defense" if w == "Defence" else "defense" if w == "defence" else w for w in rest]
    parts = [p for p in (modifier.strip(), country, " ".join(rest)) if p]
    return " ".join(parts).strip()


def temporal_modifier(word: str) -> str:
    """The qualifier kept before a title ("former"), or "" if the word is not one."""
    w = word.lower()
    return w if w in _TEMPORAL else ""


def role_key(text: str) -> str:
    """Case- and spelling-insensitive key used to de-duplicate one person's roles."""
    return _SPACES.sub(" ", text.lower().replace("defence", "defense")).strip()
