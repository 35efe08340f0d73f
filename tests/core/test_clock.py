"""Time zones come from the pinned tzdata: Kazakhstan is UTC+5 since 1 March 2024."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import FakeClock, local_instant, pin_tzdata, zone


def test_almaty_is_plus_five_in_2025_and_was_plus_six_in_2023() -> None:
    pin_tzdata()
    tz = zone("Asia/Almaty")
    assert datetime(2025, 6, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=5)
    assert datetime(2023, 6, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=6)


def test_local_hearing_time_to_utc() -> None:
    instant = local_instant("2026-03-17", "10:00", "Asia/Almaty")
    assert instant is not None and instant.astimezone(UTC) == datetime(2026, 3, 17, 5, 0, tzinfo=UTC)
    assert local_instant("2026-03-17", None, "Asia/Almaty") is None


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC))
    first = clock.now()
    assert clock.now() == first
    clock.advance(timedelta(hours=2))
    assert clock.now() - first == timedelta(hours=2)
