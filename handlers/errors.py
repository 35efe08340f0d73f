"""The one error handler: a person's mistake is shown in their language; anything else is logged once."""

from __future__ import annotations

import html
import logging
import re

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.config import Settings
from bot.errors import UserError, describe
from bot.i18n import DEFAULT, pick_language, t
from bot.telegram.middlewares import chat_language
from storage.api import Store

log = logging.getLogger("casewatch.errors")


async def _lang(event: ErrorEvent, store: Store | None, settings: Settings | None) -> str:
    """The language every other answer in this chat uses (the chosen one, else Telegram's)."""
    update = event.update
    user = (update.message and update.message.from_user) or (update.callback_query and update.callback_query.from_user)
    code = user.language_code if user else None
    default = settings.default_language if settings is not None else DEFAULT
    chat = (update.message and update.message.chat) or (
        update.callback_query and update.callback_query.message and update.callback_query.message.chat)
    if store is None or not chat:
        return pick_language(code, default)
    try:
        lang, _row = await chat_language(store, chat.id, chat.type, code, default)
    except Exception as exc:  # storage may be what failed
        log.warning("no stored language for an error reply: %s", type(exc).__name__)
        return pick_language(code, default)
    return lang


_TAG = re.compile(r"</?(?:b|strong|i|em|u|ins|s|strike|del|span|tg-spoiler|a|code|pre|blockquote|tg-emoji)"
                  r"(?:\s[^<>]*)?>", re.IGNORECASE)


def as_plain(text: str) -> str:
    """Our HTML as the words a phone shows (Telegram's tags dropped, anything else kept as written):
    for alerts, and when Telegram refuses the HTML."""
    return html.unescape(_TAG.sub("", text))


async def _reply(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        # Alerts are plain text: markup there would show as written.
        await update.callback_query.answer(as_plain(text)[:200], show_alert=True)
    elif update.message is not None:
        try:
            await update.message.answer(text)
        except TelegramBadRequest:
            # The text itself was refused (a markup slip): the person still gets the words.
            log.warning("a reply was refused by Telegram; sent as plain text")
            await update.message.answer(as_plain(text), parse_mode=None)


async def on_user_error(event: ErrorEvent, store: Store | None = None, settings: Settings | None = None) -> None:
    exc = event.exception
    assert isinstance(exc, UserError)
    await _reply(event, t(await _lang(event, store, settings), exc.key, **exc.args_))


async def on_error(event: ErrorEvent, store: Store | None = None, settings: Settings | None = None) -> None:
    # Type and place only: the exception's text (and a traceback's last line) may carry a user's input.
    log.error("update %s failed: %s", event.update.update_id, describe(event.exception))
    try:
        await _reply(event, t(await _lang(event, store, settings), "error-generic"))
    except Exception as exc:  # Telegram itself may be what failed
        log.warning("could not tell the user about the error: %s", type(exc).__name__)


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_user_error, ExceptionTypeFilter(UserError))
    r.errors.register(on_error)
    return r
