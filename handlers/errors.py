"""The one error handler: a person's mistake is shown in their language; anything else is logged once."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.errors import UserError, describe
from bot.i18n import pick_language, t

log = logging.getLogger("casewatch.errors")


def _lang(event: ErrorEvent) -> str:
    update = event.update
    user = (update.message and update.message.from_user) or (update.callback_query and update.callback_query.from_user)
    return pick_language(user.language_code if user else None)


async def _reply(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


async def on_user_error(event: ErrorEvent) -> None:
    exc = event.exception
    assert isinstance(exc, UserError)
    await _reply(event, t(_lang(event), exc.key, **exc.args_))


async def on_error(event: ErrorEvent) -> None:
    # Type and place only: the exception's text (and a traceback's last line) may carry a user's input.
    log.error("update %s failed: %s", event.update.update_id, describe(event.exception))
    try:
        await _reply(event, t(_lang(event), "error-generic"))
    except Exception as exc:  # Telegram itself may be what failed
        log.warning("could not tell the user about the error: %s", type(exc).__name__)


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_user_error, ExceptionTypeFilter(UserError))
    r.errors.register(on_error)
    return r
