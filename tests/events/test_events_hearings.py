"""Hearings, statements, mentions and admin input → announcements and outbox rows (bot/events/hearings.py, posts.py, review.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.events.announce import notify_admins
from bot.events.hearing_plan import HearingReport, told
from bot.events.hearings import (
    add_hearing,
    add_reported,
    cancel_hearing,
    move_hearing,
    plan_add,
    record_past_hearing,
)
from bot.events.posts import announce_status, post_mention, post_statement, post_update
from bot.events.result import NOTHING, EventResult
from bot.events.review import apply_finding
from tests.events.world import World

ALL, HRG, OTHER = 101, 102, 103


async def _hearing(w: World, date: str = "2026-03-17", time: str | None = "10:00", **kw: object) -> EventResult:
    async with w.store.transaction() as tx:
        return await add_hearing(tx, w.clock, case=w.case(), local_date=date, local_time=time,
                                 **kw)  # type: ignore[arg-type]


async def test_new_hearing_reaches_both_levels_and_nobody_else(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    await world.follow(OTHER, "all", slug="movlaev")
    res = await _hearing(world, source_url="https://example.org/a")
    assert res.kind == "hearing_new" and res.queued == 2 and res.changed
    assert await world.kinds(ALL) == ["hearing_new"]
    assert await world.kinds(HRG) == ["hearing_new"]
    assert await world.kinds(OTHER) == []
    rows = await world.rows(ALL)
    assert rows[0]["dedupe_key"] == f"h:{res.hearing_id}:r1" and rows[0]["priority"] == 9


async def test_five_sources_one_hearing(world: World) -> None:
    await world.follow(ALL, "all")
    first = await _hearing(world, source_url="https://a.example/1")
    for n in range(2, 6):
        again = await _hearing(world, source_url=f"https://a{n}.example/x")
        assert again.hearing_id == first.hearing_id and again.announcement_id is None and again.queued == 0
    async with world.store.read() as tx:
        assert len(await tx.hearings.sources(first.hearing_id or 0)) == 5
        assert len(await tx.hearings.for_case(world.case().id)) == 1
    assert await world.kinds(ALL) == ["hearing_new"]


async def test_time_learned_later_updates_and_says_so(world: World) -> None:
    await world.follow(ALL, "all")
    first = await _hearing(world, time=None)
    learned = await _hearing(world, time="11:30", source_url="https://b.example/")
    assert learned.hearing_id == first.hearing_id and learned.kind == "hearing_changed"
    async with world.store.read() as tx:
        h = await tx.hearings.get(first.hearing_id or 0)
        assert h is not None and h.local_time == "11:30" and h.revision == 2
        assert [c.cause for c in await tx.hearings.changes(h.id)] == ["finding", "time_learned"]
        ann = await tx.announcements.get(learned.announcement_id or 0)
        assert ann is not None and ann.payload["change"] == "time_set"
    # Another source's different time does not override a known one; an admin's does.
    assert (await _hearing(world, time="15:00")).announcement_id is None
    admin = await _hearing(world, time="15:00", cause="admin", created_by=7)
    assert admin.kind == "hearing_changed"
    assert await world.kinds(ALL) == ["hearing_new", "hearing_changed", "hearing_changed"]


async def test_postponement_moves_the_upcoming_hearing(world: World) -> None:
    await world.follow(HRG, "hearings")
    first = await _hearing(world, date="2026-03-17")
    moved = await _hearing(world, date="2026-03-24", time=None, postponed=True, source_url="https://c.example/")
    assert moved.hearing_id == first.hearing_id and moved.kind == "hearing_changed"
    async with world.store.read() as tx:
        h = await tx.hearings.get(first.hearing_id or 0)
        assert h is not None and (h.local_date, h.local_time, h.status, h.revision) == ("2026-03-24", None, "postponed", 2)
        change = (await tx.hearings.changes(h.id))[-1]
        assert (change.old_date, change.new_date, change.cause) == ("2026-03-17", "2026-03-24", "postponement")
        ann = await tx.announcements.get(moved.announcement_id or 0)
        assert ann is not None and ann.payload["change"] == "moved" and ann.payload["old_date"] == "2026-03-17"
        assert ann.dedupe_key == f"h:{h.id}:r2"
    # A late report of the old date does not bring the hearing back.
    stale = await _hearing(world, date="2026-03-17", source_url="https://old.example/")
    assert stale.announcement_id is None
    async with world.store.read() as tx:
        assert len(await tx.hearings.for_case(world.case().id)) == 1
    assert await world.kinds(HRG) == ["hearing_new", "hearing_changed"]


async def test_the_plan_read_beforehand_is_what_the_write_then_tells(world: World) -> None:
    await world.follow(ALL, "all")
    url = "https://example.org/a"
    steps = [
        (HearingReport("2026-03-17", None), "new"),
        (HearingReport("2026-03-17", "10:00"), "merged"),  # the time learned
        (HearingReport("2026-03-24", "11:00", postponed=True), "moved"),
        (HearingReport("2026-03-17", "12:00"), "stale"),  # the date it was moved away from
    ]
    for report, outcome in steps:
        async with world.store.read() as tx:
            plan = await plan_add(tx, world.clock, world.case(), report)
        assert plan.outcome == outcome
        async with world.store.transaction() as tx:
            res = await add_reported(tx, world.clock, world.case(), report, source_url=url)
            ann = await tx.announcements.get(res.announcement_id) if res.announcement_id is not None else None
        notice = told(plan.change, world.clock.timestamp(), link=plan.link(url)) if plan.change else None
        expected = None if notice is None else replace(notice, hearing=res.hearing_id).to_json()
        assert (ann.payload if ann is not None else None) == expected, outcome


async def test_postponement_without_a_known_hearing_creates_a_postponed_one(world: World) -> None:
    await world.follow(ALL, "all")
    res = await _hearing(world, date="2026-04-02", postponed=True)
    async with world.store.read() as tx:
        h = await tx.hearings.get(res.hearing_id or 0)
        ann = await tx.announcements.get(res.announcement_id or 0)
    assert h is not None and h.status == "postponed" and ann is not None and ann.payload["change"] == "postponed"


async def test_a_date_already_gone_is_never_announced(world: World) -> None:
    await world.follow(ALL, "all")
    assert await _hearing(world, date="2026-03-09") == NOTHING
    # Today, but the time has passed (09:00 in Almaty now).
    assert (await _hearing(world, date="2026-03-10", time="08:30")).announcement_id is None
    # Today without a time still lies ahead.
    assert (await _hearing(world, date="2026-03-10", time=None, court="X")).kind == "hearing_new"
    assert await world.kinds(ALL) == ["hearing_new"]


async def test_a_past_report_marks_the_hearing_held_without_a_push(world: World) -> None:
    await world.follow(ALL, "all")
    res = await _hearing(world, date="2026-03-11", time="10:00")
    world.clock.advance(timedelta(days=2))
    async with world.store.transaction() as tx:
        held = await record_past_hearing(tx, world.clock, case=world.case(),
                                         local_date="2026-03-11", source_url="https://d.example/")
        history = await record_past_hearing(tx, world.clock, case=world.case(),
                                            local_date="2026-03-05")
        h = await tx.hearings.get(res.hearing_id or 0)
        earlier = await tx.hearings.get(history.hearing_id or 0)
    assert held.changed and held.announcement_id is None
    assert h is not None and h.status == "held"
    # A hearing the bot never knew, reported as held: kept as history, announced to no one.
    assert history.announcement_id is None and earlier is not None
    assert (earlier.local_date, earlier.status) == ("2026-03-05", "held")
    assert await world.kinds(ALL) == ["hearing_new"]


async def test_cancel_tells_followers_and_is_once_only(world: World) -> None:
    await world.follow(HRG, "hearings")
    res = await _hearing(world)
    async with world.store.transaction() as tx:
        cancelled = await cancel_hearing(tx, world.clock, hearing_id=res.hearing_id or 0,
                                         created_by=7)
        again = await cancel_hearing(tx, world.clock, hearing_id=res.hearing_id or 0)
    assert cancelled.kind == "hearing_cancelled" and not again.changed
    assert await world.kinds(HRG) == ["hearing_new", "hearing_cancelled"]


async def test_admin_move_changes_date_and_announces(world: World) -> None:
    await world.follow(ALL, "all")
    res = await _hearing(world)
    async with world.store.transaction() as tx:
        same = await move_hearing(tx, world.clock, hearing_id=res.hearing_id or 0,
                                  new_date="2026-03-17", new_time="10:00")
        moved = await move_hearing(tx, world.clock, hearing_id=res.hearing_id or 0,
                                   new_date="2026-03-20", new_time="12:00", created_by=7)
    assert not same.changed and moved.kind == "hearing_changed"
    assert await world.kinds(ALL) == ["hearing_new", "hearing_changed"]


async def test_statement_reaches_only_everything_followers_once_across_sources(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    text = "Я не признаю вину и прошу суд о справедливости. Спасибо всем, кто пишет мне письма!"
    async with world.store.transaction() as tx:
        one = await post_statement(tx, world.clock, case=world.case(), title="Заявление",
                                   excerpt=text, link="https://a.example/s")
        two = await post_statement(tx, world.clock, case=world.case(), title="Слово Балашова",
                                   excerpt="  " + text.upper() + " ", link="https://b.example/other")
    assert one.kind == "statement" and one.queued == 1
    assert two.announcement_id == one.announcement_id and two.queued == 0
    assert await world.kinds(ALL) == ["statement"]
    assert await world.kinds(HRG) == []


async def test_mentions_go_to_everything_followers_with_news_on_once_per_item(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    await world.follow(OTHER, "all", news=False)
    async with world.store.transaction() as tx:
        for _ in range(2):
            await post_mention(tx, world.clock, case=world.case(), item_id=5, title="t",
                               excerpt="x", link=None)
    assert await world.kinds(ALL) == ["mention"]
    assert await world.kinds(HRG) == [] and await world.kinds(OTHER) == []


async def test_update_and_status_reach_only_everything(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    async with world.store.transaction() as tx:
        up = await post_update(tx, world.clock, case=world.case(), text_html="<b>Hi</b>",
                               created_by=7)
        st = await announce_status(tx, world.clock, case=world.case(), old_status="trial",
                                   new_status="sentenced", created_by=7)
        same = await announce_status(tx, world.clock, case=world.case(), old_status="trial",
                                     new_status="trial", created_by=7)
    assert up.kind == "update" and st.kind == "status" and same == NOTHING
    assert await world.kinds(ALL) == ["update", "status"] and await world.kinds(HRG) == []


async def test_mirror_channel_gets_every_announcement(world: World) -> None:
    async with world.store.transaction() as tx:
        await tx.cases.set_mirror_chat_id(world.case().id, -100777)
    await world.cases.load()
    await _hearing(world)
    async with world.store.transaction() as tx:
        await post_statement(tx, world.clock, case=world.case(), title="t", excerpt="Слова.",
                             link=None)
    assert await world.kinds(-100777) == ["hearing_new", "statement"]


async def test_notify_admins_needs_no_chat_row(world: World) -> None:
    async with world.store.transaction() as tx:
        res = await notify_admins(tx, world.clock, world.settings, key="notice-source-recovered",
                                  args={"source": "x", "failures": 3, "error": ""})
    assert res.kind == "admin_notice" and res.queued == 1
    rows = await world.rows(9001)
    assert rows[0]["priority"] == 0


async def test_apply_finding_announces_an_approved_hearing_once(world: World) -> None:
    from storage.models import FindingInput

    await world.follow(HRG, "hearings")
    async with world.store.transaction() as tx:
        f = await tx.findings.insert(FindingInput(case_id=world.case().id, kind="hearing", confidence=0.5,
                                                  state="pending", local_date="2026-03-18", local_time=None,
                                                  when="upcoming"), now=world.clock.timestamp())
        res = await apply_finding(tx, world.clock, finding_id=f.id, reviewer=7,
                                  time="09:30")
        again = await apply_finding(tx, world.clock, finding_id=f.id, reviewer=7)
        stored = await tx.findings.get(f.id)
        h = await tx.hearings.get(res.hearing_id or 0)
    assert res.kind == "hearing_new" and again == NOTHING
    assert stored is not None and stored.state == "approved" and stored.reviewed_by == 7
    assert h is not None and h.local_time == "09:30"
    assert await world.kinds(HRG) == ["hearing_new"]
