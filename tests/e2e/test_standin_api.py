"""The stand-in answers a real aiogram Bot the way Telegram would."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandObject, CommandStart
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BufferedInputFile,
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.standin import StandinClient, StandinServer, random_token

pytestmark = pytest.mark.timeout(30)


def make_bot(base_url: str, token: str) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


@pytest_asyncio.fixture
async def bot(standin: StandinServer, tg: StandinClient) -> AsyncIterator[Bot]:
    b = make_bot(standin.base_url, tg.token)
    try:
        yield b
    finally:
        await b.session.close()


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=f"b{i}", callback_data=d)] for i, d in enumerate(data)]
    )


async def test_get_me_reports_the_token_id(bot: Bot, tg: StandinClient) -> None:
    me = await bot.get_me()
    assert me.id == tg.bot_id and me.is_bot and me.username == "casewatch_test_bot"
    assert me.first_name == "Case Watch"


async def test_malformed_token_is_unauthorized(standin: StandinServer) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{standin.base_url}/botnot-a-token/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    # aiogram checks the token format itself, so route a good token to a bad path to see its error.
    session = AiohttpSession(
        api=TelegramAPIServer(base=f"{standin.base_url}/botx{{token}}/{{method}}", file=standin.base_url)
    )
    b = Bot("123456:TEST", session=session)
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await b.get_me()
    finally:
        await session.close()


async def test_unknown_method_is_404(bot: Bot, standin: StandinServer, tg: StandinClient) -> None:
    class FlyToTheMoon(TelegramMethod[bool]):
        __returning__ = bool
        __api_method__ = "flyToTheMoon"

    with pytest.raises(TelegramNotFound):
        await bot(FlyToTheMoon())
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{standin.base_url}/bot{tg.token}/flyToTheMoon") as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        # Method names are case-insensitive, as on Telegram; JSON bodies work too.
        async with http.post(f"{standin.base_url}/bot{tg.token}/GETME", json={}) as resp:
            assert (await resp.json())["result"]["id"] == tg.bot_id


async def test_send_message_with_keyboard_is_recorded(bot: Bot, tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    msg = await bot.send_message(42, "<b>Hello</b> &amp; welcome", reply_markup=keyboard("a:1", "b:2"))
    assert isinstance(msg, Message) and msg.text == "Hello & welcome"
    assert msg.message_id == 2  # numbering is shared with the user's message
    assert msg.entities and msg.entities[0].type == "bold"
    assert msg.reply_markup is not None
    [record] = await tg.sent(42)
    assert record.method == "sendMessage" and record.message_id == 2
    assert record.text == "<b>Hello</b> &amp; welcome" and record.visible_text == "Hello & welcome"
    assert record.parse_mode == "HTML" and record.button_data == ["a:1", "b:2"]
    [user_msg, bot_msg] = await tg.messages(42)
    assert not user_msg["from_bot"] and bot_msg["text"] == "Hello & welcome"


async def test_send_message_validation(bot: Bot, tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(42, "<b>unclosed")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(42, "1 < 2")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(42, "<br>")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(42, "<b> </b>")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(42, "x" * 4097)
    await bot.send_message(42, "<i>x</i>" * 4096)  # tags do not count
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(42, "x", reply_markup=keyboard("d" * 65))
    assert len(await tg.sent(42)) == 1


async def test_edits(bot: Bot, tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    msg = await bot.send_message(42, "one", reply_markup=keyboard("a"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            text="one", chat_id=42, message_id=msg.message_id, reply_markup=keyboard("a")
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="two", chat_id=42, message_id=999)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_reply_markup(chat_id=42, message_id=999, reply_markup=keyboard("b"))
    edited = await bot.edit_message_text(
        text="<b>two</b>", chat_id=42, message_id=msg.message_id, reply_markup=keyboard("b")
    )
    assert isinstance(edited, Message) and edited.text == "two" and edited.edit_date is not None
    edited = await bot.edit_message_reply_markup(chat_id=42, message_id=msg.message_id, reply_markup=None)
    assert isinstance(edited, Message) and edited.reply_markup is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=42, message_id=msg.message_id)
    assert [r.method for r in await tg.sent(42)] == [
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
    ]
    current = (await tg.messages(42))[-1]
    assert (
        current["text"] == "two" and current["raw_text"] == "<b>two</b>" and current["reply_markup"] is None
    )
    assert await bot.delete_message(42, msg.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(42, msg.message_id)


async def test_chat_errors(bot: Bot, tg: StandinClient) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "hello")
    await tg.send_text(43, "hi")
    await tg.block(43)
    with pytest.raises(TelegramForbiddenError, match="blocked by the user"):
        await bot.send_message(43, "hello")
    await tg.block(43, blocked=False)
    await bot.send_message(43, "hello")

    await tg.add_chat(-500, "group", title="Old group", admins=[7], creator=6)
    await tg.migrate(-500, -1000000000500)
    with pytest.raises(TelegramMigrateToChat) as info:
        await bot.send_message(-500, "hello")
    assert info.value.migrate_to_chat_id == -1000000000500
    await bot.send_message(-1000000000500, "hello")


async def test_injected_failures(bot: Bot, tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    await tg.fail("sendMessage", 2, "5xx")
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(42, "x")
    await tg.fail("sendMessage", 1, "403")
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(42, "x")
    await tg.fail("sendMessage", 1, "migrate", migrate_to_chat_id=-100123)
    with pytest.raises(TelegramMigrateToChat) as info:
        await bot.send_message(42, "x")
    assert info.value.migrate_to_chat_id == -100123
    await tg.fail("editMessageText", 1, "not_found")
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="y", chat_id=42, message_id=1)
    await tg.fail("sendMessage", 1, "429", retry_after=3)
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(42, "x")
    assert retry.value.retry_after == 3
    await bot.send_message(42, "finally")
    assert [r.text for r in await tg.sent(42)] == ["finally"]
    assert (await tg.stats())["per_method"]["sendMessage"] == 6


async def test_send_document_round_trip(bot: Bot, tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    payload = bytes(range(256)) * 40
    msg = await bot.send_document(
        42, BufferedInputFile(payload, filename="case.ics"), caption="<b>calendar</b>"
    )
    assert msg.document is not None and msg.document.file_name == "case.ics"
    assert msg.caption == "calendar"
    [record] = await tg.sent(42)
    assert record.method == "sendDocument" and record.document_name == "case.ics"
    assert record.document_bytes == payload and record.text == "<b>calendar</b>"
    file = await bot.get_file(msg.document.file_id)
    assert file.file_size == len(payload)
    downloaded = await bot.download_file(file.file_path or "")
    assert downloaded is not None and downloaded.read() == payload


async def test_chat_members(bot: Bot, tg: StandinClient) -> None:
    await tg.add_chat(-100777, "supergroup", title="Support", admins=[71], creator=70, bot_admin=True)
    await tg.send_text(-100777, "hello", user_id=72, chat_type="supergroup")
    assert isinstance(await bot.get_chat_member(-100777, 70), ChatMemberOwner)
    admin = await bot.get_chat_member(-100777, 71)
    assert isinstance(admin, ChatMemberAdministrator) and admin.can_send_welcome_messages is not None
    assert isinstance(await bot.get_chat_member(-100777, 72), ChatMemberMember)
    assert isinstance(await bot.get_chat_member(-100777, 73), ChatMemberLeft)
    assert isinstance(await bot.get_chat_member(-100777, tg.bot_id), ChatMemberAdministrator)
    admins = await bot.get_chat_administrators(-100777)
    assert {m.user.id for m in admins} == {70, 71, tg.bot_id}
    assert await bot.get_chat_member_count(-100777) == 4
    chat = await bot.get_chat(-100777)
    assert chat.title == "Support" and chat.type == "supergroup"
    await bot.send_chat_action(-100777, "typing")


async def test_commands_per_language_and_scope(bot: Bot, tg: StandinClient) -> None:
    ru = [
        BotCommand(command="start", description="Начать"),
        BotCommand(command="follow", description="Следить"),
    ]
    en = [BotCommand(command="start", description="Start")]
    assert await bot.set_my_commands(ru, language_code="ru")
    assert await bot.set_my_commands(en, language_code="en")
    assert await bot.set_my_commands(en, scope=BotCommandScopeAllGroupChats())
    got = await bot.get_my_commands(language_code="ru")
    assert [c.command for c in got] == ["start", "follow"]
    assert [c["command"] for c in await tg.commands_for("ru")] == ["start", "follow"]
    assert await tg.commands_for("en") == [{"command": "start", "description": "Start"}]
    assert await tg.commands_for("", "all_group_chats") == [{"command": "start", "description": "Start"}]
    assert len(await tg.commands()) == 3
    assert await bot.delete_my_commands(language_code="en")
    assert await bot.get_my_commands(language_code="en") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])


async def test_answer_callback_query_needs_a_real_query(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("nope")


async def test_webhook_blocks_get_updates(bot: Bot, tg: StandinClient) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == []


async def test_webhook_delivery_with_secret(standin: StandinServer, tg: StandinClient, bot: Bot) -> None:
    from aiohttp import web

    got: list[tuple[str | None, dict[str, object]]] = []
    failures = {"left": 1}

    async def hook(request: web.Request) -> web.Response:
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500)  # the stand-in retries
        got.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        return web.json_response({"method": "sendMessage", "chat_id": 42, "text": "from the webhook answer"})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        await tg.send_text(42, "/start")
        assert await tg.settle(timeout=5)
        assert len(got) == 1 and got[0][0] == "s3cret"
        assert got[0][1]["message"]["text"] == "/start"  # type: ignore[index]
        [reply] = await tg.wait_sent(42)
        assert reply.text == "from the webhook answer"
        info = await bot.get_webhook_info()
        assert info.pending_update_count == 0 and info.last_error_message
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_settle_and_nothing_sent(tg: StandinClient) -> None:
    # No bot is polling: the pushed update is never fetched.
    await tg.send_text(42, "hello")
    assert not await tg.settle(idle_ms=50, timeout=0.3)
    with pytest.raises(AssertionError, match="got 0"):
        await tg.wait_sent(42, timeout=0.2)


async def test_dispatcher_polling_handles_deep_link_and_press(bot: Bot, tg: StandinClient) -> None:
    dp = Dispatcher()
    payloads: list[str | None] = []

    @dp.message(CommandStart(deep_link=True))
    async def deep_link(message: Message, command: CommandObject) -> None:
        payloads.append(command.args)
        await message.answer(f"card <b>{command.args}</b>", reply_markup=keyboard("follow:balashov"))

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    @dp.callback_query(F.data.startswith("follow:"))
    async def follow(query: CallbackQuery) -> None:
        await query.answer("ok")
        assert isinstance(query.message, Message)
        await query.message.edit_text(f"following {query.data}", reply_markup=query.message.reply_markup)

    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, close_bot_session=False))
    try:
        await tg.send_text(5001, "/start c_balashov")
        [card] = await tg.wait_sent(5001)
        assert payloads == ["c_balashov"] and card.visible_text == "card c_balashov"
        assert card.message_id is not None
        await tg.press(5001, card.message_id, "follow:balashov")
        records = await tg.wait_sent(5001, 2, after=card.seq)
        assert {r.method for r in records} == {"answerCallbackQuery", "editMessageText"}
        answer = next(r for r in records if r.method == "answerCallbackQuery")
        assert answer.text == "ok" and answer.message_id == card.message_id

        assert await tg.settle()
        seq = await tg.last_seq()
        # "Nothing was sent": a press nobody handles is fetched, and the bot stays quiet.
        await tg.press(5001, card.message_id, "unknown:1")
        assert await tg.settle()
        assert await tg.sent(5001, after=seq) == []
        await tg.send_text(5001, "echo me")
        [echo_record] = await tg.wait_sent(5001, after=seq)
        assert echo_record.text == "echo me"
    finally:
        await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError, RuntimeError):
            await asyncio.wait_for(polling, 5)


async def test_each_token_has_its_own_world(standin: StandinServer) -> None:
    a, b = random_token(), random_token()
    async with StandinClient(standin.base_url, a) as ta, StandinClient(standin.base_url, b) as tb:
        await ta.send_text(42, "hi")
        bot_b = make_bot(standin.base_url, b)
        try:
            with pytest.raises(TelegramBadRequest, match="chat not found"):
                await bot_b.send_message(42, "x")
        finally:
            await bot_b.session.close()
        assert await tb.sent() == []
        assert standin.state(a).chats.keys() == {42}


@pytest.mark.real_limits
async def test_real_limits_private_chat_gets_429_on_the_fourth(standin_real: StandinServer) -> None:
    token = random_token()
    # Telegram's clock stands still: the fourth message, and the fifth, are within the second (and the fifth within
    # retry_after) however slow this machine is.
    standin_real.state(token).limiter.clock = lambda: 1000.0
    async with StandinClient(standin_real.base_url, token) as client:
        await client.send_text(42, "hi")
        b = make_bot(standin_real.base_url, token)
        try:
            for i in range(3):
                await b.send_message(42, f"m{i}")
            with pytest.raises(TelegramRetryAfter) as info:
                await b.send_message(42, "m3")
            assert info.value.retry_after >= 1
            with pytest.raises(TelegramRetryAfter):
                await b.send_message(42, "m4")  # inside retry_after: refused and counted
        finally:
            await b.session.close()
        stats = await client.stats()
        assert stats["received_429"] == 2 and stats["sent_during_retry_after"] == 1
        assert len(await client.sent(42)) == 3
