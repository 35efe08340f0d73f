"""Webhook mode: Telegram (the stand-in) posts updates to the bot's listener, with the secret it registered.

An update without the right secret is refused and not handled; `/readyz` turns unready when the database
goes away while `/healthz` still answers; `casewatch run --webhook` as a process answers and stops cleanly.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.clock import FakeClock
from bot.config import Settings
from bot.runtime.app import App
from bot.runtime.serve import serve, serving
from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, texts, track
from tests.e2e.sites import listening, reserved_port
from tests.leaks import names_id
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S

pytestmark = pytest.mark.slow

SECRET = "s3cret-Token_1"
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


@dataclass
class Hooked:
    app: App
    tg: StandinClient
    http: aiohttp.ClientSession
    base: str

    async def post(self, update: dict[str, Any], secret: str | None) -> int:
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with self.http.post(f"{self.base}/telegram", json=update, headers=headers) as resp:
            return resp.status

    async def get(self, path: str) -> tuple[int, Any]:
        async with self.http.get(f"{self.base}{path}") as resp:
            return resp.status, await resp.json()


@pytest_asyncio.fixture
async def hooked(standin: StandinServer, example_settings: Settings) -> AsyncIterator[Hooked]:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    with reserved_port() as port:
        base = f"http://127.0.0.1:{port}"
        settings = example_settings.model_copy(update={
            "bot_token": token, "telegram_api_url": standin.base_url, "listen_host": "127.0.0.1", "listen_port": port,
            "webhook_secret": SECRET, "webhook_url": f"{base}/telegram",
        })
        async with serving(settings, clock=FakeClock(START), webhook=True) as app, \
                StandinClient(standin.base_url, token) as tg, aiohttp.ClientSession() as http:
            track(app)
            yield Hooked(app, tg, http, base)


def start_update(update_id: int, chat_id: int, text: str = "/start") -> dict[str, Any]:
    sender = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "ru"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(START.timestamp()), "chat": {"id": chat_id, "type": "private"},
        "from": sender, "text": text, "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}}


async def test_updates_arrive_by_webhook_and_are_answered(hooked: Hooked) -> None:
    info = await hooked.app.bot.get_webhook_info()
    assert info.url == f"{hooked.base}/telegram"
    assert "message" in (info.allowed_updates or []) and "callback_query" in (info.allowed_updates or [])
    out = texts(await Person(hooked.tg, chat_id=7501).says("/follow Балашову"))
    assert "Виктора Балашова" in out[0]


async def test_an_update_without_the_right_secret_is_refused_and_not_handled(hooked: Hooked) -> None:
    person = Person(hooked.tg, chat_id=7502)
    await person.says("/start")  # the chat exists, so an answer to it could be sent
    assert await hooked.post(start_update(900001, 7502, "/my"), secret="wrong") == 401
    assert await hooked.post(start_update(900002, 7502, "/my"), secret=None) == 401
    assert await hooked.tg.settle()
    assert texts(await person.replies()) == []
    # The same update with the secret is handled before the answer (Telegram would resend it otherwise).
    assert await hooked.post(start_update(900003, 7502, "/my"), secret=SECRET) == 200
    assert texts(await person.replies())


async def test_readyz_turns_unready_when_the_database_goes_away(hooked: Hooked) -> None:
    assert await hooked.get("/readyz") == (200, {"db": True, "scheduler": "off"})
    db = hooked.app.settings.sqlite_path
    assert db is not None
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)  # the volume is gone: what the bot writes now would be lost
    status, body = await hooked.get("/readyz")
    assert status == 503 and body["db"] is False
    assert (await hooked.get("/healthz"))[0] == 200  # the process itself is up


async def test_a_stopping_instance_sends_updates_back_to_telegram(hooked: Hooked) -> None:
    listener = hooked.app.listener
    assert listener is not None
    listener.stop_taking_updates()  # what the stop does first, before waiting for the updates in hand
    assert await hooked.post(start_update(900004, 7503), secret=SECRET) == 503
    status, body = await hooked.get("/readyz")
    assert status == 503 and body["stopping"] is True
    assert (await hooked.get("/healthz"))[0] == 200


@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)
async def test_run_webhook_as_a_process_answers_and_stops_cleanly(standin: StandinServer, tmp_path: Path) -> None:
    token = "5550002:HOOK"
    with reserved_port() as port:  # held until the process has long bound it: it takes seconds to start
        env = {**os.environ, "BOT_TOKEN": token, "TELEGRAM_API_URL": standin.base_url,
               "CASEWATCH_CONFIG": str(EXAMPLE), "DATABASE_URL": f"sqlite:///{tmp_path / 'hook.db'}",
               "ALLOW_PRIVATE_URLS": "true", "LISTEN_HOST": "127.0.0.1", "LISTEN_PORT": str(port),
               "WEBHOOK_SECRET": SECRET, "PUBLIC_URL": f"http://127.0.0.1:{port}"}
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", "--webhook", env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            async with StandinClient(standin.base_url, token) as tg, aiohttp.ClientSession() as http:
                # Sent before the process is up: Telegram keeps it, and posts it once the webhook is registered.
                await tg.send_text(4343, "/follow Балашову", language_code="ru")
                out = texts(await tg.wait_sent(4343, 1, timeout=START_S))
                assert "Виктора Балашова" in out[0]
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    assert resp.status == 200
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
    log = err.decode()
    assert proc.returncode == 0, log
    assert "webhook registered" in log and "stopping" in log
    assert not names_id(log, 4343) and "Балашову" not in log and SECRET not in log


async def test_a_webhook_telegram_refuses_ends_the_run_with_its_words(
    standin: StandinServer, example_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    with reserved_port() as port:
        settings = example_settings.model_copy(update={
            "bot_token": token, "telegram_api_url": standin.base_url, "listen_host": "127.0.0.1", "listen_port": port,
            "webhook_secret": SECRET, "public_url": f"http://127.0.0.1:{port}",
        })
        async with StandinClient(standin.base_url, token) as tg:
            await tg.fail("setWebhook", kind="5xx")
            assert await serve(settings, webhook=True) == 1
        assert capsys.readouterr().err.startswith("starting failed: Telegram answered: ")
        assert not listening(port)  # the listener was closed
