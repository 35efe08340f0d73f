import random, time, logging
from bot.app import running
from bot.clock import FakeClock
from bot.standin.client import StandinClient
from tests.e2e.people import Person, texts

async def test_dbg(standin, example_settings):
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = example_settings.model_copy(update={"bot_token": token, "telegram_api_url": standin.base_url})
    async with running(settings, clock=FakeClock()) as app, StandinClient(standin.base_url, token) as tg:
        for lang in ("ru", "en", "kk", "de"):
            t0 = time.monotonic()
            person = Person(tg, chat_id=random.randint(10**5, 10**6), language=lang)
            out = await person.says("/start")
            print(lang, "after says", round(time.monotonic()-t0, 3), [r.method for r in out], flush=True)
        import asyncio; await asyncio.sleep(2)
        print("later", [(r.method, r.chat_id, round(r.at % 100, 2)) for r in await tg.sent()])
        print(await tg.stats())
        assert False
