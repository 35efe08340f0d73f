"""getUpdates, latency and settle() of the stand-in, over raw HTTP."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.standin import StandinClient, StandinServer
from tests.processes import until_polling
from tests.waiting import until

pytestmark = pytest.mark.timeout(30)


async def call(http: aiohttp.ClientSession, tg: StandinClient, method: str, **params: Any) -> tuple[int, Any]:
    async with http.post(
        f"{tg.base_url}/bot{tg.token}/{method}", data={k: str(v) for k, v in params.items()}
    ) as r:
        return r.status, await r.json()


@pytest.mark.slow
async def test_long_poll_waits_for_an_update_and_offset_confirms(tg: StandinClient) -> None:
    async with aiohttp.ClientSession() as http:
        started = time.monotonic()
        status, body = await call(http, tg, "getUpdates", timeout=1)
        assert status == 200 and body["result"] == [] and time.monotonic() - started >= 0.9

        poll = asyncio.create_task(call(http, tg, "getUpdates", timeout=20))
        await until_polling(tg, after=1, timeout=20)  # the second is waiting, so the update must wake it
        first = await tg.send_text(42, "one")
        _, body = await poll
        [update] = body["result"]
        assert update["message"]["text"] == "one" and update["message"]["message_id"] == first
        await tg.send_text(42, "two")
        await tg.send_text(42, "three")
        # Unconfirmed updates come again; limit caps the batch.
        _, body = await call(http, tg, "getUpdates", limit=2)
        assert [u["message"]["text"] for u in body["result"]] == ["one", "two"]
        _, body = await call(http, tg, "getUpdates", offset=update["update_id"] + 1)
        assert [u["message"]["text"] for u in body["result"]] == ["two", "three"]
        assert (await tg.stats())["updates_pending"] == 2
        last = body["result"][-1]["update_id"]
        _, body = await call(http, tg, "getUpdates", offset=last + 1, timeout=0)
        assert body["result"] == [] and (await tg.stats())["updates_pending"] == 0


@pytest.mark.slow
async def test_newer_get_updates_terminates_the_waiting_one(tg: StandinClient) -> None:
    async with aiohttp.ClientSession() as http:
        old = asyncio.create_task(call(http, tg, "getUpdates", timeout=20))
        await until_polling(tg, after=0, timeout=20)  # waiting at the stand-in before the newer one comes
        new = asyncio.create_task(call(http, tg, "getUpdates", timeout=1))
        status, body = await old
        assert status == 409 and "terminated by other getUpdates" in body["description"]
        assert (await new)[0] == 200


async def test_allowed_updates_filter_what_is_delivered(tg: StandinClient) -> None:
    async with aiohttp.ClientSession() as http:
        await tg.send_text(42, "hello")
        await tg.my_chat_member(42, 42, "member", "kicked")
        _, body = await call(http, tg, "getUpdates", allowed_updates='["my_chat_member"]')
        assert [next(k for k in u if k != "update_id") for u in body["result"]] == ["my_chat_member"]
        # The user blocked the bot through that update.
        status, body = await call(http, tg, "sendMessage", chat_id=42, text="hi")
        assert status == 403 and body["description"] == "Forbidden: bot was blocked by the user"


async def test_latency_delays_answers_but_requests_overlap(standin: StandinServer, tg: StandinClient) -> None:
    await tg.config(latency_ms=2000)
    state = standin.state(tg.token)
    async with aiohttp.ClientSession() as http:
        started = time.monotonic()
        requests = asyncio.gather(*(call(http, tg, "getMe") for _ in range(10)))
        # Overlap is seen as all ten inside their latency at once, not read off the wall clock (one after another
        # they would never be more than one); only a two-second stall before the tenth began could hide it.
        await until(lambda: state._in_flight >= 10 or requests.done(), "ten requests in flight", within=20)
        assert not requests.done(), "the requests did not overlap"
        results = await requests
        elapsed = time.monotonic() - started
    assert all(status == 200 for status, _ in results)
    assert elapsed >= 2.0  # each answer waited out the latency
    assert state.latency_ms == 2000


async def test_scale_config_and_429_parameters(standin: StandinServer, tg: StandinClient) -> None:
    await tg.config(scale=1)
    # Telegram's clock stands still: the fourth message is within the chat's second however slow this machine is
    # (a second between the first and the fourth would refill a token).
    standin.state(tg.token).limiter.clock = lambda: 1000.0
    await tg.send_text(42, "hi")
    async with aiohttp.ClientSession() as http:
        for i in range(3):
            assert (await call(http, tg, "sendMessage", chat_id=42, text=f"m{i}"))[0] == 200
        status, body = await call(http, tg, "sendMessage", chat_id=42, text="m3")
    assert status == 429 and body["parameters"]["retry_after"] >= 1
    assert body["description"] == f"Too Many Requests: retry after {body['parameters']['retry_after']}"
    assert (await tg.stats())["sent"] == 3


async def test_channel_username_and_group_limits(tg: StandinClient) -> None:
    await tg.add_chat(-1001, "channel", title="News", username="cw_news", admins=[tg.bot_id])
    async with aiohttp.ClientSession() as http:
        status, body = await call(http, tg, "sendMessage", chat_id="@cw_news", text="post")
        assert status == 200 and body["result"]["chat"]["id"] == -1001
        assert body["result"]["sender_chat"]["id"] == -1001
        status, body = await call(http, tg, "sendMessage", chat_id="@nobody", text="post")
        assert status == 400 and body["description"] == "Bad Request: chat not found"


async def test_reset_forgets_the_world_but_not_update_ids(tg: StandinClient) -> None:
    await tg.send_text(42, "hi")
    async with aiohttp.ClientSession() as http:
        _, body = await call(http, tg, "getUpdates")
        first_id = body["result"][0]["update_id"]
        await tg.reset()
        assert (await call(http, tg, "sendMessage", chat_id=42, text="x"))[0] == 400
        await tg.send_text(42, "again")
        _, body = await call(http, tg, "getUpdates", offset=first_id + 1)
        assert [u["message"]["text"] for u in body["result"]] == ["again"]


async def test_aiogram_webhook_answering_with_a_method(standin: StandinServer, tg: StandinClient) -> None:
    bot = Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(standin.base_url)))
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> Any:
        return message.answer(f"echo {message.text}")  # returned, so aiogram answers the webhook with it

    app = web.Application()
    SimpleRequestHandler(dp, bot, handle_in_background=False, secret_token="tok").register(app, path="/wh")
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/wh", secret_token="tok")
        await tg.send_text(42, "ping")
        [reply] = await tg.wait_sent(42)
        assert reply.method == "sendMessage" and reply.text == "echo ping"
        assert await tg.settle()
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
        await bot.session.close()
