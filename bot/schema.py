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
    # 2: live sources (status, conditional-request validators, feed items seen), the
    # order articles arrived in, per-server digest settings and the last digest per channel.
    """
    CREATE TABLE sources (
        key             TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        name            TEXT NOT NULL,
        location        TEXT NOT NULL,
        last_attempt    TEXT,
        last_success    TEXT,
        last_error      TEXT,
        last_error_at   TEXT,
        last_added      INTEGER NOT NULL DEFAULT 0,
        total_added     INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE http_validators (
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT
    );

    CREATE TABLE feed_items (
        source_key   TEXT NOT NULL,
        item_key     TEXT NOT NULL,
        stamp        TEXT NOT NULL,
        article_key  TEXT NOT NULL,
        seen_at      TEXT NOT NULL,
        PRIMARY KEY (source_key, item_key)
    );

    CREATE TABLE article_arrivals (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id  TEXT NOT NULL,
        arrived_at  TEXT NOT NULL
    );
    CREATE INDEX article_arrivals_by_article ON article_arrivals(article_id);
    CREATE INDEX article_arrivals_by_time ON article_arrivals(arrived_at);
    INSERT INTO article_arrivals (article_id, arrived_at)
        SELECT id, ingested_at FROM articles ORDER BY ingested_at, id;
    CREATE TRIGGER articles_arrive AFTER INSERT ON articles BEGIN
        INSERT INTO article_arrivals (article_id, arrived_at) VALUES (new.id, new.ingested_at);
    END;
    CREATE TRIGGER articles_leave AFTER DELETE ON articles BEGIN
        DELETE FROM article_arrivals WHERE article_id = old.id;
    END;

    CREATE TABLE digest_settings (
        guild_id       INTEGER PRIMARY KEY,
        channel_id     INTEGER,
        time           TEXT,
        timezone       TEXT,
        enabled        INTEGER NOT NULL DEFAULT 1,
        admin_id       INTEGER,
        paused_reason  TEXT,
        updated_at     TEXT NOT NULL
    );

    CREATE TABLE digest_posts (
        channel_id  INTEGER PRIMARY KEY,
        guild_id    INTEGER,
        slot        TEXT NOT NULL,
        last_seq    INTEGER NOT NULL,
        posted_at   TEXT NOT NULL,
        outcome     TEXT NOT NULL
    );
    """,
    # 3: reads that stay small however large the corpus grows. Each person's rows carry
    # their article's date, so the newest come straight off an index; each person keeps
    # a count of their articles and every form of their name, kept at ingest (triggers and
    # the writer), so the name index is read, not rebuilt from every appearance.
    """
    ALTER TABLE appearances ADD COLUMN date TEXT;
    ALTER TABLE roles ADD COLUMN date TEXT;
    ALTER TABLE quotes ADD COLUMN date TEXT;
    UPDATE appearances SET date = (SELECT date FROM articles a WHERE a.id = article_id);
    UPDATE roles SET date = (SELECT date FROM articles a WHERE a.id = article_id);
    UPDATE quotes SET date = (SELECT date FROM articles a WHERE a.id = article_id);
    CREATE INDEX appearances_by_person_date ON appearances(person_id, date DESC, article_id);
    CREATE INDEX roles_by_person_date ON roles(person_id, date DESC, article_id, start, role);
    DROP INDEX appearances_by_article;
    CREATE INDEX appearances_by_article ON appearances(article_id, person_id, first_offset);
    DROP INDEX quotes_by_person;
    CREATE INDEX quotes_by_person ON quotes(person_id, kind, date DESC, article_id, start);

    ALTER TABLE persons ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
    UPDATE persons SET articles = (SELECT count(*) FROM appearances ap
                                   WHERE ap.person_id = persons.id);
    CREATE TRIGGER appearances_count_in AFTER INSERT ON appearances BEGIN
        UPDATE persons SET articles = articles + 1 WHERE id = new.person_id;
    END;
    CREATE TRIGGER appearances_count_out AFTER DELETE ON appearances BEGIN
        UPDATE persons SET articles = articles - 1 WHERE id = old.person_id;
    END;
    CREATE TRIGGER appearances_count_move AFTER UPDATE OF person_id ON appearances BEGIN
        UPDATE persons SET articles = articles - 1 WHERE id = old.person_id;
        UPDATE persons SET articles = articles + 1 WHERE id = new.person_id;
    END;

    CREATE TABLE person_names (
        person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        PRIMARY KEY (person_id, name)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO person_names (person_id, name)
        SELECT person_id, name FROM appearances
        UNION SELECT ap.person_id, j.value FROM appearances ap, json_each(ap.aliases) j;
    """,
    # 4: where each indexed (stemmed) term occurs, to show it as the articles spell it.
    """
    CREATE VIRTUAL TABLE sentences_terms USING fts5vocab(sentences_fts, 'instance');
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
