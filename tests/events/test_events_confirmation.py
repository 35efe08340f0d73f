"""Announce or review; agreement between independent outlets; two outlets that disagree; dates already gone."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.events.confidence import combine, outlet, would_announce
from bot.understand.tick import extraction_tick, review_context
from storage.models import Finding
from tests.events.outlets import FakeUnderstander, Found, Understood, publish
from tests.events.world import World

ALL, HRG = 501, 502
D = "2026-03-20"  # a Friday ten days after the world's start (10 March, 09:00 in Almaty)


async def _extract(w: World, und: FakeUnderstander) -> int:
    return await extraction_tick(w.store, und, w.cases, w.clock, w.settings)


async def _findings(w: World) -> list[Finding]:
    async with w.store.read() as tx:
        rows = await tx.conn.fetchall("SELECT id FROM findings ORDER BY id")  # type: ignore[attr-defined]
        return [f for r in rows if (f := await tx.findings.get(int(r["id"]))) is not None]


async def _pending_dates(w: World) -> list[str | None]:
    async with w.store.read() as tx:
        return [f.local_date for f in await tx.findings.pending()]


def _says(*found: Found) -> Understood:
    return Understood(["balashov"], hearings=list(found))


# --- the rule itself ---------------------------------------------------------------------------------


def test_would_announce_is_at_or_above_the_threshold() -> None:
    assert would_announce(0.85, 0.85) and would_announce(0.9, 0.85)
    assert not would_announce(0.8499, 0.85)


def test_independent_outlets_combine_and_agreement_is_capped() -> None:
    assert combine([0.6, 0.7]) == pytest.approx(0.88)
    assert combine([0.95, 0.95]) == 0.99  # agreement is never certainty
    assert combine([0.995]) == 0.995  # one outlet alone keeps its own confidence
    assert combine([]) == 0.0


def test_outlet_is_the_host_or_the_channel_on_a_shared_host() -> None:
    assert outlet("https://www.Vlast.kz/news/1") == outlet("http://vlast.kz/other") == "vlast.kz"
    assert outlet("https://t.me/s/chan_a/15") == outlet("https://t.me/chan_a/16") == "t.me/chan_a"
    assert outlet("https://t.me/chan_b/1") != outlet("https://t.me/chan_a/1")
    assert outlet("item:5") is None and outlet(None) is None


# --- announce vs review ------------------------------------------------------------------------------


async def test_a_finding_at_the_threshold_is_announced_and_one_just_below_waits(world: World) -> None:
    await world.follow(HRG, "hearings")
    threshold = world.settings.review_threshold
    und = FakeUnderstander({
        "at": _says(Found("balashov", "2026-03-17", confidence=threshold)),
        "below": _says(Found("balashov", "2026-03-19", confidence=threshold - 0.01)),
    })
    await publish(world.store, world.clock, "https://a.kz/1", "at")
    await publish(world.store, world.clock, "https://b.kz/1", "below")
    await _extract(world, und)
    rows = await world.rows(HRG)
    assert [(r["kind"], '"2026-03-17"' in str(r["payload_json"])) for r in rows] == [("hearing_new", True)]
    assert await _pending_dates(world) == ["2026-03-19"]


# --- confirmation by a second outlet -----------------------------------------------------------------


async def test_a_second_outlet_lifts_a_waiting_finding_into_an_announcement(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({
        "first": _says(Found("balashov", D, confidence=0.6, evidence="Суд, вероятно, соберётся 20 марта.")),
        "second": _says(Found("balashov", D, confidence=0.9, evidence="Заседание назначено на 20 марта.")),
    })
    await publish(world.store, world.clock, "https://first.kz/news/1", "first")
    await _extract(world, und)
    assert await world.kinds(HRG) == [] and await _pending_dates(world) == [D]

    await publish(world.store, world.clock, "https://second.org/a", "second")
    await _extract(world, und)
    assert await world.kinds(HRG) == ["hearing_new"] and await world.kinds(ALL) == ["hearing_new"]
    assert await _pending_dates(world) == []  # the first report left /review: it is answered
    found = await _findings(world)
    assert {f.state for f in found} == {"auto"} and len({f.hearing_id for f in found}) == 1
    async with world.store.read() as tx:
        sources = await tx.hearings.sources(found[0].hearing_id or 0)
    assert sources == ["https://first.kz/news/1", "https://second.org/a"]


async def test_a_second_item_from_the_same_outlet_does_not_confirm(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({
        "first": _says(Found("balashov", D, confidence=0.6)),
        "again": _says(Found("balashov", D, confidence=0.7)),
    })
    await publish(world.store, world.clock, "https://first.kz/news/1", "first")
    await publish(world.store, world.clock, "https://www.first.kz/news/2", "again")
    await _extract(world, und)
    assert await world.kinds(HRG) == []
    assert await _pending_dates(world) == [D, D]
    async with world.store.read() as tx:
        context = await review_context(tx, (await tx.findings.pending())[0])
    assert context.sources == 1 and context.conflict is None


async def test_outlets_that_agree_but_stay_below_the_threshold_wait_and_review_counts_them(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"a": _says(Found("balashov", D, confidence=0.3)),
                            "b": _says(Found("balashov", D, confidence=0.4))})
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await publish(world.store, world.clock, "https://b.kz/1", "b")
    await _extract(world, und)  # 1 − 0.7 × 0.6 = 0.58
    assert await world.kinds(HRG) == []
    async with world.store.read() as tx:
        contexts = [await review_context(tx, f) for f in await tx.findings.pending()]
    assert [c.sources for c in contexts] == [2, 2]


async def test_agreement_does_not_override_an_admin_who_rejected_that_date(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"a": _says(Found("balashov", D, confidence=0.8)),
                            "b": _says(Found("balashov", D, confidence=0.8))})
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await _extract(world, und)
    (waiting,) = await _findings(world)
    async with world.store.transaction() as tx:
        await tx.findings.set_state(waiting.id, "rejected", reviewed_by=9001, reviewed_at=world.clock.timestamp())
    await publish(world.store, world.clock, "https://b.kz/1", "b")
    await _extract(world, und)
    assert await world.kinds(HRG) == [] and await _pending_dates(world) == [D]


async def test_a_hearing_announced_by_agreement_takes_only_a_time_the_outlets_agree_on(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({
        "a": _says(Found("balashov", D, time="10:00", confidence=0.6)),
        "b": _says(Found("balashov", D, time=None, confidence=0.9)),
    })
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await publish(world.store, world.clock, "https://b.kz/1", "b")
    await _extract(world, und)
    async with world.store.read() as tx:
        (h,) = await tx.hearings.for_case(world.case().id)
    assert (h.local_date, h.local_time) == (D, None)  # one unsure source's 10:00 is not enough


async def test_two_outlets_agreeing_on_the_time_give_it(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"c": _says(Found("balashov", D, time="11:00", confidence=0.6)),
                            "d": _says(Found("balashov", D, time="11:00", confidence=0.9))})
    await publish(world.store, world.clock, "https://c.kz/1", "c")
    await publish(world.store, world.clock, "https://d.kz/1", "d")
    await _extract(world, und)
    async with world.store.read() as tx:
        (h,) = await tx.hearings.for_case(world.case().id)
    assert (h.local_date, h.local_time) == (D, "11:00")


async def test_an_admin_approving_one_report_answers_the_others_of_that_date(world: World) -> None:
    from bot.events.review import apply_finding

    und = FakeUnderstander({"a": _says(Found("balashov", D, confidence=0.3)),
                            "b": _says(Found("balashov", D, confidence=0.4))})
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await publish(world.store, world.clock, "https://b.kz/1", "b")
    await _extract(world, und)
    first = (await _findings(world))[0]
    async with world.store.transaction() as tx:
        await apply_finding(tx, world.clock, finding_id=first.id, reviewer=9001)
    assert await _pending_dates(world) == []


# --- conflicts ------------------------------------------------------------------------------------------


async def _known_hearing_from_a(world: World, und: FakeUnderstander) -> None:
    await world.follow(HRG, "hearings")
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await _extract(world, und)
    assert await world.kinds(HRG) == ["hearing_new"]


async def test_another_outlet_giving_a_different_date_waits_in_review_with_both_evidences(world: World) -> None:
    und = FakeUnderstander({
        "a": _says(Found("balashov", "2026-03-17", confidence=0.95, evidence="Суд назначил заседание на 17 марта.")),
        "b": _says(Found("balashov", "2026-03-24", confidence=0.95, evidence="Слушание пройдёт 24 марта.")),
    })
    await _known_hearing_from_a(world, und)
    await publish(world.store, world.clock, "https://b.kz/2", "b")
    await _extract(world, und)
    assert await world.kinds(HRG) == ["hearing_new"]  # nothing more went out
    async with world.store.read() as tx:
        (waiting,) = await tx.findings.pending()
        context = await review_context(tx, waiting)
        (known,) = await tx.hearings.for_case(world.case().id)
    assert waiting.local_date == "2026-03-24" and waiting.conflict_hearing_id == known.id
    assert waiting.evidence == "Слушание пройдёт 24 марта."
    assert context.conflict is not None
    assert (context.conflict.date, context.conflict.link) == ("2026-03-17", "https://a.kz/1")
    assert context.conflict.evidence == "Суд назначил заседание на 17 марта."


async def test_a_conflict_is_not_lifted_by_a_third_outlet_agreeing_with_the_new_date(world: World) -> None:
    und = FakeUnderstander({"a": _says(Found("balashov", "2026-03-17")),
                            "b": _says(Found("balashov", "2026-03-24")),
                            "c": _says(Found("balashov", "2026-03-24"))})
    await _known_hearing_from_a(world, und)
    await publish(world.store, world.clock, "https://b.kz/2", "b")
    await publish(world.store, world.clock, "https://c.kz/3", "c")
    await _extract(world, und)
    assert await world.kinds(HRG) == ["hearing_new"]
    assert await _pending_dates(world) == ["2026-03-24", "2026-03-24"]


async def test_an_admin_entered_date_conflicts_with_a_different_date_in_the_news(world: World) -> None:
    from bot.events.hearings import add_hearing

    await world.follow(HRG, "hearings")
    async with world.store.transaction() as tx:
        await add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17",
                          local_time="10:00", cause="admin", created_by=9001)
    und = FakeUnderstander({"b": _says(Found("balashov", "2026-03-18"))})
    await publish(world.store, world.clock, "https://b.kz/2", "b")
    await _extract(world, und)
    assert await world.kinds(HRG) == ["hearing_new"]
    async with world.store.read() as tx:
        (waiting,) = await tx.findings.pending()
        context = await review_context(tx, waiting)
    assert context.conflict is not None and context.conflict.link is None  # entered by an admin


@pytest.mark.parametrize(("title", "why"), [
    ("moved", "a postponement is a move"),
    ("same", "the outlet that gave the first date gives the second"),
    ("both", "the item names both dates: two sessions"),
    ("far", "more than three weeks apart: another session"),
])
async def test_what_is_not_a_conflict(world: World, title: str, why: str) -> None:
    und = FakeUnderstander({
        "a": _says(Found("balashov", "2026-03-17")),
        "moved": _says(Found("balashov", "2026-03-24", postponed=True)),
        "same": _says(Found("balashov", "2026-03-24")),
        "both": _says(Found("balashov", "2026-03-17"), Found("balashov", "2026-03-24")),
        "far": _says(Found("balashov", "2026-04-08")),
    })
    await _known_hearing_from_a(world, und)
    url = "https://a.kz/2" if title == "same" else "https://b.kz/2"
    await publish(world.store, world.clock, url, title)
    await _extract(world, und)
    kinds = await world.kinds(HRG)
    assert kinds == ["hearing_new", "hearing_changed" if title == "moved" else "hearing_new"], why
    assert await _pending_dates(world) == [], why


# --- dates already gone ---------------------------------------------------------------------------------


async def test_a_sure_upcoming_finding_dated_in_the_past_is_never_announced(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"stale": _says(Found("balashov", "2026-03-09", confidence=0.99))})
    await publish(world.store, world.clock, "https://a.kz/1", "stale")
    await _extract(world, und)
    assert await world.kinds(HRG) == []
    async with world.store.read() as tx:
        assert await tx.hearings.for_case(world.case().id) == []


async def test_the_court_day_decides_what_is_gone_not_utc(world: World) -> None:
    # 20:00 UTC on 10 March is already 01:00 on 11 March in Almaty: a date-only hearing on the 10th is over.
    world.clock.set(dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC))
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"late": _says(Found("balashov", "2026-03-10", time=None, confidence=0.99))})
    await publish(world.store, world.clock, "https://a.kz/1", "late")
    await _extract(world, und)
    assert await world.kinds(HRG) == []


async def test_confirmation_after_the_date_has_gone_announces_nothing(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"a": _says(Found("balashov", "2026-03-12", confidence=0.6)),
                            "b": _says(Found("balashov", "2026-03-12", confidence=0.7))})
    await publish(world.store, world.clock, "https://a.kz/1", "a")
    await _extract(world, und)
    world.clock.advance(dt.timedelta(days=3))
    await publish(world.store, world.clock, "https://b.kz/1", "b")
    await _extract(world, und)
    assert await world.kinds(HRG) == []


async def test_a_past_report_at_any_confidence_is_history_not_news(world: World) -> None:
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({"x": _says(Found("balashov", "2026-03-24", when="past", confidence=0.99)),
                            "y": _says(Found("balashov", "2026-03-09", when="past", confidence=0.99))})
    await publish(world.store, world.clock, "https://a.kz/1", "x")
    await publish(world.store, world.clock, "https://b.kz/1", "y")
    await _extract(world, und)
    assert await world.kinds(HRG) == []
