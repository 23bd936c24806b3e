"""Opening the database a command should use, loading the seeds on first use.

Shared by the CLI and the Discord bot so a newcomer's first question works on either
without an ingest step, while a database named explicitly holds only what was put in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .ingest import IngestReport, Progress


async def open_store(settings: Settings, db: str | None = None, *,
                     on_seed: Callable[[Path], None] | None = None,
                     progress: Progress | None = None) -> Store:
    """The named database as is, or the default one with the seeds loaded if empty."""
    store = await Store.open(db or settings.database_path)
    if db is None and await store.article_count() == 0:
        if on_seed:
            on_seed(settings.seeds_path)
        await load_seeds(store, settings, progress=progress)
    return store


async def load_seeds(store: Store, settings: Settings, *,
                     progress: Progress | None = None) -> IngestReport:
    """Analysis is imported here, so answering from a loaded database never loads it."""
    from .ingest import ingest_paths
    return await ingest_paths(store, [settings.seeds_path], progress=progress)
