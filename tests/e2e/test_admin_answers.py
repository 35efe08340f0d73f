"""What a campaign admin reads back: usage texts, links, refusals in their language, /review, /stats."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from bot.clock import FakeClock
from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from tests.e2e.people import Person, last_with_buttons, texts
from tests.e2e.sites import feed_site

ADMIN = 9001
LATE_EVENING = datetime(2026, 3, 10, 18, 30, tzinfo=UTC)  # 23:30 in Almaty, where the campaign is
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>https://example.org/</link>
<item><title>{title}: суд над Балашовым продолжится</title><link>https://example.org/{title}</link><guid>{title}</guid>
<pubDate>Mon, 09 Mar 2026 10:00:00 +0500</pubDate><description>Заседание отложено.</description></item>
</channel></rss>"""
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(at=LATE_EVENING, admins=[ADMIN])]


@pytest_asyncio.fixture
async def site() -> AsyncIterator[str]:
    """A local site with two feeds, /one.xml and /two.xml; anything else is a 404."""
    async with feed_site(lambda name: FEED.format(title=name) if name in ("one", "two") else None) as base:
        yield base


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
    from bot.campaign.drafts import make_draft
    from bot.campaign.roles import actor_for
    from bot.telegram.callbacks import DraftCb
    from storage.models import CaseInput

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


async def test_links_typed_with_commas_spaces_and_new_lines_are_each_checked(
    app: App, admin: Person, site: str
) -> None:
    out = await admin.says(f"/addsource {site}/one.xml, {site}/two.xml,\n{site}/missing balashov", expect=6)
    shown = texts(out)
    previews = [r for r in out if r.reply_markup and "Подтвердить" in str(r.reply_markup)]
    assert len(previews) == 2, shown
    assert any("one: суд" in s for s in shown) and any("two: суд" in s for s in shown)
    assert any(f"{site}/missing" in s and "такой страницы нет (ошибка 404)" in s for s in shown), shown
    for preview in previews:
        await admin.presses(preview, "Подтвердить")
    async with app.store.read() as tx:
        urls = sorted(s.url for s in await tx.sources.list() if s.origin == "admin")
    assert urls == [f"{site}/one.xml", f"{site}/two.xml"]  # no trailing comma kept


@pytest.mark.parametrize(("language", "words"), [
    ("ru", "не удалось соединиться с сайтом"), ("en", "could not connect to the site"),
    ("kk", "сайтқа қосылу мүмкін болмады")])
async def test_addsource_says_why_it_refused_in_the_admins_language(
    tg: StandinClient, app: App, language: str, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    admin = Person(tg, chat_id=ADMIN, language=language)
    out = texts(await admin.says("/addsource http://127.0.0.1:9/nothing-listens-here", expect=2))
    assert any(words in s for s in out), out
    assert not any("cannot connect" in s or "127.0.0.1:9:" in s for s in out)  # the detail is for the log
    assert any("cannot connect" in r.getMessage() for r in caplog.records)


async def test_stats_count_the_messages_sent_on_the_campaigns_own_day_and_name_it(
    tg: StandinClient, app: App, admin: Person
) -> None:
    supporter = Person(tg, chat_id=5320)
    await supporter.says("/follow Балашов")

    async def post(text: str) -> None:
        await admin.says("/post balashov")
        await confirm(admin, await admin.says(text, expect=2))
        assert await app.drain(15)
        assert text in "\n".join(texts(await supporter.replies()))

    await post("Вечером: спасибо всем, кто пришёл.")  # 23:30 in Almaty, 10 March
    assert isinstance(app.clock, FakeClock)
    app.clock.advance(timedelta(hours=1))  # 00:30 in Almaty, 11 March; still 10 March in UTC
    await post("Ночью: письма можно отправлять по новому адресу.")
    stats = texts(await admin.says("/stats"))[0]
    assert "Подписчикам отправлено сегодня (среда, 11 марта, Алматы): 1," in stats, stats
