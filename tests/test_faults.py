"""Faults: kill -9 mid-ingest, queries during an ingest, a full or read-only database, and
any user input through the handlers and the Discord renderer.

The short forms run in CI in a few seconds; ``--run-slow`` runs the long forms (20+ kills,
a larger corpus ingested by worker processes, thousands of queries and fuzz examples).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest import Document, ingest, ingest_paths
from bot.render_text import to_json, to_text
from bot.store import Store, StoreError
from handlers.answer import Answer, Status
from handlers.commands import ask

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
OUTLETS = ("Harbour Post", "Meridian Times", "Asia Wire", "Capital Tribune", "Signal Media")
KNOWN = ("who Blinken", "quotes Blinken", "who Lloyd Austin", "summary 2+2", "search defence",
         "who Singh", "who Blinked", "quotes Jaishankar", "summary zebra", "who Nobody Atall")


# -- a corpus made of the seed articles' paragraphs -------------------------------------

def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if len(block.split()) >= 25 and block[-1:] in ".\"”'":
                paragraphs.append(block)
    return paragraphs


def articles(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``n`` articles of 3-8 seed paragraphs, each with a fresh date, outlet and ending."""
    pool = _paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        outlet = rng.choice(OUTLETS)
        body = "\n\n".join(rng.sample(pool, rng.randint(3, 8)))
        yield (f"a{i:05d}.txt", f"date {day.isoformat()} Report number {i} ({outlet})\n\n"
                                f"Source: {outlet}\n\n{body}\n\nThis is report {i} of the day.\n")


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles(n):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def integrity(db: Path) -> tuple[str, list[Any]]:
    with closing(sqlite3.connect(db)) as conn:
        (check,), = conn.execute("PRAGMA integrity_check").fetchall()
        return check, conn.execute("PRAGMA foreign_key_check").fetchall()


def snapshot(db: Path) -> dict[str, dict[str, Any]]:
    """Every article with its sentence, appearance and quote counts, by id (none in a
    file killed before its schema was created)."""
    with closing(sqlite3.connect(db)) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchall():
            return {}
        rows = conn.execute(
            "SELECT a.id, a.source_key, a.content_hash, a.duplicate_of, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id), "
            "(SELECT count(*) FROM appearances p WHERE p.article_id = a.id), "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a"
        ).fetchall()
        (fts,), = conn.execute("SELECT count(*) FROM sentences_fts").fetchall()
        (sentences,), = conn.execute("SELECT count(*) FROM sentences").fetchall()
    assert fts == sentences, "the full-text index lost sync with the sentences"
    return {row[0]: {"key": row[1], "rest": row[2:]} for row in rows}


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def gone(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return True
    return fields[0] == "Z"


# -- kill -9 ------------------------------------------------------------------------

def cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", str(db), *args],
                            cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def kill_rounds(tmp_path: Path, files: int, kills: int, per_round: int = 2,
                max_rounds: int = 40) -> dict[str, Any]:
    """Ingest ``files`` files, killed at random points until ``kills`` kills have landed
    (``per_round`` tries before a round lets an ingest finish); check the database after
    every kill, and after each round compare it with an uninterrupted ingest."""
    folder = write_corpus(tmp_path / "corpus", files)
    reference = tmp_path / "reference.db"
    start = time.perf_counter()
    done = cli(reference, "ingest", str(folder))
    assert done.wait(timeout=600) == 0, done.stderr.read() if done.stderr else ""
    duration = time.perf_counter() - start
    expected = snapshot(reference)
    assert len(expected) == files
    rng = random.Random(20240601)
    db = tmp_path / "victim.db"
    seen = {"kills": 0, "rounds": 0, "partial_sizes": [], "orphans": 0, "duration": duration}
    while seen["kills"] < kills and seen["rounds"] < max_rounds:
        seen["rounds"] += 1
        remove_db(db)
        for _ in range(per_round):
            stored = len(snapshot(db)) if db.exists() else 0
            victim = cli(db, "ingest", str(folder))
            # within the time the rest of the ingest takes, so most kills land mid-way
            time.sleep(rng.uniform(0.05, duration * (1 - stored / files) + 0.2))
            workers = children_of(victim.pid)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=60)
            seen["kills"] += victim.returncode == -signal.SIGKILL
            deadline = time.monotonic() + 10
            while workers and time.monotonic() < deadline and not all(map(gone, workers)):
                time.sleep(0.05)
            for pid in workers:  # orphaned analysis workers would hold a core forever
                if not gone(pid):
                    seen["orphans"] += 1
                    os.kill(pid, signal.SIGKILL)
            if db.exists():
                assert integrity(db) == ("ok", [])
                partial = snapshot(db)
                seen["partial_sizes"].append(len(partial))
                for article_id, row in partial.items():  # whole articles only
                    assert row == expected[article_id]
        finish = cli(db, "ingest", str(folder))
        assert finish.wait(timeout=600) == 0, finish.stderr.read() if finish.stderr else ""
        assert integrity(db) == ("ok", [])
        assert snapshot(db) == expected  # nothing missing, nothing twice, same duplicates
    return seen


def test_kill_9_during_ingest_never_loses_or_doubles_an_article(tmp_path: Path) -> None:
    seen = kill_rounds(tmp_path, files=60, kills=1, max_rounds=3)
    assert seen["orphans"] == 0


@pytest.mark.slow
def test_kill_9_many_times_during_a_parallel_ingest(tmp_path: Path) -> None:
    seen = kill_rounds(tmp_path, files=900, kills=20)  # > POOL_MIN: workers run
    print(f"kill -9: {seen}")
    assert seen["kills"] >= 20
    assert seen["orphans"] == 0
    assert len({size for size in seen["partial_sizes"] if 0 < size < 900}) >= 3  # mid-way


async def test_worker_processes_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    docs = [Document(source_key=f"test://{name}", text=text, path=name)
            for name, text in articles(50)]
    docs.insert(20, Document("test://copy", docs[3].text))  # a copy inside the same batch
    snapshots = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        async with await Store.open(db) as store:
            report = await ingest(store, docs, workers=workers)
            assert report.added == 51
        snapshots.append(snapshot(db))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][next(k for k, v in snapshots[0].items() if v["key"] == "test://copy")][
        "rest"][1] is not None  # the copy is marked a duplicate


# -- queries while an ingest runs --------------------------------------------------------

def check_answer(answer: Answer) -> None:
    assert answer.status in set(Status)
    if answer.ok and answer.command in ("who", "quotes", "summary", "search"):
        assert answer.lines and all(line.citations for line in answer.lines)
    to_text(answer)
    to_json(answer)


async def ask_while_ingesting(tmp_path: Path, documents: int, queries: int) -> set[str]:
    db = tmp_path / "busy.db"
    async with await Store.open(db) as writer:
        await ingest_paths(writer, [SEEDS])
        docs = [Document(source_key=f"test://{name}", text=text, path=name)
                for name, text in articles(documents)]
        readers = [await Store.open(db) for _ in range(3)]
        try:
            writing = asyncio.create_task(ingest(writer, docs))
            rng = random.Random(5)
            requests = [rng.choice(KNOWN) for _ in range(queries)]
            answers = await asyncio.gather(*(ask(readers[i % 3], text)
                                              for i, text in enumerate(requests)))
            report = await writing
        finally:
            for reader in readers:
                await reader.close()
        assert report.added == documents
        cited = set()
        for text, answer in zip(requests, answers, strict=True):
            check_answer(answer)
            if text in ("who Blinken", "quotes Blinken", "summary 2+2"):
                assert answer.ok, text
            cited |= {c.article_id for line in answer.lines for c in line.citations}
        stored = {row["id"] async for row in writer.export_articles()}
    assert cited <= stored
    return cited


async def test_hundreds_of_queries_during_an_ingest(tmp_path: Path) -> None:
    await ask_while_ingesting(tmp_path, documents=40, queries=300)


@pytest.mark.slow
async def test_thousands_of_queries_during_a_large_ingest(tmp_path: Path) -> None:
    await ask_while_ingesting(tmp_path, documents=1000, queries=3000)


@pytest.mark.slow
def test_queries_from_another_process_during_a_cli_ingest(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus", 900)
    db = tmp_path / "shared.db"
    assert cli(db, "ingest", str(SEEDS)).wait(timeout=120) == 0
    writer = cli(db, "ingest", str(folder))

    async def hammer() -> int:
        answered = 0
        async with await Store.open(db) as reader:
            while writer.poll() is None:
                answers = await asyncio.gather(*(ask(reader, text) for text in KNOWN * 20))
                for answer in answers:
                    check_answer(answer)
                answered += len(answers)
        return answered

    answered = asyncio.run(hammer())
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert answered >= 200
    assert integrity(db) == ("ok", [])


# -- a full disk, a read-only database ---------------------------------------------------

async def test_a_full_disk_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    async with await Store.open(db) as store:
        await ingest_paths(store, [SEEDS])
        before = snapshot(db)
        (pages,), = await store._conn.execute_fetchall("PRAGMA page_count")
        await store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # disk "full"
        docs = [Document(source_key=f"test://{name}", text=text)
                for name, text in articles(30)]
        with pytest.raises(StoreError, match="full") as error:
            await ingest(store, docs)
        assert "cannot write to database" in str(error.value)
        assert await store.article_count() == len(before)  # the store is still usable
    assert integrity(db) == ("ok", [])
    assert snapshot(db) == before


async def test_a_read_only_connection_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    async with await Store.open(db) as store:
        await ingest_paths(store, [SEEDS])
        before = snapshot(db)
        await store._conn.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError, match=r"readonly|read-only|read only"):
            await ingest(store, [Document("test://x", next(articles(1))[1])])
        answer = await ask(store, "who Blinken")
        assert answer.ok  # reading still works
    assert integrity(db) == ("ok", [])
    assert snapshot(db) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
def test_a_read_only_file_is_a_one_line_error_from_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    db = folder / "b.db"
    folder.mkdir()
    assert cli(db, "ingest", str(SEEDS)).wait(timeout=120) == 0
    before = snapshot(db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for args in (("ingest", str(write_corpus(tmp_path / "more", 3))), ("who", "Blinken")):
            run = cli(db, *args)
            _, err = run.communicate(timeout=120)
            assert run.returncode in (0, 2), err
            if run.returncode == 2:
                assert err.startswith("briefbot: error:") and err.count("\n") == 1, err
                assert "Traceback" not in err
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert integrity(db) == ("ok", [])
    assert snapshot(db) == before


# -- any input through the handlers and the Discord renderer -----------------------------

MASS_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d{17,20}>")
HOSTILE = st.sampled_from(["@everyone", "@here", "<@&123456789012345678>",
                           "<@!123456789012345678>", "**", "`", "||", "\\", "NEAR(a b)",
                           "\"", "2+2", "Blinken", "Singh", "x" * 3000, "\u200b", "🙂"])
INPUTS = st.lists(st.one_of(st.text(max_size=60), HOSTILE), max_size=6).map(" ".join)
COMMAND = st.sampled_from(["who", "quotes", "summary", "search", "help", "!who", "/search",
                           "", "bogus"])


@pytest.fixture(scope="module")
def seeded_loop() -> Iterator[tuple[asyncio.AbstractEventLoop, Store]]:
    """One seeded store for every fuzz example (hypothesis reruns the test body)."""
    loop = asyncio.new_event_loop()
    store = loop.run_until_complete(Store.open(":memory:"))
    loop.run_until_complete(ingest_paths(store, [SEEDS]))
    yield loop, store
    loop.run_until_complete(store.close())
    loop.close()


def check_discord(answer: Answer) -> None:
    render = pytest.importorskip("bot.discord.render")
    for page in render.render(answer, embeds=True):
        embed = page.embed
        assert embed is not None and len(embed) <= 6000
        assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
        assert len(embed.fields) <= 25
        texts = [embed.title or "", embed.description or "", embed.footer.text or ""]
        for field in embed.fields:
            assert 0 < len(field.name or "") <= 256 and 0 < len(field.value or "") <= 1024
            texts += [field.name or "", field.value or ""]
        assert len(embed.footer.text or "") <= 2048
        assert not any(MASS_MENTION.search(text) for text in texts), texts
    for page in render.render(answer, embeds=False):
        assert page.content and len(page.content) <= 2000
        assert not MASS_MENTION.search(page.content), page.content


def fuzz_commands(loop: asyncio.AbstractEventLoop, store: Store, command: str,
                  text: str) -> None:
    answer = loop.run_until_complete(ask(store, f"{command} {text}"))
    check_answer(answer)
    check_discord(answer)
    names = loop.run_until_complete(store.name_index()).complete(text)
    assert len(names) <= 25


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=COMMAND, text=INPUTS)
def test_any_input_is_answered_within_discord_limits(
        seeded_loop: tuple[asyncio.AbstractEventLoop, Store], command: str, text: str) -> None:
    fuzz_commands(*seeded_loop, command, text)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=COMMAND, text=INPUTS)
def test_any_input_long_run(seeded_loop: tuple[asyncio.AbstractEventLoop, Store],
                            command: str, text: str) -> None:
    fuzz_commands(*seeded_loop, command, text)
