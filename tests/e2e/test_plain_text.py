"""Text typed without a slash: a case's name opens its card, anything else gets a hint (private chats only)."""

from __future__ import annotations

import random

import pytest

from bot.standin.client import StandinClient
from tests.e2e.people import Person, button_labels, last_with_buttons, texts

ADMIN = 9001
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(admins=[ADMIN])]


async def test_a_surname_typed_alone_opens_the_case_card(tg: StandinClient) -> None:
    out = await Person(tg, chat_id=5501).says("балашова")
    card = last_with_buttons(out)
    assert "Виктор Балашов" in texts(out)[0] and "Медеуский" in texts(out)[0]
    assert any("📅" in b for b in button_labels(card))


async def test_other_text_gets_a_one_line_hint_in_the_users_language(tg: StandinClient) -> None:
    rng = random.Random(5)  # a new person per language, the same ones every run
    for language, words in (("ru", "напишите фамилию"), ("en", "type a surname"), ("kk", "тегін жазыңыз")):
        out = texts(await Person(tg, chat_id=rng.randint(10**5, 10**6), language=language).says("привет"))
        assert len(out) == 1 and words in out[0] and "\n" not in out[0], out


async def test_chatter_in_a_group_gets_no_answer(tg: StandinClient) -> None:
    await tg.add_chat(-100600, "supergroup", title="Support group", admins=[61], creator=61)
    member = Person(tg, chat_id=-100600, user_id=62, chat_type="supergroup")
    assert await member.says("привет всем", expect=0) == []
    assert await member.says("Балашов", expect=0) == []


async def test_text_inside_an_admin_dialog_is_the_dialogs_answer_not_a_search(tg: StandinClient) -> None:
    admin = Person(tg, chat_id=ADMIN)
    await admin.says("/post balashov")
    out = texts(await admin.says("Балашов", expect=2))
    assert any("Предпросмотр" in s for s in out), out
