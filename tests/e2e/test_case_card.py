"""The case card as a reader sees it: hearings to come and gone, the latest news, their language, a share button."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from bot.events.hearings import add_hearing, record_past_hearing
from bot.events.posts import post_update
from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from tests.e2e.people import Person, last_with_buttons, texts

ADMIN = 9001
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(at=START, admins=[ADMIN])]


async def history(app: App) -> None:
    """Balashov's case: two hearings the news reported as held, one to come, and an update."""
    case = app.cases.get("balashov")
    assert case is not None
    async with app.store.transaction() as tx:
        for day in ("2026-02-20", "2026-03-03"):
            await record_past_hearing(tx, app.clock, case=case, local_date=day,
                                      source_url=f"https://example.org/{day}")
        await add_hearing(tx, app.clock, case=case, local_date="2026-03-17", local_time="10:00",
                          cause="admin", created_by=ADMIN)
        await post_update(tx, app.clock, case=case, created_by=ADMIN,
                          text_html="Адвокаты подали <b>апелляцию</b>.")


def share_link(card: Sent) -> str:
    for row in (card.reply_markup or {}).get("inline_keyboard", []):
        for b in row:
            if "url" in b and str(b["url"]).startswith("https://t.me/share/url?"):
                return str(b["url"])
    raise AssertionError("no share button")


async def test_card_shows_the_next_hearing_past_ones_and_the_latest_news(app: App, tg: StandinClient) -> None:
    await history(app)
    card = texts(await Person(tg, chat_id=7301).says("/case Балашов"))[0]
    assert "Ближайшее заседание: вторник, 17 марта, 10:00 (Алматы)" in card
    past = card.split("Прошедшие заседания:", 1)[1]
    assert past.index("3 марта 2026") < past.index("20 февраля 2026")  # newest first, with the year
    assert "Последняя новость (10 марта 2026): Адвокаты подали апелляцию." in card


async def test_hearings_past_lists_what_was_held_and_exports_keep_it(app: App, tg: StandinClient) -> None:
    await history(app)
    person = Person(tg, chat_id=7302)
    await person.says("/follow Балашов")
    upcoming = texts(await person.says("/hearings"))[0]
    assert "17 марта" in upcoming and "20 февраля" not in upcoming and "/hearings past" in upcoming
    past = texts(await person.says("/hearings past"))[0]
    assert "Прошедшие заседания по вашим делам" in past
    assert "Виктор Балашов — 3 марта 2026" in past and "Виктор Балашов — 20 февраля 2026" in past
    assert "17 марта" not in past
    out = await Person(tg, chat_id=ADMIN).says("/export balashov", expect=2)
    ics = next(r.document_bytes for r in out if r.document_name == "balashov.ics")
    days = sorted(ev.decoded("dtstart").isoformat()[:10] for ev in Calendar.from_ical(ics or b"").walk("VEVENT"))
    assert days == ["2026-02-20", "2026-03-03", "2026-03-17"]


async def test_card_has_a_share_button_in_the_readers_language(app: App, tg: StandinClient) -> None:
    for lang, words in (("ru", "Следите за делом Виктора Балашова"), ("en", "Follow the case of Viktor Balashov"),
                        ("kk", "Виктор Балашовтың ісін бақылаңыз")):
        card = last_with_buttons(await Person(tg, chat_id=7310, language=lang).says("/start c_balashov"))
        link = urlsplit(share_link(card))
        query = parse_qs(link.query)
        assert query["url"] == ["https://t.me/casewatch_test_bot?start=c_balashov"]
        assert query["text"][0].startswith(words) and "\n" not in query["text"][0]
        assert " " not in link.query  # URL-encoded


async def test_court_and_description_follow_the_readers_language(app: App, tg: StandinClient) -> None:
    english = texts(await Person(tg, chat_id=7320, language="en").says("/case balashov"))[0]
    assert "Medeu District Court, Almaty" in english and "Медеуский" not in english
    kazakh = texts(await Person(tg, chat_id=7321, language="kk").says("/case balashov"))[0]
    assert "Алматы қаласы Медеу аудандық соты" in kazakh
    assert "2021 жылғы 19 қарашада" in kazakh and "4 жыл 8 ай" in kazakh  # the same facts as in Russian
    russian = texts(await Person(tg, chat_id=7322).says("/case balashov"))[0]
    assert "19 ноября 2021 года" in russian  # the verdict's year is given
