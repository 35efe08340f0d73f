"""Corrections in place, as followers see them: when an admin moves, corrects or cancels a hearing, the messages
they already got about it are edited to say so, besides the new message; one Telegram refuses is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
import pytest_asyncio

from bot.events import hearings as events
from bot.standin.client import Sent
from tests.e2e import campaign as shared
from tests.e2e.people import Person, button_labels, last_with_buttons, plain, texts

pytestmark = [pytest.mark.slow, shared.CAMPAIGN_BOT]


@dataclass
class Campaign(shared.Campaign):
    """The shared campaign (its supporter and relative write in Russian), and a friend."""

    friend: Person  # everything, in English

    @property
    def followers(self) -> tuple[Person, ...]:
        return (self.supporter, self.relative, self.friend)

    async def admin_does(self, command: str) -> None:
        """An admin command and its Confirm; then every message and edit it causes has gone out."""
        await self.confirm(await self.admin.says(command))

    async def received(self, person: Person) -> tuple[list[Sent], list[Sent]]:
        """(new messages, edits) the person got since last asked."""
        got = await person.replies()
        return ([r for r in got if r.method == "sendMessage"], [r for r in got if r.method == "editMessageText"])

    async def on_screen(self, person: Person, message_id: int | None) -> str:
        """A message as the person's chat shows it now."""
        assert message_id is not None
        for m in await self.tg.messages(person.chat_id):
            if m["message_id"] == message_id:
                return str(m["text"])
        raise AssertionError(f"message {message_id} is not in chat {person.chat_id}")


@pytest_asyncio.fixture
async def campaign(campaign: shared.Campaign) -> Campaign:
    friend = Person(campaign.tg, chat_id=7203, language="en")
    await friend.says("/follow Balashov")
    return Campaign(campaign.app, campaign.tg, campaign.admin, campaign.supporter, campaign.relative, friend)


async def _hearing_sent(c: Campaign) -> dict[int, Sent]:
    """The admin announces a hearing on 17 March at 10:00; chat id → the message each follower got."""
    await c.admin_does("/hearing balashov 17 марта 10:00")
    got = {}
    for person in c.followers:
        new, _ = await c.received(person)
        (got[person.chat_id],) = new
    return got


async def test_a_move_edits_the_message_already_sent_and_the_new_one_arrives(campaign: Campaign) -> None:
    first = await _hearing_sent(campaign)
    await campaign.admin_does("/movehearing balashov 24 марта 11:00")
    lines = {
        7201: "⚠️ Перенесено на вторник, 24 марта, 11:00 (Алматы) — см. новое сообщение",
        7202: "⚠️ Перенесено на вторник, 24 марта, 11:00 (Алматы) — см. новое сообщение",
        7203: "⚠️ Moved to Tuesday, 24 March, 11:00 (Almaty) — see the new message",
    }
    for person in campaign.followers:
        new, edits = await campaign.received(person)
        assert len(new) == 1 and "24" in plain(new[0].text) and "11:00" in plain(new[0].text)
        (edit,) = edits
        original = first[person.chat_id]
        assert edit.message_id == original.message_id
        line, _, rest = plain(edit.text).partition("\n\n")
        assert line == lines[person.chat_id]
        assert rest == plain(original.text)  # the old text stays, under the new first line
        assert button_labels(edit) == (["📂 Case card"] if person.language == "en" else ["📂 Карточка дела"])
        assert (await campaign.on_screen(person, edit.message_id)).startswith(lines[person.chat_id])
    # The admin, who made the change, is not told anything about the edits.
    assert not [r for r in await campaign.admin.replies() if r.method == "sendMessage"]


async def test_cancel_marks_every_message_about_the_hearing_cancelled(campaign: Campaign) -> None:
    first = await _hearing_sent(campaign)
    campaign.clock.advance(timedelta(days=6, hours=1, minutes=30))  # 16 March 10:30: the day-before reminder
    await campaign.app.tick_all()
    assert await campaign.app.drain(15)
    reminder = (await campaign.received(campaign.relative))[0][-1]
    assert "заседание" in plain(reminder.text)
    await campaign.admin_does("/cancelhearing balashov")
    new, edits = await campaign.received(campaign.relative)
    assert len(new) == 1 and "отменено" in plain(new[0].text)
    edited = {r.message_id for r in edits}
    assert edited == {first[7202].message_id, reminder.message_id}
    for message_id in edited:
        text = await campaign.on_screen(campaign.relative, message_id)
        assert text.startswith("❌ Заседание отменено\n\n") and "см. новое" not in text
    _, friend_edits = await campaign.received(campaign.friend)
    assert friend_edits and plain(friend_edits[-1].text).startswith("❌ The hearing is cancelled")


async def test_a_message_telegram_will_not_edit_is_skipped_and_nothing_else_breaks(campaign: Campaign) -> None:
    first = await _hearing_sent(campaign)
    gone = first[7201].message_id
    assert gone is not None
    await campaign.app.bot.delete_message(7201, gone)  # the supporter deleted it: "message to edit not found"
    await campaign.admin_does("/movehearing balashov 24 марта 11:00")
    new, edits = await campaign.received(campaign.supporter)
    assert len(new) == 1 and "24 марта" in plain(new[0].text) and edits == []
    assert (await campaign.received(campaign.relative))[1]  # the others' messages are edited as ever
    async with campaign.app.store.read() as tx:
        counts = await tx.edits.counts()
    assert counts["skipped"] == 1 and counts["done"] == 2 and counts["pending"] == counts["sending"] == 0
    # Later corrections still reach the supporter: the move's own message is edited when it is cancelled.
    await campaign.admin_does("/cancelhearing balashov")
    _, edits = await campaign.received(campaign.supporter)
    assert [r.message_id for r in edits] == [new[0].message_id]
    admin_heard = [plain(r.text) for r in await campaign.admin.replies() if r.method == "sendMessage"]
    assert not any("edit" in s.lower() or "исправ" in s.lower() for s in admin_heard)  # no admin notice


async def test_a_refused_edit_is_not_tried_again(campaign: Campaign) -> None:
    await _hearing_sent(campaign)
    before = (await campaign.tg.stats())["per_method"].get("editMessageText", 0)
    await campaign.tg.fail("editMessageText", 3, "not_found")  # Telegram refuses every edit of this change
    await campaign.admin_does("/movehearing balashov 24 марта 11:00")
    for person in campaign.followers:
        new, edits = await campaign.received(person)
        assert len(new) == 1 and edits == []
    campaign.clock.advance(timedelta(hours=1))
    campaign.app.editor.wake()  # type: ignore[union-attr]
    assert await campaign.app.drain(15)
    assert (await campaign.tg.stats())["per_method"]["editMessageText"] == before + 3  # once each, never again


async def test_two_quick_moves_leave_only_the_latest_word(campaign: Campaign) -> None:
    first = await _hearing_sent(campaign)
    case = campaign.app.cases.get("balashov")
    assert case is not None
    async with campaign.app.store.read() as tx:
        (hearing,) = await tx.hearings.for_case(case.id)
    for day in ("2026-03-20", "2026-03-27"):  # two changes, one right after the other
        async with campaign.app.store.transaction() as tx:
            await events.move_hearing(tx, campaign.clock, hearing_id=hearing.id, new_date=day,
                                      new_time="10:00", created_by=shared.ADMIN)
    campaign.app.sender.wake()  # type: ignore[union-attr]
    assert await campaign.app.drain(15)
    for person in campaign.followers:
        new, edits = await campaign.received(person)
        assert len(new) == 2  # both moves were announced
        text = await campaign.on_screen(person, first[person.chat_id].message_id)
        assert ("27" in text.partition("\n")[0]) and ("20" not in text.partition("\n")[0])
        # The first move's message says it moved again, too.
        assert (await campaign.on_screen(person, new[0].message_id)).partition("\n")[0].count("27") == 1
        assert len([r for r in edits if r.message_id == first[person.chat_id].message_id]) <= 2


async def test_a_correction_after_a_report_says_corrected(campaign: Campaign) -> None:
    case = campaign.app.cases.get("balashov")
    assert case is not None
    async with campaign.app.store.transaction() as tx:  # as if found in the news
        await events.add_hearing(tx, campaign.clock, case=case, local_date="2026-03-19",
                                 local_time="10:00", source_url="https://example.org/a")
    assert await campaign.app.drain(15)
    message = last_with_buttons(await campaign.relative.replies())
    await campaign.relative.presses(message, "Дата неверна")
    review = await campaign.admin.says("/review")
    await campaign.admin.presses(last_with_buttons(review), "Исправить")
    fixed = await campaign.admin.says("20 марта 10:00", expect=2)
    await campaign.admin.presses(last_with_buttons(fixed), "Подтвердить")
    assert await campaign.app.drain(15)
    text = await campaign.on_screen(campaign.relative, message.message_id)
    assert text.startswith("✏️ Исправлено: заседание пройдёт в пятницу, 20 марта, 10:00 (Алматы) — см. новое сообщение")
    assert "перенесено" not in text.lower()
    assert texts(await campaign.relative.replies())
