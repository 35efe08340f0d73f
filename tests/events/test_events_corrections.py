"""Corrections in place, decided: which messages sent about a hearing get an edit, and what its first line says."""

from __future__ import annotations

from typing import Any

import pytest

from bot.delivery.edit_texts import compose_edit, note_line
from bot.delivery.render import compose
from bot.events import hearings as events
from bot.events import posts
from bot.events.corrections import EditNote, change_of
from bot.standin.tghtml import parse_html
from storage.models import Hearing
from tests.events.world import World


def _hearing(**kw: Any) -> Hearing:
    fields: dict[str, Any] = {"id": 1, "case_id": 1, "local_date": "2026-03-17", "local_time": "10:00",
                              "tz": "Asia/Almaty", "court": None, "status": "scheduled", "revision": 1,
                              "created_at": 0, "updated_at": 0}
    fields.update(kw)
    return Hearing(**fields)


def test_what_a_revision_did_to_the_hearing() -> None:
    old = _hearing()
    assert change_of(old, _hearing(local_date="2026-03-24", status="postponed"), "admin") == "moved"
    assert change_of(old, _hearing(local_time="12:00"), "admin") == "moved"
    assert change_of(old, _hearing(local_date="2026-03-18"), "correction") == "corrected"
    assert change_of(old, _hearing(status="cancelled"), "cancel") == "cancelled"
    assert change_of(_hearing(local_time=None), _hearing(), "time_learned") == "time_set"
    assert change_of(old, _hearing(status="held"), "held") is None  # it took place: nothing to correct
    assert change_of(_hearing(status="cancelled"), _hearing(status="cancelled"), "status") is None


@pytest.mark.parametrize(("lang", "moved", "cancelled", "see"), [
    ("ru", "⚠️ Перенесено на пятницу, 20 марта, 11:00 (Алматы)", "❌ Заседание отменено", "см. новое сообщение"),
    ("en", "⚠️ Moved to Friday, 20 March, 11:00 (Almaty)", "❌ The hearing is cancelled", "see the new message"),
    ("kk", "⚠️ Сот отырысы ауыстырылды: 20 наурыз, жұма, 11:00 (Алматы)", "❌ Сот отырысы болмайды",
     "жаңа хабарламаны қараңыз"),
])
def test_the_first_line_in_each_language(lang: str, moved: str, cancelled: str, see: str) -> None:
    move = EditNote("moved", "2026-03-20", "11:00", "Asia/Almaty", new_message=True)
    assert parse_html(note_line(move, lang)).text == f"{moved} — {see}"
    quiet = EditNote("moved", "2026-03-20", "11:00", "Asia/Almaty", new_message=False)
    assert parse_html(note_line(quiet, lang)).text == moved
    cancel = EditNote("cancelled", "2026-03-17", "10:00", "Asia/Almaty", new_message=False)
    assert parse_html(note_line(cancel, lang)).text == cancelled


def test_corrected_and_time_set_lines_read_well() -> None:
    fixed = EditNote("corrected", "2026-03-17", "10:00", "Asia/Almaty", new_message=True)
    assert parse_html(note_line(fixed, "ru")).text.startswith(
        "✏️ Исправлено: заседание пройдёт во вторник, 17 марта, 10:00 (Алматы)")
    timed = EditNote("time_set", "2026-03-17", "10:00", "Asia/Almaty", new_message=True)
    assert parse_html(note_line(timed, "en")).text.startswith("🕙 The time is now known: Tuesday, 17 March, 10:00")


def _payload(**kw: object) -> dict[str, object]:
    p: dict[str, object] = {"hearing": 5, "revision": 1, "date": "2026-03-17", "time": "10:00", "tz": "Asia/Almaty",
                            "court": None, "status": "scheduled", "change": "new", "found": True}
    p.update(kw)
    return p


def _buttons(out: object) -> list[str]:
    markup = getattr(out, "reply_markup", None)
    return [b.text for row in (markup.inline_keyboard if markup else []) for b in row]


def test_an_edit_keeps_the_old_text_under_the_line_and_only_the_card_button(world: World) -> None:
    case = world.case()
    original = compose("hearing_new", _payload(), case, "ru")
    move = EditNote("moved", "2026-03-20", "11:00", "Asia/Almaty", new_message=True)
    edited = compose_edit("hearing_new", _payload(), case, "ru", move)
    text = parse_html(edited.text).text
    first, _, rest = text.partition("\n\n")
    assert first.startswith("⚠️ Перенесено на пятницу, 20 марта, 11:00")
    assert rest == parse_html(original.text).text
    assert "📅 В календарь" in _buttons(original) and _buttons(edited) == ["📂 Карточка дела"]
    # A channel keeps its link to the case in the bot.
    public = compose_edit("hearing_new", _payload(), case, "ru", move, public=True, bot_username="cw_bot")
    assert public.reply_markup is not None and public.reply_markup.inline_keyboard[0][0].url


def test_a_message_the_hearing_is_back_to_gets_its_own_text_and_buttons(world: World) -> None:
    case = world.case()
    back = EditNote("restored", "2026-03-17", "10:00", "Asia/Almaty", new_message=True)
    assert compose_edit("hearing_new", _payload(), case, "en", back) == compose("hearing_new", _payload(), case, "en")


async def _edits(world: World) -> dict[int, tuple[str, dict[str, Any]]]:
    """outbox id → (edit state, payload)."""
    async with world.store.read() as tx:
        rows = await tx.conn.fetchall(  # type: ignore[attr-defined]
            "SELECT outbox_id, state, payload_json FROM message_edits ORDER BY outbox_id")
    import json

    return {int(r["outbox_id"]): (str(r["state"]), json.loads(r["payload_json"])) for r in rows}


async def _sent_all(world: World) -> None:
    async with world.store.transaction() as tx:
        for row in await tx.conn.fetchall("SELECT id FROM outbox WHERE state = 'pending'"):  # type: ignore[attr-defined]
            await tx.outbox.mark_sent(int(row["id"]), 1000 + int(row["id"]), world.clock.timestamp())


async def test_a_move_queues_an_edit_of_every_message_sent_about_the_hearing(world: World) -> None:
    await world.follow(1, "all")
    await world.follow(2, "hearings")
    async with world.store.transaction() as tx:
        added = await events.add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17",
                                         local_time="10:00", created_by=9001)
    await _sent_all(world)
    assert await _edits(world) == {}
    async with world.store.transaction() as tx:
        assert added.hearing_id is not None
        moved = await events.move_hearing(tx, world.clock, hearing_id=added.hearing_id,
                                          new_date="2026-03-20", new_time="11:00", created_by=9001)
    edits = await _edits(world)
    assert len(edits) == 2 and {s for s, _ in edits.values()} == {"pending"}
    assert all(p["change"] == "moved" and p["date"] == "2026-03-20" and p["new_message"] for _, p in edits.values())
    # The new message itself is not edited, and the second move supersedes the first edit, message by message.
    await _sent_all(world)
    async with world.store.transaction() as tx:
        assert moved.hearing_id is not None
        await events.cancel_hearing(tx, world.clock, hearing_id=moved.hearing_id, created_by=9001)
    edits = await _edits(world)
    assert len(edits) == 4  # the first message and the move, in two chats
    assert {p["change"] for _, p in edits.values()} == {"cancelled"}


async def test_moved_back_restores_and_a_held_hearing_is_left_alone(world: World) -> None:
    await world.follow(1, "hearings")
    async with world.store.transaction() as tx:
        added = await events.add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17",
                                         local_time="10:00", created_by=9001)
    await _sent_all(world)
    assert added.hearing_id is not None
    for day in ("2026-03-20", "2026-03-17"):
        async with world.store.transaction() as tx:
            await events.move_hearing(tx, world.clock, hearing_id=added.hearing_id, new_date=day,
                                      new_time="10:00", created_by=9001)
    edits = await _edits(world)
    first = min(edits)
    assert edits[first][1]["change"] == "restored"  # the first message is right again
    before = await _edits(world)
    world.clock.advance(7 * 86400)
    async with world.store.transaction() as tx:
        await events.record_past_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17")
    assert await _edits(world) == before


async def test_a_status_that_ends_the_hearings_marks_their_messages_cancelled(world: World) -> None:
    await world.follow(1, "hearings")
    async with world.store.transaction() as tx:
        await events.add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17",
                                 local_time="10:00", created_by=9001)
    await _sent_all(world)
    async with world.store.transaction() as tx:
        await posts.announce_status(tx, world.clock, case=world.case(), old_status="detained",
                                     new_status="released", created_by=9001)
    edits = await _edits(world)
    assert [p["change"] for _, p in edits.values()] == ["cancelled"]
