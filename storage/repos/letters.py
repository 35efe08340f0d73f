"""A case's letters card (how to write to the detainee) and the detainee's birthday: table `case_letters`."""

from __future__ import annotations

from dataclasses import fields

from storage.conn import Conn, Row
from storage.models import LETTER_COLUMNS, Letters


def _to_letters(row: Row) -> Letters:
    names = {f.name for f in fields(Letters)}
    return Letters(case_id=int(row["case_id"]), **{k: row[k] for k in LETTER_COLUMNS if k in names})


class LettersReader:
    """Letters cards as stored."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def get(self, case_id: int) -> Letters | None:
        row = await self._c.fetchone("SELECT * FROM case_letters WHERE case_id = ?", (case_id,))
        return None if row is None else _to_letters(row)

    async def with_birthday(self) -> list[Letters]:
        """Every card that has a birthday, with the case it belongs to."""
        rows = await self._c.fetchall(
            "SELECT * FROM case_letters WHERE birthday IS NOT NULL ORDER BY case_id"
        )
        return [_to_letters(r) for r in rows]


class LettersRepo(LettersReader):
    """Letters cards: written whole, by an admin's edit or from the configuration."""

    async def put(self, letters: Letters, now: int) -> bool:
        """Store the card (replacing the one there); False when it was already exactly this."""
        if await self.get(letters.case_id) == letters:
            return False
        cols = ", ".join(LETTER_COLUMNS)
        marks = ", ".join("?" for _ in LETTER_COLUMNS)
        sets = ", ".join(f"{c} = excluded.{c}" for c in (*LETTER_COLUMNS, "updated_at"))
        await self._c.execute(
            f"INSERT INTO case_letters (case_id, {cols}, updated_at) VALUES (?, {marks}, ?) "
            f"ON CONFLICT (case_id) DO UPDATE SET {sets}",
            (letters.case_id, *letters.values(), now),
        )
        return True
