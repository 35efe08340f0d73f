"""`casewatch run` as a process: answers, stops cleanly on SIGTERM, and loses no update sent while it was down."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, texts
from tests.leaks import names_id
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S, get_updates_calls, until_polling

pytestmark = [pytest.mark.slow, pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)]  # starts `casewatch run`, twice

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


async def _start(standin: StandinServer, token: str, db: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "BOT_TOKEN": token, "TELEGRAM_API_URL": standin.base_url, "CASEWATCH_CONFIG": str(EXAMPLE),
           "DATABASE_URL": f"sqlite:///{db}", "ALLOW_PRIVATE_URLS": "true"}
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def _stop(proc: asyncio.subprocess.Process) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


async def test_run_answers_stops_on_sigterm_and_keeps_pending_updates(standin: StandinServer, tmp_path: Path) -> None:
    token = "5550001:RUN"
    async with StandinClient(standin.base_url, token) as tg:
        person = Person(tg, chat_id=4242)
        before = await get_updates_calls(tg)
        proc = await _start(standin, token, tmp_path / "run.db")
        try:
            await until_polling(tg, after=before)
            out = await person.says("/follow Балашову")
            assert "Виктора Балашова" in texts(out)[0]
        finally:
            code, log = await _stop(proc)
        assert code == 0, log
        assert "stopping" in log and not names_id(log, 4242) and "Балашову" not in log
        # Written while the bot is down: Telegram keeps it, and the next run answers it.
        await tg.send_text(4242, "/my")
        proc = await _start(standin, token, tmp_path / "run.db")
        try:
            got = await tg.wait_sent(4242, 1, after=person.seen, timeout=START_S)
            assert "Виктор Балашов — всё" in texts(got)[0]
        finally:
            code, log = await _stop(proc)
        assert code == 0, log
