"""What time it is, asked of an injected clock, and the court's time zones.

Everything that needs "now" takes a `Clock`; tests and the demo use `FakeClock` and move it by hand.
"""

from __future__ import annotations

import time
import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Protocol


def pin_tzdata() -> None:
    """Read zones from the pinned `tzdata` package only.

    zoneinfo prefers the system's database, and an image with old data still puts Kazakhstan at +06:00
    (it moved to +05:00 on 1 March 2024).
    """
    zoneinfo.reset_tzpath(to=[])
    zone.cache_clear()


@lru_cache(maxsize=64)
def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...

    def timestamp(self) -> int:
        """The current instant as Unix seconds."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def timestamp(self) -> int:
        return int(time.time())


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 3, 10, 6, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")

    def now(self) -> datetime:
        return self._now

    def timestamp(self) -> int:
        return int(self._now.timestamp())

    def advance(self, delta: timedelta | float) -> datetime:
        if not isinstance(delta, timedelta):
            delta = timedelta(seconds=delta)
        self._now += delta
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)




def utc_from_ts(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def to_ts(dt: datetime) -> int:
    return int(dt.timestamp())


def local_instant(local_date: str, local_time: str | None, tz: str) -> datetime | None:
    """A court-local date and time → aware datetime in that zone (None without a time)."""
    if local_time is None:
        return None
    return datetime.fromisoformat(f"{local_date}T{local_time}").replace(tzinfo=zone(tz))


__all__ = ["Clock", "FakeClock", "SystemClock", "local_instant", "pin_tzdata", "timedelta", "to_ts", "zone"]
