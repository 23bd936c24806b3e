"""All SQL lives here: an aiosqlite store in WAL mode with numbered migrations.

Every write of an article is one transaction, so a crash never leaves half an article,
and every query is parameterised. Reads used on every answer (the name index, the search
vocabulary) are cached per write generation, so answers do no work that grows with the
corpus beyond what the indexes give.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sqlite3
import time
from array import array
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from handlers.core.dedupe import NEAR_DUPLICATE, similarity
from handlers.core.identity import PersonKey, fuller, parse_key, person_key
from handlers.core.models import Extraction, ParsedArticle
from handlers.core.names import NameEntry, NameIndex
from handlers.core.text import index_text
from handlers.ports import (
    ArticleRef,
    Companion,
    PersonProfile,
    QuoteRecord,
    RoleSeen,
    SentenceHit,
    Statement,
)

from .schema import MIGRATIONS, SCHEMA_VERSION

_ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.date, a.path, a.url"
_TOKEN = re.compile(r"[^\W_]+")  # a token as FTS5's unicode61 tokenizer cuts them
BUSY_TIMEOUT_MS = 30_000
_MAX_PARAMS = 500  # values bound in one IN (...) list
VOCABULARY_KEPT = 600.0  # seconds an index vocabulary is reused after a commit
SPELLED_AT_ONCE = 100  # terms looked up per query (SQLite joins up to 500 SELECTs)
BAND_MEMBERS = 16  # articles listed per near-duplicate band (see _duplicate_of)
ROLE_SAMPLE = 128  # a person's newest role statements read for ``who``
MAX_ROLES = 8  # distinct roles given per person
COMPANION_SAMPLE = 64  # a person's newest articles searched for the people beside them
# Page cache per connection: holds the index pages a query mix touches at 100k articles
# (cold reads from the OS cache doubled who/quotes p99) and those a batch write revisits.
CACHE_KIB = 64 * 1024
# SQLite's default checkpoint threshold, in WAL pages, kept for every write but batches of
# articles: those are checkpointed by another connection while the next batch is prepared.
WAL_AUTOCHECKPOINT = 1000
# Articles committed to the WAL before a batch waits for their checkpoint: the WAL restarts
# from its beginning only when a write starts after a complete checkpoint, so back-to-back
# batches would otherwise grow it without end (~160 KiB an article at 100k articles).
WAL_ARTICLES = 2048
# SQLite failures that mean the file cannot take this write (full disk, read-only, …).
_WRITE_PROBLEMS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_BUSY",
                   "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_CORRUPT", "SQLITE_NOTADB",
                   "SQLITE_PERM")
# Per write transaction: surname -> [person id, key, name] of every stored namesake.
_People = dict[str, list[list[Any]]]


@dataclass(frozen=True)
class _Known:
    """An article a new one may copy: a stored one, or one earlier in the same batch."""

    id: str
    duplicate_of: str | None
    fingerprint: tuple[int, ...]
    order: tuple[Any, ...]  # stored ones first, by arrival; then the batch's, in order


@dataclass
class _Batch:
    """One write transaction's state: what it has read and the rows not written yet.

    Person rows hold the person id first, so merging a bare surname into a full name
    (``Store._adopt_bare_namesake``) can move rows that are not in the database yet.
    """

    people: _People = field(default_factory=dict)
    keys: dict[str, PersonKey] = field(default_factory=dict)
    by_hash: dict[str, list[_Known]] = field(default_factory=dict)
    by_band: dict[str, list[_Known]] = field(default_factory=dict)
    articles: list[tuple[Any, ...]] = field(default_factory=list)
    bands: list[tuple[str, str]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    appearances: list[list[Any]] = field(default_factory=list)
    roles: list[list[Any]] = field(default_factory=list)
    quotes: list[list[Any]] = field(default_factory=list)
    names: list[list[Any]] = field(default_factory=list)

    def key(self, name: str) -> PersonKey:
        """``person_key`` of a name, computed once per batch (names recur a lot)."""
        key = self.keys.get(name)
        if key is None:
            key = self.keys[name] = person_key(name)
        return key

    def move(self, old: int, new: int, *more: Iterable[list[Any]]) -> None:
        for rows in (self.appearances, self.roles, self.quotes, self.names, *more):
            for row in rows:
                if row[0] == old:
                    row[0] = new


class StoreError(Exception):
    """A database problem explained for the user (unreadable file, newer schema, …)."""


@dataclass(frozen=True)
class ArticleRecord:
    """An analysed article ready to be written: identity, metadata and extraction."""

    id: str
    source_key: str
    path: str | None
    url: str | None
    content_hash: str
    parsed: ParsedArticle
    extraction: Extraction
    fingerprint: tuple[int, ...]
    bands: tuple[str, ...]


@dataclass(frozen=True)
class SaveOutcome:
    replaced: bool
    duplicate_of: str | None


def _ref(row: Sequence[Any], offset: int = 0) -> ArticleRef:
    return ArticleRef(*row[offset:offset + 6])


def _snippet(article_id: str, offset: str) -> str:
    """SQL for the sentence of an article that holds a character offset: the snippet that
    cites a role, an appearance or a companion."""
    return (f"(SELECT s.text FROM sentences s WHERE s.article_id = {article_id} "
            f"AND s.start <= {offset} ORDER BY s.start DESC LIMIT 1)")


class Store:
    """The briefbot database. Open with ``await Store.open(path)``; close when done."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._generation = 0  # bumped by each write on this connection
        self._cache: dict[str, tuple[tuple[int, int], float, Any]] = {}
        self._spellings: dict[str, str] = {}  # see spelled
        self._checkpointer: sqlite3.Connection | None = None  # see _checkpoint_soon
        self._checkpointing: asyncio.Task[None] | None = None
        self._wal_behind = False
        self._wal_articles = 0  # committed since the WAL last restarted, as far as known

    # -- lifecycle -----------------------------------------------------------------

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        target = str(path)
        if target != ":memory:":
            Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
            target = str(Path(target).expanduser())
        try:
            conn = await aiosqlite.connect(target, isolation_level=None)
        except Exception as exc:  # sqlite3 reports unopenable paths only as OperationalError
            raise StoreError(f"cannot open database {target}: {exc}") from exc
        store = cls(conn, target)
        try:
            await store._configure()
            await store._migrate()
        except BaseException as exc:
            await conn.close()
            if isinstance(exc, aiosqlite.DatabaseError):
                raise StoreError(f"cannot use database {target}: {exc}") from exc
            raise
        return store

    async def close(self) -> None:
        try:
            if self._checkpointing is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await self._checkpointing
        finally:
            if self._checkpointer is not None:
                self._checkpointer.close()
            await self._conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _configure(self) -> None:
        # temp_store: a batch writes each row in its own statement, and on a table with
        # triggers (articles, sentences, appearances) each such statement keeps a statement
        # journal of every page it changes; past 64 KiB that journal spills to a temporary
        # file, and at 100k articles that was ~480 KiB of file writes per article saved,
        # more than the database and its WAL together. In memory it costs a copy.
        for pragma in (f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", "PRAGMA foreign_keys = ON",
                       "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                       f"PRAGMA cache_size = -{CACHE_KIB}", "PRAGMA temp_store = MEMORY"):
            await self._conn.execute(pragma)

    async def _migrate(self) -> None:
        (version,), = await self._conn.execute_fetchall("PRAGMA user_version")
        if version > SCHEMA_VERSION:
            raise StoreError(f"database {self.path} has schema {version}; this briefbot "
                             f"knows up to {SCHEMA_VERSION}: upgrade briefbot")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            await self._conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]}; PRAGMA user_version = {number}; "
                "COMMIT;")

    async def schema_version(self) -> int:
        (version,), = await self._conn.execute_fetchall("PRAGMA user_version")
        return int(version)

    async def journal_mode(self) -> str:
        (mode,), = await self._conn.execute_fetchall("PRAGMA journal_mode")
        return str(mode)

    # -- writing -------------------------------------------------------------------

    async def content_hash(self, source_key: str) -> str | None:
        return (await self.content_hashes([source_key])).get(source_key)

    async def _rows_in(self, sql: str, values: Sequence[Any]) -> list[Any]:
        """``sql`` with ``{marks}`` standing for an ``IN (...)`` list of ``values``, run in
        as few statements as SQLite can bind: batch reads cost round trips, not rows."""
        rows: list[Any] = []
        for start in range(0, len(values), _MAX_PARAMS):
            chunk = list(values[start:start + _MAX_PARAMS])
            rows += await self._conn.execute_fetchall(
                sql.format(marks=",".join("?" * len(chunk))), chunk)
        return rows

    async def content_hashes(self, source_keys: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each source key already known, in few round trips."""
        return dict(await self._rows_in(
            "SELECT source_key, content_hash FROM articles WHERE source_key IN ({marks})",
            source_keys))

    async def save_article(self, record: ArticleRecord) -> SaveOutcome:
        """Write (or replace) one article atomically."""
        return (await self.save_articles([record]))[0]

    async def save_articles(self, records: Sequence[ArticleRecord]) -> list[SaveOutcome]:
        """Write (or replace) several articles in one transaction: all of them or none.

        A crash therefore loses whole articles, never part of one. Bulk ingest is fast
        because of it: one commit per batch, and a batch's reads (known texts, duplicate
        candidates, people) and writes each done in a few statements for all its articles
        rather than several per article. A full disk or a read-only file becomes a
        :class:`StoreError` once the batch is rolled back.
        """
        if not records:
            return []
        conn = self._conn
        background = self.path != ":memory:"
        if background:
            await self._bound_wal()
        try:
            if background:  # the commit does not checkpoint: see _checkpoint_soon
                await conn.execute("PRAGMA wal_autocheckpoint = 0")
            await conn.execute("BEGIN IMMEDIATE")
            try:
                outcomes = await self._save_batch(records)
                await conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(aiosqlite.Error):
                        await conn.execute("ROLLBACK")
                raise
        except aiosqlite.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(_WRITE_PROBLEMS):
                raise StoreError(f"cannot write to database {self.path}: {exc} (nothing "
                                 "from this batch was saved)") from exc
            raise
        finally:
            if background:
                with contextlib.suppress(aiosqlite.Error):
                    await conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")
        self._generation += 1
        if background:
            self._wal_articles += len(records)
            self._checkpoint_soon()
        return outcomes

    async def _bound_wal(self) -> None:
        """Before a batch: wait for the running checkpoint once the WAL holds
        ``WAL_ARTICLES`` articles, so this batch's write starts the WAL over."""
        running = self._checkpointing is not None and not self._checkpointing.done()
        if running and self._wal_articles >= WAL_ARTICLES:
            with contextlib.suppress(asyncio.CancelledError):
                await self._checkpointing
            running = False
        if not running:
            self._wal_articles = 0

    def _checkpoint_soon(self) -> None:
        """Copy the committed batch from the WAL into the database file in the background.

        A batch of articles changes ~40 pages per article, mostly index leaves scattered
        through a large file; the checkpoint that copies them into the database and syncs
        it took a third of the writer's time when the commit ran it. A PASSIVE checkpoint
        on a second connection, in a worker thread, does the same while the writer reads
        and prepares the next batch (WAL mode lets a checkpoint run beside a writer). A
        batch committed while one runs is copied by the next round; ``_bound_wal`` keeps
        the WAL from growing. The database file only ever holds committed data.
        """
        self._wal_behind = True
        if self._checkpointing is None or self._checkpointing.done():
            self._checkpointing = asyncio.get_running_loop().create_task(self._checkpoints())

    async def _checkpoints(self) -> None:
        while self._wal_behind:
            self._wal_behind = False
            await asyncio.to_thread(self._checkpoint)

    def _checkpoint(self) -> None:
        # A failed checkpoint loses nothing (the WAL still holds the batch); the next
        # one, or closing the store, copies it.
        with contextlib.suppress(sqlite3.Error):
            if self._checkpointer is None:
                self._checkpointer = sqlite3.connect(self.path, isolation_level=None,
                                                     check_same_thread=False)
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    async def _save_batch(self, records: Sequence[ArticleRecord]) -> list[SaveOutcome]:
        """Articles in runs of new ones; one replacing a stored article is a run alone,
        written after the rows before it so its old version can be deleted whole."""
        stored = set(await self.content_hashes([r.source_key for r in records]))
        batch = _Batch()
        await self._load_surnames({batch.key(p.name).surname for r in records
                                   for p in r.extraction.people}, batch.people)
        outcomes: list[SaveOutcome] = []
        run: list[ArticleRecord] = []
        for record in records:
            if record.source_key in stored:
                outcomes += await self._save_run(run, batch)
                run = []
                await self._flush(batch)
                cursor = await self._conn.execute("DELETE FROM articles WHERE source_key = ?",
                                                  (record.source_key,))
                (alone,) = await self._save_run([record], batch)
                outcomes.append(SaveOutcome(cursor.rowcount > 0, alone.duplicate_of))
                await self._flush(batch)
            else:
                run.append(record)
            stored.add(record.source_key)
        outcomes += await self._save_run(run, batch)
        await self._flush(batch)
        return outcomes

    async def _save_run(self, records: list[ArticleRecord], batch: _Batch) -> list[SaveOutcome]:
        if not records:
            return []
        await self._load_candidates(records, batch)
        outcomes = []
        for record in records:
            duplicate_of, bands = self._duplicate_of(record, batch)
            self._insert_article(record, duplicate_of, bands, batch)
            await self._insert_people(record, batch)
            outcomes.append(SaveOutcome(False, duplicate_of))
        return outcomes

    async def _flush(self, batch: _Batch) -> None:
        """Write the rows gathered so far, parents first."""
        conn = self._conn
        await conn.executemany(
            "INSERT INTO articles (id, source_key, path, url, title, outlet, date, words, "
            "content_hash, fingerprint, duplicate_of, body, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.articles)
        await conn.executemany(
            "INSERT INTO article_bands (band, article_id) VALUES (?, ?)", batch.bands)
        await conn.executemany(
            "INSERT INTO sentences (article_id, position, paragraph, start, end, text, "
            "search_text) VALUES (?, ?, ?, ?, ?, ?, ?)", batch.sentences)
        await conn.executemany(
            "INSERT INTO appearances (person_id, article_id, name, aliases, mentions, "
            "first_offset, date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "mentions = mentions + excluded.mentions", batch.appearances)
        await conn.executemany(
            "INSERT OR IGNORE INTO roles (person_id, article_id, role, start, date) "
            "VALUES (?, ?, ?, ?, ?)", batch.roles)
        await conn.executemany(
            "INSERT INTO quotes (person_id, article_id, speaker, kind, text, cue, start, end, "
            "sentence, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.quotes)
        await conn.executemany(
            "INSERT OR IGNORE INTO person_names (person_id, name) VALUES (?, ?)",
            {tuple(row) for row in batch.names})
        for rows in (batch.articles, batch.bands, batch.sentences, batch.appearances,
                     batch.roles, batch.quotes, batch.names):
            rows.clear()
        batch.by_hash.clear()
        batch.by_band.clear()

    async def _load_candidates(self, records: list[ArticleRecord], batch: _Batch) -> None:
        """The stored articles the run's articles may copy: same text, or a shared band."""
        for digest, *known in await self._rows_in(
                "SELECT content_hash, id, duplicate_of, NULL, ingested_at, rowid "
                "FROM articles WHERE content_hash IN ({marks})",
                list({r.content_hash for r in records})):
            batch.by_hash.setdefault(digest, []).append(
                _Known(known[0], known[1], (), (0, *known[3:])))
        members = await self._rows_in(
            "SELECT band, article_id FROM article_bands WHERE band IN ({marks})",
            list({band for r in records for band in r.bands}))
        known = {article_id: _Known(article_id, duplicate_of, tuple(array("Q", blob)),
                                    (0, *order))
                 for article_id, duplicate_of, blob, *order in await self._rows_in(
                     "SELECT id, duplicate_of, fingerprint, ingested_at, rowid FROM articles "
                     "WHERE id IN ({marks})", list({article_id for _, article_id in members}))}
        for band, article_id in members:
            batch.by_band.setdefault(band, []).append(known[article_id])

    def _duplicate_of(self, record: ArticleRecord,
                      batch: _Batch) -> tuple[str | None, list[str]]:
        """The earliest known article this one copies (same text, or a near duplicate),
        and the bands of this article that still take new members.

        A band lists at most ``BAND_MEMBERS`` articles, the earliest: a band shared by more
        is boilerplate or one story told many times, and reading such a band in full on
        every insert made ingest quadratic. The earliest copies stay findable, so later
        copies still point to a story's first article.
        """
        members = {band: batch.by_band.get(band, ()) for band in record.bands}
        open_bands = [band for band, known in members.items() if len(known) < BAND_MEMBERS]
        same_text = batch.by_hash.get(record.content_hash)
        if same_text:
            first: _Known | None = min(same_text, key=lambda k: k.order)
        else:
            candidates = {k.id: k for known in members.values() for k in known}
            first = next((k for k in sorted(candidates.values(), key=lambda k: k.order)
                          if similarity(k.fingerprint, record.fingerprint) >= NEAR_DUPLICATE),
                         None)
        return (first.duplicate_of or first.id) if first else None, open_bands

    def _insert_article(self, record: ArticleRecord, duplicate_of: str | None,
                        bands: Sequence[str], batch: _Batch) -> None:
        """Queue the article's rows, and make it a candidate for the rest of the run."""
        parsed = record.parsed
        now = datetime.now(UTC).isoformat(timespec="seconds")
        fingerprint = array("Q", record.fingerprint).tobytes()
        batch.articles.append(
            (record.id, record.source_key, record.path, record.url, parsed.title,
             parsed.outlet, parsed.date, parsed.words, record.content_hash, fingerprint,
             duplicate_of, parsed.body, now))
        batch.bands += [(band, record.id) for band in bands]
        batch.sentences += [(record.id, i, s.paragraph, s.start, s.end, s.text,
                             index_text(s.text)) for i, s in enumerate(parsed.sentences)]
        known = _Known(record.id, duplicate_of, record.fingerprint, (1, len(batch.articles)))
        batch.by_hash.setdefault(record.content_hash, []).append(known)
        for band in bands:
            batch.by_band.setdefault(band, []).append(known)

    async def _insert_people(self, record: ArticleRecord, batch: _Batch) -> None:
        date = record.parsed.date
        ids: dict[str, int] = {}
        rows: dict[int, list[Any]] = {}  # one appearance per person, in the order first seen
        for person in record.extraction.people:
            person_id, adopted = await self._person_id(batch.key(person.name), person.name,
                                                       batch.people)
            if adopted is not None:  # rows gathered for the bare surname move over
                ids = {n: person_id if i == adopted else i for n, i in ids.items()}
                if adopted in rows:
                    rows[person_id] = rows.pop(adopted)
                batch.move(adopted, person_id, rows.values())
            ids[person.name] = person_id
            if person_id in rows:  # two forms of one person: the first row, mentions summed
                rows[person_id][4] += person.mentions
            else:
                rows[person_id] = [person_id, record.id, person.name,
                                   json.dumps(list(person.aliases)), person.mentions,
                                   person.first_offset, date]
            batch.roles += [[person_id, record.id, role.text, role.start, date]
                            for role in person.roles]
            batch.names += [[person_id, form] for form in (person.name, *person.aliases)]
        batch.appearances += rows.values()
        batch.quotes += [[ids.get(q.speaker or ""), record.id, q.speaker, q.kind, q.text,
                          q.cue, q.start, q.end, q.sentence, date]
                         for q in record.extraction.quotes]

    async def _load_surnames(self, surnames: set[str], people: _People) -> None:
        """Read the stored people of every surname not yet cached, in few round trips."""
        missing = [s for s in surnames if s not in people]
        people.update((surname, []) for surname in missing)
        for person_id, stored, current, surname in await self._rows_in(
                "SELECT id, key, name, surname FROM persons WHERE surname IN ({marks}) "
                "ORDER BY id", missing):
            people[surname].append([person_id, parse_key(stored), current])

    async def _person_id(self, key: PersonKey, name: str,
                         people: _People) -> tuple[int, int | None]:
        """The corpus-wide person for a name, merging forms that can be one person.

        Also returns the id of a bare-surname person merged into a new full name, if any.
        """
        known = people[key.surname]
        if key.bare:
            full = [k for k in known if not k[1].bare]
            if len(full) == 1:
                return int(full[0][0]), None
        same = [k for k in known if k[1].compatible(key)]
        if len(same) == 1:
            person_id, _, current = same[0]
            if fuller(current, name) != current:
                await self._conn.execute("UPDATE persons SET name = ? WHERE id = ?",
                                         (name, person_id))
                same[0][2] = name
            return int(person_id), None
        exact = [k for k in known if k[1] == key]
        if exact:  # an ambiguous initial ("J Biden") keeps its own entry
            return int(exact[0][0]), None
        (person_id,), = await self._conn.execute_fetchall(
            "INSERT INTO persons (key, surname, name) VALUES (?, ?, ?) RETURNING id",
            (str(key), key.surname, name))
        adopted = await self._adopt_bare_namesake(key, known, person_id)
        known.append([person_id, key, name])
        return int(person_id), adopted

    async def _adopt_bare_namesake(self, key: PersonKey, known: list[list[Any]],
                                   person_id: int) -> int | None:
        """A surname seen alone earlier belongs to the first full name that shares it."""
        bare = [k for k in known if k[1].bare]
        if key.bare or not bare or len(bare) != len(known):
            return None
        for table in ("appearances", "roles", "quotes", "person_names"):
            await self._conn.execute(
                f"UPDATE OR IGNORE {table} SET person_id = ? WHERE person_id = ?",
                (person_id, bare[0][0]))
        await self._conn.execute("DELETE FROM persons WHERE id = ?", (bare[0][0],))
        known.remove(bare[0])
        return int(bare[0][0])

    # -- reading -------------------------------------------------------------------

    async def _cached(self, name: str, build: Callable[[], Awaitable[Any]], *,
                      keep_for: float = 0.0) -> Any:
        """A value read from the whole database, rebuilt only after a commit: by this
        connection (the generation) or by any other, such as an ingest running in
        another process (``PRAGMA data_version``); and, if ``keep_for`` is given, no
        sooner than that many seconds after its last build."""
        (other,), = await self._conn.execute_fetchall("PRAGMA data_version")
        version = (self._generation, int(other))
        hit = self._cache.get(name)
        if hit is None or (hit[0] != version and time.monotonic() - hit[1] >= keep_for):
            hit = self._cache[name] = (version, time.monotonic(), await build())
        return hit[2]

    async def article_count(self) -> int:
        async def count() -> int:
            (found,), = await self._conn.execute_fetchall("SELECT count(*) FROM articles")
            return int(found)
        return int(await self._cached("articles", count))

    async def name_index(self) -> NameIndex:
        """Every person with their name forms and article count, as kept at ingest."""
        async def build() -> NameIndex:
            rows = await self._conn.execute_fetchall(
                "SELECT p.id, p.name, p.articles, group_concat(n.name, char(31)) "
                "FROM persons p JOIN person_names n ON n.person_id = p.id "
                "WHERE p.articles > 0 GROUP BY p.id")
            return NameIndex(NameEntry(person_id, name,
                                       tuple(sorted(set(forms.split("\x1f")) - {name})), count)
                             for person_id, name, count, forms in rows)
        index: NameIndex = await self._cached("names", build)
        return index

    async def person_profile(self, person_id: int, *, appearances: int = 5,
                             companions: int = 8) -> PersonProfile | None:
        """A person's roles, newest ``appearances`` and top ``companions``.

        Each part reads a bounded number of index entries, whatever the corpus size: roles
        come from the newest ``ROLE_SAMPLE`` statements and companions from the newest
        ``COMPANION_SAMPLE`` articles, so a name in every other article costs what a rare
        one does; names and article counts come from the name index, kept at ingest. The
        statements an answer cites are then read with their articles in one query.
        """
        index = await self.name_index()
        person = index.get(person_id)
        if person is None:
            return None
        roles = await self._role_rows(person_id)
        newest = await self._conn.execute_fetchall(
            "SELECT name, article_id, first_offset FROM appearances WHERE person_id = ? "
            "ORDER BY date DESC, article_id LIMIT ?", (person_id, appearances))
        beside = await self._companion_rows(person_id, companions, index)
        cited = iter(await self._statements(
            [row for _, _, seen in roles for row in seen] + newest
            + [row for _, _, first in beside for row in first]))
        return PersonProfile(
            person_id=person_id, name=person.name, aliases=person.aliases,
            roles=tuple(RoleSeen(role, count, tuple(next(cited) for _ in seen))
                        for role, count, seen in roles),
            appearances=tuple(next(cited) for _ in newest),
            article_count=person.weight,
            companions=tuple(Companion(name, count, tuple(next(cited) for _ in first))
                             for name, count, first in beside),
            companions_from=min(person.weight, COMPANION_SAMPLE))

    async def _statements(self, found: Sequence[Sequence[Any]]) -> list[Statement]:
        """(text, article id, character offset) as Statements citing the article and the
        sentence at that offset, in the order given, in one query."""
        if not found:
            return []
        rows = await self._conn.execute_fetchall(
            "WITH wanted(n, article_id, offset) AS (VALUES "
            f"{','.join(['(?, ?, ?)'] * len(found))}) "
            f"SELECT w.n, {_ARTICLE_COLUMNS}, {_snippet('w.article_id', 'max(w.offset, 0)')} "
            "FROM wanted w JOIN articles a ON a.id = w.article_id ORDER BY w.n",
            [value for n, (_, article_id, offset) in enumerate(found)
             for value in (n, article_id, offset)])
        return [Statement(found[row[0]][0], _ref(row, 1), row[7] or found[row[0]][0])
                for row in rows]

    async def _role_rows(self, person_id: int,
                         shown: int = 5) -> list[tuple[str, int, list[tuple[Any, ...]]]]:
        """Each role in the person's newest statements, most-stated first: how often, and
        the ``shown`` newest (role, article id, offset) stating it."""
        rows = await self._conn.execute_fetchall(
            "SELECT role, article_id, start FROM roles WHERE person_id = ? "
            "ORDER BY date DESC, article_id, start LIMIT ?", (person_id, ROLE_SAMPLE))
        stated: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            stated[row[0]].append(tuple(row))
        ranked = sorted(stated.items(), key=lambda kv: -len(kv[1]))[:MAX_ROLES]
        return [(role, len(seen), seen[:shown]) for role, seen in ranked]

    async def _companion_rows(self, person_id: int, limit: int, index: NameIndex
                              ) -> list[tuple[str, int, list[tuple[Any, ...]]]]:
        """Who is named most often beside the person in their newest articles: name, how
        many of those articles, and (name, article id, offset) of the newest shared."""
        if limit <= 0:
            return []
        rows = await self._conn.execute_fetchall(
            "WITH recent AS (SELECT article_id, date FROM appearances WHERE person_id = ? "
            "ORDER BY date DESC, article_id LIMIT ?) SELECT other.person_id, "
            "other.article_id, other.first_offset FROM recent CROSS JOIN appearances other "
            "ON other.article_id = recent.article_id AND other.person_id != ? "
            "ORDER BY recent.date DESC, recent.article_id",
            (person_id, COMPANION_SAMPLE, person_id))
        shared: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for other, article_id, offset in rows:
            shared[other].append((article_id, offset))
        named = [(entry.name, len(shared[other]), shared[other][0])
                 for other in shared if (entry := index.get(other))]
        named.sort(key=lambda c: (-c[1], c[0]))
        return [(name, count, [(name, *first)]) for name, count, first in named[:limit]]

    async def quotes_by(self, person_id: int, limit: int) -> list[QuoteRecord]:
        """Direct quotes first, then partial, then reported ('direct' < 'partial' <
        'reported', so the index on (person, kind, date) gives this order unsorted)."""
        rows = await self._conn.execute_fetchall(
            f"SELECT q.speaker, q.kind, q.text, q.cue, q.sentence, {_ARTICLE_COLUMNS} "
            "FROM (SELECT * FROM quotes WHERE person_id = ? "
            "ORDER BY kind, date DESC, article_id, start LIMIT ?) q "
            "JOIN articles a ON a.id = q.article_id "
            "ORDER BY q.kind, q.date DESC, q.article_id, q.start", (person_id, limit))
        return [QuoteRecord(*row[:5], article=_ref(row, 5)) for row in rows]

    async def search(self, match: str, limit: int) -> list[SentenceHit]:
        """The ``limit`` best-ranked distinct sentences for an FTS5 ``match`` (lower rank is
        better), among the newest matches when there are many.

        bm25 in FTS5 first counts every row matching each term (its idf), so ranking costs
        time in proportion to how common the words are, whatever the LIMIT: one common
        word at 100k articles took 3-5 ms before a row came out. So the newest ``scan``
        matches are taken first, in rowid order, which FTS5 gives without ranking. Fewer
        than that means the words are rare: all matches are ranked by bm25, cheaply. A
        full window means they are common: every row then holds each term, nearly always
        once, and bm25 with a term frequency of 1 orders rows by length alone, so the
        window is ordered by that (``rank`` is then bm25 with idf 1). Copies of one
        sentence (wire copy, a reprint) come back once, the newest copy.
        """
        if not match.strip():
            return []
        scan = max(limit, min(10 * limit, 500))
        window = await self._conn.execute_fetchall(
            "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?", (match, scan))
        if not window:
            return []
        if len(window) < scan:
            ranked = "SELECT rowid, rank AS r FROM sentences_fts WHERE sentences_fts MATCH ?"
            args: list[Any] = [match]
        else:  # bm25 with tf = 1, k1 = 1.2, b = 0.75, ~25 words a sentence
            ranked = ("SELECT id AS rowid, -2.2 / (1 + 1.2 * (0.25 + 0.75 * (1 + length("
                      "search_text) - length(replace(search_text, ' ', ''))) / 25.0)) AS r "
                      f"FROM sentences WHERE id IN ({','.join('?' * len(window))})")
            args = [row[0] for row in window]
        rows = await self._conn.execute_fetchall(
            f"SELECT s.id, s.text, s.position, f.r, {_ARTICLE_COLUMNS} FROM ("
            f"SELECT max(m.rowid) AS id, min(m.r) AS r FROM ({ranked}) m "
            "JOIN sentences t ON t.id = m.rowid GROUP BY t.search_text ORDER BY 2 LIMIT ?"
            ") f JOIN sentences s ON s.id = f.id JOIN articles a ON a.id = s.article_id "
            "ORDER BY f.r, s.id DESC", (*args, limit))
        return [SentenceHit(row[0], _ref(row, 4), row[1], row[2], row[3]) for row in rows]

    async def vocabulary(self) -> list[str]:
        """Index terms, most frequent first, for spelling and topic completion.

        Counting every term reads the whole full-text index (1.3 s at 100k articles), so
        after a commit the old list is kept up to ``VOCABULARY_KEPT`` seconds: a feed
        refreshed every few minutes would otherwise pay that on every autocomplete.
        """
        async def build() -> list[str]:
            rows = await self._conn.execute_fetchall(
                "SELECT term FROM sentences_vocab ORDER BY doc DESC LIMIT 200000")
            return [row[0] for row in rows]
        vocab: list[str] = await self._cached("vocabulary", build, keep_for=VOCABULARY_KEPT)
        return vocab

    async def spelled(self, terms: Sequence[str]) -> dict[str, str]:
        """Index terms (stems such as "defens") as an article spelled them ("defense"),
        for suggestions people read. Terms not found map to themselves.

        Each term is one index seek for its first occurrence, all in one query; answers
        are kept, since a term's spelling stays a real word of the corpus whatever is
        added later.
        """
        wanted = [t for t in dict.fromkeys(terms) if t not in self._spellings][:SPELLED_AT_ONCE]
        if wanted:
            first = ("SELECT * FROM (SELECT v.term, s.search_text, v.offset FROM sentences_terms "
                     "v JOIN sentences s ON s.id = v.doc WHERE v.term = ? LIMIT 1)")
            for term, text, offset in await self._conn.execute_fetchall(
                    " UNION ALL ".join([first] * len(wanted)), wanted):
                tokens = _TOKEN.findall(text)
                if offset < len(tokens):
                    self._spellings[term] = tokens[offset]
        return {t: self._spellings.get(t, t) for t in terms}

    async def article_sentences(self, article_ids: Sequence[str]) -> list[SentenceHit]:
        """Every sentence of some articles in reading order (``rank`` 0): the context a
        briefing draws on around the sentences that matched."""
        ids = list(dict.fromkeys(article_ids))[:500]  # well under SQLite's bound variables
        if not ids:
            return []
        rows = await self._conn.execute_fetchall(
            f"SELECT s.id, s.text, s.position, {_ARTICLE_COLUMNS} FROM sentences s "
            f"JOIN articles a ON a.id = s.article_id WHERE s.article_id IN "
            f"({','.join('?' * len(ids))}) ORDER BY s.article_id, s.position", ids)
        return [SentenceHit(row[0], _ref(row, 3), row[1], row[2], 0.0) for row in rows]

    # -- export --------------------------------------------------------------------

    async def export_articles(self) -> AsyncIterator[dict[str, Any]]:
        async with self._conn.execute(
                "SELECT id, path, title, outlet, date, words, duplicate_of, url FROM articles "
                "ORDER BY date, id") as cursor:
            async for row in cursor:
                yield dict(zip(("id", "path", "title", "outlet", "date", "words",
                                "duplicate_of", "url"), row, strict=True))

    async def export_quotes(self) -> AsyncIterator[dict[str, Any]]:
        async with self._conn.execute(
                "SELECT coalesce(p.name, q.speaker), q.kind, q.text, q.cue, a.id, a.path, "
                "a.title, a.outlet, a.date FROM quotes q JOIN articles a ON a.id = q.article_id "
                "LEFT JOIN persons p ON p.id = q.person_id ORDER BY a.date, a.id, q.start"
        ) as cursor:
            async for row in cursor:
                article = dict(zip(("id", "path", "title", "outlet", "date"), row[4:],
                                   strict=True))
                yield {"speaker": row[0], "kind": row[1], "text": row[2], "cue": row[3],
                       "article": article}

    async def export_people(self) -> AsyncIterator[dict[str, Any]]:
        index = await self.name_index()
        for entry in sorted(index.entries(), key=lambda e: (-e.weight, e.name)):
            rows = await self._conn.execute_fetchall(
                "SELECT ap.article_id, ap.mentions FROM appearances ap "
                "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ? "
                "ORDER BY a.date, a.id", (entry.person_id,))
            roles = await self._conn.execute_fetchall(
                "SELECT role, article_id FROM roles WHERE person_id = ? ORDER BY article_id, "
                "start", (entry.person_id,))
            yield {"name": entry.name, "aliases": list(entry.aliases),
                   "roles": [{"role": r, "article_id": a} for r, a in roles],
                   "article_ids": [r[0] for r in rows], "mentions": sum(r[1] for r in rows)}

    # -- sources and digests ---------------------------------------------------------
    # Status of live sources, conditional-request validators, feed items seen, the order
    # articles arrived in, and per-server digest settings with the last digest per channel.
    # Record types are imported where used, so this section stays self-contained.

    async def record_source(self, key: str, *, kind: str, name: str, location: str,
                            when: str, ok: bool, error: str | None, added: int) -> None:
        """One refresh of a source: success (with articles added) or failure, and why."""
        await self._conn.execute(
            "INSERT INTO sources (key, kind, name, location, last_attempt, last_success, "
            "last_error, last_error_at, last_added, total_added) VALUES (?, ?, ?, ?, ?, "
            "CASE WHEN ? THEN ? END, ?, CASE WHEN ? IS NOT NULL THEN ? END, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
            "location = excluded.location, last_attempt = excluded.last_attempt, "
            "last_success = coalesce(excluded.last_success, sources.last_success), "
            "last_error = coalesce(excluded.last_error, sources.last_error), "
            "last_error_at = coalesce(excluded.last_error_at, sources.last_error_at), "
            "last_added = CASE WHEN ? THEN excluded.last_added ELSE sources.last_added END, "
            "total_added = sources.total_added + excluded.last_added",
            (key, kind, name, location, when, ok, when, error, error, when, added, added, ok))

    async def source_statuses(self) -> list[Any]:
        """Every source refreshed so far (``bot.sources.status.SourceStatus``)."""
        from .sources.status import SourceStatus
        rows = await self._conn.execute_fetchall(
            "SELECT key, kind, name, location, last_attempt, last_success, last_error, "
            "last_error_at, last_added, total_added FROM sources ORDER BY name, key")
        return [SourceStatus(*row) for row in rows]

    async def http_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for ``url``, for a conditional request."""
        rows = await self._conn.execute_fetchall(
            "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,))
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    async def save_http_validators(self, url: str, etag: str | None,
                                   last_modified: str | None) -> None:
        await self._conn.execute(
            "INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified", (url, etag, last_modified))

    async def feed_item_stamps(self, source_key: str) -> dict[str, str]:
        """Each item of a feed stored so far, with the stamp it had then."""
        rows = await self._conn.execute_fetchall(
            "SELECT item_key, stamp FROM feed_items WHERE source_key = ?", (source_key,))
        return {key: stamp for key, stamp in rows}

    async def mark_feed_item(self, source_key: str, item_key: str, stamp: str,
                             article_key: str, when: str) -> None:
        await self._conn.execute(
            "INSERT INTO feed_items (source_key, item_key, stamp, article_key, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_key, item_key) DO UPDATE SET "
            "stamp = excluded.stamp, article_key = excluded.article_key, "
            "seen_at = excluded.seen_at", (source_key, item_key, stamp, article_key, when))

    async def arrival_mark(self) -> int:
        """The arrival number of the latest article stored (0 when none): a digest covers
        the arrivals between two marks, whatever the clock says."""
        (mark,), = await self._conn.execute_fetchall(
            "SELECT coalesce(max(seq), 0) FROM article_arrivals")
        return int(mark)

    async def digest_material(self, window: Any, *, articles: int, lead: int, quotes: int,
                              people: int) -> Any:
        """What arrived in a ``handlers.digest.Window``: the newest ``articles`` with their
        ``lead`` sentences, their quotes and the ``people`` most in them."""
        from handlers.digest import (
            DigestArticle,
            DigestMaterial,
            DigestPerson,
            DigestQuote,
            LeadSentence,
        )
        where, params = ["r.seq <= ?"], [window.upto_seq]
        if window.after_seq is not None:
            where.append("r.seq > ?")
            params.append(window.after_seq)
        if window.since is not None:
            where.append("r.arrived_at >= ?")
            params.append(window.since)
        condition = " AND ".join(where)
        (total,), = await self._conn.execute_fetchall(
            f"SELECT count(DISTINCT r.article_id) FROM article_arrivals r WHERE {condition}",
            params)
        rows = await self._conn.execute_fetchall(
            f"SELECT {_ARTICLE_COLUMNS}, a.duplicate_of, max(r.seq) AS seq "
            "FROM article_arrivals r JOIN articles a ON a.id = r.article_id "
            f"WHERE {condition} GROUP BY a.id ORDER BY seq DESC LIMIT ?", [*params, articles])
        if not rows:
            return DigestMaterial(total=int(total))
        ids = [row[0] for row in rows]
        marks = ",".join("?" * len(ids))
        leads: dict[str, list[LeadSentence]] = defaultdict(list)
        for article_id, sentence_id, position, text in await self._conn.execute_fetchall(
                f"SELECT article_id, id, position, text FROM sentences WHERE article_id IN "
                f"({marks}) AND position < ? ORDER BY article_id, position", [*ids, lead]):
            leads[article_id].append(LeadSentence(sentence_id, position, text))
        found = tuple(DigestArticle(_ref(row), row[6], tuple(leads[row[0]])) for row in rows)
        quote_rows = await self._conn.execute_fetchall(
            f"SELECT coalesce(p.name, q.speaker), q.kind, q.text, q.sentence, "
            f"{_ARTICLE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN persons p ON p.id = q.person_id WHERE q.article_id IN "
            f"({marks}) AND q.kind IN ('direct', 'partial') "
            "AND coalesce(p.name, q.speaker) IS NOT NULL "
            "ORDER BY CASE q.kind WHEN 'direct' THEN 0 ELSE 1 END, a.date DESC, a.id, q.start "
            "LIMIT ?", [*ids, quotes])
        said = tuple(DigestQuote(*row[:4], article=_ref(row, 4)) for row in quote_rows)
        return DigestMaterial(total=int(total), articles=found, quotes=said,
                              people=tuple(await self._digest_people(ids, people, DigestPerson)))

    async def _digest_people(self, ids: list[str], limit: int, person: Any) -> list[Any]:
        marks = ",".join("?" * len(ids))
        top = await self._conn.execute_fetchall(
            "SELECT p.id, p.name FROM appearances ap JOIN persons p ON p.id = ap.person_id "
            f"WHERE ap.article_id IN ({marks}) GROUP BY p.id "
            "ORDER BY count(*) DESC, sum(ap.mentions) DESC, p.name LIMIT ?", [*ids, limit])
        if not top:
            return []
        people = ",".join("?" * len(top))
        rows = await self._conn.execute_fetchall(
            f"SELECT ap.person_id, {_ARTICLE_COLUMNS}, r.role, (SELECT s.text FROM sentences s "
            "WHERE s.article_id = ap.article_id AND s.start <= coalesce(max(r.start, 0), "
            "ap.first_offset) ORDER BY s.start DESC LIMIT 1) FROM appearances ap "
            "JOIN articles a ON a.id = ap.article_id LEFT JOIN roles r ON r.rowid = "
            "(SELECT r2.rowid FROM roles r2 WHERE r2.person_id = ap.person_id "
            "AND r2.article_id = ap.article_id ORDER BY r2.start LIMIT 1) "
            f"WHERE ap.person_id IN ({people}) AND ap.article_id IN ({marks}) "
            "ORDER BY a.date DESC, a.id", [*(t[0] for t in top), *ids])
        seen: dict[int, list[Statement]] = defaultdict(list)
        roles: dict[int, str] = {}
        for row in rows:
            ref = _ref(row, 1)
            seen[row[0]].append(Statement(row[7] or "", ref, row[8] or ref.title))
            if row[7]:
                roles.setdefault(row[0], row[7])
        return [person(name, roles.get(person_id), tuple(seen[person_id]))
                for person_id, name in top]

    async def guild_digests(self) -> list[Any]:
        """Every server's digest settings (``bot.digest_schedule.GuildDigest``)."""
        from .digest_schedule import GuildDigest
        rows = await self._conn.execute_fetchall(
            "SELECT guild_id, channel_id, time, timezone, enabled, admin_id, paused_reason, "
            "updated_at FROM digest_settings ORDER BY guild_id")
        return [GuildDigest(*row[:4], bool(row[4]), *row[5:]) for row in rows]

    async def guild_digest(self, guild_id: int) -> Any:
        return next((g for g in await self.guild_digests() if g.guild_id == guild_id), None)

    async def save_guild_digest(self, digest: Any) -> None:
        await self._conn.execute(
            "INSERT OR REPLACE INTO digest_settings (guild_id, channel_id, time, timezone, "
            "enabled, admin_id, paused_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (digest.guild_id, digest.channel_id, digest.time, digest.timezone,
             int(digest.enabled), digest.admin_id, digest.paused_reason, digest.updated_at))

    async def last_digest(self, channel_id: int) -> Any:
        """The last digest given to a channel (``bot.digest_schedule.DigestPost``) or None."""
        from .digest_schedule import DigestPost
        rows = await self._conn.execute_fetchall(
            "SELECT channel_id, guild_id, slot, last_seq, posted_at, outcome FROM digest_posts "
            "WHERE channel_id = ?", (channel_id,))
        return DigestPost(*rows[0]) if rows else None

    async def claim_digest(self, channel_id: int, guild_id: int | None, slot: str,
                           last_seq: int, when: str) -> bool:
        """Take ``slot`` for a channel before posting; False if it (or a later one) was
        taken already, so no restart or second process can post a slot twice."""
        await self._conn.execute(
            "INSERT INTO digest_posts (channel_id, guild_id, slot, last_seq, posted_at, "
            "outcome) VALUES (?, ?, ?, ?, ?, 'posting') ON CONFLICT(channel_id) DO UPDATE SET "
            "guild_id = excluded.guild_id, slot = excluded.slot, last_seq = excluded.last_seq, "
            "posted_at = excluded.posted_at, outcome = excluded.outcome "
            "WHERE excluded.slot > digest_posts.slot",
            (channel_id, guild_id, slot, last_seq, when))
        (changed,), = await self._conn.execute_fetchall("SELECT changes()")
        return bool(changed)

    async def digest_outcome(self, channel_id: int, outcome: str) -> None:
        """How a claimed digest went (posted, nothing new, refused …)."""
        await self._conn.execute(
            "UPDATE digest_posts SET outcome = ? WHERE channel_id = ?", (outcome, channel_id))
