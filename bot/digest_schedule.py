"""When a channel's daily digest is due: pure decisions, given the time from outside.

A digest is due when the most recent scheduled moment (the configured local time, today
or yesterday) is later than the digest last posted to that channel and than the moment
the settings were last changed. That one rule gives exactly once (a posted slot is never
due again, across restarts), catch-up (a slot missed while the bot was down is the most
recent one, so it is posted once on start) and safety against clocks that jump: however
far the clock moves forward, only the latest slot is due; moved back, none is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class GuildDigest:
    """A server's digest settings as an admin set them; None means the config's value."""

    guild_id: int
    channel_id: int | None
    time: str | None
    timezone: str | None
    enabled: bool
    admin_id: int | None
    paused_reason: str | None
    updated_at: str


@dataclass(frozen=True)
class DigestPost:
    """The last digest a channel was given: its slot (UTC), and the arrivals it covered."""

    channel_id: int
    guild_id: int | None
    slot: str
    last_seq: int
    posted_at: str
    outcome: str


@dataclass(frozen=True)
class Schedule:
    """A local time of day in a timezone."""

    time: str
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def clock(self) -> time:
        hours, minutes = parse_time(self.time)
        return time(hours, minutes)

    def loop_time(self) -> time:
        """The ``time=`` entry for ``discord.ext.tasks.loop``."""
        return self.clock.replace(tzinfo=self.zone)

    def __str__(self) -> str:
        return f"{self.time} {self.timezone}"


def parse_time(text: str) -> tuple[int, int]:
    """``"08:00"`` → ``(8, 0)``; ValueError for anything but a 24-hour HH:MM."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or len(minutes) != 2 or not (hours.isdigit() and minutes.isdigit()):
        raise ValueError(f"expected HH:MM (24-hour), got {text!r}")
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueError(f"expected HH:MM (24-hour), got {text!r}")
    return h, m


def check_timezone(name: str) -> str:
    """The name if it is an IANA timezone; ValueError otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {name!r} (e.g. Europe/Berlin, UTC)") from None
    return name


def now() -> datetime:
    """The real time: the one place the digest reads the clock (tests replace it)."""
    return datetime.now(UTC)


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must carry a timezone")
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    """The one text form of a moment stored in the database (UTC, seconds)."""
    return utc(moment).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _at(day: datetime, schedule: Schedule) -> datetime:
    local = datetime.combine(day.date(), schedule.clock, tzinfo=schedule.zone)
    return utc(local)


def latest_slot(now: datetime, schedule: Schedule) -> datetime:
    """The most recent scheduled moment at or before ``now`` (in UTC)."""
    local = utc(now).astimezone(schedule.zone)
    slot = _at(local, schedule)
    if slot > utc(now):
        slot = _at(local - timedelta(days=1), schedule)
    return slot


def next_slot(now: datetime, schedule: Schedule) -> datetime:
    """The first scheduled moment after ``now`` (in UTC)."""
    local = utc(now).astimezone(schedule.zone)
    for days in (0, 1, 2):  # two days cover any DST shift
        slot = _at(local + timedelta(days=days), schedule)
        if slot > utc(now):
            return slot
    raise AssertionError("unreachable: a slot exists within two days")


def due(now: datetime, schedule: Schedule, *, last_slot: datetime | None,
        changed_at: datetime | None = None) -> datetime | None:
    """The slot to post now, or None: posted already, or set up after it passed."""
    slot = latest_slot(now, schedule)
    if last_slot is not None and slot <= utc(last_slot):
        return None
    if changed_at is not None and slot < utc(changed_at):
        return None
    return slot


def schedule_for(guild: GuildDigest, default: Schedule) -> Schedule:
    return Schedule(guild.time or default.time, guild.timezone or default.timezone)


def postable(guild: GuildDigest) -> bool:
    """Switched on, a channel chosen, and not paused by a permission problem."""
    return guild.enabled and guild.channel_id is not None and guild.paused_reason is None


def loop_times(guilds: Iterable[GuildDigest], default: Schedule) -> list[time]:
    """Every distinct moment of day a digest is due somewhere, for ``tasks.loop(time=…)``."""
    schedules = {schedule_for(g, default) for g in guilds if postable(g)} or {default}
    return [s.loop_time() for s in sorted(schedules, key=str)]
