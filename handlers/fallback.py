"""Commands nobody handled get a pointer to /help (in private chats only: groups are noisy)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot.i18n import t


async def unknown_command(message: Message, lang: str) -> None:
    await message.answer(t(lang, "unknown-command"))


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(unknown_command, F.chat.type == "private", F.text.startswith("/"))
    return r
