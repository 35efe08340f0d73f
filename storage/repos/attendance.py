"""Showing up: a hearing's kit, a case's kit, and "I'm going" marks (keyed hashes, never a chat id)."""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import CaseKit, HearingKit


def going_mark(ids: IdsLike, chat_id: int, hearing_id: int) -> str:
    """A chat's mark on a hearing: a keyed hash under DATA_KEY's lookup key, with a prefix of its own."""
    # The prefix keeps it from matching any other keyed hash; without the key it names no chat.
    return ids.tag_text(f"going:{int(chat_id)}:{int(hearing_id)}")


class AttendanceReader:
    """Kits as admins set them, and how many chats mean to go to each hearing."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    def _mark(self, chat_id: int, hearing_id: int) -> str:
        return going_mark(self._ids, chat_id, hearing_id)

    async def hearing_kit(self, hearing_id: int) -> HearingKit:
        row = await self._c.fetchone("SELECT * FROM hearing_kits WHERE hearing_id = ?", (hearing_id,))
        if row is None:
            return HearingKit(hearing_id=hearing_id)
        public = row["open_to_public"]
        return HearingKit(hearing_id=hearing_id, courtroom=row["courtroom"],
                          open_to_public=None if public is None else bool(public))

    async def case_kit(self, case_id: int) -> CaseKit:
        row = await self._c.fetchone("SELECT * FROM case_kits WHERE case_id = ?", (case_id,))
        return CaseKit(case_id=case_id) if row is None else _case_kit(row)

    async def is_going(self, chat_id: int, hearing_id: int) -> bool:
        row = await self._c.fetchone("SELECT 1 AS x FROM going_marks WHERE mark = ?", (self._mark(chat_id, hearing_id),))
        return row is not None

    async def going_of(self, chat_ids: Sequence[int], hearing_id: int) -> list[int]:
        """Which of these chats said they are going to the hearing (each checked by its keyed hash)."""
        if not chat_ids:
            return []
        marks = {self._mark(chat, hearing_id): chat for chat in chat_ids}
        rows = await self._c.fetchall("SELECT mark FROM going_marks WHERE hearing_id = ?", (hearing_id,))
        return [marks[r["mark"]] for r in rows if r["mark"] in marks]

    async def going_counts(self, hearing_ids: Sequence[int]) -> dict[int, int]:
        """How many chats mean to go, per hearing (hearings nobody goes to are left out)."""
        if not hearing_ids:
            return {}
        rows = await self._c.fetchall(
            f"SELECT hearing_id, COUNT(*) AS n FROM going_marks WHERE hearing_id IN "
            f"({', '.join('?' for _ in hearing_ids)}) GROUP BY hearing_id",
            tuple(hearing_ids),
        )
        return {int(r["hearing_id"]): int(r["n"]) for r in rows}

    async def marked_hearings(self) -> list[int]:
        """Every hearing with at least one mark: what the prune looks at."""
        rows = await self._c.fetchall("SELECT DISTINCT hearing_id FROM going_marks")
        return [int(r["hearing_id"]) for r in rows]


class AttendanceRepo(AttendanceReader):
    """Kits set by admins; marks toggled by chats and dropped with their hearing."""

    async def set_hearing_kit(self, kit: HearingKit, now: int) -> None:
        await self._c.execute(
            "INSERT INTO hearing_kits (hearing_id, courtroom, open_to_public, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (hearing_id) DO UPDATE SET courtroom = excluded.courtroom, "
            "open_to_public = excluded.open_to_public, updated_at = excluded.updated_at",
            (kit.hearing_id, kit.courtroom, kit.open_to_public, now),
        )

    async def set_case_kit(self, kit: CaseKit, now: int) -> None:
        await self._c.execute(
            "INSERT INTO case_kits (case_id, arrive_minutes, bring, bring_en, bring_kk, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET arrive_minutes = excluded.arrive_minutes, "
            "bring = excluded.bring, bring_en = excluded.bring_en, bring_kk = excluded.bring_kk, "
            "updated_at = excluded.updated_at",
            (kit.case_id, kit.arrive_minutes, kit.bring, kit.bring_en, kit.bring_kk, now),
        )

    async def toggle_going(self, chat_id: int, hearing_id: int) -> bool:
        """Mark the chat as going, or unmark it if it was: True when it is going now."""
        mark = self._mark(chat_id, hearing_id)
        if await self._c.execute("DELETE FROM going_marks WHERE mark = ?", (mark,)):
            return False
        await self._c.execute("INSERT INTO going_marks (mark, hearing_id) VALUES (?, ?)", (mark, hearing_id))
        return True

    async def drop_going(self, hearing_ids: Sequence[int]) -> int:
        """Every mark of these hearings."""
        if not hearing_ids:
            return 0
        return await self._c.execute(
            f"DELETE FROM going_marks WHERE hearing_id IN ({', '.join('?' for _ in hearing_ids)})", tuple(hearing_ids)
        )

    async def forget_going(self, chat_id: int, hearing_ids: Sequence[int]) -> int:
        """The chat's marks on these hearings (/forget: its marks cannot be found any other way)."""
        marks = [self._mark(chat_id, h) for h in hearing_ids]
        if not marks:
            return 0
        return await self._c.execute(
            f"DELETE FROM going_marks WHERE mark IN ({', '.join('?' for _ in marks)})", tuple(marks)
        )


def _case_kit(row: Row) -> CaseKit:
    minutes = row["arrive_minutes"]
    return CaseKit(case_id=int(row["case_id"]), arrive_minutes=None if minutes is None else int(minutes),
                   bring=row["bring"], bring_en=row["bring_en"], bring_kk=row["bring_kk"])
