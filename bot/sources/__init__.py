"""Live sources: folders, RSS/Atom feeds and web pages, refreshed into the store.

Each source kind turns what it reads into :class:`bot.ingest.Document`\\ s (or
:class:`bot.ingest.Skipped` with a reason); :mod:`.refresh` stores them and records, per
source, when it last succeeded, what last went wrong and how many articles it added.
Network access goes through :mod:`.fetch` only, with its limits. feedparser and
trafilatura load only when a feed or a page is read, so the CLI's answers stay fast.
"""
