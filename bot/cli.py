"""The ``briefbot`` command line: a thin adapter mirroring the handlers call for call.

Its commands, flags, exit codes and JSON shapes are a public contract (see README):
extend them, never break them. discord.py is imported only by ``run``, so answering from
the terminal stays fast.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from handlers import summary
from handlers.answer import Answer, Status
from handlers.commands import COMMANDS, ask

from .corpus import open_store
from .render_text import to_json, to_text
from .settings import ConfigError, Settings, load_settings
from .store import Store, StoreError

EXIT_OK, EXIT_NO_ANSWER, EXIT_USAGE = 0, 1, 2
EXIT_PIPE_CLOSED = 141  # what a shell reports for a writer stopped by SIGPIPE
EXPORTS = ("people", "quotes", "articles")
PROGRESS_MIN_FILES = 20


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Sourced briefings on news articles: who, quotes, summary, search.",
        epilog="Without --db, the configured database is used and the seed articles are "
               "loaded into it the first time it is queried while empty.")
    parser.add_argument("--db", metavar="PATH",
                        help="database file to use (holds exactly what was ingested into it)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest", help="load .txt/.md files or folders of them, or a feed or page URL")
    ingest.add_argument("paths", nargs="+", metavar="PATH")

    asking = commands.add_parser("ask", help='answer a request as typed in Discord, e.g. '
                                             '"who Austin" or "!quotes Blinken"')
    asking.add_argument("request", nargs="+")
    asking.add_argument("--json", action="store_true", help="print the answer as JSON")

    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.description)
        sub.add_argument("query", nargs="*" if name == "help" else "+", metavar="TEXT")
        sub.add_argument("--json", action="store_true", help="print the answer as JSON")
        if name == "summary":
            sub.add_argument("--more", action="store_true", help="a longer briefing")

    export = commands.add_parser("export", help="print people, quotes or articles as JSON Lines")
    export.add_argument("what", choices=EXPORTS)

    commands.add_parser("refresh", help="read new articles from the configured sources once")
    sources = commands.add_parser("sources", help="list the sources and how each last went")
    sources.add_argument("--json", action="store_true", help="one JSON object per source")
    digesting = commands.add_parser(
        "digest", help="the digest of what arrived since DATE (default: the last 24 hours)")
    digesting.add_argument("--since", metavar="DATE",
                           help="YYYY-MM-DD (midnight in the digest timezone) or an ISO time")
    digesting.add_argument("--json", action="store_true", help="print the digest as JSON")

    commands.add_parser("run", help="serve the commands on Discord (token from DISCORD_TOKEN)")
    sync = commands.add_parser("sync", help="register the slash commands with Discord")
    sync.add_argument("--guild", type=int, metavar="ID",
                      help="in this server only (instant) instead of globally")
    sync.add_argument("--clear", action="store_true",
                      help="remove the slash commands (globally, or from --guild) instead")
    return parser


class Terminal:
    """Where the CLI writes: answers to stdout, progress and problems to stderr."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(text, file=self.err)

    def progress_bar(self, total: int) -> Callable[[int, int], None] | None:
        if total < PROGRESS_MIN_FILES or not self.err.isatty():
            return None

        def show(done: int, total: int = total) -> None:
            filled = int(30 * done / max(total, 1))
            end = "\n" if done >= total else ""
            self.err.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{end}")
            self.err.flush()
        return lambda done, _total: show(done)


async def _answer(store: Store, args: argparse.Namespace, term: Terminal) -> int:
    if args.command == "ask":
        answer = await ask(store, " ".join(args.request))
    elif getattr(args, "more", False):
        answer = await summary.handle(store, " ".join(args.query), more=True)
    else:
        answer = await COMMANDS[args.command].handle(store, " ".join(args.query))
    term.say(to_json(answer) if args.json else to_text(answer))
    return _exit_code(answer)


def _exit_code(answer: Answer) -> int:
    if answer.status is Status.USAGE:
        return EXIT_USAGE
    return EXIT_OK if answer.ok else EXIT_NO_ANSWER


async def _export(store: Store, what: str, term: Terminal) -> int:
    rows: AsyncIterator[dict[str, Any]] = {
        "people": store.export_people, "quotes": store.export_quotes,
        "articles": store.export_articles}[what]()
    async for row in rows:
        term.say(json.dumps(row, ensure_ascii=False))
    return EXIT_OK


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


async def _ingest(store: Store, paths: Sequence[str], settings: Settings,
                  term: Terminal) -> int:
    from .ingest import IngestReport, Skipped, find_files, ingest_paths  # extraction: only here
    urls = [p for p in paths if _is_url(p)]
    paths = [p for p in paths if not _is_url(p)]
    report = IngestReport()
    if paths:
        files, _ = find_files(paths)
        report = await ingest_paths(store, paths, progress=term.progress_bar(len(files)))
    if urls:
        from .sources.refresh import Refresher  # aiohttp and feedparser only when needed
        refresher = Refresher(store, settings)
        for url in urls:
            fetched = await refresher.ingest_url(url)
            for key in ("added", "updated", "unchanged", "duplicates"):
                setattr(report, key, getattr(report, key) + getattr(fetched.ingest, key))
            report.skipped += fetched.ingest.skipped
            if fetched.error:
                report.skipped.append(Skipped(url, fetched.error))
    for skipped in report.skipped:
        term.warn(f"skipped {skipped.source}: {skipped.reason}")
    term.say(report.summary())
    return EXIT_OK if report.stored or not report.skipped else EXIT_NO_ANSWER


async def _refresh(store: Store, settings: Settings, term: Terminal) -> int:
    if not settings.sources:
        term.warn(f"No sources configured: add some under sources: in {settings.source} "
                  "(see docs/digest.md).")
        return EXIT_NO_ANSWER
    from .sources.refresh import Refresher  # aiohttp and feedparser only when needed
    reports = await Refresher(store, settings).refresh()
    for report in reports:
        term.say(report.line())
        for skipped in report.ingest.skipped:
            term.warn(f"  skipped {skipped.source}: {skipped.reason}")
    return EXIT_NO_ANSWER if any(r.error for r in reports) else EXIT_OK


async def _sources(store: Store, settings: Settings, as_json: bool, term: Terminal) -> int:
    from .sources.refresh import configured_status
    from .sources.status import merge
    statuses = merge(configured_status(settings), await store.source_statuses())
    if not statuses:
        term.warn(f"No sources configured: add some under sources: in {settings.source} "
                  "(see docs/digest.md).")
        return EXIT_NO_ANSWER
    for status in statuses:
        term.say(json.dumps(asdict(status), ensure_ascii=False) if as_json
                 else status.describe())
    return EXIT_OK


def parse_since(text: str, zone: ZoneInfo) -> datetime:
    """``YYYY-MM-DD`` (midnight in ``zone``) or an ISO time (in ``zone`` unless it says)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since: expected a date (YYYY-MM-DD) or an ISO time, "
                         f"got {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


async def _digest(store: Store, settings: Settings, args: argparse.Namespace,
                  term: Terminal) -> int:
    from handlers import digest  # only this command needs it: answers start sooner
    zone = ZoneInfo(settings.digest.timezone)
    now = datetime.now(zone)
    if args.since:
        try:
            since = parse_since(args.since, zone)
        except ValueError as exc:
            term.warn(f"briefbot: error: {exc}")
            return EXIT_USAGE
    else:
        since = now - timedelta(days=1)
    window = digest.Window(upto_seq=await store.arrival_mark(),
                           since=since.astimezone(UTC).isoformat(timespec="seconds"))
    label = f"{since.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}"
    answer = await digest.handle(store, digest.DigestRequest(
        window, now, label, max_stories=settings.digest.max_stories))
    term.say(to_json(answer) if args.json else to_text(answer))
    return _exit_code(answer)


async def _run(args: argparse.Namespace, settings: Settings, term: Terminal) -> int:
    def seeding(folder: Path) -> None:
        term.warn(f"First use: loading the seed articles from {folder} …")

    if args.command in ("run", "sync"):
        from .discord import runner  # discord.py is loaded only to talk to Discord
        if args.command == "run":
            return await runner.run(settings, db=args.db, err=term.err)
        return await runner.sync(settings, args.guild, clear=args.clear, out=term.out,
                                 err=term.err)

    store = await open_store(settings, args.db, on_seed=seeding)
    async with store:
        if args.command == "ingest":
            return await _ingest(store, args.paths, settings, term)
        if args.command == "export":
            return await _export(store, args.what, term)
        if args.command == "refresh":
            return await _refresh(store, settings, term)
        if args.command == "sources":
            return await _sources(store, settings, args.json, term)
        if args.command == "digest":
            return await _digest(store, settings, args, term)
        return await _answer(store, args, term)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    term = Terminal(out or sys.stdout, err or sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(term.out)
        return EXIT_USAGE
    try:
        settings = load_settings()
        return asyncio.run(_run(args, settings, term))
    except (ConfigError, StoreError) as exc:
        term.warn(f"briefbot: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        term.warn("briefbot: interrupted")
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): stop quietly, as cat does
        if term.out is sys.stdout:  # the interpreter's last flush would fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
