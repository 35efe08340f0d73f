"""The rights check on every admin update: commands, buttons, and answers inside admin dialogs.

Admin handlers carry a `rights` flag (`admin` or `editor`); this inner middleware on the admin router
reads it once filters have picked the handler, and looks up the actor's rights afresh for each update
(an editor revoked a minute ago is refused now). Handlers without the flag run untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.dispatcher.flags import get_flag
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject

from bot.campaign.roles import Actor, actor_for
from bot.config import Settings
from bot.i18n import t
from bot.telegram.callbacks import AdminCallback, Scope, button_classes
from storage.api import Store

log = logging.getLogger("casewatch.rights")
RIGHTS = "rights"  # the handler flag
ADMIN_STATE_PREFIX = "Admin"  # every admin dialog's StatesGroup is named Admin…


def rights(scope: Scope) -> dict[str, Any]:
    """The flags of a handler only `scope` may reach."""
    return {RIGHTS: scope}


async def in_admin_dialog(message: Message, state: FSMContext) -> bool:
    current = await state.get_state()
    return bool(current and current.startswith(ADMIN_STATE_PREFIX))


def allowed(actor: Actor, scope: Scope) -> bool:
    return actor.is_admin or (scope == "editor" and bool(actor.editor_of))


class RightsMiddleware(BaseMiddleware):
    """Store and settings come from the dispatcher's workflow data, like every handler's."""

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]], event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        scope: Scope | None = get_flag(data, RIGHTS)
        if scope is None:
            return await handler(event, data)
        chat: Chat | None
        if isinstance(event, Message):
            user_id = event.from_user.id if event.from_user else None
            chat = event.chat
        else:
            assert isinstance(event, CallbackQuery)
            user_id = event.from_user.id
            chat = event.message.chat if event.message else None
        lang = data.get("lang", "ru")
        # A guard below may have looked the actor up already for this update.
        actor: Actor | None = data.get("actor")
        if actor is None and user_id is not None:
            store: Store = data["store"]
            settings: Settings = data["settings"]
            actor = await actor_for(store, settings, user_id)
        # Only private chats: an admin dialog in a group would show drafts to everyone there.
        if actor is None or not allowed(actor, scope) or chat is None or chat.type != "private":
            log.info("refused an admin %s", "command" if isinstance(event, Message) else "button")
            key = "admin-private-only" if actor and allowed(actor, scope) else "admin-refused"
            if isinstance(event, Message):
                await event.answer(t(lang, key))
            else:
                await event.answer(t(lang, key), show_alert=True)
            return None
        data["actor"] = actor
        return await handler(event, data)


async def pass_on(event: TelegramObject) -> None:
    """A guard's handler: the rights check has passed, the update goes on to whoever answers it."""
    raise SkipHandler


def guard_dialogs(router: Router) -> None:
    """Every message inside an admin dialog is checked before any handler sees it, the ones no dialog
    step takes (a photo, /start) included. Registered first."""
    router.message.register(pass_on, in_admin_dialog, flags=rights("editor"))


def guard_buttons(router: Router) -> None:
    """A press on admin button data that no handler took (a forged or malformed one) is still refused to
    those without rights. Registered last."""
    for cls in button_classes():
        if issubclass(cls, AdminCallback):
            prefix = cls.__prefix__
            pressed = (F.data == prefix) | F.data.startswith(f"{prefix}{cls.__separator__}")
            router.callback_query.register(pass_on, pressed, flags=rights(cls.scope))
