"""The editor: claims queued corrections of messages already sent and makes them, through the limiter.

Edits count against Telegram's limits like sends (the limiter lists the edit methods), so they go through the
same bot session at broadcast priority, behind the new messages. Each edit is claimed (`sending`, leased) in
one short transaction, rendered, made with editMessageText (editMessageCaption for a message with a caption),
and its outcome written in another; no transaction spans the network call.

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
import time
from collections.abc import Awaitable, Callable
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
from bot.errors import describe
from storage.api import Store, Tx
from storage.models import PRIORITY_BROADCAST, MessageEdit

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

MAX_429_IN_A_ROW = 20
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_NOT_MODIFIED = "message is not modified"
_NO_TEXT = "there is no text in the message to edit"


class Editor:
    """Claims message edits and makes them, a few at a time."""

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
        self._store = store
        self._bot = bot
        self._clock = clock
        self._render = render
        self.worker_id = worker_id or settings.instance_id
        self.slots = max(1, slots)
        self.lease_s = lease_s
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.poll_interval = poll_interval
        self.stop_timeout = stop_timeout
        self._loop_task: asyncio.Task[None] | None = None
        self._wake_event = asyncio.Event()
        self._stopping = False
        self._tasks: dict[asyncio.Task[None], MessageEdit] = {}
        self._writes: set[asyncio.Task[None]] = set()
        self.counters: dict[str, int] = {"done": 0, "skipped": 0, "failed": 0, "retried": 0, "429": 0}

    # -- lifecycle ----------------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the claim loop; edits an earlier run of this worker id left in `sending` are pending again."""
        if self._loop_task is not None and not self._loop_task.done():
            return
        async with self._store.transaction() as tx:
            await tx.edits.release_worker(self.worker_id)
        self._stopping = False
        self._wake_event = asyncio.Event()
        self._loop_task = asyncio.create_task(self._run(), name=f"editor-{self.worker_id}")

    async def stop(self) -> None:
        """Stop claiming, let edits in flight finish (at most `stop_timeout`), leave the rest pending."""
        self._stopping = True
        self._wake_event.set()
        if self._loop_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=self.stop_timeout)
        left = dict(self._tasks)
        for task in left:
            task.cancel()
        if left:
            await asyncio.gather(*left, return_exceptions=True)
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)
        if left:
            async with self._store.transaction() as tx:
                for edit in left.values():
                    await tx.edits.release(edit.id)

    def wake(self) -> None:
        self._wake_event.set()

    async def drain(self, timeout: float = 10) -> bool:  # noqa: ASYNC109 (contract: a deadline for polling)
        """True once no edit can go now or is going (tests); False if that did not happen in `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            self.wake()
            if not self._tasks:
                async with self._store.read() as tx:
                    busy = await tx.edits.unfinished(self._clock.timestamp())
                if busy == 0:
                    return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.02)

    async def sweep(self) -> int:
        """Claims of dead workers, or whose lease ran out, back to pending; ours in flight are renewed."""
        now = self._clock.timestamp()
        async with self._store.transaction() as tx:
            for edit in list(self._tasks.values()):
                await tx.edits.extend_lease(edit.id, now + self.lease_s)
            released = await tx.edits.release_dead_workers(ALIVE_PREFIX, self.worker_id, now)
            released += await tx.edits.release_expired(now)
        if released:
            log.warning("took back %d message edits a stopped worker left claimed", released)
        return released

    # -- the claim loop -----------------------------------------------------------------------------------------
    async def _run(self) -> None:
        last_sweep = time.monotonic()
        while not self._stopping:
            self._wake_event.clear()
            claimed: list[MessageEdit] = []
            free = self.slots - len(self._tasks)
            try:
                if free > 0:
                    async with self._store.transaction() as tx:
                        claimed = await tx.edits.claim(self.worker_id, free, self.lease_s, self._clock.timestamp())
                if time.monotonic() - last_sweep >= 10:
                    last_sweep = time.monotonic()
                    await self.sweep()
            except Exception as exc:
                log.error("message edit claim failed; trying again shortly: %s", describe(exc))
            for edit in claimed:
                task = asyncio.create_task(self._make(edit), name=f"edit-{edit.id}")
                self._tasks[task] = edit
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await self._wake_event.wait()

    # -- one edit -----------------------------------------------------------------------------------------------
    async def _make(self, edit: MessageEdit) -> None:
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
        finally:
            self._tasks.pop(asyncio.current_task(), None)  # type: ignore[arg-type]
            self._wake_event.set()

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
                self.counters["429"] += 1
                in_a_row += 1
                until = self._clock.timestamp() + exc.retry_after
                if in_a_row >= MAX_429_IN_A_ROW:
                    await self._retry_at(edit.id, until, exc.message)
                    return
                await self._extend(edit.id, until + self.lease_s)
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

    async def _finish(self, edit: MessageEdit, state: str, reason: str | None) -> None:
        now = self._clock.timestamp()
        await self._write(lambda tx: tx.edits.finish(edit.id, edit.revision, state, reason, now))
        self.counters[state] += 1

    async def _back_off(self, edit: MessageEdit, error: str) -> None:
        attempts = edit.attempts + 1
        if attempts >= self.max_attempts:
            log.warning("message edit %s failed after %d attempts: %s", edit.id, attempts, error.split(":", 1)[0])
            await self._finish(edit, "failed", error)
            return
        delay = min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempts - 1))
        await self._retry_at(edit.id, self._clock.timestamp() + delay, error)
        self.counters["retried"] += 1

    async def _retry_at(self, edit_id: int, next_at: int, error: str) -> None:
        now = self._clock.timestamp()
        await self._write(lambda tx: tx.edits.retry_later(edit_id, next_at, error, now))

    async def _extend(self, edit_id: int, until: int) -> None:
        await self._write(lambda tx: tx.edits.extend_lease(edit_id, until))

    async def _write(self, fn: Callable[[Tx], Awaitable[object]]) -> None:
        """One outcome write in its own transaction, shielded from a stop() cancelling the edit."""

        async def run() -> None:
            async with self._store.transaction() as tx:
                await fn(tx)

        task = asyncio.create_task(run())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        await asyncio.shield(task)


__all__ = ["Editor"]
