"""The transport-neutral answer every handler returns.

Renderers (terminal text, JSON, Discord embeds, digest posts) only ever see this type, so
a handler is written once and served everywhere. Not-found and ambiguous are statuses with
suggestions rather than exceptions: they are ordinary outcomes a user must be shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    OK = "ok"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    USAGE = "usage"


@dataclass(frozen=True)
class Citation:
    """Where a line comes from: enough to find the article and the exact words."""

    article_id: str
    title: str
    outlet: str | None
    date: str | None
    path: str | None
    snippet: str
    url: str | None = None

    @property
    def label(self) -> str:
        """A short human reference: outlet (or title) and date."""
        source = self.outlet or self.title
        return f"{source}, {self.date}" if self.date else source


@dataclass(frozen=True)
class Line:
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Answer:
    command: str
    query: str
    status: Status
    title: str
    lines: tuple[Line, ...] = ()
    suggestions: tuple[str, ...] = field(default=())
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (``--json``); keys are a public contract."""
        data = asdict(self)
        data["status"] = self.status.value
        return data
