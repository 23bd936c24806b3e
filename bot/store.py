"""All SQL lives here: an aiosqlite store in WAL mode with numbered migrations.

Every write of an article is one transaction, so a crash never leaves half an article,
and every query is parameterised. Reads used on every answer (the name index, the search
vocabulary) are cached per write generation, so answers do no work that grows with the
corpus beyond what the indexes give.
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from handlers.core.dedupe import NEAR_DUPLICATE, similarity
from handlers.core.identity import PersonKey, fuller, parse_key, person_key
from handlers.core.models import Extraction, ParsedArticle, PersonMention
from handlers.core.names import NameEntry, NameIndex
from handlers.core.text import index_text
from handlers.ports import (
    ArticleRef,
    Companion,
    PersonProfile,
    QuoteRecord,
    SentenceHit,
    Statement,
)

from .schema import MIGRATIONS, SCHEMA_VERSION

_ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.date, a.path, a.url"
BUSY_TIMEOUT_MS = 30_000


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


class Store:
    """The briefbot database. Open with ``await Store.open(path)``; close when done."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._generation = 0
        self._names: tuple[int, NameIndex] | None = None
        self._vocab: tuple[int, list[str]] | None = None

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
        await self._conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _configure(self) -> None:
        for pragma in (f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", "PRAGMA foreign_keys = ON",
                       "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"):
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
        rows = await self._conn.execute_fetchall(
            "SELECT content_hash FROM articles WHERE source_key = ?", (source_key,))
        return rows[0][0] if rows else None

    async def save_article(self, record: ArticleRecord) -> SaveOutcome:
        """Write (or replace) one article atomically."""
        conn = self._conn
        await conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = await conn.execute("DELETE FROM articles WHERE source_key = ?",
                                        (record.source_key,))
            replaced = cursor.rowcount > 0
            duplicate_of = await self._duplicate_of(record)
            await self._insert_article(record, duplicate_of)
            await self._insert_people(record)
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        self._generation += 1
        return SaveOutcome(replaced, duplicate_of)

    async def _duplicate_of(self, record: ArticleRecord) -> str | None:
        """The earliest stored article this one copies (same text, or a near duplicate)."""
        rows = await self._conn.execute_fetchall(
            "SELECT id, duplicate_of FROM articles WHERE content_hash = ? ORDER BY ingested_at "
            "LIMIT 1", (record.content_hash,))
        if not rows and record.bands:
            marks = ",".join("?" * len(record.bands))
            rows = await self._conn.execute_fetchall(
                f"SELECT a.id, a.duplicate_of, a.fingerprint FROM articles a WHERE a.id IN "
                f"(SELECT article_id FROM article_bands WHERE band IN ({marks})) "
                "ORDER BY a.ingested_at", record.bands)
            rows = [r for r in rows
                    if similarity(tuple(array("Q", r[2])), record.fingerprint) >= NEAR_DUPLICATE]
        return (rows[0][1] or rows[0][0]) if rows else None

    async def _insert_article(self, record: ArticleRecord, duplicate_of: str | None) -> None:
        parsed = record.parsed
        now = datetime.now(UTC).isoformat(timespec="seconds")
        await self._conn.execute(
            "INSERT INTO articles (id, source_key, path, url, title, outlet, date, words, "
            "content_hash, fingerprint, duplicate_of, body, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.source_key, record.path, record.url, parsed.title,
             parsed.outlet, parsed.date, parsed.words, record.content_hash,
             array("Q", record.fingerprint).tobytes(), duplicate_of, parsed.body, now))
        await self._conn.executemany(
            "INSERT INTO article_bands (band, article_id) VALUES (?, ?)",
            [(band, record.id) for band in record.bands])
        await self._conn.executemany(
            "INSERT INTO sentences (article_id, position, paragraph, start, end, text, "
            "search_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(record.id, i, s.paragraph, s.start, s.end, s.text, index_text(s.text))
             for i, s in enumerate(parsed.sentences)])

    async def _insert_people(self, record: ArticleRecord) -> None:
        ids: dict[str, int] = {}
        for person in record.extraction.people:
            person_id = await self._person_id(person.name)
            ids[person.name] = person_id
            await self._insert_appearance(record.id, person_id, person)
        await self._conn.executemany(
            "INSERT INTO quotes (article_id, person_id, speaker, kind, text, cue, start, end, "
            "sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.id, ids.get(q.speaker or ""), q.speaker, q.kind, q.text, q.cue, q.start,
              q.end, q.sentence) for q in record.extraction.quotes])

    async def _insert_appearance(self, article_id: str, person_id: int,
                                 person: PersonMention) -> None:
        await self._conn.execute(
            "INSERT INTO appearances (person_id, article_id, name, aliases, mentions, "
            "first_offset) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "mentions = mentions + excluded.mentions",
            (person_id, article_id, person.name, json.dumps(list(person.aliases)),
             person.mentions, person.first_offset))
        await self._conn.executemany(
            "INSERT OR IGNORE INTO roles (person_id, article_id, role, start) "
            "VALUES (?, ?, ?, ?)",
            [(person_id, article_id, role.text, role.start) for role in person.roles])

    async def _person_id(self, name: str) -> int:
        """The corpus-wide person for a name, merging forms that can be one person."""
        key = person_key(name)
        rows = await self._conn.execute_fetchall(
            "SELECT id, key, name FROM persons WHERE surname = ?", (key.surname,))
        known = [(person_id, parse_key(stored), current) for person_id, stored, current in rows]
        if key.bare:
            full = [k for k in known if not k[1].bare]
            if len(full) == 1:
                return full[0][0]
        same = [k for k in known if k[1].compatible(key)]
        if len(same) == 1:
            person_id, _, current = same[0]
            if fuller(current, name) != current:
                await self._conn.execute("UPDATE persons SET name = ? WHERE id = ?",
                                         (name, person_id))
            return person_id
        cursor = await self._conn.execute(
            "INSERT OR IGNORE INTO persons (key, surname, name) VALUES (?, ?, ?)",
            (str(key), key.surname, name))
        if not cursor.rowcount:  # an ambiguous initial ("J Biden") keeps its own entry
            (person_id,), = await self._conn.execute_fetchall(
                "SELECT id FROM persons WHERE key = ?", (str(key),))
            return int(person_id)
        person_id = int(cursor.lastrowid or 0)
        await self._adopt_bare_namesake(key, known, person_id)
        return person_id

    async def _adopt_bare_namesake(self, key: PersonKey,
                                   known: list[tuple[int, PersonKey, str]],
                                   person_id: int) -> None:
        """A surname seen alone earlier belongs to the first full name that shares it."""
        bare = [k for k in known if k[1].bare]
        if key.bare or not bare or len(bare) != len(known):
            return
        for table in ("appearances", "roles", "quotes"):
            await self._conn.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?",
                                     (person_id, bare[0][0]))
        await self._conn.execute("DELETE FROM persons WHERE id = ?", (bare[0][0],))

    # -- reading -------------------------------------------------------------------

    async def article_count(self) -> int:
        (count,), = await self._conn.execute_fetchall("SELECT count(*) FROM articles")
        return int(count)

    async def name_index(self) -> NameIndex:
        if self._names and self._names[0] == self._generation:
            return self._names[1]
        rows = await self._conn.execute_fetchall(
            "SELECT p.id, p.name, count(*), group_concat(a.name, char(31)), "
            "group_concat(a.aliases, char(31)) FROM persons p "
            "JOIN appearances a ON a.person_id = p.id GROUP BY p.id")
        entries = []
        for person_id, name, count, names, alias_lists in rows:
            aliases = set(names.split("\x1f"))
            for listed in alias_lists.split("\x1f"):
                aliases.update(json.loads(listed))
            aliases.discard(name)
            entries.append(NameEntry(person_id, name, tuple(sorted(aliases)), count))
        index = NameIndex(entries)
        self._names = (self._generation, index)
        return index

    async def person_profile(self, person_id: int) -> PersonProfile | None:
        rows = await self._conn.execute_fetchall(
            "SELECT name FROM persons WHERE id = ?", (person_id,))
        if not rows:
            return None
        entry = (await self.name_index()).get(person_id)
        return PersonProfile(
            person_id=person_id, name=rows[0][0],
            aliases=entry.aliases if entry else (),
            roles=tuple(await self._roles(person_id)),
            appearances=tuple(await self._appearances(person_id)),
            companions=tuple(await self._companions(person_id)))

    async def _roles(self, person_id: int) -> list[Statement]:
        rows = await self._conn.execute_fetchall(
            f"SELECT r.role, {_ARTICLE_COLUMNS}, (SELECT s.text FROM sentences s "
            "WHERE s.article_id = r.article_id AND s.start <= max(r.start, 0) "
            "ORDER BY s.start DESC LIMIT 1) FROM roles r JOIN articles a ON a.id = r.article_id "
            "WHERE r.person_id = ? ORDER BY a.date DESC, a.id, r.start", (person_id,))
        return [Statement(row[0], _ref(row, 1), row[7] or row[0]) for row in rows]

    async def _appearances(self, person_id: int) -> list[Statement]:
        rows = await self._conn.execute_fetchall(
            f"SELECT ap.name, {_ARTICLE_COLUMNS}, (SELECT s.text FROM sentences s "
            "WHERE s.article_id = ap.article_id AND s.start <= ap.first_offset "
            "ORDER BY s.start DESC LIMIT 1) FROM appearances ap "
            "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ? "
            "ORDER BY a.date DESC, ap.mentions DESC", (person_id,))
        return [Statement(row[0], _ref(row, 1), row[7] or row[0]) for row in rows]

    async def _companions(self, person_id: int, limit: int = 8) -> list[Companion]:
        rows = await self._conn.execute_fetchall(
            f"SELECT p.name, {_ARTICLE_COLUMNS} FROM appearances mine "
            "JOIN appearances other ON other.article_id = mine.article_id "
            "AND other.person_id != mine.person_id "
            "JOIN persons p ON p.id = other.person_id "
            "JOIN articles a ON a.id = mine.article_id WHERE mine.person_id = ? "
            "ORDER BY a.date DESC", (person_id,))
        shared: dict[str, list[ArticleRef]] = defaultdict(list)
        for row in rows:
            shared[row[0]].append(_ref(row, 1))
        ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [Companion(name, tuple(refs)) for name, refs in ranked[:limit]]

    async def quotes_by(self, person_id: int, limit: int) -> list[QuoteRecord]:
        rows = await self._conn.execute_fetchall(
            f"SELECT q.speaker, q.kind, q.text, q.cue, q.sentence, {_ARTICLE_COLUMNS} "
            "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.person_id = ? "
            "ORDER BY CASE q.kind WHEN 'direct' THEN 0 WHEN 'partial' THEN 1 ELSE 2 END, "
            "a.date DESC, a.id, q.start LIMIT ?", (person_id, limit))
        return [QuoteRecord(*row[:5], article=_ref(row, 5)) for row in rows]

    async def search(self, match: str, limit: int) -> list[SentenceHit]:
        rows = await self._conn.execute_fetchall(
            f"SELECT s.id, s.text, s.position, f.rank, {_ARTICLE_COLUMNS} "
            "FROM (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ? "
            "ORDER BY rank LIMIT ?) f JOIN sentences s ON s.id = f.rowid "
            "JOIN articles a ON a.id = s.article_id ORDER BY f.rank", (match, limit))
        return [SentenceHit(row[0], _ref(row, 4), row[1], row[2], row[3]) for row in rows]

    async def vocabulary(self) -> list[str]:
        if self._vocab and self._vocab[0] == self._generation:
            return self._vocab[1]
        rows = await self._conn.execute_fetchall(
            "SELECT term FROM sentences_vocab ORDER BY doc DESC LIMIT 200000")
        vocab = [row[0] for row in rows]
        self._vocab = (self._generation, vocab)
        return vocab

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
