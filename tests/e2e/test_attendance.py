""""🙋 I'm going" through the stand-in: presses, counts on /hearings, /case and /stats, the kit, "how it went"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.standin.client import Sent
from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import Person, button_labels, last_with_buttons, texts
from tests.leaks import names_id

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


ALERT = "answerCallbackQuery"
HEARING_UTC = datetime(2026, 3, 17, 5, 0, tzinfo=UTC)  # 17 March, 10:00 in Almaty


async def _three_followers(campaign: Campaign) -> list[Person]:
    third = Person(campaign.tg, chat_id=7204)
    await third.says("/follow Балашов")
    return [campaign.supporter, campaign.relative, third]


async def _hearing_messages(campaign: Campaign, people: list[Person], command: str) -> list[Sent]:
    await campaign.confirm(await campaign.admin.says(command))
    return [last_with_buttons(await p.replies(1)) for p in people]


async def _press_going(person: Person, msg: Sent, label: str = "🙋") -> str:
    out = await person.presses(msg, label)
    toasts = [r.text or "" for r in out if r.method == ALERT]
    assert toasts, out
    return toasts[-1]


def _line_with(out: list[str], needle: str) -> str:
    lines = [line for text in out for line in text.splitlines() if needle in line]
    assert lines, f"{needle!r} not in {out}"
    return lines[0]


async def test_three_press_and_hearings_shows_the_count(campaign: Campaign) -> None:
    people = await _three_followers(campaign)
    messages = await _hearing_messages(campaign, people, "/hearing balashov 17 марта 10:00")
    for msg in messages:
        assert button_labels(msg)[0] == "🙋 Я пойду"
    for i, (person, msg) in enumerate(zip(people, messages, strict=True)):
        assert f"Всего идут: {i + 1}" in await _press_going(person, msg)
    # The pressed button now says so, in place.
    edited = [r for r in await campaign.tg.sent(chat_id=people[0].chat_id) if r.method == "editMessageReplyMarkup"]
    assert edited and button_labels(edited[-1])[0].startswith("✅")
    assert "🙋 3" in _line_with(texts(await people[2].says("/hearings")), "17 марта")
    # A second press undoes it.
    again = await people[0].tg.sent(chat_id=people[0].chat_id)
    assert "снята" in await _press_going(people[0], [r for r in again if r.method == "editMessageReplyMarkup"][-1], "✅")
    assert "🙋 2" in _line_with(texts(await people[1].says("/hearings")), "17 марта")
    assert "🙋 2" in _line_with(texts(await people[1].says("/case balashov")), "17 марта")
    assert "🙋 2" in _line_with(texts(await campaign.admin.says("/stats")), "17 марта")
    # Nothing stored names a chat: a mark is a keyed hash and the hearing.
    async with campaign.app.store.read() as tx:
        rows = await tx.conn.fetchall("SELECT * FROM going_marks")  # type: ignore[attr-defined]
    assert len(rows) == 2 and set(rows[0]) == {"mark", "hearing_id"}
    # names_id, not `in`: a 64-hex-digit mark holds some four-digit chat id by chance about once in 200 runs.
    assert not any(names_id(str(v), p.chat_id) for p in people for row in rows for v in row.values())


async def test_the_kit_reaches_the_hearing_message_and_the_reminder_adds_a_plan(campaign: Campaign) -> None:
    admin = campaign.admin
    assert "за 30 минут" in "\n".join(texts(await admin.says("/kit balashov arrive 30")))
    await admin.says("/kit balashov bring ru Плакаты не пропустят.")
    [first, _second] = await _hearing_messages(campaign, [campaign.supporter, campaign.relative],
                                              "/hearing balashov 17 марта 10:00")
    shown = first.visible_text or ""
    assert "🪪 Возьмите удостоверение личности. Плакаты не пропустят." in shown
    assert "⏱ Приходите к 09:30 — за 30 минут до начала" in shown
    assert "🧭" not in shown and "Зал" not in shown  # no plan before the reminder; no courtroom known yet
    out = texts(await admin.says("/kit balashov room 305"))
    assert any("🚪 Зал: 305" in s for s in out)
    assert any("да, нет или неизвестно" in s.replace("«", "").replace("»", "")
               for s in texts(await admin.says("/kit balashov public может быть")))
    assert any("👥" in s for s in texts(await admin.says("/kit balashov public да")))
    assert "Всего идут: 1" in await _press_going(campaign.supporter, first)
    campaign.clock.set(HEARING_UTC.replace(day=16))
    await campaign.app.tick_all()
    assert await campaign.app.drain(15)
    going = last_with_buttons(await campaign.supporter.replies(1))
    other = last_with_buttons(await campaign.relative.replies(1))
    for reminder in (going, other):
        text = reminder.visible_text or ""
        assert "через сутки" in text and "🚪 Зал: 305" in text and "👥 Заседание открытое" in text
        assert "🧭 Составьте план: чтобы быть в суде к 09:30, когда вы выйдете и как доберётесь?" in text
    assert button_labels(going)[0] == "✅ Вы идёте · отменить"
    assert button_labels(other)[0] == "🙋 Я пойду"


async def test_how_it_went_reaches_exactly_those_going_and_marks_vanish(campaign: Campaign) -> None:
    people = await _three_followers(campaign)
    messages = await _hearing_messages(campaign, people, "/hearing balashov 17 марта 10:00")
    await _press_going(people[0], messages[0])
    await _press_going(people[2], messages[2])
    admin = campaign.admin
    assert any("ещё не прошло" in s for s in texts(await admin.says("/howitwent balashov")))
    campaign.clock.set(HEARING_UTC.replace(hour=9))  # 14:00 in Almaty: the hearing is over
    assert "Всего идут" not in "".join(await _press_going(people[1], messages[1]))  # too late to say so
    ask = "\n".join(texts(await admin.says("/howitwent balashov")))
    assert "— 2" in ask and "17 марта 2026" in ask
    preview = await admin.says("Заседание отложили на неделю. Спасибо всем, кто пришёл!")
    done = await campaign.confirm(preview)
    assert any("2 чатов" in s for s in done), done
    for i, person in enumerate(people):
        got = "\n".join(texts(await person.replies()))
        if i == 1:
            assert "Спасибо всем" not in got
        else:
            assert "как прошло заседание 17 марта 2026" in got and "Спасибо всем, кто пришёл!" in got
    # The marks stay through the next day, court time, then the daily prune deletes them.
    from bot.runtime.scheduler import prune

    campaign.clock.set(datetime(2026, 3, 18, 18, 59, tzinfo=UTC))  # 23:59 on the 18th in Almaty
    await prune(campaign.app.store, campaign.clock, campaign.app.settings)
    async with campaign.app.store.read() as tx:
        assert len(await tx.conn.fetchall("SELECT * FROM going_marks")) == 2  # type: ignore[attr-defined]
    campaign.clock.set(datetime(2026, 3, 18, 19, 0, tzinfo=UTC))
    assert (await prune(campaign.app.store, campaign.clock, campaign.app.settings))["going_marks"] == 2
    async with campaign.app.store.read() as tx:
        assert await tx.conn.fetchall("SELECT * FROM going_marks") == []  # type: ignore[attr-defined]
    assert any("уже удалены" in s for s in texts(await admin.says("/howitwent balashov")))


async def test_forget_takes_the_chats_marks_with_it(campaign: Campaign) -> None:
    people = await _three_followers(campaign)
    messages = await _hearing_messages(campaign, people, "/hearing balashov 17 марта 10:00")
    await _press_going(people[0], messages[0])
    await _press_going(people[1], messages[1])
    forget = last_with_buttons(await people[0].says("/forget"))
    await people[0].presses(forget, "Да")
    assert "🙋 1" in _line_with(texts(await people[1].says("/hearings")), "17 марта")
