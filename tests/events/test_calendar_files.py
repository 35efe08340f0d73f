"""Calendar files parsed back with icalendar: never empty, described, linked, unique per install, versioned."""

from __future__ import annotations

import uuid

from icalendar import Calendar

from bot.campaign.exporting import export_case
from bot.delivery.render import calendar_for
from bot.events.hearings import add_hearing, move_hearing
from bot.runtime.install import install_id
from tests.events.world import World

OTHER_INSTALL = "8a3e1d7c-2b44-4f0e-b9a1-6c5d4e3f2a10"


async def _hearing(world: World, day: str = "2026-03-17", time: str | None = "10:00") -> int:
    async with world.store.transaction() as tx:
        result = await add_hearing(tx, world.clock, case=world.case(), local_date=day,
                                   local_time=time, created_by=9001, cause="admin")
    assert result.hearing_id is not None
    return result.hearing_id


async def test_a_case_with_no_hearings_exports_a_calendar_with_a_component(world: World) -> None:
    _, ics = await export_case(world.store, world.case("movlaev"))
    cal = Calendar.from_ical(ics)
    assert cal.subcomponents, "RFC 5545: a calendar holds at least one component"
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]
    assert str(cal.walk("VTIMEZONE")[0]["tzid"]) == "Asia/Almaty"


async def test_events_carry_the_case_the_court_its_address_and_the_deep_link(world: World) -> None:
    await _hearing(world)
    _, ics = await export_case(world.store, world.case(), bot_username="casewatch_test_bot")
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    description = str(event["description"])
    assert "Виктор Балашов" in description and "Медеуский районный суд" in description
    assert "https://t.me/casewatch_test_bot?start=c_balashov" in description
    assert str(event["url"]) == "https://t.me/casewatch_test_bot?start=c_balashov"


async def test_uids_are_stable_per_hearing_and_differ_between_installs(world: World) -> None:
    hearing_id = await _hearing(world)
    install = await install_id(world.store)
    assert await install_id(world.store) == install  # made once, kept
    uuid.UUID(install)
    async with world.store.read() as tx:
        h = await tx.hearings.get(hearing_id)
    assert h is not None
    uid = lambda data: str(Calendar.from_ical(data).walk("VEVENT")[0]["uid"])  # noqa: E731
    first = uid(calendar_for(world.case(), [h], install=install))
    assert first == uid(calendar_for(world.case(), [h], install=install, lang="en"))
    assert first != uid(calendar_for(world.case(), [h], install=OTHER_INSTALL))
    assert "hearing-" not in first  # not the same "hearing-<id>@casewatch" on every install


async def test_sequence_goes_up_when_the_hearing_moves(world: World) -> None:
    hearing_id = await _hearing(world)
    before = Calendar.from_ical((await export_case(world.store, world.case()))[1]).walk("VEVENT")[0]
    async with world.store.transaction() as tx:
        await move_hearing(tx, world.clock, hearing_id=hearing_id, new_date="2026-03-24",
                           new_time="11:00", created_by=9001)
    after = Calendar.from_ical((await export_case(world.store, world.case()))[1]).walk("VEVENT")[0]
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("sequence") > before.decoded("sequence")
    assert after.decoded("dtstart").date().isoformat() == "2026-03-24"
