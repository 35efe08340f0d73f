"""A campaign run from Telegram: each admin command's happy path, and what followers then receive."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import pytest_asyncio

from bot.clock import FakeClock
from bot.config import Settings
from bot.runtime.app import App, running
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer
from tests.e2e.bots import clock_of
from tests.e2e.people import Person, button_data, last_with_buttons, texts
from tests.e2e.sites import feed_site

ADMIN = 9001
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(admins=[ADMIN], scheduler=True)]
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Правозащитный вестник</title><link>https://example.org/</link>
<item><title>Суд над Балашовым продолжится</title><link>https://example.org/a1</link><guid>a1</guid>
<pubDate>Mon, 09 Mar 2026 10:00:00 +0500</pubDate><description>Заседание отложено.</description></item>
</channel></rss>"""


@pytest.fixture
def clock(app: App) -> FakeClock:
    return clock_of(app)


@pytest_asyncio.fixture
async def feed_url() -> AsyncIterator[str]:
    async with feed_site(lambda name: FEED if name == "feed" else None) as base:
        yield f"{base}/feed.xml"


async def actions(app: App) -> list[str]:
    async with app.store.read() as tx:
        return [e.action for e in reversed(await tx.audit.recent(1000))]


async def confirm(person: Person, out: list[Sent]) -> list[Sent]:
    return await person.presses(last_with_buttons(out), "Подтвердить")


async def test_invite_link_makes_an_editor_once(tg: StandinClient, app: App, admin: Person, clock: FakeClock) -> None:
    out = texts(await admin.says("/editor balashov"))
    link = next(w for w in out[0].split() if "?start=ed_" in w)
    token = link.split("start=", 1)[1]
    lawyer = Person(tg, chat_id=7001)
    assert "Теперь вы редактор" in texts(await lawyer.says(f"/start {token}"))[0]
    menus = [e for e in await tg.commands() if e["scope"].get("type") == "chat" and int(e["scope"]["chat_id"]) == 7001]
    names = {c["command"] for c in menus[0]["commands"]}
    assert {"hearing", "post", "follow"} <= names and "newcase" not in names
    assert "недействительна" in texts(await Person(tg, chat_id=7002).says(f"/start {token}"))[0]
    async with app.store.read() as tx:
        case = await tx.cases.get("balashov")
        assert case is not None and await tx.editors.cases_of(7001) == {case.id}
        assert await tx.editors.cases_of(7002) == set()
    # A second invite expires unused after 24 hours.
    out = texts(await admin.says("/editor balashov"))
    late = next(w for w in out[0].split() if "?start=ed_" in w).split("start=", 1)[1]
    clock.advance(timedelta(hours=25))
    assert "недействительна" in texts(await Person(tg, chat_id=7003).says(f"/start {late}"))[0]
    assert await actions(app) == ["editor.invite", "editor.accept", "editor.invite"]


async def test_editors_are_listed_and_revoked(tg: StandinClient, app: App, admin: Person) -> None:
    out = texts(await admin.says("/editor emelyanova"))
    token = next(w for w in out[0].split() if "?start=ed_" in w).split("start=", 1)[1]
    editor = Person(tg, chat_id=7010)
    await editor.says(f"/start {token}")
    assert "7010" in texts(await admin.says("/editors"))[0]
    assert "больше не редактор" in texts(await admin.says("/revoke emelyanova 7010"))[0]
    assert "для администраторов кампании" in texts(await editor.says("/post emelyanova"))[0]
    assert (await actions(app))[-1] == "editor.revoke"


async def test_newcase_dialog_creates_a_followable_case(tg: StandinClient, app: App, admin: Person) -> None:
    await admin.says("/newcase")
    for answer in ("ivanov", "Иван Иванов", "Ivan Ivanov", "-", "Иванов, Ivanov", "Медеуский районный суд"):
        await admin.says(answer)
    status_question = last_with_buttons(await admin.says("-"))  # the time zone: the default
    await admin.presses(status_question, "идёт суд")
    await admin.says("Обвиняется в участии в мирной акции.")
    await admin.says("Charged over a peaceful protest.")
    await admin.says("-")  # no Kazakh description: "-" skips it
    out = await admin.says("https://example.org/ivanov")
    assert any("Иван Иванов" in s for s in texts(out))
    done = texts(await confirm(admin, out))
    assert any("создано" in s for s in done)
    case = app.cases.get("ivanov")
    assert case is not None and case.description_en == "Charged over a peaceful protest."
    assert case.description_kk is None
    supporter = Person(tg, chat_id=7020)
    assert "Ивана Иванова" in texts(await supporter.says("/follow Иванову"))[0]
    assert "case.create" in await actions(app)


async def test_wrong_answer_in_newcase_is_explained_and_asked_again(app: App, admin: Person) -> None:
    await admin.says("/newcase")
    out = texts(await admin.says("Not A Slug!"))
    assert any("строчные латинские" in s for s in out)
    assert any("1/12" in s for s in out)


async def test_editcase_changes_a_field_after_confirm(app: App, admin: Person) -> None:
    out = await admin.says("/editcase movlaev")
    out = await admin.presses(last_with_buttons(out), "Суд")
    out = await admin.says("Алматинский городской суд")
    await confirm(admin, out)
    case = app.cases.get("movlaev")
    assert case is not None and case.court == "Алматинский городской суд"


async def test_addsource_shows_what_it_found_then_adds_on_confirm(app: App, admin: Person, feed_url: str) -> None:
    out = await admin.says(f"/addsource {feed_url} balashov", expect=3)  # checking…, heading, preview
    shown = "\n".join(texts(out))
    assert "rss" in shown and "Суд над Балашовым" in shown
    await confirm(admin, out)
    async with app.store.read() as tx:
        sources = [s for s in await tx.sources.list() if s.url == feed_url]
    assert len(sources) == 1 and sources[0].origin == "admin" and sources[0].created_by == ADMIN
    listing = texts(await admin.says("/sources"))[0]
    assert sources[0].id in listing
    assert "приостановлен" not in listing
    assert "на паузе" in texts(await admin.says(f"/pausesource {sources[0].id}"))[0]
    assert "снова" in texts(await admin.says(f"/resumesource {sources[0].id}"))[0]
    assert "удалён" in texts(await admin.says(f"/removesource {sources[0].id}"))[0]
    assert [a for a in await actions(app) if a.startswith("source.")] == [
        "source.add", "source.pause", "source.resume", "source.remove"]


async def test_addsource_refuses_non_http_and_unreadable(admin: Person) -> None:
    assert "http://" in texts(await admin.says("/addsource file:///etc/passwd"))[0]
    assert "http://" in texts(await admin.says("/addsource ftp://example.org/x"))[0]
    out = texts(await admin.says("/addsource http://127.0.0.1:9/nothing-listens-here", expect=2))
    assert any("не читается" in s for s in out)


async def test_confirm_works_once(app: App, admin: Person, feed_url: str) -> None:
    out = await admin.says(f"/addsource {feed_url}", expect=3)  # checking…, heading, preview
    preview = last_with_buttons(out)
    await admin.presses(preview, "Подтвердить")
    # The keyboard is gone from the client, but a forged or stale press must still be refused.
    again = await admin.presses_data(preview.message_id or 0, button_data(preview, "Подтвердить"))
    alerts = [r for r in again if r.method == "answerCallbackQuery" and r.show_alert]
    assert alerts and "устарел" in (alerts[0].text or "")
    assert (await actions(app)).count("source.add") == 1


async def test_export_gives_json_and_ics(app: App, admin: Person) -> None:
    out = await admin.says("/export balashov", expect=2)  # the JSON, then the calendar
    docs = {r.document_name: r.document_bytes for r in out if r.method == "sendDocument"}
    assert set(docs) == {"balashov.json", "balashov.ics"}
    data = json.loads(docs["balashov.json"] or b"{}")
    assert data["case"]["slug"] == "balashov"
    assert (docs["balashov.ics"] or b"").startswith(b"BEGIN:VCALENDAR")


async def test_an_admin_dialog_survives_a_restart(standin: StandinServer, example_settings: Settings) -> None:
    # A bot token only has to be unique on the stand-in (random is seeded per test: tests/conftest.py).
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = example_settings.model_copy(
        update={"bot_token": token, "telegram_api_url": standin.base_url, "admin_ids": [ADMIN]}
    )
    async with StandinClient(standin.base_url, token) as tg:
        admin = Person(tg, chat_id=ADMIN)
        async with running(settings, clock=FakeClock(), scheduler=False):
            await admin.says("/post balashov")
        async with running(settings, clock=FakeClock(), scheduler=False) as app:
            out = await admin.says("Текст, написанный после перезапуска.")
            assert any("Текст, написанный после перезапуска." in s for s in texts(out))
            assert any("Предпросмотр" in s for s in texts(out))
            await admin.presses(last_with_buttons(out), "Отмена")
            async with app.store.read() as tx:
                assert await tx.dialogs.get(f"fsm:{token.split(':')[0]}:{ADMIN}:{ADMIN}:default") == (None, {})


async def test_export_without_hearings_is_a_valid_calendar_and_events_link_to_the_bot(
    app: App, admin: Person, clock: FakeClock
) -> None:
    from icalendar import Calendar

    out = await admin.says("/export movlaev", expect=2)
    ics = next(r.document_bytes for r in out if r.document_name == "movlaev.ics")
    cal = Calendar.from_ical(ics or b"")
    assert cal.subcomponents and not cal.walk("VEVENT")  # the court's zone: never a calendar of nothing
    day = (clock.now() + timedelta(days=10)).strftime("%d.%m.%Y")
    await confirm(admin, await admin.says(f"/hearing movlaev {day} 10:00"))
    out = await admin.says("/export movlaev", expect=2)
    ics = next(r.document_bytes for r in out if r.document_name == "movlaev.ics")
    (event,) = Calendar.from_ical(ics or b"").walk("VEVENT")
    assert str(event["url"]) == "https://t.me/casewatch_test_bot?start=c_movlaev"
    assert "Мансур Мовлаев" in str(event["description"])
