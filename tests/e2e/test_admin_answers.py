"""What a campaign admin reads back: usage texts, links, refusals in their language, /review, /stats."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.app import App, running
from bot.clock import FakeClock
from bot.config import Settings
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, last_with_buttons, texts, track

ADMIN = 9001


@pytest_asyncio.fixture
async def app(standin: StandinServer, example_settings: Settings) -> AsyncIterator[App]:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = example_settings.model_copy(
        update={"bot_token": token, "telegram_api_url": standin.base_url, "admin_ids": [ADMIN]}
    )
    async with running(settings, clock=FakeClock(), scheduler=False) as app:
        track(app)
        yield app


@pytest_asyncio.fixture
async def tg(standin: StandinServer, app: App) -> AsyncIterator[StandinClient]:
    async with StandinClient(standin.base_url, app.settings.bot_token or "") as client:
        yield client


@pytest_asyncio.fixture
async def admin(tg: StandinClient) -> Person:
    return Person(tg, chat_id=ADMIN)


async def confirm(person: Person, out: list[Sent]) -> list[Sent]:
    return await person.presses(last_with_buttons(out), "Подтвердить")


@pytest.mark.parametrize(("language", "usage"), [("ru", "Так:"), ("en", "Usage:"), ("kk", "Былай:")])
async def test_admin_commands_without_an_argument_answer_with_their_usage(
    tg: StandinClient, app: App, language: str, usage: str
) -> None:
    admin = Person(tg, chat_id=ADMIN, language=language)
    for command, placeholder in (("/addsource", "<url>"), ("/revoke", "<"), ("/pausesource", "<"),
                                 ("/resumesource", "<"), ("/removesource", "<")):
        out = texts(await admin.says(command))
        assert len(out) == 1 and out[0].startswith(usage) and placeholder in out[0], (command, out)


async def test_an_error_reply_that_telegram_refuses_is_sent_again_as_plain_text(
    tg: StandinClient, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import handlers.errors

    # A text with a markup slip, as the usage texts had: Telegram refuses it in HTML mode.
    monkeypatch.setattr(handlers.errors, "t", lambda lang, key, **args: "Так: /follow <имя> & <b>всё")
    out = await Person(tg, chat_id=5301).says("/follow")
    assert [(r.text, r.parse_mode) for r in out if r.method == "sendMessage"] == [
        ("Так: /follow <имя> & всё", None)]


async def test_the_new_case_link_names_the_bot_and_opens_the_card(tg: StandinClient, app: App, admin: Person) -> None:
    from bot.staff import actor_for, make_draft
    from handlers.admin.callbacks import DraftCb
    from storage.api import CaseInput

    # What the /newcase dialog leaves for Confirm (its questions are tested in test_admin_flows).
    case = CaseInput(slug="petrov", name="Пётр Петров", name_en="Pyotr Petrov", name_kk=None, aliases=("Петров",),
                     court="Медеуский районный суд", timezone="Asia/Almaty", status="trial",
                     description="Обвиняется в участии в мирной акции.", links=())
    payload = {k: (list(v) if isinstance(v, tuple) else v) for k, v in case.__dict__.items()}
    actor = await actor_for(app.store, app.settings, ADMIN)
    token = await make_draft(app.store, app.clock, actor, "newcase", payload, "absent")
    shown = last_with_buttons(await admin.says("/lang"))  # any message with buttons stands for the preview
    out = texts(await admin.presses_data(shown.message_id or 0, DraftCb(token=token, yes=True).pack()))
    username = (await app.bot.me()).username
    assert username and "…" not in "\n".join(out)
    link = f"https://t.me/{username}?start=c_petrov"
    assert any(link in s for s in out), out
    reader = Person(tg, chat_id=5310)
    assert "Пётр Петров" in texts(await reader.says("/start " + link.split("?start=", 1)[1]))[0]
