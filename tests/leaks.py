"""Whether a text names a chat id: the id as a whole number, not as digits that a hash or a port happens to hold."""

from __future__ import annotations

import re


def names_id(text: str, chat_id: int) -> bool:
    """True where `chat_id` stands alone in `text` (a hex hash or base64 may hold its digits by chance)."""
    return re.search(rf"(?<![0-9A-Za-z_.]){re.escape(str(chat_id))}(?![0-9A-Za-z_])", text) is not None
