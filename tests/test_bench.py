"""The scale benchmark runs end to end on a tiny corpus and prints its table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import scale


def test_the_scale_benchmark_prints_every_figure_with_the_naive_ratio(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scale.main(["--sizes", "120", "--rounds", "1", "--dir", str(tmp_path),
                       "--json", str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Machine: ")
    rows = [line for line in out.splitlines() if line.startswith("| 120 |")]
    assert len(rows) == 2  # the ingest row and the latency row
    assert "naive LIKE scan" in out and rows[1].count("%, n=") == 6  # six commands, ratios
    assert "WARNING" not in out  # the CLI path does not import discord.py
