"""What the sender sends: a rendered message, and the renderer that makes one of an outbox row."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from storage.models import Chat, OutboxRow


@dataclass(frozen=True)
class Outgoing:
    """One message, ready for sendMessage."""

    text: str  # Telegram HTML, already escaped, ≤ 4096 visible chars
    reply_markup: InlineKeyboardMarkup | None = None
    disable_notification: bool = False
    disable_link_preview: bool = True
    message_thread_id: int | None = None  # a forum topic of the chat; None: its general chat


class RenderError(Exception):
    """An announcement whose text cannot be made (a bug of ours, or a value we did not expect): permanent.

    `what` names the exception type and place, never its message (that may quote the announcement).
    """

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


# None → cancel the row (e.g. a reminder for a moved hearing); Chat None for chats with no row (admins, mirror channels).
Renderer = Callable[[OutboxRow, Chat | None], Awaitable[Outgoing | None]]

__all__ = ["Outgoing", "RenderError", "Renderer"]
