"""A folder of .txt/.md files as a source: new and changed files are picked up.

Unchanged files cost one hash comparison in the store; an edited file replaces its old
version, exactly as ``briefbot ingest PATH`` does.
"""

from __future__ import annotations

from pathlib import Path

from bot.ingest import Document, Skipped, find_files, read_file


class FolderError(ValueError):
    """Why a folder cannot be read at all."""


def folder_documents(path: Path) -> list[Document | Skipped]:
    if not path.is_dir():
        raise FolderError(f"no such folder: {path}")
    files, _ = find_files([path])
    return [read_file(file) for file in files]
