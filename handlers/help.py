"""``help [COMMAND]``: what briefbot can answer, and how to ask."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .answer import Answer, Line, Status

NAME = "help"
USAGE = "help [COMMAND]"
DESCRIPTION = "List the commands, or explain one."


class Described(Protocol):
    name: str
    usage: str
    description: str


def handle_with(commands: Mapping[str, Described], query: str) -> Answer:
    wanted = query.strip().lstrip("!/").lower()
    if wanted in commands:
        command = commands[wanted]
        return Answer(NAME, query, Status.OK, command.usage, (Line(command.description),))
    lines = tuple(Line(f"{c.usage}: {c.description}") for c in commands.values())
    title = "Commands" if not wanted else f"No command {wanted!r}. Commands:"
    status = Status.OK if not wanted else Status.NOT_FOUND
    return Answer(NAME, query, status, title, lines, suggestions=tuple(commands))
