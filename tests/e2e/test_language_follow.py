"""Which language a person is answered in: their Telegram app's, until they choose one with /lang."""

from __future__ import annotations

import random

import pytest

from bot.runtime.app import App
from bot.standin.client import StandinClient
from tests.e2e.people import Person, last_with_buttons, texts

HELP = {"ru": "Что я умею", "en": "What I can do", "kk": "Не істей аламын"}
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot()]


async def stored_language(app: App, chat_id: int) -> str | None:
    async with app.store.read() as tx:
        chat = await tx.chats.get(chat_id)
    return None if chat is None else chat.language


@pytest.mark.parametrize(("code", "lang"), [("de", "en"), ("fr-FR", "en"), ("uk", "en"), ("uz", "ru"),
                                            ("ky", "ru"), ("tg", "ru"), ("tk", "ru"), ("kk", "kk")])
async def test_a_language_the_bot_does_not_speak_gets_english_except_central_asian_ones_get_russian(
    tg: StandinClient, code: str, lang: str
) -> None:
    person = Person(tg, chat_id=random.Random(f"lang-{code}").randint(10**5, 10**6), language=code)  # seeded
    assert HELP[lang] in texts(await person.says("/help"))[0]


async def test_the_chat_follows_telegrams_language_until_the_person_chooses_one(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5401, language="ru")
    assert "Вы следите" in texts(await person.says("/follow Балашов"))[0]
    assert await stored_language(app, 5401) == "ru"
    person.language = "en"  # they switch their Telegram app to English
    assert HELP["en"] in texts(await person.says("/help"))[0]
    assert await stored_language(app, 5401) == "en"  # what they are sent later follows too
    person.language = "de"
    assert HELP["en"] in texts(await person.says("/help"))[0]
    # Once they choose, the choice holds whatever their app says.
    await person.presses(last_with_buttons(await person.says("/lang")), "Қазақша")
    for code in ("ru", "en"):
        person.language = code
        assert HELP["kk"] in texts(await person.says("/help"))[0]
    assert await stored_language(app, 5401) == "kk"


async def test_an_error_reply_uses_the_chosen_language(tg: StandinClient) -> None:
    person = Person(tg, chat_id=5402, language="ru")
    await person.presses(last_with_buttons(await person.says("/lang")), "English")
    out = texts(await person.says("/follow"))  # no name: a usage text, from the error handler
    assert out and "/follow" in out[0] and not any("а" <= ch <= "я" for ch in out[0].lower()), out


async def test_a_group_keeps_its_language_when_members_write_in_others(tg: StandinClient, app: App) -> None:
    await tg.add_chat(-100555, "supergroup", title="Support group", admins=[81], creator=80)
    member = Person(tg, chat_id=-100555, user_id=81, chat_type="supergroup", language="ru")
    await member.says("/follow Балашов")
    assert await stored_language(app, -100555) == "ru"
    member.user_id, member.language = 82, "en"  # another member writes, from an English app
    assert HELP["en"] in texts(await member.says("/help"))[0]  # answered in their language
    assert await stored_language(app, -100555) == "ru"  # the group's announcements stay Russian
