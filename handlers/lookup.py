"""Resolving the name a user typed to one person, shared by ``who`` and ``quotes``."""

from __future__ import annotations

from dataclasses import dataclass

from .answer import Answer, Line, Status
from .cite import cite_each, usage
from .core.names import MatchKind, NameEntry
from .ports import Store

MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Resolved:
    person: NameEntry
    note: str | None


async def resolve_person(store: Store, command: str, query: str,
                         usage_text: str) -> Resolved | Answer:
    """The person meant by ``query``, or the usage/not-found/ambiguous answer instead."""
    if not query:
        return usage(command, query, usage_text)
    index = await store.name_index()
    match = index.resolve(query)
    if match.kind is MatchKind.NONE:
        count = await store.article_count()
        suggestions = index.suggest(query)
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        return Answer(command, query, Status.NOT_FOUND,
                      f"No one called {query!r} in {count} articles.{hint}",
                      suggestions=suggestions)
    if match.unique is None:
        return await _ambiguous(store, command, query, match.people[:MAX_CANDIDATES])
    person = match.unique
    note = None
    if match.kind is MatchKind.FUZZY:
        note = f"Showing results for {person.name} (no exact match for {query!r})."
    return Resolved(person, note)


async def _ambiguous(store: Store, command: str, query: str,
                     people: tuple[NameEntry, ...]) -> Answer:
    lines = []
    for person in people:
        profile = await store.person_profile(person.person_id, appearances=2, companions=0)
        if profile is None:
            continue
        statements = profile.roles[0].statements if profile.roles else profile.appearances
        label = f"{person.name}, {profile.roles[0].text}" if profile.roles else person.name
        lines.append(Line(label, cite_each(((s.article, s.snippet) for s in statements),
                                           limit=2)))
    names = tuple(p.name for p in people)
    return Answer(command, query, Status.AMBIGUOUS,
                  f"{query!r} could be {len(names)} people: which one?", tuple(lines),
                  suggestions=names)
