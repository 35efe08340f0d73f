"""From a source to a follower's phone: the real bot, the real poller and extractor, the Sender, the stand-in.

Each test copies the example sources to a temporary folder, lets the first (baseline) poll read them,
then adds a document the way a campaign's site would publish one, and moves the fake clock for reminders.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from icalendar import Calendar

from bot.clock import FakeClock
from bot.config import load_settings
from bot.runtime.app import App, running
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, button_labels, texts, track

pytestmark = pytest.mark.slow  # each test starts the real bot against the stand-in (a second or more)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
HEARING_UTC = datetime(2026, 3, 17, 5, 0, tzinfo=UTC)  # 17 March, 10:00 in Almaty (+05:00)
ADMIN = 9001


@dataclass
class Scene:
    app: App
    tg: StandinClient
    clock: FakeClock
    folder: Path  # the markdown source's folder
    supporter: Person  # follows everything
    relative: Person  # hearings only
    n: int = 0

    async def publish(self, text: str, *, title: str = "Новости", name: str | None = None) -> None:
        """A new document in the source, then a poll, extraction and delivery, as the scheduler would."""
        self.n += 1
        doc = name or f"2026-03-10-news-{self.n}.md"
        (self.folder / doc).write_text(
            f'---\ntitle: "{title}"\ndate: 2026-03-10T09:00:00+05:00\n'
            f'sourcelink: "https://example.org/news/{doc[:-3]}"\n---\n\n{text}\n', encoding="utf-8")
        await self.tick(timedelta(minutes=15))  # past the source's poll interval

    async def tick(self, advance: timedelta | None = None) -> None:
        if advance is not None:
            self.clock.advance(advance)
        await self.app.tick_all()
        assert await self.app.drain(15)

    async def at(self, when: datetime) -> None:
        self.clock.set(when)
        await self.tick()


@pytest_asyncio.fixture
async def scene(standin: StandinServer, tmp_path: Path) -> AsyncIterator[Scene]:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    # A bot token only has to be unique on the stand-in (random is seeded per test: tests/conftest.py).
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = load_settings(
        tmp_path / "examples" / "casewatch.toml", bot_token=token, telegram_api_url=standin.base_url,
        database_url=f"sqlite:///{tmp_path / 'cw.db'}", allow_private_urls=True, admin_ids=[ADMIN],
        instance_id="e2e",
    )
    clock = FakeClock(START)
    async with running(settings, clock=clock, scheduler=False) as app, \
            StandinClient(standin.base_url, token) as tg:
        track(app)
        supporter, relative = Person(tg, chat_id=7101), Person(tg, chat_id=7102)
        await supporter.says("/follow Балашов")
        await relative.follows_hearings_only("balashov")
        s = Scene(app, tg, clock, tmp_path / "examples" / "sources" / "statements", supporter, relative)
        await s.tick()  # the baseline poll: what the sources already had is never announced
        assert texts(await supporter.replies()) == [] and texts(await relative.replies()) == []
        yield s


def _messages(records: list[Sent]) -> list[Sent]:
    return [r for r in records if r.method == "sendMessage"]


async def test_new_hearing_in_a_source_reaches_both_levels(scene: Scene) -> None:
    await scene.publish("Медеуский районный суд Алматы назначил заседание по делу Виктора Балашова "
                        "на 17 марта в 10:00.", title="Суд назначил дату")
    for person in (scene.supporter, scene.relative):
        (msg,) = _messages(await person.replies())
        shown = msg.visible_text or ""
        assert "Виктор Балашов" in shown and "вторник, 17 марта, 10:00 (Алматы)" in shown
        assert "Источник" in shown and 'href="https://example.org/news/' in (msg.text or "")
        # Found in the news, so followers can say the date looks wrong.
        assert button_labels(msg) == [
            "🙋 Я пойду", "📅 В календарь", "⚠️ Дата неверна?", "📂 Карточка дела", "🔕 Отписаться",
        ]
    # The same hearing in a second source is one hearing: nobody hears of it twice.
    await scene.publish("Напоминаем: заседание по делу Виктора Балашова состоится 17 марта в 10:00.")
    assert _messages(await scene.supporter.replies()) == [] and _messages(await scene.relative.replies()) == []


async def test_calendar_button_sends_an_ics_that_parses_to_the_right_instant(scene: Scene) -> None:
    await scene.publish("Заседание по делу Виктора Балашова назначено на 17 марта в 10:00.")
    (msg,) = _messages(await scene.relative.replies())
    out = await scene.relative.presses(msg, "📅")
    (doc,) = [r for r in out if r.method == "sendDocument"]
    assert doc.document_name == "hearing-balashov-2026-03-17.ics" and doc.document_bytes
    event = Calendar.from_ical(doc.document_bytes).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(UTC) == HEARING_UTC
    assert "Медеуский" in str(event["location"]) and event.walk("VALARM")


async def test_statement_reaches_only_everything_and_stop_these_switches_to_hearings(scene: Scene) -> None:
    quote = ("Виктор Балашов передал из СИЗО письмо: «Я не признаю вину и благодарю всех, кто меня "
             "поддерживает».")
    await scene.publish(quote, title="Письмо Виктора Балашова")
    (msg,) = _messages(await scene.supporter.replies())
    assert "заявление" in (msg.visible_text or "") and "Письмо Виктора Балашова" in (msg.visible_text or "")
    assert _messages(await scene.relative.replies()) == []
    # The same words from another site go out once.
    await scene.publish(quote, title="Балашов: письмо из СИЗО")
    assert _messages(await scene.supporter.replies()) == []
    # "Stop these" on a statement keeps the hearings and stops the rest.
    out = await scene.supporter.presses(msg, "Только заседания")
    assert any("только заседания и напоминания" in t for t in texts(out))
    await scene.publish("Виктор Балашов написал новое письмо: «Спасибо за открытки, я читаю каждую».")
    assert _messages(await scene.supporter.replies()) == []


async def test_postponement_updates_and_moves_the_reminders(scene: Scene) -> None:
    await scene.publish("Заседание по делу Виктора Балашова назначено на 17 марта в 10:00.")
    await scene.supporter.replies()
    await scene.relative.replies()
    await scene.publish("Заседание по делу Виктора Балашова, назначенное на 17 марта, отложено до 24 марта.")
    for person in (scene.supporter, scene.relative):
        (msg,) = _messages(await person.replies())
        assert "перенесено на вторник, 24 марта" in (msg.visible_text or "")
        assert "Было: вторник, 17 марта, 10:00 (Алматы)" in (msg.visible_text or "")
    # Nothing at the old date's reminder moment…
    await scene.at(HEARING_UTC - timedelta(hours=24))
    assert _messages(await scene.relative.replies()) == []
    # …and the new one (no time known yet) is reminded at 18:00 court time the evening before.
    await scene.at(datetime(2026, 3, 23, 12, 59, tzinfo=UTC))
    assert _messages(await scene.relative.replies()) == []
    await scene.at(datetime(2026, 3, 23, 13, 0, tzinfo=UTC))
    (reminder,) = _messages(await scene.relative.replies())
    assert "заседание завтра" in (reminder.visible_text or "") and "24 марта" in (reminder.visible_text or "")


async def test_reminders_fire_at_the_right_moment_once_each(scene: Scene) -> None:
    await scene.publish("Медеуский районный суд назначил заседание по делу Виктора Балашова на 17 марта в 10:00.")
    await scene.supporter.replies()
    await scene.relative.replies()
    await scene.at(HEARING_UTC - timedelta(hours=24, seconds=1))
    assert _messages(await scene.relative.replies()) == []
    await scene.at(HEARING_UTC - timedelta(hours=24))
    for person in (scene.supporter, scene.relative):
        (msg,) = _messages(await person.replies())
        assert "через сутки" in (msg.visible_text or "") and "10:00 (Алматы)" in (msg.visible_text or "")
    await scene.tick(timedelta(minutes=1))  # restart-safe: the same moment never sends twice
    assert _messages(await scene.relative.replies()) == []
    await scene.at(HEARING_UTC - timedelta(hours=2))
    (msg,) = _messages(await scene.relative.replies())
    assert "через 2 часа" in (msg.visible_text or "")


async def test_edited_item_is_not_announced_twice(scene: Scene) -> None:
    text = "Заседание по делу Виктора Балашова назначено на 17 марта в 10:00."
    await scene.publish(text, name="2026-03-10-edit.md")
    assert len(_messages(await scene.supporter.replies())) == 1
    scene.n -= 1
    await scene.publish(text + " Вход для слушателей свободный.", name="2026-03-10-edit.md")
    assert _messages(await scene.supporter.replies()) == []


async def test_hearings_and_settings_commands(scene: Scene) -> None:
    await scene.publish("Заседание по делу Виктора Балашова назначено на 17 марта в 10:00.")
    await scene.relative.replies()
    listing = texts(await scene.relative.says("/hearings"))
    assert "Ближайшие заседания по вашим делам" in listing[0] and "вторник, 17 марта, 10:00 (Алматы)" in listing[0]
    stranger = Person(scene.tg, chat_id=7199, language="en")
    assert "Tuesday, 17 March, 10:00 (Almaty)" in texts(await stranger.says("/hearings"))[0]
    screen = (await scene.relative.says("/settings"))[-1]
    assert "за 1 день, за 2 часа" in (screen.visible_text or "")
    out = await scene.relative.presses(screen, "за 7 дней")
    assert "за 7 дней, за 1 день, за 2 часа" in texts(out)[0]
    async with scene.app.store.read() as tx:
        chat = await tx.chats.get(7102)
    assert chat is not None and chat.reminder_offsets == (10080, 1440, 120)
