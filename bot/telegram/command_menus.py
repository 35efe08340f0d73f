"""The command menus (setMyCommands): everyone's in three languages (a group's administrators also see /topic),
and the campaign tools in the own chat of each admin and editor. A failure is logged, never fatal: the bot works without a menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)

from bot.i18n import LANGUAGES, t

log = logging.getLogger(__name__)

USER_COMMANDS = (
    "start", "cases", "follow", "unfollow", "my", "case", "write", "hearings", "settings", "lang", "help", "privacy",
    "forget",
)
# What a group's administrators see in their groups: the same, and where a case's news goes in a forum.
GROUP_ADMIN_MENU = (*USER_COMMANDS, "topic")


def _menu(lang: str, names: Sequence[str]) -> list[BotCommand]:
    return [BotCommand(command=c, description=t(lang, f"cmd-{c}")) for c in names]


async def set_commands(bot: Bot, default_language: str) -> None:
    admins = BotCommandScopeAllChatAdministrators()
    try:
        for lang in LANGUAGES:
            await bot.set_my_commands(_menu(lang, USER_COMMANDS), scope=BotCommandScopeDefault(), language_code=lang)
            await bot.set_my_commands(_menu(lang, GROUP_ADMIN_MENU), scope=admins, language_code=lang)
        await bot.set_my_commands(_menu(default_language, USER_COMMANDS), scope=BotCommandScopeDefault())
        await bot.set_my_commands(_menu(default_language, GROUP_ADMIN_MENU), scope=admins)
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
