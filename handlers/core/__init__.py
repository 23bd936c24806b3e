"""The pure core: text in, frozen dataclasses out. No I/O, no Discord, no SQLite."""
