""""🙋 I'm going" through the stand-in: presses, counts on /hearings, /case and /stats, the kit, "how it went"."""

from __future__ import annotations

import pytest

from bot.standin.client import Sent
from tests.e2e import test_admin_to_followers
from tests.e2e.people import Person, button_labels, last_with_buttons, texts
from tests.e2e.test_admin_to_followers import Campaign

pytestmark = pytest.mark.slow  # each test starts the real bot against the stand-in (a second or more)

campaign = test_admin_to_followers.campaign

ALERT = "answerCallbackQuery"


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
    assert not any(str(p.chat_id) in str(v) for p in people for row in rows for v in row.values())
