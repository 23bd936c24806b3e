"""Shared fixtures: an isolated environment, stores, and the CLI as a function."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.ingest import Document, ingest
from bot.store import Store

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true",
                     help="also run the long fault and scale tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="long run: use --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the user's config or database, or sees a real token."""
    for name in ("BRIEFBOT_CONFIG", "DISCORD_TOKEN", "BRIEFBOT_DISCORD_API_BASE",
                 "BRIEFBOT_DISCORD_GATEWAY"):
        monkeypatch.delenv(name, raising=False)
    database = tmp_path / "default" / "briefbot.db"
    monkeypatch.setenv("BRIEFBOT_DB", str(database))
    return database


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    """An empty in-memory store with the schema applied."""
    opened = await Store.open(":memory:")
    yield opened
    await opened.close()


@pytest.fixture
async def seeded(store: Store) -> Store:
    """The in-memory store holding the five seed articles."""
    from bot.ingest import ingest_paths
    await ingest_paths(store, [SEEDS])
    return store


@pytest.fixture
def make_store(store: Store) -> Callable[..., Any]:
    """Ingest short texts written for a test: ``await make_store({"a.txt": "..."})``."""
    async def load(texts: dict[str, str]) -> Store:
        docs = [Document(source_key=f"test://{name}", text=text, path=name)
                for name, text in texts.items()]
        await ingest(store, docs)
        return store
    return load


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the briefbot CLI in process and capture what it prints."""
    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = main(list(args), out=out, err=err)
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        return Result(code, out.getvalue(), err.getvalue())
    return run
