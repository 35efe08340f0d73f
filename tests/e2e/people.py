"""People talking to the real bot through the stand-in, for end-to-end tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.standin.client import Sent, StandinClient
from bot.telegram.middlewares import InFlight

# How many updates the bot under test has in hand (set by the app fixtures through `track`). The stand-in
# only sees requests: a handler busy between two of them (a fetch, a loaded machine) looks idle to it.
_in_hand: list[InFlight] = []


def track(app: Any) -> None:
    """Let every Person wait for this app's handlers to finish before reading what was sent."""
    _in_hand[:] = [app.in_flight]


@dataclass
class Person:
    """One chat as a user sees it: what they send, and what the bot sent back since."""

    tg: StandinClient
    chat_id: int
    language: str = "ru"
    user_id: int | None = None
    chat_type: str = "private"
    seen: int = 0

    async def says(self, text: str, *, expect: int = 1) -> list[Sent]:
        """Send a message; wait for at least `expect` answers, then until the bot is quiet."""
        await self.tg.send_text(self.chat_id, text, user_id=self.user_id, chat_type=self.chat_type,
                                language_code=self.language)
        return await self.replies(expect)

    async def sends_photo(self, caption: str, *, expect: int = 1) -> list[Sent]:
        """Send a photo with a caption; wait for at least `expect` answers, then until the bot is quiet."""
        await self.tg.send_photo(self.chat_id, caption, user_id=self.user_id, chat_type=self.chat_type,
                                 language_code=self.language)
        return await self.replies(expect)

    async def follows_hearings_only(self, slug: str) -> list[Sent]:
        """Open the case's link (its card) and press 📅: hearings only, no news."""
        return await self.presses(last_with_buttons(await self.says(f"/start c_{slug}")), "📅")

    async def presses(self, record: Sent, label: str) -> list[Sent]:
        assert record.message_id is not None
        return await self.presses_data(record.message_id, button_data(record, label))

    async def presses_data(self, message_id: int, data: str) -> list[Sent]:
        await self.tg.press(self.chat_id, message_id, data, user_id=self.user_id, language_code=self.language)
        # Every press is answered (answerCallbackQuery), whatever else the handler does.
        return await self.replies(1, method="answerCallbackQuery")

    async def replies(self, expect: int = 0, *, method: str | None = None) -> list[Sent]:
        # A slow handler (a fetch, a busy machine) can look idle to settle() before it answers:
        # wait for the answers we know must come first.
        if expect:
            await self.tg.wait_sent(self.chat_id, expect, after=self.seen, timeout=20, method=method)
        assert await self.tg.settle(), "the bot did not settle"
        if any(flight.count for flight in _in_hand):
            for flight in _in_hand:
                assert await flight.wait_idle(20), "the bot's handlers did not finish"
            assert await self.tg.settle(), "the bot did not settle"
        out = [r for r in await self.tg.sent(chat_id=self.chat_id, after=self.seen)]
        if out:
            self.seen = max(r.seq for r in out)
        return out


def texts(records: list[Sent]) -> list[str]:
    return [plain(r.text) for r in records if r.method in ("sendMessage", "editMessageText") and r.text]


def plain(text: str | None) -> str:
    return re.sub(r"<[^>]+>", "", text or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def button_labels(record: Sent) -> list[str]:
    rows = (record.reply_markup or {}).get("inline_keyboard", [])
    return [str(b["text"]) for row in rows for b in row]


def button_data(record: Sent, label: str) -> str:
    for row in (record.reply_markup or {}).get("inline_keyboard", []):
        for b in row:
            if label in str(b["text"]) and "callback_data" in b:
                return str(b["callback_data"])
    raise AssertionError(f"no button {label!r} in {button_labels(record)}")


def last_with_buttons(records: list[Sent]) -> Sent:
    for r in reversed(records):
        if r.reply_markup and r.method in ("sendMessage", "editMessageText"):
            return r
    raise AssertionError(f"no message with buttons among {texts(records)}")
