"""Outer middlewares: find the chat's language, log one line per update, track updates in hand, bring the
case directory up to date.

Middleware only looks things up (the `chats` row) and never calls Telegram; the one write is a private
chat's language following the person's Telegram app until they choose one with /lang.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, TelegramObject, Update

from bot.cases.directory import CaseDirectory
from bot.i18n import pick_language
from storage.api import Store
from storage.models import Chat

log = logging.getLogger("casewatch.updates")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


@dataclass
class Trace:
    """Filled in by the inner middleware so the update log line can name the handler."""

    handler: str = "-"


class InFlight:
    """Counts updates being handled, so a stop can wait for them before closing storage."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def enter(self) -> None:
        self._count += 1
        self._idle.clear()

    def leave(self) -> None:
        self._count -= 1
        if self._count == 0:
            self._idle.set()

    @property
    def count(self) -> int:
        return self._count

    async def wait_idle(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), seconds)
        except TimeoutError:
            return False
        return True


class UpdateLogMiddleware(BaseMiddleware):
    """One INFO line per update: id, type, handler, duration, outcome. No chat ids, no text."""

    def __init__(self, in_flight: InFlight) -> None:
        self._in_flight = in_flight

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        try:
            kind = event.event_type
        except Exception:  # a kind newer than aiogram knows (UpdateTypeLookupError)
            kind = "unknown"
        trace = Trace()
        data["trace"] = trace
        started = time.perf_counter()
        self._in_flight.enter()
        outcome = "ok"
        try:
            result = await handler(event, data)
            if result is UNHANDLED:
                outcome = "unhandled"
            return result
        except Exception:
            outcome = "error"
            raise
        finally:
            self._in_flight.leave()
            log.info(
                "update %s type=%s handler=%s %.0fms %s",
                event.update_id, kind, trace.handler, (time.perf_counter() - started) * 1000, outcome,
            )


class HandlerNameMiddleware(BaseMiddleware):
    """Inner middleware: records which handler took the update."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        trace = data.get("trace")
        obj = data.get("handler")
        if isinstance(trace, Trace) and isinstance(obj, HandlerObject):
            trace.handler = getattr(obj.callback, "__name__", "?")
        return await handler(event, data)


class CaseRefreshMiddleware(BaseMiddleware):
    """Before each update, rereads the cases if any instance changed them (one row read when none did)."""

    def __init__(self, cases: CaseDirectory) -> None:
        self._cases = cases

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        await self._cases.refresh_if_changed()
        return await handler(event, data)


class LanguageMiddleware(BaseMiddleware):
    """Sets `lang` (and `chat_row`): see `chat_language`."""

    def __init__(self, store: Store, default: str) -> None:
        self._store = store
        self._default = default

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat_id: int | None = None
        chat_type = "private"
        code: str | None = None
        if isinstance(event, Message):
            chat_id, chat_type = event.chat.id, event.chat.type
            code = event.from_user.language_code if event.from_user else None
        elif isinstance(event, CallbackQuery):
            if event.message is not None:
                chat_id, chat_type = event.message.chat.id, event.message.chat.type
            else:
                chat_id = event.from_user.id
            code = event.from_user.language_code
        elif isinstance(event, ChatMemberUpdated):
            chat_id, chat_type = event.chat.id, event.chat.type
            code = event.from_user.language_code
        lang, chat_row = await chat_language(self._store, chat_id, chat_type, code, self._default)
        data["lang"] = lang
        data["chat_row"] = chat_row
        return await handler(event, data)


async def chat_language(store: Store, chat_id: int | None, chat_type: str, code: str | None,
                        default: str) -> tuple[str, Chat | None]:
    """The language to answer in, and the chat's row.

    A language chosen with /lang holds. Otherwise a private chat follows the person's Telegram
    language on every update (and the stored one follows it, so broadcasts do too); a group that chose
    nothing is answered in the language of whoever wrote, and its stored language stays as it is.
    """
    lang = pick_language(code, default)
    if chat_id is None:
        return lang, None
    async with store.read() as tx:
        chat_row = await tx.chats.get(chat_id)
    if chat_row is None:
        return lang, None
    if chat_row.language_chosen or not code:
        return chat_row.language, chat_row
    if chat_type == "private" and chat_row.language != lang:
        async with store.transaction() as tx:
            await tx.chats.follow_language(chat_id, lang)
            chat_row = await tx.chats.get(chat_id) or chat_row
    return lang, chat_row
