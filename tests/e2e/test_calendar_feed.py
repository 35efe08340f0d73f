"""A supporter subscribes to a case's calendar: the bot's listener serves it, and every change follows.

The bot runs as `casewatch run` runs it with LISTEN_PORT set (polling, plus the HTTP listener), against the
stand-in; the admin works from the chat; the feed is read over HTTP and parsed with `ical`, not with the
icalendar library that writes it.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from ical.calendar import Calendar as ParsedCalendar
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event as ParsedEvent
from ical.event import EventStatus
from multidict import CIMultiDict

from bot.clock import FakeClock, zone
from bot.config import CaseDecl, Settings
from bot.events.hearings import record_past_hearing
from bot.runtime.app import App
from bot.runtime.serve import serving
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, last_with_buttons, texts, track
from tests.e2e.sites import reserved_port
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S

pytestmark = pytest.mark.slow

ADMIN = 9001
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
ALMATY = zone("Asia/Almaty")
PUBLIC = "https://cal.example.org"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"
HIDDEN = CaseDecl(slug="hidden", name="Скрытое Дело", aliases=["Скрытое Дело"], public=False)


@dataclass
class Subscribed:
    app: App
    tg: StandinClient
    http: aiohttp.ClientSession
    clock: FakeClock
    admin: Person

    def url(self, path: str) -> str:
        assert self.app.listener is not None
        return f"http://127.0.0.1:{self.app.listener.port}{path}"

    async def get(self, path: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
        async with self.http.get(self.url(path), headers=headers) as resp:
            return resp.status, resp.headers.copy(), await resp.read()

    async def feed(self, slug: str = "balashov", lang: str | None = None) -> ParsedCalendar:
        status, headers, body = await self.get(f"/cal/{slug}.ics" + (f"?lang={lang}" if lang else ""))
        assert status == 200, body
        assert headers["Content-Type"] == "text/calendar; charset=utf-8"
        return IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))

    async def confirm(self, command: str) -> None:
        """An admin command, then its preview's Confirm; then wait until the followers have it."""
        preview: list[Sent] = await self.admin.says(command)
        await self.admin.presses(last_with_buttons(preview), "Подтвердить")
        assert await self.app.drain(15)
        self.clock.advance(timedelta(minutes=5))  # the next change is a later one (Last-Modified counts seconds)


@pytest_asyncio.fixture
async def sub(standin: StandinServer, example_settings: Settings) -> AsyncIterator[Subscribed]:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = example_settings.model_copy(update={
        "bot_token": token, "telegram_api_url": standin.base_url, "admin_ids": [ADMIN],
        "listen_host": "127.0.0.1", "listen_port": 0, "public_url": PUBLIC,
        "cases": [*example_settings.cases, HIDDEN],
    })
    clock = FakeClock(START)
    async with serving(settings, clock=clock) as app, StandinClient(standin.base_url, token) as tg, \
            aiohttp.ClientSession() as http:
        track(app)
        yield Subscribed(app, tg, http, clock, Person(tg, chat_id=ADMIN))


def only_event(cal: ParsedCalendar) -> ParsedEvent:
    assert len(cal.events) == 1, [e.dtstart for e in cal.events]
    return cal.events[0]


async def test_a_moved_hearing_keeps_its_uid_with_a_later_start_and_a_higher_sequence(sub: Subscribed) -> None:
    await sub.confirm("/hearing balashov 17 марта 10:00")
    first = only_event(await sub.feed())
    assert first.dtstart == datetime(2026, 3, 17, 10, 0, tzinfo=ALMATY)
    assert isinstance(first.dtstart, datetime) and str(first.dtstart.tzinfo) == "Asia/Almaty"  # the court's zone
    assert first.status == EventStatus.CONFIRMED
    assert first.location is not None and "Медеуский районный суд" in first.location
    assert first.summary == "Заседание по делу Виктора Балашова"

    await sub.confirm("/movehearing balashov 24 марта 11:00")
    moved = only_event(await sub.feed())
    assert moved.uid == first.uid
    assert moved.dtstart == datetime(2026, 3, 24, 11, 0, tzinfo=ALMATY) and moved.dtstart > first.dtstart
    assert moved.sequence is not None and first.sequence is not None and moved.sequence > first.sequence

    await sub.confirm("/cancelhearing balashov")
    cancelled = only_event(await sub.feed())
    assert cancelled.uid == first.uid and cancelled.status == EventStatus.CANCELLED
    assert cancelled.sequence is not None and cancelled.sequence > moved.sequence


async def test_past_upcoming_and_date_only_hearings_are_all_in_the_feed(sub: Subscribed) -> None:
    case = sub.app.cases.get("balashov")
    assert case is not None
    async with sub.app.store.transaction() as tx:  # reported by the news as held: history
        await record_past_hearing(tx, sub.clock, case=case, local_date="2026-03-03",
                                  source_url="https://example.org/held")
    await sub.confirm("/hearing balashov 17 марта 10:00")
    await sub.confirm("/hearing balashov 31 марта")  # no time yet: an all-day event
    cal = await sub.feed()
    starts = sorted(str(e.dtstart) for e in cal.events)
    assert starts == ["2026-03-03", "2026-03-17 10:00:00+05:00", "2026-03-31"]
    all_day = next(e for e in cal.events if e.dtstart == date(2026, 3, 31))
    assert not isinstance(all_day.dtstart, datetime) and all_day.dtend == date(2026, 4, 1)
    assert len({e.uid for e in cal.events}) == 3


async def test_the_feed_speaks_the_language_asked_for(sub: Subscribed) -> None:
    await sub.confirm("/hearing balashov 17 марта 10:00")
    english = only_event(await sub.feed(lang="en"))
    russian = only_event(await sub.feed())
    assert english.uid == russian.uid
    assert english.summary == "Court hearing: Viktor Balashov"
    assert english.location is not None and "Medeu District Court" in english.location


async def test_unchanged_feed_answers_304_and_a_change_makes_a_new_etag(sub: Subscribed) -> None:
    await sub.confirm("/hearing balashov 17 марта 10:00")
    status, headers, _ = await sub.get("/cal/balashov.ics")
    assert status == 200 and "max-age" in headers["Cache-Control"]
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert (await sub.get("/cal/balashov.ics", **{"If-None-Match": etag}))[0] == 304
    assert (await sub.get("/cal/balashov.ics", **{"If-Modified-Since": modified}))[0] == 304
    assert (await sub.get("/cal/balashov.ics", **{"If-None-Match": '"something-else"'}))[0] == 200

    await sub.confirm("/movehearing balashov 24 марта 11:00")
    status, headers, _ = await sub.get("/cal/balashov.ics", **{"If-None-Match": etag})
    assert status == 200 and headers["ETag"] != etag
    assert (await sub.get("/cal/balashov.ics", **{"If-Modified-Since": modified}))[0] == 200


async def test_a_case_that_is_not_public_has_no_feed_and_no_link(sub: Subscribed) -> None:
    assert (await sub.get("/cal/hidden.ics"))[0] == 404
    assert (await sub.get("/cal/nobody-like-this.ics"))[0] == 404
    card = texts(await Person(sub.tg, chat_id=7402).says("/start c_hidden"))[0]
    assert "Скрытое Дело" in card and "webcal://" not in card


async def test_the_case_card_offers_the_feed_in_the_readers_language(sub: Subscribed) -> None:
    ru = texts(await Person(sub.tg, chat_id=7401).says("/case Балашов"))[0]
    assert "webcal://cal.example.org/cal/balashov.ics\n" in ru and "как подписку" in ru
    en = texts(await Person(sub.tg, chat_id=7403, language="en").says("/case Balashov"))[0]
    assert "webcal://cal.example.org/cal/balashov.ics?lang=en" in en and "as a subscription" in en
    kk = texts(await Person(sub.tg, chat_id=7404, language="kk").says("/case Балашов"))[0]
    assert "webcal://cal.example.org/cal/balashov.ics?lang=kk" in kk and "жазылым ретінде" in kk
    # The address on the card is the listener's feed: what a calendar app would fetch.
    path = en.split("webcal://cal.example.org", 1)[1].split()[0]
    status, _, body = await sub.get(path)
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")


async def test_health_and_readiness_answer_beside_the_feeds(sub: Subscribed) -> None:
    assert (await sub.get("/healthz"))[0] == 200
    async with sub.http.get(sub.url("/readyz")) as resp:
        assert resp.status == 200
        assert await resp.json() == {"db": True, "scheduler": "off"}  # the tests run the ticks by hand


@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)
async def test_run_serves_feeds_in_polling_mode_when_listen_port_is_set(standin: StandinServer,
                                                                       tmp_path: Path) -> None:
    token = "5550003:FEED"
    with reserved_port() as port:  # held until the process has long bound it: it takes seconds to start
        env = {**os.environ, "BOT_TOKEN": token, "TELEGRAM_API_URL": standin.base_url,
               "CASEWATCH_CONFIG": str(EXAMPLE), "DATABASE_URL": f"sqlite:///{tmp_path / 'feed.db'}",
               "ALLOW_PRIVATE_URLS": "true", "LISTEN_HOST": "127.0.0.1", "LISTEN_PORT": str(port),
               "PUBLIC_URL": PUBLIC}
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            async with StandinClient(standin.base_url, token) as tg, aiohttp.ClientSession() as http:
                await tg.send_text(4344, "/case Балашов", language_code="ru")
                card = texts(await tg.wait_sent(4344, 1, timeout=START_S))[0]  # polling: the bot is up
                assert "webcal://cal.example.org/cal/balashov.ics" in card
                async with http.get(f"http://127.0.0.1:{port}/cal/balashov.ics") as resp:
                    assert resp.status == 200 and resp.content_type == "text/calendar"
                    IcsCalendarStream.calendar_from_ics(await resp.text())
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
