"""Links that open this bot: built from its own username (getMe), never from a placeholder."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

log = logging.getLogger(__name__)


def start_link(bot_username: str, payload: str) -> str:
    """`https://t.me/<bot>?start=<payload>`: opens the bot and sends `/start <payload>`."""
    return f"https://t.me/{bot_username}?start={payload}"


def case_link(bot_username: str, slug: str) -> str:
    """The deep link that opens a case's card."""
    return start_link(bot_username, f"c_{slug}")


async def bot_username(bot: Bot) -> str | None:
    """The bot's username; aiogram keeps getMe's answer after the first call (made at start)."""
    try:
        return (await bot.me()).username
    except (TelegramAPIError, OSError, TimeoutError) as exc:
        log.warning("getMe failed: %s", type(exc).__name__)
        return None
