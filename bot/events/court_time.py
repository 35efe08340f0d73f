"""When a hearing is, in the court's zone: today there, its instant, whether it still lies ahead, quiet hours.

A hearing is a court-local date, an optional time and an IANA zone; instants are computed here when
needed. A date-only hearing has no instant: it counts as ahead until its day ends in
the court's zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from bot.clock import zone

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def check_date(value: str) -> str:
    """A `YYYY-MM-DD` string, or ValueError."""
    date.fromisoformat(value)
    if len(value) != 10:
        raise ValueError(f"expected YYYY-MM-DD, got {value!r}")
    return value


def check_time(value: str | None) -> str | None:
    """An `HH:MM` string (24 h) or None, or ValueError."""
    if value is None:
        return None
    if not _HHMM.match(value):
        raise ValueError(f"expected HH:MM, got {value!r}")
    return value


def court_today(tz: str, now: datetime) -> str:
    """Today's date in the court's zone, `YYYY-MM-DD`."""
    return now.astimezone(zone(tz)).date().isoformat()


def local_at(local_date: str, clock_time: str, tz: str) -> datetime:
    """A court-local date and `HH:MM` → an aware datetime in that zone."""
    hh, mm = (int(x) for x in clock_time.split(":"))
    return datetime.combine(date.fromisoformat(local_date), time(hh, mm), tzinfo=zone(tz))


def start_of(local_date: str, local_time: str | None, tz: str) -> datetime | None:
    """The hearing's instant (aware, court zone); None for a date-only hearing."""
    return None if local_time is None else local_at(local_date, local_time, tz)


def ahead_until(local_date: str, local_time: str | None, tz: str) -> int:
    """Unix seconds until which the hearing lies ahead: its start, or the end of its day when it has no time."""
    if local_time is not None:
        return int(local_at(local_date, local_time, tz).timestamp())
    next_day = (date.fromisoformat(local_date) + timedelta(days=1)).isoformat()
    return int(local_at(next_day, "00:00", tz).timestamp())


def is_ahead(local_date: str, local_time: str | None, tz: str, now: int) -> bool:
    return now < ahead_until(local_date, local_time, tz)


def parse_quiet_hours(spec: str) -> tuple[int, int] | None:
    """`"22:00-08:00"` → (start, end) in minutes after midnight; empty or `off` → None."""
    spec = spec.strip()
    if not spec or spec.lower() in ("off", "none", "-"):
        return None
    start, sep, end = spec.partition("-")
    if not sep or check_time(start.strip()) is None or check_time(end.strip()) is None:
        raise ValueError(f"expected HH:MM-HH:MM, got {spec!r}")
    a = [int(x) for x in start.strip().split(":")]
    b = [int(x) for x in end.strip().split(":")]
    return a[0] * 60 + a[1], b[0] * 60 + b[1]


def in_quiet_hours(spec: str, tz: str, now: datetime) -> bool:
    """Whether `now` falls in the quiet hours, read on the court's clock (the window may wrap midnight)."""
    try:
        window = parse_quiet_hours(spec)
    except ValueError:
        return False
    if window is None:
        return False
    local = now.astimezone(zone(tz))
    minute = local.hour * 60 + local.minute
    start, end = window
    if start == end:
        return False
    return start <= minute < end if start < end else minute >= start or minute < end


def utc(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
