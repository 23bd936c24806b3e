"""Identity of a person across articles.

Outlets write the same person differently ("S Jaishankar", "S. Jaishankar",
"Subrahmanyam Jaishankar"); two people can share a surname token ("Rajnath Singh",
"Hardeep Singh Nijjar"). The key is the surname plus the first given initial, which merges
the first group and keeps the second apart. A bare surname has no initial and is resolved
against the people already known (see the store), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import normalize_name

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class PersonKey:
    surname: str
    initial: str

    @property
    def bare(self) -> bool:
        """Only a surname is known, so the person cannot be told apart from namesakes."""
        return not self.initial

    def __str__(self) -> str:
        return f"{self.surname}|{self.initial}"


def person_key(name: str) -> PersonKey:
    tokens = [t for t in normalize_name(name).split() if t not in _SUFFIXES]
    if not tokens:
        return PersonKey("", "")
    return PersonKey(tokens[-1], tokens[0][0] if len(tokens) > 1 else "")


def fuller(a: str, b: str) -> str:
    """The more complete of two forms of a name: more words, then longer words."""
    return max(a, b, key=lambda n: (len(n.split()), len(n.replace(".", ""))))
