"""The reminder tick on a fake clock: the right moments in the court's zone, once each, never stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.delivery.render import still_due
from bot.events.court_time import local_at
from bot.events.hearings import add_hearing, cancel_hearing
from bot.events.reminders import reminder_tick
from tests.events.world import World

A, B = 201, 202
# 2026-03-17 10:00 in Almaty is 05:00 UTC: Kazakhstan has been on +05:00, without DST, since March 2024.
HEARING_UTC = datetime(2026, 3, 17, 5, 0, tzinfo=UTC)


async def _hearing(w: World, date: str = "2026-03-17", time: str | None = "10:00") -> int:
    async with w.store.transaction() as tx:
        res = await add_hearing(tx, w.clock, case=w.case(), local_date=date, local_time=time)
    assert res.hearing_id is not None and res.kind == "hearing_new"
    return res.hearing_id


async def _reminders(w: World, chat: int) -> list[str]:
    return [str(r["dedupe_key"]).rsplit(":", 1)[1] for r in await w.rows(chat)
            if r["kind"] == "reminder" and r["state"] == "pending"]


def test_almaty_is_plus_five_without_dst() -> None:
    assert local_at("2026-03-17", "10:00", "Asia/Almaty").utcoffset() == timedelta(hours=5)
    assert local_at("2026-07-17", "10:00", "Asia/Almaty").utcoffset() == timedelta(hours=5)
    assert local_at("2023-03-17", "10:00", "Asia/Almaty").utcoffset() == timedelta(hours=6)


async def test_default_reminders_fire_at_24h_and_2h_before_in_court_time(world: World) -> None:
    await world.follow(A, "hearings")
    await _hearing(world)
    world.clock.set(HEARING_UTC - timedelta(hours=24, seconds=1))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.advance(1)
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["1440"]
    # Restart-safe: ticking again (or after a restart) queues nothing new.
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(HEARING_UTC - timedelta(hours=2))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["1440", "120"]
    rows = [r for r in await world.rows(A) if r["kind"] == "reminder"]
    assert {r["priority"] for r in rows} == {5}
    world.clock.set(HEARING_UTC + timedelta(minutes=1))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0


async def test_date_only_hearing_reminds_at_18_the_evening_before_and_08_that_morning(world: World) -> None:
    await world.follow(A, "all")
    await _hearing(world, time=None)
    evening = datetime(2026, 3, 16, 13, 0, tzinfo=UTC)  # 18:00 in Almaty
    world.clock.set(evening - timedelta(seconds=1))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(evening)
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    world.clock.set(datetime(2026, 3, 17, 2, 59, tzinfo=UTC))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(datetime(2026, 3, 17, 3, 0, tzinfo=UTC))  # 08:00 in Almaty
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["eve", "morn"]


async def test_offsets_passed_before_the_announcement_are_skipped(world: World) -> None:
    await world.follow(A, "all")
    world.clock.set(HEARING_UTC - timedelta(hours=3))  # announced after the 24 h moment
    await _hearing(world)
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(HEARING_UTC - timedelta(hours=2))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["120"]


async def test_after_downtime_only_the_nearest_goes_out_late_while_ahead(world: World) -> None:
    await world.follow(A, "all", offsets=[4320, 1440, 120])
    await _hearing(world)
    # The bot was down from before the 3-day moment until 90 minutes before the hearing.
    world.clock.set(HEARING_UTC - timedelta(minutes=90))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["120"]
    assert await reminder_tick(world.store, world.clock, world.settings) == 0


async def test_late_reminder_is_not_sent_once_the_hearing_has_begun(world: World) -> None:
    await world.follow(A, "all")
    await _hearing(world)
    world.clock.set(HEARING_UTC + timedelta(seconds=1))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    assert await _reminders(world, A) == []


async def test_each_chat_gets_its_own_offsets(world: World) -> None:
    await world.follow(A, "all", offsets=[10080])
    await world.follow(B, "hearings", offsets=[])
    await _hearing(world, date="2026-03-18")
    world.clock.set(datetime(2026, 3, 11, 5, 0, tzinfo=UTC))  # a week before 10:00 on the 18th
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["10080"] and await _reminders(world, B) == []


async def test_a_late_follower_gets_only_reminders_still_to_come(world: World) -> None:
    await _hearing(world)
    world.clock.set(HEARING_UTC - timedelta(hours=5))
    await world.follow(A, "hearings")
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(HEARING_UTC - timedelta(hours=2))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1


async def test_postponed_hearing_moves_its_reminders(world: World) -> None:
    await world.follow(A, "hearings")
    hid = await _hearing(world)
    world.clock.set(HEARING_UTC - timedelta(hours=24))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    async with world.store.transaction() as tx:
        await add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-24",
                          local_time="10:00", postponed=True)
        h = await tx.hearings.get(hid)
        old_reminder = await tx.announcements.by_key(f"r:{hid}:r1:1440")
    assert h is not None and h.revision == 2
    # The queued reminder of the old date is cancelled; the renderer would drop it too.
    assert [r["state"] for r in await world.rows(A) if r["kind"] == "reminder"] == ["cancelled"]
    assert old_reminder is not None and not still_due(old_reminder, h, world.clock.timestamp())
    # Nothing at the old 2 h moment; the new date's reminders come at theirs.
    world.clock.set(HEARING_UTC - timedelta(hours=2))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
    world.clock.set(HEARING_UTC + timedelta(days=7) - timedelta(hours=24))
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    assert await _reminders(world, A) == ["1440"]
    rows = [r for r in await world.rows(A) if r["kind"] == "reminder" and r["state"] == "pending"]
    assert str(rows[0]["dedupe_key"]) == f"r:{hid}:r2:1440"


async def test_cancelled_hearing_gets_no_reminders(world: World) -> None:
    await world.follow(A, "all")
    hid = await _hearing(world)
    async with world.store.transaction() as tx:
        await cancel_hearing(tx, world.clock, hearing_id=hid)
    world.clock.set(HEARING_UTC - timedelta(hours=2))
    assert await reminder_tick(world.store, world.clock, world.settings) == 0


async def test_unannounced_hearing_gets_no_reminders(world: World) -> None:
    await world.follow(A, "all")
    world.clock.set(HEARING_UTC - timedelta(hours=1))
    async with world.store.transaction() as tx:
        # Inserted directly (as by a bug or a migration): no announcement at its revision.
        await tx.hearings.insert(case_id=world.case().id, local_date="2026-03-17", local_time="10:00",
                                 tz="Asia/Almaty", court=None, status="scheduled", now=world.clock.timestamp())
    assert await reminder_tick(world.store, world.clock, world.settings) == 0
