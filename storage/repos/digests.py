"""Daily digests: a chat's choice of hour and zone, and the outbox rows held for its next digest.

A held row is an ordinary outbox row in state `held` whose `next_at` is the moment of the digest it waits
for, so it lives and dies with the outbox (/forget, retention, a group's move to a supergroup) and stays
crash-safe: the digest tick marks the rows it put in a digest `sent` in the same transaction that queues
the digest itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import DigestSetting, HeldRow


class DigestReader:
    """A chat's digest setting, and the rows waiting for digests."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, chat_id: int) -> DigestSetting | None:
        row = await self._c.fetchone("SELECT * FROM digest_settings WHERE chat_hash = ?", (self._ids.tag(chat_id),))
        return None if row is None else _setting(row, chat_id)

    async def held_count(self, chat_id: int) -> int:
        """Rows of the chat waiting for its next digest."""
        row = await self._c.fetchone(
            "SELECT COUNT(*) AS n FROM outbox WHERE chat_hash = ? AND state = 'held'", (self._ids.tag(chat_id),)
        )
        return int(row["n"]) if row else 0

    async def due_chats(self, now: int, limit: int = 1000) -> list[int]:
        """Chats with held rows whose digest moment has come."""
        rows = await self._c.fetchall(
            "SELECT chat_hash, MIN(chat_enc) AS chat_enc FROM outbox WHERE state = 'held' AND next_at <= ? "
            "GROUP BY chat_hash ORDER BY MIN(next_at) LIMIT ?",
            (now, limit),
        )
        return [self._ids.open(r["chat_enc"]) for r in rows]

    async def due_for_chat(self, chat_id: int, now: int) -> list[HeldRow]:
        """The chat's held rows whose digest moment has come, oldest first."""
        rows = await self._c.fetchall(
            "SELECT id, announcement_id, next_at FROM outbox WHERE chat_hash = ? AND state = 'held' AND next_at <= ? "
            "ORDER BY id",
            (self._ids.tag(chat_id), now),
        )
        return [HeldRow(int(r["id"]), int(r["announcement_id"]), chat_id, int(r["next_at"])) for r in rows]

    def day_key(self, chat_id: int, day: str) -> str:
        """A keyed hash of (chat, day): the digest's dedupe key names no chat to a copy of the database."""
        return self._ids.tag_text(f"digest:{int(chat_id)}:{day}")


class DigestRepo(DigestReader):
    """Choosing, changing and dropping a digest; holding, releasing and settling rows."""

    async def choose(self, chat_id: int, hour: int, timezone: str, now: int) -> None:
        """Digest at `hour` in `timezone` (the chat row must exist); the day of the last digest is kept."""
        await self._c.execute(
            "INSERT INTO digest_settings (chat_hash, hour, timezone, last_day, updated_at) VALUES (?, ?, ?, NULL, ?) "
            "ON CONFLICT (chat_hash) DO UPDATE SET hour = excluded.hour, timezone = excluded.timezone, "
            "updated_at = excluded.updated_at",
            (self._ids.tag(chat_id), hour, timezone, now),
        )

    async def drop(self, chat_id: int) -> bool:
        n = await self._c.execute("DELETE FROM digest_settings WHERE chat_hash = ?", (self._ids.tag(chat_id),))
        return n > 0

    async def set_last_day(self, chat_id: int, day: str) -> None:
        await self._c.execute(
            "UPDATE digest_settings SET last_day = ? WHERE chat_hash = ?", (day, self._ids.tag(chat_id))
        )

    async def pending_with_digest(self, announcement_id: int) -> list[tuple[int, DigestSetting]]:
        """The announcement's pending rows for chats that take a digest: (outbox id, the chat's setting)."""
        rows = await self._c.fetchall(
            "SELECT o.id AS outbox_id, o.chat_enc, d.* FROM outbox o JOIN digest_settings d ON d.chat_hash = o.chat_hash "
            "WHERE o.announcement_id = ? AND o.state = 'pending' ORDER BY o.id",
            (announcement_id,),
        )
        return [(int(r["outbox_id"]), _setting(r, self._ids.open(r["chat_enc"]))) for r in rows]

    async def hold(self, outbox_id: int, until: int) -> None:
        """A pending row waits for the digest at `until`."""
        await self._c.execute(
            "UPDATE outbox SET state = 'held', next_at = ? WHERE id = ? AND state = 'pending'", (until, outbox_id)
        )

    async def reschedule(self, chat_id: int, until: int) -> int:
        """Every held row of the chat waits for the digest at `until` (the chat changed its hour or zone)."""
        return await self._c.execute(
            "UPDATE outbox SET next_at = ? WHERE chat_hash = ? AND state = 'held'", (until, self._ids.tag(chat_id))
        )

    async def postpone(self, outbox_ids: Sequence[int], until: int) -> None:
        """These held rows wait for a later digest (today's was already sent)."""
        for outbox_id in outbox_ids:
            await self._c.execute(
                "UPDATE outbox SET next_at = ? WHERE id = ? AND state = 'held'", (until, outbox_id)
            )

    async def release(self, chat_id: int, now: int) -> int:
        """Every held row of the chat goes out now, one by one (the chat went back to immediate messages)."""
        return await self._c.execute(
            "UPDATE outbox SET state = 'pending', next_at = ? WHERE chat_hash = ? AND state = 'held'",
            (now, self._ids.tag(chat_id)),
        )

    async def release_rows(self, outbox_ids: Sequence[int], now: int) -> None:
        for outbox_id in outbox_ids:
            await self._c.execute(
                "UPDATE outbox SET state = 'pending', next_at = ? WHERE id = ? AND state = 'held'", (now, outbox_id)
            )

    async def release_orphans(self, now: int) -> int:
        """Held rows of chats that take no digest (any more) go out now: a row held in the same moment as its
        chat went back to news at once (two transactions on PostgreSQL) does not wait for a digest that never
        comes."""
        return await self._c.execute(
            "UPDATE outbox SET state = 'pending', next_at = ? WHERE state = 'held' "
            "AND chat_hash NOT IN (SELECT chat_hash FROM digest_settings)",
            (now,),
        )

    async def settle(self, outbox_ids: Sequence[int], now: int) -> None:
        """These held rows went into a digest: sent, as far as their announcement goes."""
        for outbox_id in outbox_ids:
            await self._c.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ? WHERE id = ? AND state = 'held'", (now, outbox_id)
            )

    async def cancel(self, outbox_ids: Sequence[int], reason: str) -> None:
        for outbox_id in outbox_ids:
            await self._c.execute(
                "UPDATE outbox SET state = 'cancelled', last_error = ? WHERE id = ? AND state = 'held'",
                (reason[:500], outbox_id),
            )

    async def prune(self, kind: str) -> int:
        """Digest announcements (of `kind`) whose delivery rows are gone (retention, /forget) go too: each was
        made for one chat, and says nothing to anyone else."""
        return await self._c.execute(
            "DELETE FROM announcements WHERE kind = ? AND NOT EXISTS "
            "(SELECT 1 FROM outbox o WHERE o.announcement_id = announcements.id)",
            (kind,),
        )


def _setting(row: Row, chat_id: int) -> DigestSetting:
    return DigestSetting(chat_id=chat_id, hour=int(row["hour"]), timezone=str(row["timezone"]),
                         last_day=row["last_day"], updated_at=int(row["updated_at"]))
