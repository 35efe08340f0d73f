"""The rights check on every admin update: commands, buttons, and answers inside admin dialogs.

It runs as an outer middleware on the admin router, before any filter, and looks up the actor's rights
afresh each time (an editor revoked a minute ago is refused now). Anything not an admin command, an
admin button or an admin dialog passes through untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject

from bot.campaign.roles import Actor, actor_for
from bot.config import Settings
from bot.i18n import t
from handlers.admin.registry import ADMIN_COMMANDS, Scope, admin_callback_scopes
from storage.api import Store

log = logging.getLogger("casewatch.rights")
ADMIN_STATE_PREFIX = "Admin"


def command_name(text: str | None) -> str | None:
    if not text or not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else None


def allowed(actor: Actor, scope: Scope) -> bool:
    return actor.is_admin or (scope == "editor" and bool(actor.editor_of))


class RightsMiddleware(BaseMiddleware):
    """Store and settings come from the dispatcher's workflow data, like every handler's."""

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]], event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        scope: Scope | None = None
        user_id: int | None = None
        if isinstance(event, Message):
            user_id = event.from_user.id if event.from_user else None
            # aiogram's Command filter matches a photo's caption as well as a text: check both.
            name = command_name(event.text if event.text is not None else event.caption)
            if name in ADMIN_COMMANDS:
                scope = ADMIN_COMMANDS[name].scope
            else:
                state: FSMContext | None = data.get("state")
                current = await state.get_state() if state else None
                if current and current.startswith(ADMIN_STATE_PREFIX):
                    scope = "editor"
        elif isinstance(event, CallbackQuery):
            user_id = event.from_user.id
            prefix = (event.data or "").split(":", 1)[0]
            scope = admin_callback_scopes().get(prefix)
        if scope is None:
            return await handler(event, data)
        lang = data.get("lang", "ru")
        # Only private chats: an admin dialog in a group would show drafts to everyone there.
        chat: Chat | None
        if isinstance(event, Message):
            chat = event.chat
        else:
            assert isinstance(event, CallbackQuery)
            chat = event.message.chat if event.message else None
        store: Store = data["store"]
        settings: Settings = data["settings"]
        actor = await actor_for(store, settings, user_id) if user_id is not None else None
        if actor is None or not allowed(actor, scope) or chat is None or chat.type != "private":
            log.info("refused an admin %s", "command" if isinstance(event, Message) else "button")
            key = "admin-private-only" if actor and allowed(actor, scope) else "admin-refused"
            if isinstance(event, Message):
                await event.answer(t(lang, key))
            elif isinstance(event, CallbackQuery):
                await event.answer(t(lang, key), show_alert=True)
            return None
        data["actor"] = actor
        return await handler(event, data)
