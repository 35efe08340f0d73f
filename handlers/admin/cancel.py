"""/cancel inside any admin dialog: the dialog ends and nothing is kept, whatever step it was at.

Registered before every dialog's value handlers, so "/cancel" never becomes a slug, a court or a post.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import t
from handlers.admin.registry import admin_answer
from handlers.admin.rights import in_admin_dialog


async def on_cancel(message: Message, lang: str, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t(lang, "admin-cancelled"))


def register(router: Router) -> None:
    admin_answer(router, on_cancel, Command("cancel"), in_admin_dialog)
