"""Daily digests through the stand-in: chosen in /settings, one message at the chosen hour, hearings at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from bot.events.posts import post_statement
from bot.runtime.app import App
from bot.standin.client import StandinClient
from tests.e2e.campaign import CAMPAIGN_BOT, CampaignBot
from tests.e2e.people import Person, last_with_buttons, texts

EVENING = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # 20:00 in Almaty (UTC+5); the bot starts at 09:00
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


@dataclass
class Setup(CampaignBot):
    reader: Person  # takes a digest
    other: Person  # news at once
    async def post(self, text: str) -> None:
        await self.admin.says("/post balashov")
        await self.confirm(await self.admin.says(text))

    async def statement(self, title: str) -> None:
        case = self.app.cases.get("balashov")
        assert case is not None
        async with self.app.store.transaction() as tx:
            await post_statement(tx, self.clock, case=case, title=title,
                                 excerpt=f"{title}. Полный текст.", link="https://example.org/statement")
        assert self.app.sender is not None
        self.app.sender.wake()
        assert await self.app.drain(15)

    async def at(self, when: datetime) -> None:
        """The clock reaches `when`; the ticks run as the scheduler would run them."""
        self.clock.set(when)
        await self.app.tick_all()
        assert await self.app.drain(15)


@pytest_asyncio.fixture
async def setup(app: App, tg: StandinClient, admin: Person) -> Setup:
    reader, other = Person(tg, chat_id=7401), Person(tg, chat_id=7402)
    await reader.says("/follow Балашов")
    await other.says("/follow Балашов")
    return Setup(app, tg, admin, reader, other)


async def choose_digest_at(person: Person, hour: str) -> str:
    """/settings → news digest → once a day → the hour; returns the screen's text."""
    screen = last_with_buttons(await person.presses(last_with_buttons(await person.says("/settings")), "Сводка"))
    screen = last_with_buttons(await person.presses(screen, "Раз в день"))
    assert "09:00" in texts([screen])[-1]  # the default hour, in the default zone
    screen = last_with_buttons(await person.presses(screen, hour))
    return texts([screen])[-1]


async def test_a_digest_arrives_once_at_the_chosen_hour_and_never_holds_back_a_hearing(setup: Setup) -> None:
    shown = await choose_digest_at(setup.reader, "20:00")
    assert "20:00" in shown and "Казахстан (UTC+5)" in shown
    await setup.post("Адвокаты подали жалобу")
    await setup.statement("Заявление из СИЗО")
    assert texts(await setup.reader.replies()) == []  # held for the evening
    assert len(texts(await setup.other.replies())) == 2  # the other reader gets them at once

    await setup.confirm(await setup.admin.says("/hearing balashov 17 марта 10:00"))
    got = texts(await setup.reader.replies())
    assert len(got) == 1 and "17 марта" in got[0]  # a hearing never waits for the digest

    await setup.at(EVENING - timedelta(minutes=1))
    assert texts(await setup.reader.replies()) == []
    await setup.at(EVENING)
    digest = texts(await setup.reader.replies())
    assert len(digest) == 1
    assert "Сводка новостей" in digest[0] and "Виктор Балашов" in digest[0]
    assert "Адвокаты подали жалобу" in digest[0] and "Заявление из СИЗО" in digest[0]
    for later in (EVENING + timedelta(minutes=1), EVENING + timedelta(hours=1)):
        await setup.at(later)
        assert texts(await setup.reader.replies()) == []  # once


async def test_going_back_to_news_at_once_releases_what_waits(setup: Setup) -> None:
    await choose_digest_at(setup.reader, "20:00")
    await setup.post("Первая новость")
    await setup.statement("Второе заявление")
    assert texts(await setup.reader.replies()) == []
    screen = last_with_buttons(await setup.tg.sent(setup.reader.chat_id))
    out = await setup.reader.presses(screen, "Сразу")
    assert any("в пути: 2" in (r.text or "") for r in out if r.method == "answerCallbackQuery")
    assert await setup.app.drain(15)
    got = texts(out + await setup.reader.replies())
    assert any("Первая новость" in s for s in got) and any("Второе заявление" in s for s in got)
    await setup.at(EVENING)
    assert texts(await setup.reader.replies()) == []  # nothing left for a digest
