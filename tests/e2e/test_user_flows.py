"""What a supporter, a relative and a group can do, against the real bot over HTTP."""

from __future__ import annotations

import logging
import random

import pytest

from bot.runtime.app import App
from bot.standin.client import StandinClient
from tests.e2e.people import Person, button_labels, last_with_buttons, texts

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(scheduler=True)]


async def subscriptions(app: App, chat_id: int) -> dict[str, str]:
    async with app.store.read() as tx:
        subs = await tx.subscriptions.for_chat(chat_id)
    return {app.cases.by_id_map()[s.case_id].slug: s.level for s in subs}


async def test_start_greets_in_the_users_language_and_lists_cases(tg: StandinClient) -> None:
    rng = random.Random(6)  # a new person per language, the same ones every run
    for lang, word in (("ru", "Здравствуйте"), ("en", "Hello"), ("kk", "Сәлеметсіз"), ("de", "Hello")):
        person = Person(tg, chat_id=rng.randint(10**5, 10**6), language=lang)
        out = await person.says("/start", expect=2)  # the greeting, then the case list
        assert word in texts(out)[0]
        listing = last_with_buttons(out)
        assert any("Балашов" in b or "Balashov" in b for b in button_labels(listing))


async def test_deep_link_opens_the_card_with_follow_buttons(tg: StandinClient, app: App) -> None:
    relative = Person(tg, chat_id=5001)
    out = await relative.says("/start c_balashov")
    card = last_with_buttons(out)
    assert "Виктор Балашов" in texts(out)[0]
    assert "Медеуский" in texts(out)[0]
    out = await relative.presses(card, "📅")
    assert await subscriptions(app, 5001) == {"balashov": "hearings"}
    assert any("Только заседания" in b for b in button_labels(last_with_buttons(out))) is False


async def test_unknown_slug_in_deep_link_says_so_and_offers_the_list(tg: StandinClient) -> None:
    out = await Person(tg, chat_id=5002).says("/start c_nobody", expect=3)  # link gone, greeting, list
    assert "устарела" in texts(out)[0]
    assert button_labels(last_with_buttons(out))


async def test_follow_by_inflected_russian_name(tg: StandinClient, app: App) -> None:
    out = await Person(tg, chat_id=5003).says("/follow Балашову")
    assert "за делом Виктора Балашова" in texts(out)[0]  # the name declined, as Russian needs it
    out = await Person(tg, chat_id=5003).says("/follow Емельяновой")
    assert await subscriptions(app, 5003) == {"balashov": "all", "emelyanova": "all"}


async def test_follow_by_latin_name_in_english(tg: StandinClient, app: App) -> None:
    out = await Person(tg, chat_id=5004, language="en").says("/follow iliashev")
    assert "You now follow" in texts(out)[0] and "Alnur Ilyashev" in texts(out)[0]
    assert await subscriptions(app, 5004) == {"ilyashev": "all"}


async def test_ambiguous_name_offers_buttons_to_choose(tg: StandinClient, app: App) -> None:
    # Two of the example cases are Mansur Movlaev and... none share a first name, so add one that does.
    from bot.cases.directory import import_cases
    from bot.config import CaseDecl

    await import_cases(app.store, [CaseDecl(slug="balashov-s", name="Сергей Балашов", gender="m")], now=1, overwrite=False)
    await app.cases.load()
    person = Person(tg, chat_id=5005)
    out = await person.says("/follow Балашов")
    choose = last_with_buttons(out)
    assert "несколько" in texts(out)[0]
    assert set(button_labels(choose)) == {"Виктор Балашов", "Сергей Балашов"}
    await person.presses(choose, "Сергей")
    assert await subscriptions(app, 5005) == {"balashov-s": "all"}


async def test_no_match_says_so_and_points_at_cases(tg: StandinClient) -> None:
    out = await Person(tg, chat_id=5006).says("/follow Иванов")
    assert "Не нашёл" in texts(out)[0] and "/cases" in texts(out)[0]


async def test_bad_input_gets_a_clear_answer_and_the_bot_keeps_working(tg: StandinClient) -> None:
    person = Person(tg, chat_id=5007)
    assert "Напишите имя" in texts(await person.says("/follow"))[0]
    assert "длинный" in texts(await person.says("/follow " + "я" * 5000))[0]
    out = await person.says("/follow <b>Балашов</b> 🙂 & <script>")
    assert out and out[0].text and "<script>" not in out[0].text
    assert "Виктора Балашова" in texts(await person.says("/follow Балашов"))[0]


async def test_cases_toggle_updates_the_list_in_place(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5008)
    listing = last_with_buttons(await person.says("/cases"))
    assert "➕" in button_labels(listing)
    out = await person.presses(listing, "➕")
    edited = [r for r in out if r.method == "editMessageText"]
    assert edited and edited[0].message_id == listing.message_id
    assert "✅" in button_labels(edited[0])
    assert len(await subscriptions(app, 5008)) == 1
    out = await person.presses(edited[0], "✅")
    assert await subscriptions(app, 5008) == {}


async def test_my_shows_levels_and_switches_them(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5009)
    await person.says("/follow Мовлаев")
    out = await person.says("/my")
    assert "Мансур Мовлаев — всё" in texts(out)[0]
    await person.presses(last_with_buttons(out), "только заседания")
    assert await subscriptions(app, 5009) == {"movlaev": "hearings"}


async def test_unfollow_by_name(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5010)
    await person.says("/follow Ильяшев")
    out = await person.says("/unfollow ильяшева")
    assert "больше не следите" in texts(out)[0]
    assert await subscriptions(app, 5010) == {}


async def test_case_card_shows_status_court_and_description(tg: StandinClient) -> None:
    out = await Person(tg, chat_id=5011, language="en").says("/case Movlaev")
    assert "Mansur Movlaev" in texts(out)[0] and "facing extradition" in texts(out)[0]


async def test_forget_leaves_no_trace_in_the_database(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5012)
    await person.says("/follow Балашов")
    await person.presses(last_with_buttons(await person.says("/lang")), "Қазақша")
    out = await person.says("/forget")
    assert "Мұны қайтару мүмкін емес" in texts(out)[0]
    await person.presses(last_with_buttons(out), "Иә")
    async with app.store.read() as tx:
        assert await tx.chats.exists_anywhere(5012) == []


async def test_non_admin_in_a_group_is_refused(tg: StandinClient, app: App) -> None:
    await tg.add_chat(-100777, "supergroup", title="Support group", admins=[71], creator=70)
    member = Person(tg, chat_id=-100777, user_id=72, chat_type="supergroup")
    out = await member.says("/follow Балашов")
    assert "только администраторы" in texts(out)[0]
    assert await subscriptions(app, -100777) == {}
    admin = Person(tg, chat_id=-100777, user_id=71, chat_type="supergroup")
    await admin.says("/follow Балашов")
    assert await subscriptions(app, -100777) == {"balashov": "all"}


async def test_language_choice_is_remembered(tg: StandinClient) -> None:
    person = Person(tg, chat_id=5013, language="ru")
    await person.presses(last_with_buttons(await person.says("/lang")), "English")
    assert "What I can do" in texts(await person.says("/help"))[0]


async def test_commands_are_registered_in_three_languages(tg: StandinClient) -> None:
    await Person(tg, chat_id=5099).says("/help")  # the bot has started: its start-up menus are set
    descriptions = {}
    for lang in ("ru", "en", "kk"):
        commands = {c["command"]: c["description"] for c in await tg.commands_for(lang)}
        assert {"start", "follow", "my", "forget", "hearings", "settings"} <= set(commands), lang
        descriptions[lang] = commands["follow"]
    assert descriptions == {"ru": "Следить за делом", "en": "Follow a case", "kk": "Істі бақылау"}


async def test_update_log_lines_carry_no_personal_data(tg: StandinClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    person = Person(tg, chat_id=987654321)
    await person.says("/follow Секретная Фамилия")
    lines = [r.getMessage() for r in caplog.records if r.name == "casewatch.updates"]
    assert len(lines) == 1 and "handler=cmd_follow" in lines[0]
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert "987654321" not in everything and "Секретная" not in everything


async def test_blocking_the_bot_deactivates_at_once_and_coming_back_reactivates(tg: StandinClient, app: App) -> None:
    person = Person(tg, chat_id=5020)
    await person.says("/follow Балашов")
    case = app.cases.get("balashov")
    assert case is not None

    async def followers() -> list[int]:
        async with app.store.read() as tx:
            return await tx.subscriptions.followers(case.id, ["all", "hearings"])

    await tg.my_chat_member(5020, 5020, "member", "kicked")
    assert await tg.settle()
    assert 5020 not in await followers()
    await tg.my_chat_member(5020, 5020, "kicked", "member")
    assert await tg.settle()
    assert 5020 in await followers()


async def test_cases_list_pages_through_many_cases(tg: StandinClient, app: App) -> None:
    from bot.cases.directory import import_cases
    from bot.config import CaseDecl

    extra = [CaseDecl(slug=f"case{i:02d}", name=f"Подзащитный Номер{i:02d}") for i in range(14)]
    await import_cases(app.store, extra, now=1, overwrite=False)
    await app.cases.load()
    person = Person(tg, chat_id=5021)
    first = last_with_buttons(await person.says("/cases"))
    assert "страница 1 из 3" in texts([first])[0]
    second = last_with_buttons(await person.presses(first, "▶"))
    assert second.message_id == first.message_id and "страница 2 из 3" in texts([second])[0]
    labels = button_labels(second)
    assert "Подзащитный Номер04" in labels and "Виктор Балашов" not in labels
    back = last_with_buttons(await person.presses(second, "◀"))
    assert "Виктор Балашов" in button_labels(back)
