"""/review: what the admin checks a finding against, and a corrected date previewed before anyone hears it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.events.hearings import add_hearing
from bot.events.review import report_hearing
from bot.runtime.app import App
from bot.standin.client import StandinClient
from bot.telegram.callbacks import ReviewAct, ReviewCb
from storage.models import FindingInput, ItemInput, SourceInput
from tests.e2e.people import Person, button_labels, last_with_buttons, texts

ADMIN = 9001
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
LINK = "https://example.org/balashov?a=1&b=2"
SENTENCE = "Суд назначил заседание по делу <Балашова> на 20 марта в 10:00 & пригласил свидетелей."
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(at=START, admins=[ADMIN])]


async def found_in_the_news(app: App, *, confidence: float, state: str = "pending") -> int:
    """A finding read from a news item, as extraction leaves it (below the threshold: for /review)."""
    case = app.cases.get("balashov")
    assert case is not None
    async with app.store.transaction() as tx:
        await tx.sources.insert(SourceInput(id="news", kind="rss", url="https://example.org/feed"), now=1)
        stored = await tx.items.upsert("news", ItemInput(stable_id="a1", url=LINK, title="Дело Балашова",
                                                         published_at=1, text=SENTENCE, content_hash="h"),
                                       now=1, baseline=False)
        finding = await tx.findings.insert(FindingInput(
            case_id=case.id, kind="hearing", confidence=confidence, state="pending", item_id=stored.item_id,
            local_date="2026-03-20", local_time="10:00", when="upcoming", evidence=SENTENCE,
        ), now=app.clock.timestamp())
        if state != "pending":
            result = await add_hearing(tx, app.clock, case=case, local_date="2026-03-20",
                                       local_time="10:00", source_url=LINK)
            await tx.findings.set_state(finding.id, "auto", hearing_id=result.hearing_id)
    return finding.id


async def test_review_shows_the_source_link_the_sentence_and_the_date_as_followers_read_it(
    tg: StandinClient, app: App
) -> None:
    await found_in_the_news(app, confidence=0.6)
    out = await Person(tg, chat_id=ADMIN).says("/review")
    card = out[-1].text or ""
    assert "пятница, 20 марта, 10:00 (Алматы)" in texts(out)[-1]  # as in every announcement
    assert "2026-03-20" not in card
    assert "https://example.org/balashov?a=1&amp;b=2" in card  # the link, escaped
    assert "&lt;Балашова&gt;" in card and "&amp; пригласил" in card  # the sentence, escaped


async def test_a_followers_report_is_shown_with_what_the_hearing_was_announced_from(
    tg: StandinClient, app: App
) -> None:
    await found_in_the_news(app, confidence=0.9, state="auto")
    relative = Person(tg, chat_id=7301)
    await relative.says("/follow Балашов")
    assert await app.drain(15)
    async with app.store.read() as tx:
        hearing = (await tx.hearings.upcoming(from_date="2026-03-10", limit=1))[0]
    async with app.store.transaction() as tx:
        assert await report_hearing(tx, app.clock, hearing_id=hearing.id)
    out = texts(await Person(tg, chat_id=ADMIN).says("/review"))
    assert "может быть указано неверно" in out[-1]
    assert "пятница, 20 марта, 10:00 (Алматы)" in out[-1]
    assert LINK in out[-1] and "пригласил свидетелей" in out[-1]


async def test_a_corrected_date_is_previewed_and_reaches_followers_only_on_confirm(
    tg: StandinClient, app: App
) -> None:
    relative = Person(tg, chat_id=7302)
    await relative.says("/follow Балашов")
    await found_in_the_news(app, confidence=0.6)
    admin = Person(tg, chat_id=ADMIN)
    await admin.presses(last_with_buttons(await admin.says("/review")), "Исправить")
    preview = await admin.says("23 марта 12:00", expect=2)
    shown = texts(preview)
    assert "Предпросмотр" in shown[0] and "23 марта" in shown[-1] and "12:00" in shown[-1]
    assert await app.drain(15)
    assert texts(await relative.replies()) == []  # nothing before Confirm
    async with app.store.read() as tx:
        assert await tx.findings.count_pending() == 1
    done = texts(await admin.presses(last_with_buttons(preview), "Подтвердить"))
    assert any("Одобрено" in s for s in done)
    assert await app.drain(15)
    got = [r for r in await relative.replies() if r.method == "sendMessage"]
    assert [r.text for r in got] == [preview[-1].text]
    async with app.store.read() as tx:
        assert await tx.findings.count_pending() == 0


async def test_cancel_on_a_corrected_date_sends_nothing(tg: StandinClient, app: App) -> None:
    relative = Person(tg, chat_id=7303)
    await relative.says("/follow Балашов")
    await found_in_the_news(app, confidence=0.6)
    admin = Person(tg, chat_id=ADMIN)
    await admin.presses(last_with_buttons(await admin.says("/review")), "Исправить")
    preview = await admin.says("23 марта 12:00", expect=2)
    await admin.presses(last_with_buttons(preview), "Отмена")
    assert await app.drain(15)
    assert texts(await relative.replies()) == []
    async with app.store.read() as tx:
        assert await tx.findings.count_pending() == 1  # still there to review again


async def a_statement_found(app: App) -> int:
    """A statement read from a news item, below the threshold: it waits in /review, with no date of its own."""
    case = app.cases.get("balashov")
    assert case is not None
    async with app.store.transaction() as tx:
        await tx.sources.insert(SourceInput(id="news", kind="rss", url="https://example.org/feed"), now=1)
        stored = await tx.items.upsert("news", ItemInput(stable_id="s1", url=LINK, title="Письмо Балашова",
                                                         published_at=1, text="Балашов передал письмо из СИЗО.",
                                                         content_hash="s"), now=1, baseline=False)
        finding = await tx.findings.insert(FindingInput(
            case_id=case.id, kind="statement", confidence=0.6, state="pending", item_id=stored.item_id,
            evidence="Балашов передал письмо из СИЗО.",
        ), now=app.clock.timestamp())
    return finding.id


async def test_a_statement_offers_no_date_correction_and_a_stale_correct_button_says_why(
    tg: StandinClient, app: App
) -> None:
    finding_id = await a_statement_found(app)
    admin = Person(tg, chat_id=ADMIN)
    card = last_with_buttons(await admin.says("/review"))
    labels = button_labels(card)
    assert any("Объявить" in label for label in labels) and not any("Исправить" in label for label in labels)
    # A correct button from an older screen (or a forged one) is refused at the press, before a date is asked.
    assert card.message_id is not None
    answers = await admin.presses_data(card.message_id, ReviewCb(act=ReviewAct.EDIT, finding=finding_id).pack())
    alerts = [r for r in answers if r.method == "answerCallbackQuery" and r.show_alert]
    assert len(alerts) == 1 and "нет даты" in (alerts[0].text or ""), texts(answers)
    assert not any(r.method == "sendMessage" for r in answers)  # no "send the right date" question
    async with app.store.read() as tx:
        assert await tx.findings.count_pending() == 1
