"""Identity of a person across articles.

Outlets write the same person differently ("S Jaishankar", "S. Jaishankar",
"Subrahmanyam Jaishankar"); two people can share a surname token ("Rajnath Singh",
"Hardeep Singh Nijjar"). The key is the surname plus the first given name, which merges
the first group and keeps the second apart. Given names are compared loosely: an initial
matches any name starting with it, so "S Jaishankar" is "Subrahmanyam Jaishankar" while
"Joe Biden" is not "Jill Biden". A bare surname is resolved against the people already
known (see the store), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .people import name_tokens
from .text import normalize_name


@dataclass(frozen=True)
class PersonKey:
    surname: str
    given: str

    @property
    def bare(self) -> bool:
        """Only a surname is known, so the person cannot be told apart from namesakes."""
        return not self.given

    def compatible(self, other: PersonKey) -> bool:
        """Could both name one person? Same surname, and given names equal or initial-wise."""
        if self.surname != other.surname or self.bare or other.bare:
            return self.surname == other.surname and self.bare == other.bare
        short, long = sorted((self.given, other.given), key=len)
        return short == long or (len(short) == 1 and long.startswith(short))

    def __str__(self) -> str:
        return f"{self.surname}|{self.given}"


def person_key(name: str) -> PersonKey:
    """Honorifics, titles and suffixes ("Mr", "Jr.") are not part of who someone is."""
    tokens = normalize_name(" ".join(name_tokens(name))).split()
    if not tokens:
        return PersonKey("", "")
    return PersonKey(tokens[-1], tokens[0] if len(tokens) > 1 else "")


def parse_key(stored: str) -> PersonKey:
    surname, _, given = stored.partition("|")
    return PersonKey(surname, given)


def fuller(a: str, b: str) -> str:
    """The more complete of two forms of a name: more words, then longer words."""
    return max(a, b, key=lambda n: (len(n.split()), len(n.replace(".", ""))))
