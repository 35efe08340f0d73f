"""The command menus (setMyCommands): everyone's in three languages, and the campaign tools in the own chat
of each admin and editor. A failure is logged, never fatal: the bot works without a menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.i18n import LANGUAGES, t

log = logging.getLogger(__name__)

USER_COMMANDS = (
    "start", "cases", "follow", "unfollow", "my", "case", "hearings", "settings", "lang", "help", "privacy", "forget",
)


def _menu(lang: str, names: Sequence[str]) -> list[BotCommand]:
    return [BotCommand(command=c, description=t(lang, f"cmd-{c}")) for c in names]


async def set_commands(bot: Bot, default_language: str) -> None:
    try:
        for lang in LANGUAGES:
            await bot.set_my_commands(_menu(lang, USER_COMMANDS), scope=BotCommandScopeDefault(), language_code=lang)
        await bot.set_my_commands(_menu(default_language, USER_COMMANDS), scope=BotCommandScopeDefault())
    except (TimeoutError, TelegramAPIError, OSError) as exc:
        log.warning("setMyCommands failed, going on without a command menu: %s", type(exc).__name__)


async def set_staff_menu(bot: Bot, chat_id: int, staff_commands: Sequence[str], default_language: str) -> None:
    """The user commands and these campaign commands, in a staff member's private chat with the bot."""
    names = [*USER_COMMANDS, *staff_commands]
    try:
        for lang in LANGUAGES:
            await bot.set_my_commands(_menu(lang, names), scope=BotCommandScopeChat(chat_id=chat_id), language_code=lang)
        await bot.set_my_commands(_menu(default_language, names), scope=BotCommandScopeChat(chat_id=chat_id))
    except (TimeoutError, TelegramAPIError, OSError) as exc:
        log.warning("setMyCommands for a staff chat failed: %s", type(exc).__name__)
