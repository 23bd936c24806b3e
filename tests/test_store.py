"""The store: migrations, WAL, FTS5, atomic article writes, identity across articles."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from bot.ingest import Document, analyse, ingest
from bot.schema import MIGRATIONS, SCHEMA_VERSION
from bot.store import COMPANION_SAMPLE, ArticleRecord, Store, StoreError
from handlers.core.models import Extraction, PersonMention, Quote
from handlers.core.query import parse_topic
from handlers.core.text import index_text

STORY = ("US Secretary of State Jane Rivers met Foreign Minister Tom Okafor in Lagos on "
         "Monday. \"We agreed on a two-plus-two format,\" Rivers said. The talks covered "
         "trade, defence and critical minerals.")


def record(text: str = STORY, key: str = "test://story") -> ArticleRecord:
    made = analyse(Document(source_key=key, text=text, path=key))
    assert isinstance(made, ArticleRecord)
    return made


async def test_fresh_database_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "new" / "b.db") as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.journal_mode() == "wal"


async def test_reopening_keeps_data_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    async with await Store.open(path) as store:
        await store.save_article(record())
    async with await Store.open(path) as store:
        assert await store.article_count() == 1
        assert await store.schema_version() == SCHEMA_VERSION


async def test_a_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="upgrade briefbot"):
        await Store.open(path)


async def test_a_version_2_database_gains_counts_name_forms_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    with closing(sqlite3.connect(path)) as conn:
        for number, script in enumerate(MIGRATIONS[:2], start=1):
            conn.executescript(f"{script}; PRAGMA user_version = {number};")
        conn.execute("INSERT INTO articles (id, source_key, title, date, words, content_hash, "
                     "fingerprint, body, ingested_at) VALUES ('a1', 'k', 'T', '2024-05-01', 3, "
                     "'h', x'00', 'Jane Rivers spoke.', '2024-05-01')")
        conn.execute("INSERT INTO persons (id, key, surname, name) "
                     "VALUES (1, 'rivers|jane', 'rivers', 'Jane Rivers')")
        conn.execute("INSERT INTO appearances (person_id, article_id, name, aliases, mentions, "
                     "first_offset) VALUES (1, 'a1', 'Jane Rivers', '[\"Ms Rivers\"]', 2, 0)")
        conn.execute("INSERT INTO quotes (article_id, person_id, speaker, kind, text, cue, "
                     "start, end, sentence) VALUES ('a1', 1, 'Jane Rivers', 'reported', "
                     "'spoke', 'spoke', 0, 5, 'Jane Rivers spoke.')")
        conn.commit()
    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        (entry,) = (await store.name_index()).entries()
        assert (entry.name, entry.aliases, entry.weight) == ("Jane Rivers", ("Ms Rivers",), 1)
        (said,) = await store.quotes_by(1, 5)
        assert said.article.date == "2024-05-01"
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT date FROM appearances").fetchall() == [("2024-05-01",)]


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot use database"):
        await Store.open(path)


async def test_search_finds_every_written_form_of_two_plus_two(store: Store) -> None:
    texts = {"a": "The 2+2 dialogue opened in Delhi on Friday morning.",
             "b": "Ministers met for the two-plus-two talks in the capital.",
             "c": "Growth was 2.2% in the quarter, officials said on Monday."}
    await ingest(store, [Document(f"test://{k}", v) for k, v in texts.items()])
    for typed in ("2+2", "2 + 2", "two plus two", "Two-Plus-Two"):
        hits = await store.search(parse_topic(typed).match_all(), 10)
        assert {h.article.id for h in hits} and all("2.2%" not in h.text for h in hits), typed
        assert len(hits) == 2, typed


async def test_british_and_american_spellings_meet(store: Store) -> None:
    await ingest(store, [Document("test://a", "The defence ministers agreed a new deal today.")])
    hits = await store.search(parse_topic("defense").match_all(), 10)
    assert len(hits) == 1


async def test_an_edited_article_replaces_its_old_version(store: Store) -> None:
    await store.save_article(record())
    outcome = await store.save_article(record(STORY.replace("Lagos", "Abuja")))
    assert outcome.replaced
    assert await store.article_count() == 1
    assert await store.search(parse_topic("Lagos").match_all(), 10) == []
    assert len(await store.search(parse_topic("Abuja").match_all(), 10)) == 1


async def test_a_failed_write_leaves_no_part_of_the_article(store: Store) -> None:
    good = record()
    bad_quote = Quote("Jane Rivers", "shouted", "x", "said", 0, 1, "x")  # type: ignore[arg-type]
    broken = replace(good, extraction=replace(good.extraction, quotes=(bad_quote,)))
    with pytest.raises(sqlite3.IntegrityError):
        await store.save_article(broken)
    assert await store.article_count() == 0
    assert await store.search(parse_topic("Lagos").match_all(), 10) == []
    assert len(await store.name_index()) == 0


async def test_name_forms_merge_across_articles_but_namesakes_stay_apart(store: Store) -> None:
    people = {"a": ("S Jaishankar", "Rajnath Singh"),
              "b": ("Subrahmanyam Jaishankar", "Hardeep Singh Nijjar"),
              "c": ("Jaishankar",)}
    for key, names in people.items():
        base = record(key=f"test://{key}")
        mentions = tuple(PersonMention(name) for name in names)
        await store.save_article(replace(base, extraction=Extraction(people=mentions)))
    index = await store.name_index()
    names = sorted(e.name for e in index.entries())
    assert names == ["Hardeep Singh Nijjar", "Rajnath Singh", "Subrahmanyam Jaishankar"]
    jaishankar = index.resolve("Jaishankar").unique
    assert jaishankar is not None and jaishankar.weight == 3


async def test_a_surname_seen_first_is_adopted_by_the_full_name(store: Store) -> None:
    for key, name in (("a", "Blinken"), ("b", "Antony Blinken")):
        base = record(key=f"test://{key}")
        await store.save_article(replace(base, extraction=Extraction((PersonMention(name),))))
    entries = (await store.name_index()).entries()
    assert [(e.name, e.weight) for e in entries] == [("Antony Blinken", 2)]


@pytest.mark.parametrize("hostile", ['"', "NEAR(a b)", "a*", "^x", "col:x", "(", "AND OR NOT",
                                     "'; DROP TABLE articles; --", "🙂", "مرحبا", "x" * 10_000])
async def test_hostile_text_never_reaches_fts_as_syntax(seeded: Store, hostile: str) -> None:
    query = parse_topic(hostile)
    if not query.empty:
        await seeded.search(query.match_all(), 5)
        await seeded.search(query.match_any(), 5)
    assert await seeded.article_count() == 5


async def person_counts(store: Store) -> list[tuple[int, int]]:
    """Each person's kept article count beside the count of their appearance rows."""
    return list(await store._conn.execute_fetchall(
        "SELECT p.articles, (SELECT count(*) FROM appearances ap WHERE ap.person_id = p.id) "
        "FROM persons p"))


async def test_article_counts_kept_at_ingest_follow_replacements_and_merges(
        store: Store) -> None:
    for key, names in (("a", ("Blinken",)), ("b", ("Antony Blinken", "Tom Okafor")),
                       ("c", ("Tom Okafor",))):
        base = record(key=f"test://{key}")
        mentions = tuple(PersonMention(name) for name in names)
        await store.save_article(replace(base, extraction=Extraction(people=mentions)))
    await store.save_article(replace(record(STORY.replace("Lagos", "Abuja"), "test://c"),
                                     extraction=Extraction(people=())))
    assert all(kept == actual for kept, actual in await person_counts(store))
    weights = {e.name: e.weight for e in (await store.name_index()).entries()}
    assert weights == {"Antony Blinken": 2, "Tom Okafor": 1}


async def test_a_second_connection_sees_another_process_ingest(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    async with await Store.open(path) as reader, await Store.open(path) as writer:
        assert len(await reader.name_index()) == 0 and await reader.article_count() == 0
        await writer.save_article(record())
        assert await reader.article_count() == 1
        assert (await reader.name_index()).resolve("Rivers").unique is not None


async def test_a_profile_reads_a_bounded_sample_however_often_someone_appears(
        store: Store) -> None:
    for i in range(COMPANION_SAMPLE + 20):
        base = record(key=f"test://{i}")
        people = (PersonMention("Jane Rivers"), PersonMention(f"Tom Okafor{'x' * (i % 3)}"))
        await store.save_article(replace(base, extraction=Extraction(people=people)))
    rivers = (await store.name_index()).resolve("Jane Rivers").unique
    assert rivers is not None
    profile = await store.person_profile(rivers.person_id, appearances=3, companions=3)
    assert profile is not None
    assert profile.article_count == COMPANION_SAMPLE + 20
    assert len(profile.appearances) == 3
    counts = [c.articles for c in profile.companions]
    assert len(counts) == 3 and counts == sorted(counts, reverse=True)
    assert sum(counts) == COMPANION_SAMPLE  # one companion an article, newest articles only
    assert profile.companions_from == COMPANION_SAMPLE
    assert all(len(c.mentions) == 1 for c in profile.companions)


async def test_index_terms_are_spelled_as_the_articles_spell_them(store: Store) -> None:
    await store.save_article(record())
    terms = list(await store.vocabulary())
    spelled = await store.spelled([*terms, "zzqx"])
    words = set(re.findall(r"[^\W_]+", index_text(STORY)))
    assert all(spelled[t] in words for t in terms)  # every term shown as a real word
    assert spelled["miner"] == "minerals" and spelled["zzqx"] == "zzqx"
    assert sum(spelled[t] != t for t in terms) >= 3  # stems were respelled


async def test_the_vocabulary_outlives_commits_for_a_while(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    await store.save_article(record())
    before = await store.vocabulary()
    await store.save_article(record("A zebra crossed the road in Lagos on Monday.", "test://z"))
    assert await store.vocabulary() is before  # not recounted on every commit
    monkeypatch.setattr("bot.store.VOCABULARY_KEPT", 0.0)
    assert "zebra" in await store.vocabulary()
