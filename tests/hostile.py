"""Hostile query text shared by the property tests of commands that reach full-text search."""

from __future__ import annotations

from hypothesis import strategies as st

FTS_TRAPS = ('"', "NEAR(a b)", "*", "^", "col:x", "(", ")", "AND", "OR NOT", "x" * 10_000,
             "🙂🙂", "שלום עולם", "'; DROP TABLE articles; --", "\x00", "\u202e")


def hostile_text(max_size: int, *extra: str) -> st.SearchStrategy[str]:
    """Any text up to ``max_size``, or FTS5 syntax, injection and odd Unicode, or ``extra``."""
    return st.one_of(st.text(max_size=max_size), st.sampled_from([*FTS_TRAPS, *extra]))
