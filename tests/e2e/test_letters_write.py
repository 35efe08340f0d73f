"""Writing to the detainee, as people live it: ✉️ Write on the case card, `/write`, an admin setting the card and
the birthday, and the postcard reminder a week before the birthday to "everything" followers only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FakeClock
from bot.config import CaseDecl, Settings
from bot.letters.config import LettersDecl
from bot.runtime.app import App
from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.bots import client_of, example_bot
from tests.e2e.people import Person, button_labels, last_with_buttons, plain, texts

ADMIN = 9001
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty, a Tuesday
NOON = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)  # 12:00 in Almaty: a birthday on 17 March is a week away
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(at=START, admins=[ADMIN])]


async def open_card(person: Person, name: str) -> list[str]:
    """/case, then ✉️ Write: the texts the press brought, and the card's buttons."""
    card = last_with_buttons(await person.says(f"/case {name}"))
    labels = button_labels(card)
    write = [label for label in labels if label.startswith("✉️")]
    assert len(write) == 1, labels
    return texts(await person.presses(card, write[0]))


async def test_a_follower_reads_the_letters_card_in_their_language(app: App, tg: StandinClient) -> None:
    ru = "\n".join(await open_card(Person(tg, chat_id=7401), "Балашов"))
    assert "Как написать Виктору Балашову" in ru
    assert "ул. Примерная, 1" in ru and "цензор" in ru and "Example Letters" in ru
    assert "День рождения: 21 августа" in ru
    en = "\n".join(await open_card(Person(tg, chat_id=7402, language="en"), "Balashov"))
    assert "How to write to Viktor Balashov" in en and "the censor stops" in en and "21 August" in en
    kk = "\n".join(await open_card(Person(tg, chat_id=7403, language="kk"), "Балашов"))
    assert "Виктор Балашовқа қалай хат жазуға болады" in kk and "Примерная к-сі" in kk and "цензор" in kk


async def test_a_case_without_a_card_has_no_write_button(app: App, tg: StandinClient) -> None:
    card = last_with_buttons(await Person(tg, chat_id=7404).says("/case Мовлаев"))
    assert not [label for label in button_labels(card) if label.startswith("✉️")]


async def test_write_with_a_name_shows_the_card_in_the_readers_language(app: App, tg: StandinClient) -> None:
    ru = "\n".join(texts(await Person(tg, chat_id=7411).says("/write Балашова")))
    assert "Как написать Виктору Балашову" in ru and "ул. Примерная, 1" in ru and "Example Letters" in ru
    en = "\n".join(texts(await Person(tg, chat_id=7412, language="en").says("/write Balashov")))
    assert "How to write to Viktor Balashov" in en and "the censor stops" in en
    kk = "\n".join(texts(await Person(tg, chat_id=7413, language="kk").says("/write Балашов")))
    assert "Виктор Балашовқа қалай хат жазуға болады" in kk and "Примерная к-сі" in kk


async def test_write_for_a_case_without_a_card_says_none_is_given(app: App, tg: StandinClient) -> None:
    assert texts(await Person(tg, chat_id=7414).says("/write Мовлаев")) == [
        "Как написать Мансуру Мовлаеву, пока не указано."]
    assert texts(await Person(tg, chat_id=7415, language="en").says("/write Movlaev")) == [
        "How to write to Mansur Movlaev has not been given yet."]
    assert texts(await Person(tg, chat_id=7416).says("/write Никто Никакой")) == [
        "Не нашёл дела «Никто Никакой». Посмотрите список: /cases"]


async def test_write_alone_offers_the_followed_cases_that_have_a_card(app: App, tg: StandinClient) -> None:
    reader = Person(tg, chat_id=7417)
    [alone] = texts(await reader.says("/write"))
    assert alone.startswith("Вы пока ни за чем не следите") and "/write Балашов" in alone
    await reader.says("/follow Мовлаев")
    [none] = texts(await reader.says("/write"))
    assert none.startswith("Ни у одного из ваших дел пока нет карточки писем")
    await reader.says("/follow Балашов")
    offer = last_with_buttons(await reader.says("/write"))
    assert plain(offer.text).startswith("✉️ Кому написать?")
    assert button_labels(offer) == ["✉️ Виктору Балашову"]
    shown = "\n".join(texts(await reader.presses(offer, "✉️ Виктору Балашову")))
    assert "Как написать Виктору Балашову" in shown and "ул. Примерная, 1" in shown
    kk = Person(tg, chat_id=7418, language="kk")
    await kk.says("/follow Балашов")
    assert button_labels(last_with_buttons(await kk.says("/write"))) == ["✉️ Виктор Балашовқа"]
    en = Person(tg, chat_id=7419, language="en")
    await en.says("/follow Balashov")
    assert button_labels(last_with_buttons(await en.says("/write"))) == ["✉️ To Viktor Balashov"]


HIDDEN = CaseDecl(slug="hidden", name="Марат Скрытов", gender="m", aliases=["Скрытов"], public=False,
                  letters=LettersDecl(address="а/я 77"))


async def test_write_finds_a_case_that_is_not_public_only_as_case_does(
    standin: StandinServer, example_settings: Settings
) -> None:
    settings = example_settings.model_copy(update={"cases": [*example_settings.cases, HIDDEN]})
    async with example_bot(standin, settings, at=START) as app, client_of(standin, app) as tg:
        stranger = Person(tg, chat_id=7420)
        by_case = texts(await stranger.says("/case Скрытов"))
        assert by_case == ["Не нашёл дела «Скрытов». Посмотрите список: /cases"]
        assert texts(await stranger.says("/write Скрытов")) == by_case
        # Its followers reach it from /my and its card already; /write alone offers it to them too.
        follower = Person(tg, chat_id=7421)
        case = app.cases.get("hidden")
        assert case is not None
        async with app.store.transaction() as tx:
            await tx.chats.ensure(7421, "private", "ru", 1)
            await tx.subscriptions.follow(7421, case.id, "all", 1)
        offer = last_with_buttons(await follower.says("/write"))
        assert button_labels(offer) == ["✉️ Марату Скрытову"]
        assert "а/я 77" in "\n".join(texts(await follower.presses(offer, "✉️ Марату Скрытову")))


async def admin_sets(admin: Person, slug: str, field: str, value: str) -> list[str]:
    """/editcase, the field's button, the value, Confirm: what the admin was told."""
    menu = last_with_buttons(await admin.says(f"/editcase {slug}"))
    await admin.presses_data(menu.message_id or 0, f"a1e:{slug}:{field}")
    preview = await admin.says(value)
    if not any("Подтвердить" in label for r in preview for label in button_labels(r)):
        return texts(preview)
    return texts(await admin.presses(last_with_buttons(preview), "Подтвердить"))


async def test_an_admin_sets_the_card_and_the_birthday(app: App, tg: StandinClient) -> None:
    admin = Person(tg, chat_id=ADMIN, user_id=ADMIN)
    await admin_sets(admin, "movlaev", "mail_address", "Адрес <b>не жирный</b>, д. 5")
    await admin_sets(admin, "movlaev", "mail_service", "https://letters.example.org/movlaev")
    refused = "\n".join(await admin_sets(admin, "movlaev", "birthday", "31.02"))
    assert "14.03.1985" in refused  # the refusal shows how to write it
    await admin_sets(admin, "movlaev", "birthday", "17.03.1990")
    reader = Person(tg, chat_id=7405)
    card = last_with_buttons(await reader.says("/case Мовлаев"))
    shown = await reader.presses(card, "✉️ Написать")
    raw = "\n".join(s.text or "" for s in shown if s.text)
    assert "&lt;b&gt;не жирный&lt;/b&gt;" in raw  # an admin's text is shown as typed, never as markup
    assert 'href="https://letters.example.org/movlaev"' in raw
    assert "17 марта" in raw
    async with app.store.read() as tx:
        case = app.cases.get("movlaev")
        assert case is not None
        letters = await tx.letters.get(case.id)
    assert letters is not None and letters.birthday == "1990-03-17"


async def test_the_birthday_reminder_reaches_everything_followers_once(app: App, tg: StandinClient) -> None:
    admin = Person(tg, chat_id=ADMIN, user_id=ADMIN)
    await admin_sets(admin, "movlaev", "mail_address", "050000, Алматы, а/я 0")
    await admin_sets(admin, "movlaev", "birthday", "17.03.1990")
    supporter = Person(tg, chat_id=7406)
    await supporter.says("/follow Мовлаев")  # everything
    relative = Person(tg, chat_id=7407)
    card = last_with_buttons(await relative.says("/case Мовлаев"))
    await relative.presses(card, "Только заседания")
    async with app.store.read() as tx:
        assert [s.level for s in await tx.subscriptions.for_chat(7407)] == ["hearings"]
    clock = app.clock
    assert isinstance(clock, FakeClock)

    async def tick() -> None:
        await app.reminder_tick()
        assert await app.drain(15)

    await tick()  # 09:00 a week before: not yet
    assert not texts(await supporter.replies())
    clock.set(NOON - timedelta(days=1))
    await tick()  # eight days before: not yet either
    assert not texts(await supporter.replies())
    clock.set(NOON)
    await tick()
    got = await supporter.replies(1)
    assert len(texts(got)) == 1
    text = texts(got)[0]
    assert "Через неделю, 17 марта, Мансуру Мовлаеву исполнится 36 лет" in text
    assert "Напишите открытку" in text and "а/я 0" in text
    assert not texts(await relative.replies())
    clock.advance(timedelta(hours=1))
    await tick()
    assert not texts(await supporter.replies()) and not texts(await relative.replies())
    shown = texts(await supporter.presses(last_with_buttons(got), "✉️ Написать"))
    assert any("Как написать Мансуру Мовлаеву" in s for s in shown)
