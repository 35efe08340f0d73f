"""Shared pieces of the delivery tests and the benchmark: seeding the outbox, a renderer, a wired sender."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from bot.clock import Clock, FakeClock
from bot.config import Settings
from bot.delivery.limiter import Limiter
from bot.delivery.model import Outgoing, Renderer
from bot.delivery.sender import Sender
from bot.standin.client import StandinClient
from storage.api import Store
from storage.models import PRIORITY_BROADCAST, CaseInput, Chat, OutboxRow


def make_bot(api_base: str, token: str) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base.rstrip("/")))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def simple_render(row: OutboxRow, chat: Chat | None) -> Outgoing | None:
    """Names the announcement and chat, so the tests can tell every message apart."""
    return Outgoing(text=f"<b>A{row.announcement_id}</b> for {row.chat_id}")


def chat_type(chat_id: int) -> str:
    return "private" if chat_id > 0 else "supergroup"


async def ensure_case(store: Store, now: int) -> int:
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="dtest", name="Test Case"), origin="config", now=now, overwrite=False)
        case = await tx.cases.get("dtest")
        assert case is not None
        return case.id


async def add_chats(store: Store, chat_ids: Sequence[int], now: int) -> None:
    """Chats rows in one transaction (fast enough for the benchmark's 10,000)."""
    async with store.transaction() as tx:
        for c in dict.fromkeys(chat_ids):
            await tx.chats.ensure(c, chat_type(c), "ru", now)


async def announce(
    store: Store, chat_ids: Sequence[int], *, now: int, key: str, priority: int = PRIORITY_BROADCAST,
    kind: str = "hearing_new",
) -> int:
    """An announcement and its outbox rows, in one transaction (as the announcement side does it)."""
    case_id = await ensure_case(store, now)
    async with store.transaction() as tx:
        conn = tx.conn  # type: ignore[attr-defined]
        await conn.execute(
            "INSERT INTO announcements (kind, case_id, hearing_id, min_level, payload_json, dedupe_key, created_at) "
            "VALUES (?, ?, NULL, 'hearings', ?, ?, ?)",
            (kind, case_id, json.dumps({"title": key}), key, now),
        )
        row = await conn.fetchone("SELECT id FROM announcements WHERE dedupe_key = ?", (key,))
        assert row is not None
        ann_id = int(row["id"])
        await tx.outbox.enqueue(ann_id, list(chat_ids), priority=priority, next_at=now)
    return ann_id


async def outbox_rows(store: Store) -> list[dict[str, Any]]:
    async with store.read() as tx:
        rows = await tx.conn.fetchall("SELECT * FROM outbox ORDER BY id")  # type: ignore[attr-defined]
        ids = tx.ids  # type: ignore[attr-defined]
    # The chat id is stored sealed; tests read it back as the app does.
    return [{**dict(r), "chat_id": ids.open(r["chat_enc"])} for r in rows]


async def register_chats(tg: StandinClient, chat_ids: Sequence[int], *, concurrency: int = 32) -> None:
    """Make the chats exist on the stand-in (it answers "chat not found" for others)."""
    import asyncio

    sem = asyncio.Semaphore(concurrency)

    async def one(cid: int) -> None:
        async with sem:
            await tg.add_chat(cid, chat_type(cid), title=None if cid > 0 else f"group {cid}")

    await asyncio.gather(*(one(c) for c in chat_ids))


def per_chat(records: Sequence[Any], method: str = "sendMessage") -> Counter[int]:
    return Counter(r.chat_id for r in records if r.method == method)


@dataclass
class Harness:
    store: Store
    bot: Bot
    clock: FakeClock
    settings: Settings
    limiter: Limiter
    sender: Sender
    tg: StandinClient


@contextlib.asynccontextmanager
async def harness(
    store: Store,
    tg: StandinClient,
    *,
    scale: float,
    render: Renderer = simple_render,
    clock: Clock | None = None,
    start: bool = True,
    settings: Settings | None = None,
    limiter: Limiter | None = None,
    **sender_kw: Any,
) -> AsyncIterator[Harness]:
    """A real Bot over HTTP to the stand-in, the Limiter scaled like it, and a started Sender."""
    settings = settings or Settings(bot_token=tg.token, senders=16, instance_id="test-worker")
    clock = clock or FakeClock()
    assert isinstance(clock, FakeClock)
    bot = make_bot(tg.api_base, tg.token)
    limiter = limiter or Limiter(settings, scale=scale)
    bot.session.middleware(limiter)
    sender = Sender(store, bot, clock, settings, limiter, render, **sender_kw)
    if start:
        await sender.start()
    try:
        yield Harness(store, bot, clock, settings, limiter, sender, tg)
    finally:
        await sender.stop()
        await limiter.close()
        await bot.session.close()
