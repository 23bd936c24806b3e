"""The database schema as numbered migrations.

Each migration runs in the same transaction that records its number in
``PRAGMA user_version``, so a crash mid-upgrade leaves the previous version intact.
Append new migrations; never edit a released one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, sentences with full-text search, people, roles, quotes.
    """
    CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        source_key    TEXT NOT NULL UNIQUE,
        path          TEXT,
        url           TEXT,
        title         TEXT NOT NULL,
        outlet        TEXT,
        date          TEXT,
        words         INTEGER NOT NULL,
        content_hash  TEXT NOT NULL,
        fingerprint   BLOB NOT NULL,
        duplicate_of  TEXT REFERENCES articles(id) ON DELETE SET NULL,
        body          TEXT NOT NULL,
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX articles_by_hash ON articles(content_hash);
    CREATE INDEX articles_by_date ON articles(date);

    CREATE TABLE article_bands (
        band        TEXT NOT NULL,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_bands_by_band ON article_bands(band);
    CREATE INDEX article_bands_by_article ON article_bands(article_id);

    CREATE TABLE sentences (
        id           INTEGER PRIMARY KEY,
        article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        paragraph    INTEGER NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text         TEXT NOT NULL,
        search_text  TEXT NOT NULL
    );
    CREATE INDEX sentences_by_article ON sentences(article_id, start);

    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        search_text, content='sentences', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END;
    CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row');
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END;

    CREATE TABLE persons (
        id       INTEGER PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        surname  TEXT NOT NULL,
        name     TEXT NOT NULL
    );
    CREATE INDEX persons_by_surname ON persons(surname);

    CREATE TABLE appearances (
        person_id     INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        aliases       TEXT NOT NULL DEFAULT '[]',
        mentions      INTEGER NOT NULL,
        first_offset  INTEGER NOT NULL,
        PRIMARY KEY (person_id, article_id)
    );
    CREATE INDEX appearances_by_article ON appearances(article_id);

    CREATE TABLE roles (
        person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        role        TEXT NOT NULL,
        start       INTEGER NOT NULL,
        PRIMARY KEY (person_id, article_id, role)
    );
    CREATE INDEX roles_by_article ON roles(article_id);

    CREATE TABLE quotes (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        person_id   INTEGER REFERENCES persons(id) ON DELETE SET NULL,
        speaker     TEXT,
        kind        TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'reported')),
        text        TEXT NOT NULL,
        cue         TEXT NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        sentence    TEXT NOT NULL
    );
    CREATE INDEX quotes_by_person ON quotes(person_id);
    CREATE INDEX quotes_by_article ON quotes(article_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
