"""The queue of updates as the bot sees it: allowed_updates, confirming by offset, getUpdates."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import TYPE_CHECKING, Any

from .params import ApiError, Params, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method

# Update types a bot gets when allowed_updates is empty or was never given.
ALL_UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
DEFAULT_UPDATE_TYPES = frozenset(ALL_UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

MAX_POLL_TIMEOUT_S = 60
CONFLICT_WEBHOOK = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
CONFLICT_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


def _update_type(update: dict[str, Any]) -> str:
    return next((k for k in update if k != "update_id"), "")


def drop_unwanted(s: BotState) -> None:
    """Telegram never queues update types the bot did not ask for."""
    if any(_update_type(u) not in s.allowed_updates for u in s.pending):
        s.pending = [u for u in s.pending if _update_type(u) in s.allowed_updates]


def set_allowed(s: BotState, p: Params) -> None:
    """Take ``allowed_updates`` from getUpdates or setWebhook, when given."""
    allowed = p.get_json("allowed_updates")
    if allowed is None:
        return  # "If not specified, the previous setting will be used"
    if not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON object")
    s.allowed_updates = frozenset(str(a) for a in allowed) if allowed else DEFAULT_UPDATE_TYPES


def _confirm(s: BotState, offset: int | None) -> None:
    if offset is None:
        return
    if offset < 0:
        s.pending = s.pending[offset:]
    else:
        s.pending = [u for u in s.pending if u["update_id"] >= offset]


async def get_updates(s: BotState, p: Params) -> list[dict[str, Any]]:
    if s.webhook is not None:
        raise ApiError(409, CONFLICT_WEBHOOK)
    offset = p.get_int("offset")
    limit = min(100, max(1, p.get_int("limit") or 100))
    timeout = min(MAX_POLL_TIMEOUT_S, max(0, p.get_int("timeout") or 0))
    set_allowed(s, p)
    _confirm(s, offset)
    # A newer getUpdates terminates the one still waiting, as on Telegram.
    s.poll_generation += 1
    generation = s.poll_generation
    s.wake()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if s.closed:
            return []
        if generation != s.poll_generation:
            raise ApiError(409, CONFLICT_POLL)
        if s.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        drop_unwanted(s)
        if s.pending:
            return copy.deepcopy(s.pending[:limit])
        remaining = deadline - loop.time()
        if remaining <= 0:
            return []
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(s.next_change(), remaining)


METHODS: dict[str, Method] = {"getUpdates": get_updates}
