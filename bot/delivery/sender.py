"""The outbox sender: claim rows, send them through the limiter, record what happened.

One claim loop keeps up to SENDERS sends in flight (with 80 ms round trips a sequential sender manages ~8 a
second; Telegram allows 30), the limiter paces them. Each row: claimed (`sending`, leased) in one short
transaction, rendered, sent, and its outcome written in another; no transaction spans the network call. The
loop, start, stop and sweep are `ClaimWorker`'s (bot/delivery/worker.py); this module is what sending adds.

Crash safety: a row is marked `sent` right after Telegram answers. After kill -9 the rows still in `sending`
go back to pending and are sent again; only they can repeat, and there are never more of them than SENDERS per
worker, since the loop claims only as many rows as it has free send slots. Each running sender keeps a
heartbeat (a `leases` row named `sender:<worker id>`, renewed every HEARTBEAT_S, valid HEARTBEAT_TTL_S); any
sender takes back the rows of a worker whose heartbeat has run out, so a restart (whose instance id differs:
it carries the pid) sends them again within about HEARTBEAT_TTL_S + HEARTBEAT_S, not after the claim's lease.
A worker starting under its own old id takes its rows back at once; the claim's lease stays as the last resort
for a sender that is alive but stuck.

Errors: 429 → the limiter pauses (chat or all) and the same worker sends again, its claim extended;
5xx, network errors, timeouts → back-off in the table (on the injected Clock): 1 s, then doubling up to
`backoff_max_s`, failed after `max_attempts` (12: about 34 minutes of trying, longer than the old 8 from 10 s);
403 and "chat not found" → the chat is deactivated, the row failed, its other pending rows cancelled;
migrate_to_chat_id → the chat and its rows move to the supergroup, and the message is sent there;
a forum topic deleted or closed ("message thread not found", TOPIC_CLOSED) → the message goes to the group's
general chat; a deleted topic's binding is dropped, so its cases go there from then on;
any other 400 ("can't parse entities", "message is too long") → failed at once: a bug of ours, never retried;
a render error (the renderer raised `RenderError`: a text that cannot be made of this announcement) → failed at
once, the admins told once per announcement (`on_render_error`), and the queue goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import LinkPreviewOptions, Message

from bot.clock import Clock
from bot.delivery.limiter import Limiter, auto_retry_429, send_priority
from bot.delivery.model import Outgoing, Renderer, RenderError
from bot.delivery.topics import topic_gone, topic_refused
from bot.delivery.worker import ClaimQueue, ClaimWorker
from bot.errors import describe
from storage.api import ReadTx, Store, Tx
from storage.models import PRIORITY_BROADCAST, OutboxRow

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

MAX_MOVES = 3
# What one render error tells the admins: (announcement id, what failed), once per announcement.
RenderReport = Callable[[int, str], Awaitable[None]]
# A sender's heartbeat: renewed this often (seconds of monotonic time), valid this long on the clock.
HEARTBEAT_S = 2.0
HEARTBEAT_TTL_S = 8
ALIVE_PREFIX = "sender:"
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Sender(ClaimWorker[OutboxRow]):
    """Claims outbox rows and sends them, SENDERS at a time."""

    name = "sender"
    task_prefix = "send"
    row_noun = "outbox row"
    claim_failed = "outbox claim failed; trying again shortly: %s"
    swept = "released %d outbox claims whose lease expired"

    def __init__(
        self,
        store: Store,
        bot: Bot,
        clock: Clock,
        settings: Settings,
        limiter: Limiter,
        render: Renderer,
        *,
        worker_id: str | None = None,
        lease_s: int = 120,
        max_attempts: int = 12,
        backoff_base_s: int = 1,
        backoff_max_s: int = 3600,
        poll_interval: float = 0.5,
        stop_timeout: float = 10.0,
        on_render_error: RenderReport | None = None,
    ) -> None:
        super().__init__(
            store, clock, worker_id=worker_id or settings.instance_id, slots=settings.senders, lease_s=lease_s,
            max_attempts=max_attempts, backoff_base_s=backoff_base_s, backoff_max_s=backoff_max_s,
            poll_interval=poll_interval, stop_timeout=stop_timeout,
        )
        self._bot = bot
        self._limiter = limiter
        self._render = render
        self.paid_broadcast = settings.paid_broadcast
        self._on_render_error = on_render_error
        self._render_reported: set[int] = set()
        # Every send must share the limiter's budget; install it if the composition root has not.
        if limiter not in bot.session.middleware:
            bot.session.middleware(limiter)

        self._last_beat = time.monotonic()
        self._chat_locks: dict[int, tuple[asyncio.Lock, list[int]]] = {}
        self.counters = {
            "sent": 0, "retried": 0, "failed": 0, "cancelled": 0, "deactivated": 0, "moved": 0, "429": 0,
        }

    # -- the outbox's part of the claim worker ------------------------------------------------------------------
    def _queue(self, tx: Tx) -> ClaimQueue[OutboxRow]:
        return tx.outbox

    async def _unfinished(self, tx: ReadTx, now: int) -> int:
        return await tx.outbox.pending_due(now) + await tx.outbox.sending()

    async def _starting(self, released: int) -> None:
        if released:
            log.info("took back %d rows an earlier run of %s left in sending", released, self.worker_id)
        await self.heartbeat()  # alive before the first claim, so no other sender takes our rows
        self._last_beat = time.monotonic()

    async def _before_claim(self) -> None:
        if time.monotonic() - self._last_beat >= HEARTBEAT_S:
            self._last_beat = time.monotonic()
            await self.heartbeat()

    async def _release_left(self, rows: list[OutboxRow]) -> None:
        async with self._store.transaction() as tx:
            # Not sent as far as we know; a send cut off on the wire may repeat, as after a crash.
            await self._release_rows(tx, rows)
            await tx.leases.release(self._alive_name, self.worker_id)
        if rows:
            log.info("stopped with %d rows unsent; they are pending again", len(rows))

    # -- the heartbeat ------------------------------------------------------------------------------------------
    @property
    def _alive_name(self) -> str:
        return ALIVE_PREFIX + self.worker_id

    async def heartbeat(self) -> int:
        """Say this sender is alive, and take back the rows of senders that are not (their heartbeat ran out)."""
        now = self._clock.timestamp()
        async with self._store.transaction() as tx:
            if not await tx.leases.acquire(self._alive_name, self.worker_id, now, HEARTBEAT_TTL_S):
                log.warning("another live sender uses this instance id; INSTANCE_ID must differ per process")
            released = await tx.outbox.release_dead_workers(ALIVE_PREFIX, self.worker_id, now)
            await tx.leases.prune(ALIVE_PREFIX, now - 86400)
        if released:
            log.warning("took back %d outbox rows a stopped sender left in sending", released)
            self.wake()
        return released

    # -- one row ------------------------------------------------------------------------------------------------
    async def _handle(self, row: OutboxRow) -> None:
        # This task runs in a copy of the loop's context: these settings stay inside it.
        send_priority.set(row.priority)
        auto_retry_429.set(False)
        async with self._chat_turn(row.chat_id):
            try:
                await self._deliver_row(row)
            except asyncio.CancelledError:
                raise
            except RenderError as exc:  # our text cannot be made: permanent, the queue goes on
                log.error("outbox row %s cannot be rendered: %s", row.id, exc.what)
                try:
                    await self._fail(row, f"render error: {exc.what}")
                    await self._report_render_error(row, exc)
                except Exception as again:  # storage is down: the lease brings the row back later
                    log.error("could not record the failure of outbox row %s: %s", row.id, describe(again))
            except Exception as exc:  # a storage error: retried like a network one
                log.error("sending outbox row %s failed unexpectedly: %s", row.id, describe(exc))
                try:
                    await self._back_off(row, describe(exc))
                except Exception as again:  # storage is down: the lease brings the row back later
                    log.error("could not record the failure of outbox row %s: %s", row.id, describe(again))

    async def _deliver_row(self, row: OutboxRow) -> None:
        chat_id = row.chat_id
        async with self._store.read() as tx:
            chat = await tx.chats.get(chat_id)
        if chat is not None and not chat.active:
            await self._write(lambda tx: tx.outbox.cancel(row.id, "chat inactive"))
            self.counters["cancelled"] += 1
            return
        out = await self._render(row, chat)
        if out is None:
            await self._write(lambda tx: tx.outbox.cancel(row.id, "nothing to send"))
            self.counters["cancelled"] += 1
            return
        paid = self.paid_broadcast and row.priority >= PRIORITY_BROADCAST
        in_a_row = moves = 0
        while True:
            try:
                message = await self._send(chat_id, out, paid)
            except TelegramRetryAfter as exc:
                # The limiter already paused the chat (or everything); the next send waits it out.
                in_a_row += 1
                if await self._wait_out(row.id, exc.retry_after, exc.message, in_a_row):
                    return
                continue
            except TelegramMigrateToChat as exc:
                moves += 1
                new_id = exc.migrate_to_chat_id
                if moves > MAX_MOVES:
                    await self._fail(row, f"migrated too often: {exc.message}")
                    return
                current = await self._move(chat_id, new_id, row.id)
                self.counters["moved"] += 1
                if current is None or current.state != "sending":
                    return  # the new chat already had this announcement queued: that row delivers it
                chat_id = new_id
                continue
            except TelegramForbiddenError as exc:
                await self._deactivate(row, chat_id, exc.message)
                return
            except TelegramEntityTooLarge as exc:
                await self._fail(row, exc.message)
                return
            except TelegramBadRequest as exc:
                if out.message_thread_id is not None and topic_refused(exc.message):
                    out = await self._leave_topic(chat_id, out, exc.message)
                    continue
                if "chat not found" in exc.message.lower():
                    await self._deactivate(row, chat_id, exc.message)
                else:
                    # Our bug (bad HTML, too long) or a chat we may not write to: retrying cannot help.
                    log.error("outbox row %s refused by Telegram: %s", row.id, telegram_reason(exc.message))
                    await self._fail(row, exc.message)
                return
            except Exception as exc:  # 5xx, network errors, timeouts, undecodable answers: try again later
                await self._back_off(row, f"{type(exc).__name__}: {exc}")
                return
            await self._mark_sent(row.id, message.message_id)
            self.counters["sent"] += 1
            return

    async def _report_render_error(self, row: OutboxRow, exc: RenderError) -> None:
        """Tell the admins once per announcement (its other rows fail the same way, without a word)."""
        if row.announcement_id in self._render_reported:
            return
        self._render_reported.add(row.announcement_id)
        if self._on_render_error is not None:
            await self._on_render_error(row.announcement_id, exc.what)
            self.wake()

    async def _send(self, chat_id: int, out: Outgoing, paid: bool) -> Message:
        return await self._bot.send_message(
            chat_id=chat_id,
            message_thread_id=out.message_thread_id,
            text=out.text,
            reply_markup=out.reply_markup,
            disable_notification=out.disable_notification or None,
            link_preview_options=_NO_PREVIEW if out.disable_link_preview else None,
            allow_paid_broadcast=True if paid else None,
        )

    async def _leave_topic(self, chat_id: int, out: Outgoing, error: str) -> Outgoing:
        """The forum topic is deleted or closed: this message goes to the general chat instead, and a deleted
        topic loses its binding, so later messages go there at once and no admin is told each time."""
        thread = out.message_thread_id
        if thread is not None and topic_gone(error):
            await self._write(lambda tx: tx.topics.drop_thread(chat_id, thread))
            log.info("a forum topic is gone; its cases now go to the general chat")
        return replace(out, message_thread_id=None)

    async def _retry_at(self, outbox_id: int, next_at: int, error: str) -> None:
        await self._write(lambda tx: tx.outbox.retry_later(outbox_id, next_at, error))

    async def _mark_sent(self, outbox_id: int, message_id: int) -> None:
        now = self._clock.timestamp()
        await self._write(lambda tx: tx.outbox.mark_sent(outbox_id, message_id, now))

    async def _fail(self, row: OutboxRow, error: str) -> None:
        await self._write(lambda tx: tx.outbox.mark_failed(row.id, error))
        self.counters["failed"] += 1

    async def _deactivate(self, row: OutboxRow, chat_id: int, error: str) -> None:
        """Blocked, kicked, deactivated or gone: nothing more goes to this chat until it comes back."""
        now = self._clock.timestamp()

        async def write(tx: Tx) -> None:
            await tx.chats.set_active(chat_id, False, now)
            await tx.outbox.mark_failed(row.id, error)
            await tx.outbox.cancel_pending_for_chat(chat_id)

        await self._write(write)
        self.counters["deactivated"] += 1
        self.counters["failed"] += 1

    async def _move(self, old: int, new: int, outbox_id: int) -> OutboxRow | None:
        """The group is a supergroup now: the chat and its rows follow; returns this row as it is after."""
        result: list[OutboxRow | None] = [None]

        async def write(tx: Tx) -> None:
            await tx.chats.move(old, new, "supergroup")
            await tx.outbox.move_chat(old, new)
            result[0] = await tx.outbox.get(outbox_id)

        await self._write(write)
        return result[0]

    @contextlib.asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """One send at a time per chat, in claim order (two announcements for one chat in one claim)."""
        entry = self._chat_locks.get(chat_id)
        if entry is None:
            entry = self._chat_locks[chat_id] = (asyncio.Lock(), [0])
        entry[1][0] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1][0] -= 1
            if entry[1][0] == 0:
                self._chat_locks.pop(chat_id, None)


def telegram_reason(message: str) -> str:
    """Telegram's error without its details ("Bad Request: can't parse entities"): they may quote our text."""
    head, _, rest = message.partition(": ")
    return f"{head}: {rest.split(':', 1)[0]}" if rest else head


__all__ = ["Sender", "telegram_reason"]
