"""Forum topics: the message thread a group's followed case goes to, kept on its subscription.

A thread id is a topic's number inside its group, not anyone's identifier; the chat stays a keyed hash as
in every subscription. Unfollowing or /forget deletes the subscription, and the binding with it.
"""

from __future__ import annotations

from storage.conn import Conn
from storage.crypto import IdsLike
from storage.models import TopicBinding


class TopicReader:
    """Which topic a case's messages go to in a group."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def thread_for(self, chat_id: int, case_id: int) -> int | None:
        row = await self._c.fetchone(
            "SELECT thread_id FROM subscriptions WHERE chat_hash = ? AND case_id = ?", (self._ids.tag(chat_id), case_id)
        )
        return None if row is None or row["thread_id"] is None else int(row["thread_id"])

    async def thread_for_outbox(self, outbox_id: int) -> int | None:
        """The topic of an outbox row: the one its chat bound the announcement's case to, if any."""
        row = await self._c.fetchone(
            "SELECT s.thread_id FROM outbox o JOIN announcements a ON a.id = o.announcement_id "
            "JOIN subscriptions s ON s.chat_hash = o.chat_hash AND s.case_id = a.case_id WHERE o.id = ?",
            (outbox_id,),
        )
        return None if row is None or row["thread_id"] is None else int(row["thread_id"])

    async def for_chat(self, chat_id: int) -> list[TopicBinding]:
        rows = await self._c.fetchall(
            "SELECT case_id, thread_id FROM subscriptions WHERE chat_hash = ? AND thread_id IS NOT NULL "
            "ORDER BY case_id",
            (self._ids.tag(chat_id),),
        )
        return [TopicBinding(chat_id, int(r["case_id"]), int(r["thread_id"])) for r in rows]


class TopicRepo(TopicReader):
    """Binding a followed case to a topic, and unbinding."""

    async def bind(self, chat_id: int, case_id: int, thread_id: int | None) -> bool:
        """The case's messages go to `thread_id` (None: the general chat); False if the chat does not follow it."""
        n = await self._c.execute(
            "UPDATE subscriptions SET thread_id = ? WHERE chat_hash = ? AND case_id = ?",
            (thread_id, self._ids.tag(chat_id), case_id),
        )
        return n > 0

    async def drop_thread(self, chat_id: int, thread_id: int) -> int:
        """The topic is gone: every case bound to it goes back to the general chat."""
        return await self._c.execute(
            "UPDATE subscriptions SET thread_id = NULL WHERE chat_hash = ? AND thread_id = ?",
            (self._ids.tag(chat_id), thread_id),
        )
