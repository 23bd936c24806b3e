"""The command registry and the one entry point every adapter calls: ``ask``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from . import help as help_command
from . import quotes, search, summary, who
from .answer import Answer
from .ports import Store

Handler = Callable[[Store, str], Awaitable[Answer]]


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    description: str
    handle: Handler


COMMANDS: dict[str, Command] = {
    module.NAME: Command(module.NAME, module.USAGE, module.DESCRIPTION, module.handle)
    for module in (who, quotes, summary, search)
}


async def _help(store: Store, query: str) -> Answer:
    return help_command.handle_with(COMMANDS, query)


COMMANDS[help_command.NAME] = Command(help_command.NAME, help_command.USAGE,
                                      help_command.DESCRIPTION, _help)


def split_request(text: str) -> tuple[str, str]:
    """``"!who Austin"`` → ``("who", "Austin")``; a leading ``!`` or ``/`` is optional."""
    head, _, rest = text.strip().lstrip("!/").partition(" ")
    return head.lower(), rest.strip()


async def ask(store: Store, text: str) -> Answer:
    """Answer a request written as a user would type it in Discord."""
    name, query = split_request(text)
    command = COMMANDS.get(name)
    if command is None:
        return help_command.handle_with(COMMANDS, name)
    return await command.handle(store, query)
