"""Settings: defaults, environment overrides, and one clear line for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.settings import DEFAULT_CONFIG, ConfigError, load_settings, parse_settings


def write(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "conf" / "briefbot.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return {"BRIEFBOT_CONFIG": str(path)}


def test_the_shipped_config_is_valid_and_matches_the_defaults() -> None:
    shipped = parse_settings(yaml.safe_load(DEFAULT_CONFIG.read_text()), "shipped",
                             DEFAULT_CONFIG.parent)
    defaults = parse_settings({}, "shipped", DEFAULT_CONFIG.parent)
    assert shipped == defaults
    assert shipped.seeds_path == (DEFAULT_CONFIG.parent.parent / "seeds").resolve()


def test_environment_overrides_the_database(tmp_path: Path) -> None:
    env = {**write(tmp_path, "database: /somewhere/else.db\n"), "BRIEFBOT_DB": "/x/y.db"}
    assert load_settings(env).database_path == Path("/x/y.db")


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "seeds: articles\n"))
    assert settings.seeds_path == tmp_path / "conf" / "articles"


@pytest.mark.parametrize(("text", "message"), [
    ("colour: blue\n", "colour: unknown key"),
    ("discord:\n  prefix: 3\n", "discord.prefix: expected str"),
    ("discord:\n  prefixx: '!'\n", "discord.prefixx: unknown key"),
    ("digest:\n  enabled: 'yes'\n", "digest.enabled: expected bool"),
    ("digest:\n  time: '25:00'\n", "digest.time: expected HH:MM"),
    ("digest:\n  timezone: Mars/Olympus\n", "digest.timezone: unknown timezone"),
    ("logging:\n  level: LOUD\n", "logging.level: expected one of"),
    ("discord: [1, 2]\n", "discord: expected a mapping"),
    ("- a\n- b\n", "expected a mapping of keys at the top level"),
    ("a: [\n", "not valid YAML (line 2)"),
    ("discord:\n  cooldown_seconds: -1\n", "discord.cooldown_seconds: must not be negative"),
])
def test_a_bad_config_names_the_file_and_the_key(tmp_path: Path, text: str,
                                                  message: str) -> None:
    env = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_settings(env)
    line = str(error.value)
    assert env["BRIEFBOT_CONFIG"] in line and message in line and "\n" not in line


def test_a_missing_config_named_by_the_environment_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings({"BRIEFBOT_CONFIG": str(tmp_path / "nope.yaml")})


def test_an_unreadable_config_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings({"BRIEFBOT_CONFIG": str(path)})


def test_the_token_is_not_a_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="token: unknown key"):
        load_settings(write(tmp_path, "token: abc\n"))
