"""Admin dialogs as an admin lives them: /cancel at any step, /editcase in the admin's words, yes/no buttons."""

from __future__ import annotations

import pytest

from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from tests.e2e.people import Person, button_labels, last_with_buttons, texts

ADMIN = 9001
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(admins=[ADMIN])]


async def dialog_state(app: App) -> str | None:
    token = app.settings.bot_token or ""
    async with app.store.read() as tx:
        state, _ = await tx.dialogs.get(f"fsm:{token.split(':')[0]}:{ADMIN}:{ADMIN}:default")
    return state


def no_confirm(out: list[Sent]) -> bool:
    return all("Подтвердить" not in label for r in out for label in button_labels(r))


async def test_cancel_at_an_editcase_prompt_ends_the_dialog(app: App, admin: Person) -> None:
    menu = last_with_buttons(await admin.says("/editcase movlaev"))
    await admin.presses_data(menu.message_id or 0, "a1e:movlaev:court")  # the "court" field's button
    assert await dialog_state(app) is not None
    out = await admin.says("/cancel")
    assert no_confirm(out)
    assert any("Отменено" in s for s in texts(out))
    assert await dialog_state(app) is None
    case = app.cases.get("movlaev")
    assert case is not None and case.court != "/cancel"


async def test_cancel_ends_newcase_at_any_step_even_the_status_buttons(app: App, admin: Person) -> None:
    await admin.says("/newcase")
    for answer in ("petrov", "Пётр Петров", "-", "-", "-", "-"):
        await admin.says(answer)
    assert any("Статус" in s for s in texts(await admin.says("-")))  # the status step waits for a button
    out = await admin.says("/cancel")
    assert any("Отменено" in s for s in texts(out))
    assert await dialog_state(app) is None
    assert app.cases.get("petrov") is None


async def test_cancel_ends_a_post_without_a_preview(app: App, admin: Person) -> None:
    await admin.says("/post balashov")
    out = await admin.says("/cancel")
    assert no_confirm(out) and any("Отменено" in s for s in texts(out))
    assert await dialog_state(app) is None


async def test_editcase_names_fields_in_the_admins_language(app: App, admin: Person, tg: StandinClient) -> None:
    labels = button_labels(last_with_buttons(await admin.says("/editcase movlaev")))
    assert "Суд" in labels and "Имя по-английски" in labels
    assert not {"court", "name_en", "public", "description_kk"} & set(labels)
    out = await admin.presses(last_with_buttons(await admin.says("/editcase movlaev")), "Имя по-английски")
    asked = "\n".join(texts(out))
    assert "name_en" not in asked and "Mansur Movlaev" in asked
    english = Person(tg, chat_id=ADMIN, language="en")
    async with app.store.transaction() as tx:
        await tx.chats.set_language(ADMIN, "en")
    labels = button_labels(last_with_buttons(await english.says("/editcase movlaev")))
    assert "Court" in labels and "Name in English" in labels


async def test_editcase_offers_buttons_for_a_yes_no_field(app: App, admin: Person) -> None:
    out = await admin.presses(last_with_buttons(await admin.says("/editcase movlaev")), "Открыто в списке")
    question = last_with_buttons(out)
    assert "True" not in (question.text or "") and "сейчас: да" in (question.text or "").lower()
    assert button_labels(question) == ["✅ Да", "✖ Нет"]
    out = await admin.presses(question, "Нет")
    preview = last_with_buttons(out)
    assert "False" not in (preview.text or "") and "нет" in (preview.text or "")
    await admin.presses(preview, "Подтвердить")
    case = app.cases.get("movlaev")
    assert case is not None and case.public is False


async def test_an_address_set_with_editcase_reaches_readers_in_their_language(
    app: App, admin: Person, tg: StandinClient
) -> None:
    for label, value in (("Адрес суда", "ул. Примерная, 1"), ("Адрес суда по-английски", "1 Example St")):
        out = await admin.presses(last_with_buttons(await admin.says("/editcase movlaev")), label)
        out = await admin.says(value)
        await admin.presses(last_with_buttons(out), "Подтвердить")
    english = texts(await Person(tg, chat_id=7401, language="en").says("/case movlaev"))[0]
    assert "Court address: 1 Example St" in english and "Specialised Investigative Court" in english
    kazakh = texts(await Person(tg, chat_id=7402, language="kk").says("/case movlaev"))[0]
    assert "Сот мекенжайы: ул. Примерная, 1" in kazakh  # no Kazakh address yet: the Russian one
