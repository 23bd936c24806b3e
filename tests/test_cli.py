"""The CLI contract as documented in the README: commands, flags, JSON shapes, exit codes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEEDS, Result

from bot.cli import main

CITATION_KEYS = {"article_id", "title", "outlet", "date", "path", "snippet"}
FURNITURE = ("Download NewsApp", "Print this article", "Image Source", "Get Rediff News",
             "Litmus Test", "Copyright", "Sign in", "All rights reserved")

Cli = Callable[..., Result]


def test_the_first_question_loads_the_seeds_and_answers(cli: Cli, isolated_env: Path) -> None:
    result = cli("ask", "who Austin")
    assert result.code == 0, result.err
    assert "First use: loading the seed articles" in result.err
    assert "Lloyd Austin" in result.out and "Secretary of Defense" in result.out
    assert isolated_env.exists()
    assert "First use" not in cli("ask", "who Austin").err


@pytest.mark.parametrize("request_text", ["who Austin", "!who Austin", "/who Austin"])
def test_ask_accepts_a_leading_prefix(cli: Cli, request_text: str) -> None:
    answer = cli("ask", request_text, "--json").json()
    assert answer["command"] == "who" and answer["query"] == "Austin"


def test_json_answers_have_the_documented_shape_and_every_line_cites(cli: Cli) -> None:
    for args in (("who", "Austin"), ("quotes", "Blinken"), ("summary", "2+2"),
                 ("ask", "search critical minerals")):
        answer = cli(*args, "--json").json()
        assert {"command", "query", "title", "lines", "suggestions"} <= answer.keys()
        assert answer["status"] == "ok", (args, answer["title"])
        assert answer["lines"]
        for line in answer["lines"]:
            assert line["citations"], (args, line)
            for citation in line["citations"]:
                assert citation.keys() >= CITATION_KEYS
                assert citation["snippet"]


def test_who_austin_names_him_with_his_title_from_two_articles(cli: Cli) -> None:
    answer = cli("who", "Austin", "--json").json()
    assert answer["title"] == "Lloyd Austin"
    first = answer["lines"][0]
    assert "Secretary of Defense" in first["text"] or "Defence Secretary" in first["text"]
    articles = {c["article_id"] for line in answer["lines"] for c in line["citations"]}
    assert len(articles) >= 2


def test_quotes_blinken_lists_cited_quotes(cli: Cli) -> None:
    answer = cli("quotes", "Blinken", "--json").json()
    texts = " ".join(line["text"] for line in answer["lines"])
    assert "free and open" in texts and "wonderful to be here in India" in texts


def test_summary_draws_on_at_least_three_articles(cli: Cli) -> None:
    answer = cli("summary", "2+2", "--json").json()
    articles = {c["article_id"] for line in answer["lines"] for c in line["citations"]}
    texts = [line["text"] for line in answer["lines"]]
    assert len(articles) >= 3 and len(texts) == len(set(texts))


def test_a_typo_and_an_ambiguous_name(cli: Cli) -> None:
    assert cli("who", "Blinked", "--json").json()["title"] == "Antony Blinken"
    singh = cli("who", "Singh", "--json")
    assert singh.code == 1 and singh.json()["status"] == "ambiguous"
    assert {"Rajnath Singh", "Hardeep Singh Nijjar"} <= set(singh.json()["suggestions"])


def test_no_match_says_so_and_suggests(cli: Cli) -> None:
    result = cli("who", "Blinkenstein")
    assert result.code == 1
    assert "No one called 'Blinkenstein' in 5 articles" in result.out
    assert "Antony Blinken" in result.out


def test_bad_requests_get_usage_not_tracebacks(cli: Cli) -> None:
    unknown = cli("ask", "weather Delhi")
    assert unknown.code == 1 and "who NAME" in unknown.out and "summary TOPIC" in unknown.out
    empty = cli("ask", "who")
    assert empty.code == 2 and "Usage: who NAME" in empty.out
    assert cli().code == 2


def test_exports_are_json_lines_with_the_documented_keys(cli: Cli) -> None:
    articles = cli("export", "articles").json_lines()
    assert len(articles) == 5
    assert all({"id", "path", "title", "outlet", "date", "words", "duplicate_of"} <= a.keys()
               for a in articles)
    people = cli("export", "people").json_lines()
    assert all({"name", "aliases", "roles", "article_ids", "mentions"} <= p.keys()
               for p in people)
    quotes = cli("export", "quotes").json_lines()
    assert quotes and all(q["kind"] in {"direct", "partial", "reported"} for q in quotes)
    assert all({"speaker", "kind", "text", "cue", "article"} <= q.keys() for q in quotes)
    assert all({"id", "path", "title", "outlet", "date"} <= q["article"].keys() for q in quotes)


def test_no_page_furniture_in_answers_or_exports(cli: Cli) -> None:
    outputs = [cli("export", what).out for what in ("people", "quotes", "articles")]
    outputs += [cli(*args).out for args in (("who", "Austin"), ("who", "Blinken"),
                                            ("quotes", "Jaishankar"), ("summary", "2+2"),
                                            ("summary", "India US relationship"))]
    for output in outputs:
        for junk in FURNITURE:
            assert junk not in output


def test_a_named_database_holds_only_what_was_ingested(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "fresh" / "mine.db")
    assert cli("--db", db, "who", "Austin").code == 1
    ingest = cli("--db", db, "ingest", str(SEEDS))
    assert ingest.code == 0 and ingest.out.strip() == "5 added, 0 updated, 0 unchanged, 0 skipped"
    assert cli("--db", db, "ingest", str(SEEDS)).out.startswith("0 added, 0 updated, 5 unchanged")
    assert cli("--db", db, "who", "Austin").code == 0


def test_ingest_fails_only_when_nothing_could_be_ingested(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    failed = cli("--db", db, "ingest", str(bad))
    assert failed.code == 1 and "skipped" in failed.err and "binary file" in failed.err
    mixed = cli("--db", db, "ingest", str(bad), str(SEEDS))
    assert mixed.code == 0 and "5 added" in mixed.out


def test_database_errors_are_one_line(cli: Cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    result = cli("--db", str(junk), "who", "Austin")
    assert result.code == 2 and result.err.startswith("briefbot: error:")
    assert "Traceback" not in result.err


def test_config_errors_are_one_line(cli: Cli, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("digest:\n  time: noon\n")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))
    result = cli("who", "Austin")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and "digest.time" in result.err


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone, as in ``briefbot export people | head -1``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_stops_early_ends_the_command_quietly(cli: Cli,
                                                            isolated_env: Path) -> None:
    cli("ask", "who Austin")  # the seeds are loaded
    err = io.StringIO()
    assert main(["export", "people"], out=ClosedPipe(), err=err) == 141
    assert err.getvalue() == ""
