"""``quotes NAME``: what a person said, each quote with its source."""

from __future__ import annotations

from .answer import Answer, Line, Status
from .cite import cite
from .lookup import resolve_person
from .ports import QuoteRecord, Store

NAME = "quotes"
USAGE = "quotes NAME"
DESCRIPTION = "What a person said: direct and partial quotes and reported speech, cited."
MAX_QUOTES = 25


def quote_line(quote: QuoteRecord) -> Line:
    """Direct and partial quotes keep their marks; reported speech reads as a clause."""
    if quote.kind == "reported":
        text = f"({quote.cue}) {quote.text}"
    elif quote.kind == "partial":
        text = f"…“{quote.text}”…"
    else:
        text = f"“{quote.text}”"
    return Line(text, (cite(quote.article, quote.sentence),))


async def handle(store: Store, query: str) -> Answer:
    query = query.strip()
    resolved = await resolve_person(store, NAME, query, USAGE)
    if isinstance(resolved, Answer):
        return resolved
    person = resolved.person
    quotes = await store.quotes_by(person.person_id, MAX_QUOTES)
    if not quotes:
        return Answer(NAME, query, Status.NOT_FOUND,
                      f"{person.name} appears in the articles but is not quoted.",
                      note=resolved.note)
    title = f"What {person.name} said"
    return Answer(NAME, query, Status.OK, title, tuple(quote_line(q) for q in quotes),
                  note=resolved.note)
