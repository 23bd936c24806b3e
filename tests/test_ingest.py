"""Ingestion: files and folders, idempotence, edits, near duplicates, bad files."""

from __future__ import annotations

from pathlib import Path

from bot.ingest import ingest_paths
from bot.store import Store

STORY = ("Foreign Minister Ana Costa arrived in Lisbon on Tuesday for talks on trade. "
         "\"We want a fair deal for farmers,\" Costa told reporters after the meeting. "
         "The talks are expected to last two days and to cover fisheries and energy.")


def files(tmp_path: Path, contents: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, content in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return folder


async def test_ingesting_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    folder = files(tmp_path, {"a.txt": STORY, "sub/b.md": STORY.replace("Lisbon", "Porto")})
    first = await ingest_paths(store, [folder])
    again = await ingest_paths(store, [folder])
    assert (first.added, first.unchanged) == (2, 0)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert await store.article_count() == 2


async def test_an_edited_file_replaces_its_old_version(store: Store, tmp_path: Path) -> None:
    folder = files(tmp_path, {"a.txt": STORY})
    await ingest_paths(store, [folder])
    (folder / "a.txt").write_text(STORY.replace("Tuesday", "Wednesday"), encoding="utf-8")
    report = await ingest_paths(store, [folder])
    assert report.updated == 1 and await store.article_count() == 1


async def test_bad_files_are_skipped_with_a_reason(store: Store, tmp_path: Path) -> None:
    folder = files(tmp_path, {"good.txt": STORY, "binary.txt": b"\x00\x01\x02abc",
                              "empty.md": "  \n", "latin1.txt": "café".encode("latin-1"),
                              "image.png": b"\x89PNG", ".hidden/x.txt": STORY})
    report = await ingest_paths(store, [folder, tmp_path / "missing", folder / "image.png"])
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert report.added == 1
    assert reasons["binary.txt"] == "binary file"
    assert reasons["empty.md"] == "empty file"
    assert reasons["latin1.txt"].startswith("not UTF-8 text")
    assert reasons["missing"] == "no such file or folder"
    assert reasons["image.png"].startswith("unsupported file type .png")
    assert "x.txt" not in reasons and await store.article_count() == 1


async def test_a_second_outlets_copy_is_kept_and_marked(store: Store, tmp_path: Path) -> None:
    wire = " ".join([STORY] * 3)
    copy = "Reprinted by The Daily Example.\n\n" + wire.replace("Tuesday", "Tuesday morning")
    folder = files(tmp_path, {"agency.txt": wire, "reprint.txt": copy,
                              "other.txt": "Storms closed the port of Hamburg on Sunday, "
                                           "officials said, and ferries were cancelled. " * 3})
    report = await ingest_paths(store, [folder])
    rows = [row async for row in store.export_articles()]
    marked = {Path(r["path"]).name: r["duplicate_of"] for r in rows}
    ids = {Path(r["path"]).name: r["id"] for r in rows}
    assert report.added == 3 and report.duplicates == 1
    assert marked["reprint.txt"] == ids["agency.txt"]
    assert marked["agency.txt"] is None and marked["other.txt"] is None
