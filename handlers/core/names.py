"""Finding the person a user means from what they typed.

Users type surnames ("Austin"), partial names, typos ("Blinked") and ambiguous names
("Singh"). The index is built once from every known name and alias, pre-normalised, so a
lookup is a dictionary hit first and a bounded fuzzy scan only when that fails.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from .text import normalize_name

FUZZY_CUTOFF = 80.0


@dataclass(frozen=True)
class NameEntry:
    """A known person: id in storage, canonical name, other names, how often they appear."""

    person_id: int
    name: str
    aliases: tuple[str, ...] = ()
    weight: int = 1


class MatchKind(StrEnum):
    EXACT = "exact"
    PARTIAL = "partial"
    FUZZY = "fuzzy"
    NONE = "none"


@dataclass(frozen=True)
class NameMatch:
    kind: MatchKind
    people: tuple[NameEntry, ...] = ()

    @property
    def unique(self) -> NameEntry | None:
        return self.people[0] if len(self.people) == 1 else None


class NameIndex:
    """Exact, token, prefix and fuzzy look-ups over normalised names."""

    def __init__(self, entries: Iterable[NameEntry]) -> None:
        self._entries: dict[int, NameEntry] = {}
        self._by_full: dict[str, set[int]] = defaultdict(set)
        self._by_token: dict[str, set[int]] = defaultdict(set)
        for entry in entries:
            self._add(entry)
        self._tokens = sorted(self._by_token)
        self._fulls = sorted(self._by_full)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> tuple[NameEntry, ...]:
        return tuple(self._entries.values())

    def get(self, person_id: int) -> NameEntry | None:
        return self._entries.get(person_id)

    def _add(self, entry: NameEntry) -> None:
        self._entries[entry.person_id] = entry
        for form in (entry.name, *entry.aliases):
            key = normalize_name(form)
            if not key:
                continue
            self._by_full[key].add(entry.person_id)
            for token in key.split():
                if len(token) > 1:
                    self._by_token[token].add(entry.person_id)

    def _people(self, ids: Iterable[int], surname: str = "") -> tuple[NameEntry, ...]:
        """Most-mentioned first; people whose surname is what was typed come before that."""
        found = (self._entries[i] for i in set(ids))
        return tuple(sorted(found, key=lambda e: (normalize_name(e.name).split()[-1:] != [surname],
                                                   -e.weight, e.name)))

    def resolve(self, query: str) -> NameMatch:
        key = normalize_name(query)
        if not key:
            return NameMatch(MatchKind.NONE)
        tokens = [t for t in key.split() if len(t) > 1] or key.split()
        if key in self._by_full and len(tokens) > 1:
            return NameMatch(MatchKind.EXACT, self._people(self._by_full[key]))
        ids = self._ids_with_all(tokens)
        if ids:
            return NameMatch(MatchKind.PARTIAL, self._people(ids, tokens[-1]))
        corrected = [self._closest_token(t) for t in tokens]
        if all(corrected):
            ids = self._ids_with_all([c for c in corrected if c])
            if ids:
                return NameMatch(MatchKind.FUZZY, self._people(ids, corrected[-1] or ""))
        return NameMatch(MatchKind.NONE)

    def _ids_with_all(self, tokens: list[str]) -> set[int]:
        sets = [self._by_token.get(t, set()) for t in tokens]
        return set.intersection(*sets) if sets else set()

    def _closest_token(self, token: str) -> str | None:
        best = process.extractOne(token, self._tokens, scorer=fuzz.ratio,
                                  processor=None, score_cutoff=FUZZY_CUTOFF)
        return best[0] if best else None

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Close names for a "did you mean" line; never raises, may be empty."""
        key = normalize_name(query)
        if not key:
            return ()
        hits = process.extract(key, self._fulls, scorer=fuzz.WRatio, processor=None,
                               limit=limit * 3, score_cutoff=50)
        ids = [i for name, _, _ in hits for i in self._by_full[name]]
        return tuple(dict.fromkeys(self._entries[i].name for i in ids))[:limit]

    def complete(self, prefix: str, limit: int = 25) -> tuple[str, ...]:
        """Names for autocomplete: prefix matches on any name token, then fuzzy."""
        key = normalize_name(prefix)
        if not key:
            ranked = sorted(self._entries.values(), key=lambda e: (-e.weight, e.name))
            return tuple(e.name for e in ranked[:limit])
        ids: set[int] = set()
        for keys in (self._fulls, self._tokens):
            start = bisect.bisect_left(keys, key)
            for candidate in keys[start:start + limit * 4]:
                if not candidate.startswith(key):
                    break
                ids |= self._by_full.get(candidate, set()) | self._by_token.get(candidate, set())
        if len(ids) < limit:
            ids |= {p.person_id for p in self.resolve(prefix).people}
        return tuple(e.name for e in self._people(ids))[:limit]
