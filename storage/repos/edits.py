"""Edits of messages already sent (corrections in place): one row per delivered message, claimed like the outbox.

States: `pending` (waits for `next_at`, and for its message to be sent), `sending` (claimed until
`lease_until`), and the final `done`, `skipped` (Telegram will not let it be edited, or it was never sent) and
`failed` (gave up after retries). A row is queued again, whatever its state, when its hearing changes once
more: the newer revision overwrites the older one, so only the latest edit of a message is made. A row in
`sending` keeps its state; the worker finishing it sees the revision has moved on and puts it back to pending.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import MessageEdit

_FREE = "claimed_by = NULL, lease_until = NULL"
# Delivery rows worth an edit: sent, or still on their way (the edit waits for them).
_LIVE = "('pending', 'sending', 'sent')"
# A delivery row in one of these states has its outcome: an edit waiting on it may go (or be skipped).
_SETTLED = "('sent', 'failed', 'cancelled')"


class EditReader:
    """Edits waiting and in flight."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def for_outbox(self, outbox_id: int) -> tuple[str, int, dict[str, Any], str | None] | None:
        """(state, revision, payload, reason) of the edit of one delivered message, if any."""
        row = await self._c.fetchone(
            "SELECT state, revision, payload_json, reason FROM message_edits WHERE outbox_id = ?", (outbox_id,)
        )
        if row is None:
            return None
        return str(row["state"]), int(row["revision"]), json.loads(row["payload_json"]), row["reason"]

    async def unfinished(self, now: int) -> int:
        """Edits that can go now or are going: pending and due with their message settled, or in `sending`."""
        row = await self._c.fetchone(
            "SELECT COUNT(*) AS n FROM message_edits e JOIN outbox o ON o.id = e.outbox_id "
            f"WHERE e.state = 'sending' OR (e.state = 'pending' AND e.next_at <= ? AND o.state IN {_SETTLED})",
            (now,),
        )
        return int(row["n"]) if row else 0

    async def counts(self) -> dict[str, int]:
        rows = await self._c.fetchall("SELECT state, COUNT(*) AS n FROM message_edits GROUP BY state")
        out = dict.fromkeys(("pending", "sending", "done", "skipped", "failed"), 0)
        out.update({r["state"]: int(r["n"]) for r in rows})
        return out


class EditRepo(EditReader):
    """Edits queued (superseding older ones), claimed, finished, retried and released."""

    async def queue(
        self, announcement_id: int, *, hearing_id: int, revision: int, payload: Mapping[str, Any], now: int
    ) -> int:
        """Queue an edit of every message of the announcement sent or on its way; returns rows queued.

        A message that already has an edit gets this one instead (a newer revision of the hearing), back to
        pending unless a worker holds it right now.
        """
        return await self._c.execute(
            "INSERT INTO message_edits (outbox_id, hearing_id, revision, payload_json, state, attempts, next_at, "
            "updated_at) "
            # Typed: PostgreSQL gives an untyped parameter in a SELECT list the type text.
            "SELECT id, CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS TEXT), 'pending', 0, CAST(? AS BIGINT), "
            f"CAST(? AS BIGINT) FROM outbox WHERE announcement_id = ? AND state IN {_LIVE} "
            "ON CONFLICT (outbox_id) DO UPDATE SET hearing_id = excluded.hearing_id, revision = excluded.revision, "
            "payload_json = excluded.payload_json, attempts = 0, next_at = excluded.next_at, reason = NULL, "
            "updated_at = excluded.updated_at, "
            "state = CASE WHEN message_edits.state = 'sending' THEN 'sending' ELSE 'pending' END",
            (hearing_id, revision, json.dumps(dict(payload), ensure_ascii=False), now, now, announcement_id),
        )

    async def claim(self, worker: str, n: int, lease_s: int, now: int) -> list[MessageEdit]:
        """Take up to `n` due edits whose message has its outcome, oldest first. Must run in a write transaction."""
        if n <= 0:
            return []
        rows = await self._c.fetchall(
            # PostgreSQL: SKIP LOCKED, so concurrent claims take disjoint rows (the outbox rows are only read).
            "UPDATE message_edits SET state = 'sending', claimed_by = ?, lease_until = ? "
            "WHERE id IN (SELECT id FROM message_edits WHERE state = 'pending' AND next_at <= ? "
            f"AND outbox_id IN (SELECT id FROM outbox WHERE state IN {_SETTLED}) "
            f"ORDER BY next_at, id LIMIT ?{self._c.dialect.skip_locked}) RETURNING id",
            (worker, now + lease_s, now, n),
        )
        return await self._claimed([int(r["id"]) for r in rows])

    async def _claimed(self, ids: Sequence[int]) -> list[MessageEdit]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = await self._c.fetchall(
            "SELECT e.id, e.outbox_id, e.hearing_id, e.revision, e.payload_json, e.attempts, o.announcement_id, "
            "o.chat_enc, o.state AS outbox_state, o.tg_message_id "
            f"FROM message_edits e JOIN outbox o ON o.id = e.outbox_id WHERE e.id IN ({marks}) ORDER BY e.id",
            list(ids),
        )
        return [self._row(r) for r in rows]

    async def finish(self, edit_id: int, revision: int, state: str, reason: str | None, now: int) -> bool:
        """Record the outcome (`done`, `skipped`, `failed`) of the edit made for `revision`.

        If a newer revision was queued meanwhile, the row goes back to pending instead, to make that one.
        Returns whether the outcome stood.
        """
        changed = await self._c.execute(
            f"UPDATE message_edits SET state = ?, reason = ?, updated_at = ?, {_FREE} "
            "WHERE id = ? AND state = 'sending' AND revision = ?",
            (state, reason[:500] if reason else None, now, edit_id, revision),
        )
        if changed:
            return True
        await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', updated_at = ?, {_FREE} WHERE id = ? AND state = 'sending'",
            (now, edit_id),
        )
        return False

    async def retry_later(self, edit_id: int, next_at: int, error: str, now: int) -> None:
        """Back to pending until `next_at`, one more attempt counted."""
        await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', attempts = attempts + 1, next_at = ?, reason = ?, "
            f"updated_at = ?, {_FREE} WHERE id = ? AND state = 'sending'",
            (next_at, error[:500], now, edit_id),
        )

    async def extend_lease(self, edit_id: int, until: int) -> None:
        await self._c.execute(
            "UPDATE message_edits SET lease_until = ? WHERE id = ? AND state = 'sending'", (until, edit_id)
        )

    async def release(self, edit_id: int) -> None:
        """Back to pending as it was, no attempt counted (a worker stopping before it edited)."""
        await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', {_FREE} WHERE id = ? AND state = 'sending'", (edit_id,)
        )

    async def release_worker(self, worker: str) -> int:
        """Every edit `worker` holds back to pending: that worker is (re)starting, so its old claims are dead."""
        return await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', {_FREE} WHERE state = 'sending' AND claimed_by = ?",
            (worker,),
        )

    async def release_dead_workers(self, alive_prefix: str, worker: str, now: int) -> int:
        """Edits held by a worker with no live heartbeat (a lease named `alive_prefix` + its id) go back to pending."""
        return await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', {_FREE} WHERE state = 'sending' AND claimed_by <> ? "
            "AND claimed_by NOT IN (SELECT holder FROM leases WHERE substr(name, 1, ?) = ? AND expires_at >= ?)",
            (worker, len(alive_prefix), alive_prefix, now),
        )

    async def release_expired(self, now: int) -> int:
        return await self._c.execute(
            f"UPDATE message_edits SET state = 'pending', {_FREE} WHERE state = 'sending' AND lease_until < ?", (now,)
        )

    def _row(self, row: Row) -> MessageEdit:
        return MessageEdit(
            id=int(row["id"]), outbox_id=int(row["outbox_id"]), announcement_id=int(row["announcement_id"]),
            chat_id=self._ids.open(row["chat_enc"]), outbox_state=row["outbox_state"],
            tg_message_id=None if row["tg_message_id"] is None else int(row["tg_message_id"]),
            hearing_id=int(row["hearing_id"]), revision=int(row["revision"]),
            payload=json.loads(row["payload_json"]), attempts=int(row["attempts"]),
        )
