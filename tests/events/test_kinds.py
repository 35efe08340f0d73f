"""The typed seam (bot/events/kinds.py): stored JSON stays byte for byte what it was, and reads back typed."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import get_args

import pytest

from bot.delivery.render import compose
from bot.events.announce import notify_admins
from bot.events.hearings import add_hearing, cancel_hearing, move_hearing
from bot.events.kinds import (
    AnnouncementKind,
    AnnouncementPayload,
    CaseClosed,
    HearingNew,
    PayloadError,
    decode,
)
from bot.events.posts import announce_status, post_mention, post_statement, post_update
from bot.events.reminders import reminder_tick
from tests.events.world import World

COURT = "Медеуский районный суд г. Алматы"
H = '"hearing": {id}, "revision": {rev}, "date": "{date}", "time": {time}, "tz": "Asia/Almaty", "court": "{court}"'

# What the events wrote before payloads had types; rows already stored look like this.
STORED = {
    "h:1:r1": "{" + H.format(id=1, rev=1, date="2026-03-17", time="null", court=COURT)
    + ', "status": "scheduled", "change": "new", "link": "https://a.example/1", "found": true}',
    "h:1:r2": "{" + H.format(id=1, rev=2, date="2026-03-17", time='"10:00"', court=COURT)
    + ', "status": "scheduled", "change": "time_set", "old_date": "2026-03-17", "old_time": null,'
    ' "link": "https://b.example/2", "found": true}',
    "h:1:r3": "{" + H.format(id=1, rev=3, date="2026-03-20", time='"12:00"', court=COURT)
    + ', "status": "postponed", "change": "moved", "old_date": "2026-03-17", "old_time": "10:00", "found": false}',
    "h:2:r1": "{" + H.format(id=2, rev=1, date="2026-03-25", time='"11:00"', court="Другой суд")
    + ', "status": "scheduled", "change": "new", "found": false}',
    "h:1:r4": "{" + H.format(id=1, rev=4, date="2026-03-20", time='"12:00"', court=COURT)
    + ', "status": "cancelled", "change": "cancelled", "found": false}',
    "h:3:r1": "{" + H.format(id=3, rev=1, date="2026-03-11", time='"10:00"', court=COURT)
    + ', "status": "scheduled", "change": "new", "link": "https://d.example/4", "found": true}',
    "r:3:r1:120": "{" + H.format(id=3, rev=1, date="2026-03-11", time='"10:00"', court=COURT)
    + ', "status": "scheduled", "change": "reminder", "link": "https://d.example/4", "offset": "120"}',
    "statement": '{"title": "Заявление", "excerpt": "Слова «в кавычках».", "link": null, "item": null}',
    "m:1:5": '{"title": null, "excerpt": "x", "link": "https://e.example/", "item": 5}',
    "update": '{"text_html": "<b>Hi</b> &amp;"}',
    "admin_notice": '{"key": "notice-x", "args": {"b": 1, "a": "z"}}',
    "released": '{"old_status": "trial", "new_status": "released", "cancelled": [{"date": "2026-03-11",'
    ' "time": "10:00", "tz": "Asia/Almaty"}, {"date": "2026-03-25", "time": "11:00", "tz": "Asia/Almaty"}]}',
    "trial": '{"old_status": "released", "new_status": "trial"}',
}


async def _stored(world: World) -> dict[str, tuple[str, str]]:
    """dedupe key (or a short name for keys with a timestamp or hash) → (kind, payload_json)."""
    async with world.store.read() as tx:
        rows = await tx.conn.fetchall(  # type: ignore[attr-defined]
            "SELECT kind, dedupe_key, payload_json FROM announcements ORDER BY id")
    out: dict[str, tuple[str, str]] = {}
    for r in rows:
        key, kind = str(r["dedupe_key"]), str(r["kind"])
        name = kind if kind in ("statement", "update", "admin_notice") else key
        name = key.rsplit(":", 1)[1] if kind == "status" else name
        out[name] = (kind, str(r["payload_json"]))
    return out


async def test_every_event_stores_the_json_it_stored_before(world: World) -> None:
    await world.follow(101, "all", offsets=[120])
    case = world.case()
    async with world.store.transaction() as tx:
        a = await add_hearing(tx, world.clock, case=case, local_date="2026-03-17", local_time=None,
                              source_url="https://a.example/1")
        await add_hearing(tx, world.clock, case=case, local_date="2026-03-17", local_time="10:00",
                          source_url="https://b.example/2")
        await move_hearing(tx, world.clock, hearing_id=a.hearing_id or 0, new_date="2026-03-20", new_time="12:00",
                           created_by=7)
        await add_hearing(tx, world.clock, case=case, local_date="2026-03-25", local_time="11:00",
                          court="Другой суд", cause="admin", created_by=7)
        await cancel_hearing(tx, world.clock, hearing_id=a.hearing_id or 0, created_by=7)
        await add_hearing(tx, world.clock, case=case, local_date="2026-03-11", local_time="10:00",
                          source_url="https://d.example/4")
        await post_statement(tx, world.clock, case=case, title="Заявление", excerpt="Слова «в кавычках».",
                             link=None)
        await post_mention(tx, world.clock, case=case, item_id=5, title=None, excerpt="x",
                           link="https://e.example/")
        await post_update(tx, world.clock, case=case, text_html="<b>Hi</b> &amp;", created_by=7)
        await notify_admins(tx, world.clock, world.settings, key="notice-x", args={"b": 1, "a": "z"})
    world.clock.advance(timedelta(hours=23, minutes=1))  # 120 minutes before the hearing of 2026-03-11
    assert await reminder_tick(world.store, world.clock, world.settings) == 1
    world.clock.advance(-timedelta(hours=23, minutes=1))
    async with world.store.transaction() as tx:
        await announce_status(tx, world.clock, case=case, old_status="trial", new_status="released", created_by=7)
        await announce_status(tx, world.clock, case=case, old_status="released", new_status="trial",
                              created_by=None)
    stored = await _stored(world)
    assert {name: text for name, (_, text) in stored.items()} == STORED
    # Each reads back as its kind's type, and writes out the same bytes.
    for kind, text in stored.values():
        payload = decode(kind, json.loads(text))
        assert payload.KIND == kind
        assert json.dumps(payload.to_json(), ensure_ascii=False) == text


def test_every_kind_has_its_payload_type() -> None:
    classes = get_args(AnnouncementPayload)
    assert sorted(c.KIND for c in classes) == sorted(get_args(AnnouncementKind))
    assert CaseClosed(days=90).to_json() == {"days": 90}


def test_a_payload_that_does_not_fit_its_kind_is_refused_by_key_never_by_value() -> None:
    with pytest.raises(PayloadError, match="kind"):
        decode("poll", {})
    with pytest.raises(PayloadError, match="date: missing"):
        decode("hearing_new", {"hearing": 1})
    with pytest.raises(PayloadError) as err:
        decode("hearing_changed", {"date": "2026-03-17", "change": "SECRET"})
    assert "SECRET" not in str(err.value)
    with pytest.raises(PayloadError):
        compose("statement", {"title": ["not", "text"]}, None, "ru")


def test_rows_missing_keys_read_as_they_always_rendered() -> None:
    hearing = decode("hearing_new", {"date": "2026-03-17", "hearing": 1})
    assert isinstance(hearing, HearingNew)
    assert hearing.change == "new" and hearing.time is None and hearing.tz is None and hearing.found is None
    assert decode("case_closed", {}) == CaseClosed(days=0)
