"""The outbox: one row per (announcement, chat), claimed by senders, kept once sent.

States: `pending` (waits for `next_at`), `sending` (claimed by a worker until `lease_until`), and the final
`sent`, `failed`, `cancelled`. Every change is one short statement; callers never hold a transaction across
a network call (the sender claims, commits, sends, then records the outcome in a new transaction).
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import OutboxRow

_FREE = "claimed_by = NULL, lease_until = NULL"


class OutboxReader:
    """Outbox rows and their counts."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, outbox_id: int) -> OutboxRow | None:
        row = await self._c.fetchone(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (outbox_id,))
        return None if row is None else self._row(row)

    async def sent_messages(self, announcement_id: int) -> list[tuple[int, int]]:
        """(chat_id, tg_message_id) of every message sent for the announcement: what a correction edits."""
        rows = await self._c.fetchall(
            "SELECT chat_enc, tg_message_id FROM outbox WHERE announcement_id = ? AND state = 'sent' "
            "AND tg_message_id IS NOT NULL ORDER BY id",
            (announcement_id,),
        )
        return [(self._ids.open(r["chat_enc"]), int(r["tg_message_id"])) for r in rows]

    async def counts(self, since: int) -> dict[str, int]:
        """Rows per state for /stats: every row now pending or sending, the others touched since `since`
        (sent by `sent_at`, failed and cancelled by their last `next_at`)."""
        rows = await self._c.fetchall(
            "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending') "
            "OR COALESCE(sent_at, next_at) >= ? GROUP BY state",
            (since,),
        )
        out = dict.fromkeys(("pending", "sending", "sent", "failed", "cancelled"), 0)
        out.update({r["state"]: int(r["n"]) for r in rows})
        return out

    async def pending_due(self, now: int) -> int:
        row = await self._c.fetchone(
            "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND next_at <= ?", (now,)
        )
        return int(row["n"]) if row else 0

    async def sending(self) -> int:
        """Rows claimed right now, by any worker."""
        row = await self._c.fetchone("SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'")
        return int(row["n"]) if row else 0

    def _row(self, row: Row) -> OutboxRow:
        return row_to_outbox(row, self._ids)


class OutboxRepo(OutboxReader):
    """Rows queued, claimed, settled, released, moved and pruned. Each method is one short statement."""

    async def enqueue(self, announcement_id: int, chat_ids: Sequence[int], *, priority: int, next_at: int) -> int:
        """Queue the announcement for these chats; a chat already queued for it is skipped. Returns rows added."""
        added = 0
        for chat_id in dict.fromkeys(chat_ids):
            added += await self._c.execute(
                "INSERT INTO outbox (announcement_id, chat_hash, chat_enc, state, priority, attempts, next_at) "
                "VALUES (?, ?, ?, 'pending', ?, 0, ?) ON CONFLICT (announcement_id, chat_hash) DO NOTHING",
                (announcement_id, self._ids.tag(chat_id), self._ids.seal(chat_id), priority, next_at),
            )
        return added

    async def claim(self, worker: str, n: int, lease_s: int, now: int) -> list[OutboxRow]:
        """Take up to `n` due pending rows for `worker` until `now + lease_s`, most urgent first.

        Must run in a write transaction (SQLite: under the writer lock, so two claims never take one row;
        PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent claims take disjoint rows). A chat that already
        has a row in `sending` is skipped, so one chat's messages go out one at a time and in order, across
        workers and instances; on PostgreSQL the dialect's claim lock makes each claim see the rows the
        claims before it took, which that rule needs.
        """
        if n <= 0:
            return []
        dialect = self._c.dialect
        if dialect.claim_lock is not None:
            await self._c.fetchone(dialect.claim_lock)
        rows = await self._c.fetchall(
            f"UPDATE outbox SET state = 'sending', claimed_by = ?, lease_until = ? "
            f"WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_at <= ? "
            f"AND chat_hash NOT IN (SELECT chat_hash FROM outbox WHERE state = 'sending') "
            f"ORDER BY priority, next_at, id LIMIT ?{dialect.skip_locked}) RETURNING {_COLUMNS}",
            (worker, now + lease_s, now, n),
        )
        # RETURNING gives no order; the sender starts the most urgent first.
        out = sorted((self._row(r) for r in rows), key=lambda r: (r.priority, r.next_at, r.id))
        return out

    async def extend_lease(self, outbox_id: int, until: int) -> None:
        await self._c.execute(
            "UPDATE outbox SET lease_until = ? WHERE id = ? AND state = 'sending'", (until, outbox_id)
        )

    async def mark_sent(self, outbox_id: int, tg_message_id: int | None, now: int) -> None:
        """Sent: keep the message id (a correction edits it). Recorded whatever the row's state, since it was sent."""
        await self._c.execute(
            f"UPDATE outbox SET state = 'sent', tg_message_id = ?, sent_at = ?, last_error = NULL, {_FREE} "
            "WHERE id = ?",
            (tg_message_id, now, outbox_id),
        )

    async def retry_later(self, outbox_id: int, next_at: int, error: str) -> None:
        """Back to pending until `next_at`, one more attempt counted. A row cancelled meanwhile stays cancelled."""
        await self._c.execute(
            f"UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = ?, last_error = ?, {_FREE} "
            "WHERE id = ? AND state IN ('sending', 'pending')",
            (next_at, error[:500], outbox_id),
        )

    async def mark_failed(self, outbox_id: int, error: str) -> None:
        await self._c.execute(
            f"UPDATE outbox SET state = 'failed', last_error = ?, {_FREE} "
            "WHERE id = ? AND state IN ('sending', 'pending')",
            (error[:500], outbox_id),
        )

    async def cancel(self, outbox_id: int, reason: str) -> None:
        """Nothing to send after all (the renderer said so, or the chat is inactive)."""
        await self._c.execute(
            f"UPDATE outbox SET state = 'cancelled', last_error = ?, {_FREE} "
            "WHERE id = ? AND state IN ('sending', 'pending')",
            (reason[:500], outbox_id),
        )

    async def release(self, outbox_id: int) -> None:
        """Back to pending as it was, no attempt counted (a sender stopping before it sent)."""
        await self._c.execute(
            f"UPDATE outbox SET state = 'pending', {_FREE} WHERE id = ? AND state = 'sending'", (outbox_id,)
        )

    async def release_worker(self, worker: str) -> int:
        """Every row `worker` holds back to pending: that worker is (re)starting, so its old claims are dead."""
        return await self._c.execute(
            f"UPDATE outbox SET state = 'pending', {_FREE} WHERE state = 'sending' AND claimed_by = ?", (worker,)
        )

    async def release_dead_workers(self, alive_prefix: str, worker: str, now: int) -> int:
        """Rows in `sending` whose worker has no live heartbeat (a lease named `alive_prefix` + its id, unexpired)
        go back to pending: that process died (kill -9, power loss). `worker`, the caller, is alive."""
        return await self._c.execute(
            f"UPDATE outbox SET state = 'pending', {_FREE} WHERE state = 'sending' AND claimed_by <> ? "
            "AND claimed_by NOT IN (SELECT holder FROM leases WHERE substr(name, 1, ?) = ? AND expires_at >= ?)",
            (worker, len(alive_prefix), alive_prefix, now),
        )

    async def release_expired(self, now: int) -> int:
        """Claims whose lease ran out (a crashed or stuck sender) go back to pending."""
        return await self._c.execute(
            f"UPDATE outbox SET state = 'pending', {_FREE} WHERE state = 'sending' AND lease_until < ?", (now,)
        )

    async def cancel_pending_for_chat(self, chat_id: int) -> int:
        return await self._c.execute(
            "UPDATE outbox SET state = 'cancelled', last_error = 'chat inactive' "
            "WHERE chat_hash = ? AND state = 'pending'",
            (self._ids.tag(chat_id),),
        )

    async def cancel_for_announcement(self, announcement_id: int) -> int:
        """Rows not yet claimed are cancelled; rows in `sending` finish (they may already be on the wire)."""
        return await self._c.execute(
            "UPDATE outbox SET state = 'cancelled', last_error = 'announcement cancelled' "
            "WHERE announcement_id = ? AND state = 'pending'",
            (announcement_id,),
        )

    async def move_chat(self, old: int, new: int) -> int:
        """A group became a supergroup: its rows follow the new id.

        Where the new chat already has a row for the same announcement (UNIQUE(announcement_id, chat_id)),
        that row wins and the old one is deleted: one message per announcement and chat. Returns rows moved.
        """
        old_h, new_h = self._ids.tag(old), self._ids.tag(new)
        moved = await self._c.execute(
            "UPDATE outbox SET chat_hash = ?, chat_enc = ? WHERE chat_hash = ? AND NOT EXISTS "
            "(SELECT 1 FROM outbox o2 WHERE o2.announcement_id = outbox.announcement_id AND o2.chat_hash = ?)",
            (new_h, self._ids.seal(new), old_h, new_h),
        )
        await self._c.execute("DELETE FROM outbox WHERE chat_hash = ?", (old_h,))
        return moved

    async def prune(self, *, before: int) -> int:
        """RETENTION_DAYS: finished rows (sent, failed, cancelled) older than `before` are deleted.
        Their announcements stay: the dedupe keys still keep an old statement from going out again."""
        return await self._c.execute(
            "DELETE FROM outbox WHERE state IN (?, ?, ?) AND COALESCE(sent_at, next_at) < ?",
            ("sent", "failed", "cancelled", before),
        )

    async def drop_for_case(self, case_id: int) -> int:
        """The finished rows of the case's announcements are deleted (a case closed long enough ago)."""
        return await self._c.execute(
            "DELETE FROM outbox WHERE state IN (?, ?, ?) AND announcement_id IN "
            "(SELECT id FROM announcements WHERE case_id = ?)",
            ("sent", "failed", "cancelled", case_id),
        )


_COLUMNS = (
    "id, announcement_id, chat_enc, state, priority, attempts, next_at, claimed_by, lease_until, "
    "tg_message_id, last_error, sent_at"
)


def row_to_outbox(row: Row, ids: IdsLike) -> OutboxRow:
    return OutboxRow(
        id=int(row["id"]), announcement_id=int(row["announcement_id"]), chat_id=ids.open(row["chat_enc"]),
        state=row["state"], priority=int(row["priority"]), attempts=int(row["attempts"]), next_at=int(row["next_at"]),
        claimed_by=row["claimed_by"], lease_until=row["lease_until"], tg_message_id=row["tg_message_id"],
        last_error=row["last_error"], sent_at=row["sent_at"],
    )
