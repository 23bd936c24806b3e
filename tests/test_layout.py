"""Meta-tests: the dependency rule, the docs covering every command, shipped files."""

from __future__ import annotations

import ast
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, SEEDS

from bot.cli import EXPORTS, build_parser

SHARED_SEEDS = PROJECT.parent / "shared" / "seeds"
IO_MODULES = {"aiosqlite", "sqlite3", "discord", "aiohttp", "yaml", "socket", "urllib",
              "http", "subprocess", "bot"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted((PROJECT / "handlers").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PROJECT)))
def test_the_domain_side_does_no_io(path: Path) -> None:
    assert not imports(path) & IO_MODULES


@pytest.mark.parametrize("path", sorted((PROJECT / "handlers" / "core").rglob("*.py")),
                         ids=lambda p: p.name)
def test_the_core_knows_nothing_of_handlers(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level > 1]
    assert not relative and "handlers" not in imports(path)


def test_the_cli_path_does_not_import_discord() -> None:
    probe = "import sys, bot.cli, bot.store; print('discord' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=PROJECT)
    assert result.stdout.strip() == "False"


def test_answering_from_the_cli_loads_neither_extraction_nor_digests() -> None:
    probe = ("import sys, bot.cli; print(sorted(m for m in ('bot.ingest', "
             "'handlers.core.extract', 'handlers.digest', 'multiprocessing') "
             "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=PROJECT)
    assert result.stdout.strip() == "[]"


def test_readme_documents_every_command_and_flag() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert f"briefbot {name}" in readme or f"briefbot [--db PATH] {name}" in readme, name
    for flag in ("--db", "--json", "--more"):
        assert flag in readme
    for export in EXPORTS:
        assert f"export {export}" in readme


def test_ci_runs_the_readme_test_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in ci.splitlines() if "pytest" in line).strip()
    assert test_command in readme


@pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="../shared is not beside the project")
def test_seeds_are_a_byte_for_byte_copy() -> None:
    names = sorted(p.name for p in SHARED_SEEDS.iterdir())
    assert names == sorted(p.name for p in SEEDS.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(SHARED_SEEDS, SEEDS, names, shallow=False)
    assert not mismatch and not errors
