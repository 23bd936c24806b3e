"""``who NAME``: who a person is, where they appear and who they appear with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .answer import Answer, Line, Status
from .cite import cite_each
from .core.text import fold
from .lookup import Resolved, resolve_person
from .ports import PersonProfile, Statement, Store

NAME = "who"
USAGE = "who NAME (a full name, a surname, or a close spelling)"
DESCRIPTION = "Who a person is: roles as the articles give them, where they appear, with whom."
MAX_APPEARANCES = 5
MAX_COMPANIONS = 6


def group_roles(roles: Sequence[Statement]) -> list[tuple[str, list[Statement]]]:
    """Merge spellings of one title; a shorter title inside a longer one joins it.

    "Secretary of Defense" and "US Secretary of Defense" are one role stated twice,
    so the longer form is shown once with both articles cited. Most-cited first.
    """
    groups: dict[str, list[Statement]] = defaultdict(list)
    display: dict[str, str] = {}
    for statement in roles:
        key = fold(statement.text)
        groups[key].append(statement)
        display.setdefault(key, statement.text)
    for key in sorted(groups, key=len):
        wider = next((k for k in groups if k != key and f" {key} " in f" {k} "), None)
        if wider:
            groups[wider].extend(groups.pop(key))
    ranked = sorted(groups.items(), key=lambda kv: (-len({s.article.id for s in kv[1]}),
                                                    -len(kv[0])))
    return [(display[key], statements) for key, statements in ranked]


def _role_lines(name: str, profile: PersonProfile) -> list[Line]:
    roles = group_roles(profile.roles)
    if not roles:
        first = profile.appearances[-1:]
        return [Line(name, cite_each((s.article, s.snippet) for s in first))]
    (main, stated), *others = roles
    lines = [Line(f"{name}, {main}", cite_each((s.article, s.snippet) for s in stated))]
    lines += [Line(f"Also: {role}", cite_each((s.article, s.snippet) for s in stated))
              for role, stated in others]
    return lines


def _appearance_lines(profile: PersonProfile) -> list[Line]:
    shown = profile.appearances[:MAX_APPEARANCES]
    count = len({s.article.id for s in profile.appearances})
    lines = [Line(f"Appears in {count} article{'s' if count != 1 else ''}:",
                  cite_each(((s.article, s.snippet) for s in shown), limit=MAX_APPEARANCES))]
    lines += [Line(f"• {s.article.title}", cite_each([(s.article, s.snippet)])) for s in shown]
    return lines


def _companion_line(profile: PersonProfile) -> list[Line]:
    companions = profile.companions[:MAX_COMPANIONS]
    if not companions:
        return []
    names = ", ".join(f"{c.name} ({len(c.mentions)})" for c in companions)
    shared = [(s.article, s.snippet) for c in companions for s in c.mentions]
    return [Line(f"Appears with: {names}", cite_each(shared, limit=3))]


async def handle(store: Store, query: str) -> Answer:
    query = query.strip()
    resolved = await resolve_person(store, NAME, query, USAGE)
    if isinstance(resolved, Answer):
        return resolved
    return await describe(store, query, resolved)


async def describe(store: Store, query: str, resolved: Resolved) -> Answer:
    profile = await store.person_profile(resolved.person.person_id)
    if profile is None:
        return Answer(NAME, query, Status.NOT_FOUND, f"No one called {query!r}.")
    lines = _role_lines(profile.name, profile) + _appearance_lines(profile)
    lines += _companion_line(profile)
    return Answer(NAME, query, Status.OK, profile.name, tuple(lines),
                  suggestions=(), note=resolved.note)
