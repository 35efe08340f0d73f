"""The editor: claims queued corrections of messages already sent and makes them, through the limiter.

Edits count against Telegram's limits like sends (the limiter lists the edit methods), so they go through the
same bot session at broadcast priority, behind the new messages. Each edit is claimed (`sending`, leased) in
one short transaction, rendered, made with editMessageText (editMessageCaption for a message with a caption),
and its outcome written in another; no transaction spans the network call. Like the sender, the editor is a
`ClaimWorker` (bot/delivery/worker.py), which owns the claim loop, start, stop and sweep.

Crash safety: an edit sets the whole message, so making one twice changes nothing ("message is not
modified" counts as done). Claims of a worker whose heartbeat ran out (the sender's `sender:<worker id>`
lease: the editor runs beside the sender under the same worker id) or whose lease expired go back to pending.

Outcomes: done; a message Telegram no longer lets the bot edit ("message can't be edited", "message to edit
not found", too old, the chat blocked the bot or is gone, any other refusal) is skipped quietly with the reason:
no retry, no admin notice. A 429 waits as the limiter says and tries again; 5xx and network errors back off,
and the edit fails after `max_attempts`; one that cannot be rendered fails at once. An edit whose message was
never sent is skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import LinkPreviewOptions

from bot.clock import Clock
from bot.delivery.edit_texts import EditRenderer
from bot.delivery.limiter import auto_retry_429, send_priority
from bot.delivery.model import Outgoing, RenderError
from bot.delivery.sender import ALIVE_PREFIX, telegram_reason
from bot.delivery.worker import ClaimQueue, ClaimWorker
from bot.errors import describe
from storage.api import ReadTx, Store, Tx
from storage.models import PRIORITY_BROADCAST, MessageEdit

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_NOT_MODIFIED = "message is not modified"
_NO_TEXT = "there is no text in the message to edit"


class Editor(ClaimWorker[MessageEdit]):
    """Claims message edits and makes them, a few at a time."""

    name = "editor"
    task_prefix = "edit"
    row_noun = "message edit"
    claim_failed = "message edit claim failed; trying again shortly: %s"
    swept = "took back %d message edits a stopped worker left claimed"

    def __init__(
        self,
        store: Store,
        bot: Bot,
        clock: Clock,
        settings: Settings,
        render: EditRenderer,
        *,
        worker_id: str | None = None,
        slots: int = 4,
        lease_s: int = 120,
        max_attempts: int = 8,
        backoff_base_s: int = 1,
        backoff_max_s: int = 600,
        poll_interval: float = 0.5,
        stop_timeout: float = 10.0,
    ) -> None:
        super().__init__(
            store, clock, worker_id=worker_id or settings.instance_id, slots=slots, lease_s=lease_s,
            max_attempts=max_attempts, backoff_base_s=backoff_base_s, backoff_max_s=backoff_max_s,
            poll_interval=poll_interval, stop_timeout=stop_timeout,
        )
        self._bot = bot
        self._render = render
        self.counters = {"done": 0, "skipped": 0, "failed": 0, "retried": 0, "429": 0}

    # -- the edit queue's part of the claim worker --------------------------------------------------------------
    def _queue(self, tx: Tx) -> ClaimQueue[MessageEdit]:
        return tx.edits

    async def _unfinished(self, tx: ReadTx, now: int) -> int:
        return await tx.edits.unfinished(now)

    def _sweep_every(self) -> float:
        # Often, not a third of the lease: with no heartbeat of its own, the editor's sweep is what takes back
        # the claims of a worker whose sender stopped.
        return 10.0

    async def _take_back(self, queue: ClaimQueue[MessageEdit], now: int) -> int:
        # The sender's heartbeat (`sender:<worker id>`) vouches for the editor running beside it.
        released = await queue.release_dead_workers(ALIVE_PREFIX, self.worker_id, now)
        return released + await queue.release_expired(now)

    # -- one edit -----------------------------------------------------------------------------------------------
    async def _handle(self, edit: MessageEdit) -> None:
        send_priority.set(PRIORITY_BROADCAST)
        auto_retry_429.set(False)
        try:
            await self._make_edit(edit)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a storage or render error: tried again later, then given up
            log.error("message edit %s failed unexpectedly: %s", edit.id, describe(exc))
            with contextlib.suppress(Exception):  # storage down: the lease brings the edit back later
                await self._back_off(edit, describe(exc))

    async def _make_edit(self, edit: MessageEdit) -> None:
        if edit.outbox_state != "sent" or edit.tg_message_id is None:
            await self._finish(edit, "skipped", "never sent")
            return
        async with self._store.read() as tx:
            chat = await tx.chats.get(edit.chat_id)
        if chat is not None and not chat.active:
            await self._finish(edit, "skipped", "chat inactive")
            return
        try:
            out = await self._render(edit, chat)
        except RenderError as exc:  # a bug of ours, the same on every try: given up at once, the queue goes on
            log.error("message edit %s cannot be rendered: %s", edit.id, exc.what)
            await self._finish(edit, "failed", f"render error: {exc.what}")
            return
        if out is None:
            await self._finish(edit, "skipped", "nothing to edit")
            return
        in_a_row = 0
        while True:
            try:
                await self._edit(edit.chat_id, edit.tg_message_id, out)
            except TelegramRetryAfter as exc:
                # The limiter paused the chat (or everything); the next try waits it out.
                in_a_row += 1
                if await self._wait_out(edit.id, exc.retry_after, exc.message, in_a_row):
                    return
                continue
            except TelegramBadRequest as exc:
                if _NOT_MODIFIED in exc.message.lower():  # made before (a repeat after a crash): nothing to do
                    await self._finish(edit, "done", None)
                else:
                    await self._skip(edit, exc.message)
                return
            except TelegramEntityTooLarge as exc:
                await self._skip(edit, exc.message)
                return
            except (TelegramServerError, TelegramNetworkError) as exc:
                await self._back_off(edit, f"{type(exc).__name__}: {telegram_reason(exc.message)}")
                return
            except TelegramAPIError as exc:  # 403 (blocked), a migrated group, any other refusal: never retried
                await self._skip(edit, exc.message)
                return
            except (TimeoutError, OSError) as exc:  # the network: try again later
                await self._back_off(edit, type(exc).__name__)
                return
            await self._finish(edit, "done", None)
            return

    async def _edit(self, chat_id: int, message_id: int, out: Outgoing) -> None:
        try:
            await self._bot.edit_message_text(
                chat_id=chat_id, message_id=message_id, text=out.text, reply_markup=out.reply_markup,
                link_preview_options=_NO_PREVIEW if out.disable_link_preview else None,
            )
        except TelegramBadRequest as exc:
            if _NO_TEXT not in exc.message.lower():
                raise
            # A message with a caption (a document, a photo): its caption is what says it.
            await self._bot.edit_message_caption(
                chat_id=chat_id, message_id=message_id, caption=out.text, reply_markup=out.reply_markup,
            )

    async def _skip(self, edit: MessageEdit, message: str) -> None:
        reason = telegram_reason(message)
        log.info("message edit %s skipped: %s", edit.id, reason)
        await self._finish(edit, "skipped", reason)

    async def _fail(self, edit: MessageEdit, error: str) -> None:
        await self._finish(edit, "failed", error)

    async def _finish(self, edit: MessageEdit, state: str, reason: str | None) -> None:
        now = self._clock.timestamp()
        await self._write(lambda tx: tx.edits.finish(edit.id, edit.revision, state, reason, now))
        self.counters[state] += 1

    async def _retry_at(self, edit_id: int, next_at: int, error: str) -> None:
        now = self._clock.timestamp()
        await self._write(lambda tx: tx.edits.retry_later(edit_id, next_at, error, now))


__all__ = ["Editor"]
