"""Telegram's limits as rows, shared by every instance on one database (table send_buckets and its neighbours).

A grant is one short transaction of its own (`take`): it locks the bot-wide bucket's row, then the chat's, in that
order (so two grants never wait on each other in a cycle), reads the pauses and a group's minute in a fresh
snapshot, and writes the tokens taken. Every time is the database's clock, read once the rows are locked.
Rows name chats only by the tag the caller gives (a keyed hash); nothing here sees a chat id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from storage.conn import Conn

# The database's clock in seconds, read when the expression is evaluated (not when the transaction began).
_NOW = {
    "postgres": "extract(epoch FROM clock_timestamp())::float8",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}
ChatKind = Literal["-", "p", "g"]  # none, a private chat, a group (or channel)
# What must wait: "" nothing (granted), "all" every send, "chat" this chat, "bot" the bot-wide bucket.
Verdict = Literal["", "all", "chat", "bot"]


class Decision(NamedTuple):
    """`scope` "" means granted; else `wait` seconds for `scope`. `at`: the database's time of the decision."""

    scope: Verdict
    wait: float
    at: float


class BucketLimits(NamedTuple):
    """The rates and capacities one grant checks (already scaled)."""

    rate: float  # the bot-wide bucket
    capacity: float
    reserve: float  # tokens the bot-wide bucket must keep after this grant (0 for an urgent send)
    pace: float  # a private chat's bucket
    burst: float
    group_limit: int  # a group's grants in any window
    group_window: float


def _refill(tokens: float, updated: float, now: float, rate: float, capacity: float) -> float:
    return min(capacity, tokens + (now - updated) * rate) if now > updated else tokens


class SendBudgetReader:
    """The pauses in force."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn
        self._now = _NOW[conn.dialect.name]

    async def pause_left(self, names: Sequence[str]) -> float:
        """Seconds left of the longest of the pauses `names` (0 when none is in force)."""
        marks = ", ".join("?" for _ in names)
        row = await self._c.fetchone(
            f"SELECT MAX(until_at) - {self._now} AS left_s FROM send_pauses WHERE name IN ({marks})", tuple(names)
        )
        left = None if row is None else row["left_s"]
        return max(0.0, float(left)) if left is not None else 0.0


class SendBudgetRepo(SendBudgetReader):
    """Grants, pauses and refusals; call each in a transaction of its own, and keep that transaction short."""

    async def take(self, bot: str, kind: ChatKind, tag: str, limits: BucketLimits) -> Decision:
        """Take one message's tokens from the bucket `bot` and the chat `tag`'s, or say what must wait."""
        lim = limits
        names: list[tuple[str, float]] = [(bot, lim.capacity)]
        if kind == "p":
            names.append((f"p:{tag}", lim.burst))
        elif kind == "g":
            names.append((f"g:{tag}", 0.0))  # the row only serialises the group's grants
        # Insert-or-touch locks each row (bot first) and returns its latest committed state.
        values = ", ".join(f"(?, ?, {self._now}, 0)" for _ in names)
        rows = await self._c.fetchall(
            f"INSERT INTO send_buckets (name, tokens, updated_at, expires_at) VALUES {values} "
            f"ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING name, tokens, updated_at, {self._now} AS now",
            tuple(x for pair in names for x in pair),
        )
        state = {str(r["name"]): (float(r["tokens"]), float(r["updated_at"])) for r in rows}
        now = max(float(r["now"]) for r in rows)
        # A fresh snapshot, taken with the locks held: the pauses, and the group's minute as it is now.
        row = await self._c.fetchone(
            "SELECT (SELECT MAX(until_at) FROM send_pauses WHERE name = 'all') AS all_until, "
            "(SELECT MAX(until_at) FROM send_pauses WHERE name = ?) AS chat_until, "
            "(SELECT at FROM send_group_grants WHERE tag = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?) AS nth",
            (f"c:{tag}", tag if kind == "g" else "", now - lim.group_window, max(0, lim.group_limit - 1)),
        )
        assert row is not None
        if row["all_until"] is not None and float(row["all_until"]) > now:
            return Decision("all", float(row["all_until"]) - now, now)
        if kind != "-" and row["chat_until"] is not None and float(row["chat_until"]) > now:
            return Decision("chat", float(row["chat_until"]) - now, now)
        updates: list[tuple[float, float, float, str]] = []
        if kind == "p":
            name = f"p:{tag}"
            chat_tokens = _refill(*state[name], now, lim.pace, lim.burst)
            if chat_tokens < 1:
                return Decision("chat", (1 - chat_tokens) / lim.pace, now)
            left = chat_tokens - 1
            updates.append((left, now, now + (lim.burst - left) / lim.pace, name))
        elif kind == "g":
            if row["nth"] is not None:
                return Decision("chat", float(row["nth"]) + lim.group_window - now, now)
            updates.append((0.0, now, now + lim.group_window, f"g:{tag}"))
        tokens = _refill(*state[bot], now, lim.rate, lim.capacity)
        need = 1 + lim.reserve
        if tokens < need:
            return Decision("bot", (need - tokens) / lim.rate, now)
        updates.append((tokens - 1, now, now + (lim.capacity - tokens + 1) / lim.rate, bot))
        await self._c.executemany(
            "UPDATE send_buckets SET tokens = ?, updated_at = ?, expires_at = ? WHERE name = ?", updates
        )
        if kind == "g":
            await self._c.execute(
                "INSERT INTO send_group_grants (tag, at, expires_at) VALUES (?, ?, ?)",
                (tag, now, now + lim.group_window),
            )
        return Decision("", 0.0, now)

    async def pause(self, name: str, seconds: float) -> None:
        """No send under `name` ("all", or "c:<tag>") for `seconds`; a pause never shortens one in force."""
        await self._c.execute(
            f"INSERT INTO send_pauses (name, until_at) VALUES (?, {self._now} + ?) ON CONFLICT (name) DO UPDATE "
            "SET until_at = CASE WHEN excluded.until_at > send_pauses.until_at THEN excluded.until_at "
            "ELSE send_pauses.until_at END",
            (name, seconds),
        )

    async def refused(self, tag: str, retry_after: float, window: float) -> bool:
        """A 429 for the chat `tag`: pause it; when another chat was refused within `window` seconds too (the
        bot-wide limit, then), pause every send. True when every send is paused now."""
        await self.pause(f"c:{tag}", retry_after)
        row = await self._c.fetchone(
            f"INSERT INTO send_refusals (tag, at, expires_at) VALUES (?, {self._now}, {self._now} + ?) "
            "ON CONFLICT (tag) DO UPDATE SET at = excluded.at, expires_at = excluded.expires_at RETURNING at",
            (tag, window),
        )
        assert row is not None
        others = await self._c.fetchone(
            "SELECT COUNT(*) AS n FROM send_refusals WHERE at > ? AND tag <> ?", (float(row["at"]) - window, tag)
        )
        if others is not None and int(others["n"]) > 0:
            await self.pause("all", retry_after)
            return True
        return False

    async def prune(self) -> int:
        """Rows whose state is over (a bucket full again, a minute gone, a pause ended). The bot-wide buckets
        stay: a prune that locked them after chats' rows could wait on a grant that waits on it."""
        n = 0
        for sql in (
            "DELETE FROM send_buckets WHERE expires_at < {now} AND name LIKE '%:%'",
            "DELETE FROM send_group_grants WHERE expires_at < {now}",
            "DELETE FROM send_pauses WHERE until_at < {now}",
            "DELETE FROM send_refusals WHERE expires_at < {now}",
        ):
            n += await self._c.execute(sql.format(now=self._now))
        return n


__all__ = ["BucketLimits", "ChatKind", "Decision", "SendBudgetReader", "SendBudgetRepo", "Verdict"]
