"""Settings: the only reader of YAML, turning it into frozen dataclasses.

A mistake in the file stops briefbot with one line naming the file and the key, because
a bot that starts with a half-understood config fails later in ways nobody can trace.
The token is deliberately not a setting: it only ever comes from ``DISCORD_TOKEN``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "briefbot.yaml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SOURCE_TYPES = ("folder", "feed", "page")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """A configuration problem, phrased as the one line the user will see."""


@dataclass(frozen=True)
class DiscordSettings:
    prefix: str = "!"
    cooldown_seconds: float = 3.0


@dataclass(frozen=True)
class DigestSettings:
    enabled: bool = False
    time: str = "08:00"
    timezone: str = "UTC"
    post_when_empty: bool = False
    max_stories: int = 8


@dataclass(frozen=True)
class FetchSettings:
    """Limits on every request briefbot makes for a feed or a page."""

    timeout_seconds: float = 20.0
    max_megabytes: float = 5.0
    max_redirects: int = 5
    host_delay_seconds: float = 1.0


@dataclass(frozen=True)
class SourceSettings:
    """One configured source: a folder, an RSS/Atom feed or a single web page."""

    type: str
    name: str
    path: str | None = None
    url: str | None = None

    @property
    def location(self) -> str:
        return self.url or self.path or ""


@dataclass(frozen=True)
class LoggingSettings:
    level: str = "INFO"


@dataclass(frozen=True)
class Settings:
    database: str = "~/.local/share/briefbot/briefbot.db"
    seeds: str = "../seeds"
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    sources: tuple[SourceSettings, ...] = ()
    refresh_minutes: int = 30
    source: str = "(defaults)"
    root: Path = DEFAULT_CONFIG.parent

    @property
    def database_path(self) -> Path:
        return self._resolve(self.database)

    @property
    def seeds_path(self) -> Path:
        return self._resolve(self.seeds)

    def resolve(self, value: str) -> Path:
        """A path from the config, relative to the folder holding the config file."""
        return self._resolve(value)

    def _resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else (self.root / path).resolve()


_SECTIONS = {"discord": DiscordSettings, "digest": DigestSettings, "logging": LoggingSettings,
             "fetch": FetchSettings}
_TOP_LEVEL = {"database": str, "seeds": str, "refresh_minutes": int}
_SOURCE_KEYS = ("type", "path", "url", "name")


def _check_type(value: Any, expected: type, where: str) -> Any:
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {expected.__name__}, got {value!r}")
    return value


def _section(cls: type, data: Any, where: str) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: expected a mapping of keys, got {data!r}")
    known = {f.name: f for f in fields(cls)}
    values = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where}.{key}: unknown key (known: {', '.join(known)})")
        default = getattr(cls(), key)
        values[key] = _check_type(value, type(default), f"{where}.{key}")
    return cls(**values)


def _sources(data: Any, where: str) -> tuple[SourceSettings, ...]:
    """The ``sources:`` list: each entry a folder path, or a feed or page URL (or file)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a list of sources, got {data!r}")
    found: list[SourceSettings] = []
    for number, entry in enumerate(data):
        at = f"{where}[{number}]"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{at}: expected a mapping with type and path or url, "
                              f"got {entry!r}")
        for key, value in entry.items():
            if key not in _SOURCE_KEYS:
                raise ConfigError(f"{at}.{key}: unknown key (known: {', '.join(_SOURCE_KEYS)})")
            _check_type(value, str, f"{at}.{key}")
        kind = entry.get("type")
        if kind not in SOURCE_TYPES:
            raise ConfigError(f"{at}.type: expected one of {', '.join(SOURCE_TYPES)}, "
                              f"got {kind!r}")
        path, url = entry.get("path"), entry.get("url")
        if (path is None) == (url is None):
            raise ConfigError(f"{at}: give either path or url, not both or neither")
        if kind == "folder" and url is not None:
            raise ConfigError(f"{at}.url: a folder source takes a path")
        if url is not None and not re.match(r"^https?://[^/\s]+", url):
            raise ConfigError(f"{at}.url: expected an http:// or https:// URL, got {url!r}")
        name = (entry.get("name") or "").strip() or (url or path or "").rstrip("/")
        if any(source.name == name for source in found):
            raise ConfigError(f"{at}.name: {name!r} names another source too")
        found.append(SourceSettings(type=kind, name=name, path=path, url=url))
    return tuple(found)


def _validate(settings: Settings, name: str) -> None:
    if not _TIME.match(settings.digest.time):
        raise ConfigError(f"{name}: digest.time: expected HH:MM (24-hour), "
                          f"got {settings.digest.time!r}")
    try:
        ZoneInfo(settings.digest.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name}: digest.timezone: unknown timezone "
                          f"{settings.digest.timezone!r}") from None
    if settings.logging.level.upper() not in LOG_LEVELS:
        raise ConfigError(f"{name}: logging.level: expected one of {', '.join(LOG_LEVELS)}, "
                          f"got {settings.logging.level!r}")
    if not settings.discord.prefix.strip():
        raise ConfigError(f"{name}: discord.prefix: must not be empty")
    if settings.discord.cooldown_seconds < 0:
        raise ConfigError(f"{name}: discord.cooldown_seconds: must not be negative")
    if settings.refresh_minutes < 0:
        raise ConfigError(f"{name}: refresh_minutes: must not be negative (0 turns it off)")
    if settings.digest.max_stories < 1:
        raise ConfigError(f"{name}: digest.max_stories: must be at least 1")
    fetch = settings.fetch
    for key in ("timeout_seconds", "max_megabytes"):
        if getattr(fetch, key) <= 0:
            raise ConfigError(f"{name}: fetch.{key}: must be more than 0")
    if fetch.max_redirects < 0 or fetch.host_delay_seconds < 0:
        key = "max_redirects" if fetch.max_redirects < 0 else "host_delay_seconds"
        raise ConfigError(f"{name}: fetch.{key}: must not be negative")


def parse_settings(data: Any, name: str, root: Path) -> Settings:
    """Validate a parsed YAML document; ``name`` is the file shown in errors."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{name}: expected a mapping of keys at the top level")
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{name}: {key}"
        if key in _SECTIONS:
            values[key] = _section(_SECTIONS[key], value, where)
        elif key == "sources":
            values[key] = _sources(value, where)
        elif key in _TOP_LEVEL:
            values[key] = _check_type(value, _TOP_LEVEL[key], where)
        else:
            known = ", ".join([*_TOP_LEVEL, "sources", *_SECTIONS])
            raise ConfigError(f"{where}: unknown key (known: {known})")
    settings = Settings(**values, source=name, root=root)
    _validate(settings, name)
    return settings


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``BRIEFBOT_CONFIG`` (or the shipped file), then environment overrides."""
    env = os.environ if environ is None else environ
    path = Path(env.get("BRIEFBOT_CONFIG") or DEFAULT_CONFIG).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if "BRIEFBOT_CONFIG" in env:
            raise ConfigError(f"{path}: config file not found (from BRIEFBOT_CONFIG)") from None
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from None
    settings = parse_settings(data, str(path), root=path.resolve().parent)
    if env.get("BRIEFBOT_DB"):
        settings = replace(settings, database=env["BRIEFBOT_DB"])
    return settings
