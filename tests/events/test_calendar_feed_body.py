"""The calendar feed's body: the same bytes while nothing changes (a stable ETag), valid with no hearings."""

from __future__ import annotations

from datetime import timedelta

from ical.calendar_stream import IcsCalendarStream

from bot.events.hearings import add_hearing
from bot.runtime.install import install_id
from bot.web.feed import read_feed
from tests.events.world import World


async def test_the_body_changes_only_with_the_hearings(world: World) -> None:
    install = await install_id(world.store)
    empty = await read_feed(world.store, "balashov", lang="ru", install=install)
    assert empty is not None
    parsed = IcsCalendarStream.calendar_from_ics(empty.body.decode())
    assert parsed.events == [] and [tz.tz_id for tz in parsed.timezones] == ["Asia/Almaty"]
    world.clock.advance(timedelta(hours=1))
    async with world.store.transaction() as tx:
        await add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17", local_time="10:00",
                          created_by=9001, cause="admin")
    first = await read_feed(world.store, "balashov", lang="ru", install=install)
    world.clock.advance(timedelta(hours=1))  # time passing alone changes nothing
    again = await read_feed(world.store, "balashov", lang="ru", install=install)
    assert first is not None and again is not None
    assert first.body == again.body and first.etag == again.etag
    assert first.etag != empty.etag and first.last_modified > empty.last_modified
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in first.body


async def test_unknown_and_malformed_slugs_have_no_feed(world: World) -> None:
    install = await install_id(world.store)
    for slug in ("nobody", "../etc/passwd", "BALASHOV", ""):
        assert await read_feed(world.store, slug, lang="ru", install=install) is None
