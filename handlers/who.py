"""``who NAME``: who a person is, where they appear and who they appear with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .answer import Answer, Citation, Line, Status
from .cite import cite_each
from .core.text import fold
from .lookup import Resolved, resolve_person
from .ports import PersonProfile, RoleSeen, Statement, Store

NAME = "who"
USAGE = "who NAME (a full name, a surname, or a close spelling)"
DESCRIPTION = "Who a person is: roles as the articles give them, where they appear, with whom."
MAX_APPEARANCES = 5
MAX_COMPANIONS = 6


def group_roles(roles: Sequence[RoleSeen]) -> list[RoleSeen]:
    """Merge spellings of one title; a shorter title inside a longer one joins it.

    "Secretary of Defense" and "US Secretary of Defense" are one role stated twice,
    so the longer form is shown once, counted and cited for both. Most-stated first.
    """
    groups: dict[str, list[RoleSeen]] = defaultdict(list)
    for role in roles:
        groups[fold(role.text)].append(role)
    for key in sorted(groups, key=len):
        wider = next((k for k in groups if k != key and f" {key} " in f" {k} "), None)
        if wider:
            groups[wider].extend(groups.pop(key))
    merged = [RoleSeen(group[0].text, sum(r.articles for r in group),
                       tuple(sorted((s for r in group for s in r.statements),
                                    key=lambda s: s.article.date or "", reverse=True)))
              for group in groups.values()]
    return sorted(merged, key=lambda r: (-r.articles, -len(r.text)))


def _role_lines(name: str, profile: PersonProfile) -> list[Line]:
    roles = group_roles(profile.roles)
    if not roles:
        first = profile.appearances[:1]
        return [Line(name, cite_each((s.article, s.snippet) for s in first))]
    main, *others = roles
    lines = [Line(f"{name}, {main.text}", _cited(main.statements))]
    lines += [Line(f"Also: {role.text}", _cited(role.statements)) for role in others]
    return lines


def _cited(statements: Sequence[Statement]) -> tuple[Citation, ...]:
    return cite_each((s.article, s.snippet) for s in statements)


def _appearance_lines(profile: PersonProfile) -> list[Line]:
    shown = profile.appearances[:MAX_APPEARANCES]
    count = profile.article_count
    lines = [Line(f"Appears in {count} article{'s' if count != 1 else ''}:",
                  cite_each(((s.article, s.snippet) for s in shown), limit=MAX_APPEARANCES))]
    lines += [Line(f"• {s.article.title}", cite_each([(s.article, s.snippet)])) for s in shown]
    return lines


def _companion_line(profile: PersonProfile) -> list[Line]:
    companions = profile.companions[:MAX_COMPANIONS]
    if not companions:
        return []
    names = ", ".join(f"{c.name} ({c.articles})" for c in companions)
    shared = [(s.article, s.snippet) for c in companions for s in c.mentions]
    label = "Appears with"
    if profile.companions_from < profile.article_count:  # counted in a recent sample
        label += f" (in the latest {profile.companions_from} articles)"
    return [Line(f"{label}: {names}", cite_each(shared, limit=3))]


async def handle(store: Store, query: str) -> Answer:
    query = query.strip()
    resolved = await resolve_person(store, NAME, query, USAGE)
    if isinstance(resolved, Answer):
        return resolved
    return await describe(store, query, resolved)


async def describe(store: Store, query: str, resolved: Resolved) -> Answer:
    profile = await store.person_profile(resolved.person.person_id,
                                         appearances=MAX_APPEARANCES,
                                         companions=MAX_COMPANIONS)
    if profile is None:
        return Answer(NAME, query, Status.NOT_FOUND, f"No one called {query!r}.")
    lines = _role_lines(profile.name, profile) + _appearance_lines(profile)
    lines += _companion_line(profile)
    return Answer(NAME, query, Status.OK, profile.name, tuple(lines),
                  suggestions=(), note=resolved.note)
