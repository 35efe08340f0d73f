"""An admin dialog goes on on whichever instance gets the next update.

Two instances of the app, each built by the composition root, share one database (an SQLite file, and a
PostgreSQL schema when TEST_POSTGRES_URL is set). Updates are handed to one instance or the other as a load
balancer in front of webhook instances would hand them: the stand-in, like Telegram, serves one poller per token.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import pytest_asyncio

from bot.clock import FakeClock
from bot.config import Settings
from bot.runtime.app import STANDIN_SCALE, App, build_app
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, button_data, last_with_buttons, texts

pytestmark = pytest.mark.slow  # two instances of the real bot against the stand-in

ADMIN = 9001


@dataclass
class Pair:
    """Two instances on one database and one bot token, and the updates each was handed."""

    a: App
    b: App
    tg: StandinClient
    offset: int = 0
    handled: dict[str, int] = field(default_factory=lambda: {"a": 0, "b": 0})

    async def hand_to(self, app: App) -> None:
        """Every update waiting at the stand-in, handled by `app` (each to the end before the next)."""
        updates = await app.bot.get_updates(offset=self.offset, timeout=0)
        assert updates, "nothing was waiting"
        for update in updates:
            await app.dp.feed_update(app.bot, update)
            self.offset = update.update_id + 1
            self.handled[app.settings.instance_id] += 1
        # The next offset tells the stand-in they are done with, as a poller's next call tells Telegram.
        assert await app.bot.get_updates(offset=self.offset, timeout=0) == []

    async def says(self, person: Person, text: str, app: App) -> list[Sent]:
        await self.tg.send_text(person.chat_id, text, user_id=person.user_id, language_code=person.language)
        await self.hand_to(app)
        return await person.replies()

    async def presses(self, person: Person, record: Sent, label: str, app: App) -> list[Sent]:
        assert record.message_id is not None
        await self.tg.press(person.chat_id, record.message_id, button_data(record, label), user_id=person.user_id,
                            language_code=person.language)
        await self.hand_to(app)
        return await person.replies()

    async def drain(self) -> None:
        assert await self.a.drain(15) and await self.b.drain(15)


@pytest_asyncio.fixture
async def pair(standin: StandinServer, example_settings: Settings, store_url: str) -> AsyncIterator[Pair]:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    clock = FakeClock()
    apps: list[App] = []
    try:
        for name in ("a", "b"):
            settings = example_settings.model_copy(update={
                "bot_token": token, "telegram_api_url": standin.base_url, "admin_ids": [ADMIN],
                "database_url": store_url, "instance_id": name,
            })
            # The stand-in runs at STANDIN_SCALE: the bot's own limiter is scaled alike, as `running` does.
            app = await build_app(settings, clock=clock, scheduler=False, limiter_scale=STANDIN_SCALE)
            apps.append(app)
            await app.start_without_updates()  # menus and the sender; updates come from the test
        async with StandinClient(standin.base_url, token) as tg:
            yield Pair(apps[0], apps[1], tg)
    finally:
        for app in apps:
            await app.stop()


async def test_a_post_begun_on_one_instance_is_written_and_confirmed_on_others(pair: Pair) -> None:
    a, b = pair.a, pair.b
    supporter, admin = Person(pair.tg, chat_id=7501), Person(pair.tg, chat_id=ADMIN, user_id=ADMIN)
    await pair.says(supporter, "/follow Балашов", b)
    asked = texts(await pair.says(admin, "/post balashov", a))
    assert any("текст новости по делу Виктора Балашова" in s for s in asked)
    preview = await pair.says(admin, "Суд перенёс заседание на 24 марта.", b)  # the dialog's next step, on B
    assert any("Суд перенёс заседание на 24 марта." in s for s in texts(preview))
    await pair.presses(admin, last_with_buttons(preview), "Подтвердить", a)
    await pair.drain()
    got = texts(await supporter.replies())
    assert len(got) == 1 and "Суд перенёс заседание на 24 марта." in got[0]
    assert pair.handled == {"a": 2, "b": 2}


async def test_newcase_answered_on_two_instances_in_turn_makes_the_case(pair: Pair) -> None:
    admin = Person(pair.tg, chat_id=ADMIN, user_id=ADMIN)
    turns = [pair.a, pair.b]
    await pair.says(admin, "/newcase", pair.a)
    answers = ("ivanov", "Иван Иванов", "Ivan Ivanov", "-", "Иванов, Ivanov", "Медеуский районный суд", "-")
    for n, answer in enumerate(answers):
        out = await pair.says(admin, answer, turns[(n + 1) % 2])  # B, A, B, …: each answer on the other one
    await pair.presses(admin, last_with_buttons(out), "идёт суд", pair.a)
    for n, answer in enumerate(("Обвиняется в участии в мирной акции.", "-", "-")):
        await pair.says(admin, answer, turns[(n + 1) % 2])
    preview = await pair.says(admin, "https://example.org/ivanov", pair.a)
    shown = "\n".join(texts(preview))
    assert "Иван Иванов" in shown and "Обвиняется в участии в мирной акции." in shown
    done = texts(await pair.presses(admin, last_with_buttons(preview), "Подтвердить", pair.b))
    assert any("Дело Ивана Иванова создано" in s for s in done)
    supporter = Person(pair.tg, chat_id=7502)
    assert "Ивана Иванова" in texts(await pair.says(supporter, "/follow Иванову", pair.b))[0]
    assert pair.handled["a"] >= 6 and pair.handled["b"] >= 6


async def test_a_case_made_on_one_instance_is_found_on_another(pair: Pair) -> None:
    admin = Person(pair.tg, chat_id=ADMIN, user_id=ADMIN)
    await pair.says(admin, "/newcase", pair.a)
    for answer in ("petrov", "Пётр Петров", "Pyotr Petrov", "-", "Петров", "Медеуский районный суд", "-"):
        out = await pair.says(admin, answer, pair.a)
    await pair.presses(admin, last_with_buttons(out), "идёт суд", pair.a)
    for answer in ("Обвиняется в участии в мирной акции.", "-", "-"):
        await pair.says(admin, answer, pair.a)
    preview = await pair.says(admin, "-", pair.a)
    done = texts(await pair.presses(admin, last_with_buttons(preview), "Подтвердить", pair.a))
    assert any("Дело Петра Петрова создано" in s for s in done)
    supporter = Person(pair.tg, chat_id=7503)
    assert "Петра Петрова" in texts(await pair.says(supporter, "/follow Петров", pair.b))[0]
    assert pair.b.cases.get("petrov") is not None
    assert pair.handled["b"] == 1


async def test_a_case_renamed_on_one_instance_shows_renamed_on_another(pair: Pair) -> None:
    admin, reader = Person(pair.tg, chat_id=ADMIN, user_id=ADMIN), Person(pair.tg, chat_id=7504)
    assert "Мансур Мовлаев" in texts(await pair.says(reader, "/case movlaev", pair.b))[0]
    menu = last_with_buttons(await pair.says(admin, "/editcase movlaev", pair.a))
    await pair.presses(admin, menu, "Имя", pair.a)
    out = await pair.says(admin, "Мансур Мовлаев-Сидоров", pair.a)
    await pair.presses(admin, last_with_buttons(out), "Подтвердить", pair.a)
    card = texts(await pair.says(reader, "/case movlaev", pair.b))[0]
    assert "Мансур Мовлаев-Сидоров" in card
