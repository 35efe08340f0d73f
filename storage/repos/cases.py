"""Cases and their aliases."""

from __future__ import annotations

import json
from dataclasses import astuple

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import Case, CaseInput, UpsertResult

_FIELDS = (
    "name, name_en, name_kk, gender, timezone, status, court, description, description_en, "
    "description_kk, links_json, public, mirror_chat_enc, mirror_chat, name_gen, name_ins, court_en, court_kk, "
    "address, address_en, address_kk"
)


# The case list's version, a number kept in `install`: every write that changes what a `Case` holds raises
# it in its own transaction, so each running instance learns with one row whether its copy is stale.
VERSION_KEY = "cases_version"


def _values(c: CaseInput, ids: IdsLike) -> tuple[object, ...]:
    return (
        c.name, c.name_en, c.name_kk, c.gender, c.timezone, c.status, c.court, c.description,
        c.description_en, c.description_kk, json.dumps(list(c.links), ensure_ascii=False), c.public,
        ids.seal_opt(c.mirror_chat_id), c.mirror_chat, c.name_gen, c.name_ins, c.court_en, c.court_kk, c.address,
        c.address_en, c.address_kk,
    )


class CaseReader:
    """Cases as they are stored, with their aliases."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, slug: str) -> Case | None:
        row = await self._c.fetchone("SELECT * FROM cases WHERE slug = ?", (slug,))
        return None if row is None else await self._to_case(row)

    async def get_by_id(self, case_id: int) -> Case | None:
        row = await self._c.fetchone("SELECT * FROM cases WHERE id = ?", (case_id,))
        return None if row is None else await self._to_case(row)

    async def list(self, *, public_only: bool = True) -> list[Case]:
        sql = "SELECT * FROM cases" + (" WHERE public = ?" if public_only else "") + " ORDER BY id"
        rows = await self._c.fetchall(sql, (True,) if public_only else ())
        aliases: dict[int, list[str]] = {}
        for a in await self._c.fetchall("SELECT case_id, alias FROM case_aliases ORDER BY alias"):
            aliases.setdefault(int(a["case_id"]), []).append(a["alias"])
        return [_row_to_case(r, tuple(aliases.get(int(r["id"]), ())), self._ids) for r in rows]

    async def version(self) -> int:
        """The case list's version (0 before the first change): see `CaseRepo._changed`."""
        row = await self._c.fetchone("SELECT value FROM install WHERE key = ?", (VERSION_KEY,))
        return 0 if row is None else int(row["value"])

    async def closure(self, case_id: int) -> tuple[int | None, int | None]:
        """(closed_since, farewell_at) of a case: since when it is closed, and when its followers were told."""
        row = await self._c.fetchone("SELECT closed_since, farewell_at FROM cases WHERE id = ?", (case_id,))
        return (None, None) if row is None else (row["closed_since"], row["farewell_at"])

    async def _to_case(self, row: Row) -> Case:
        aliases = await self._c.fetchall(
            "SELECT alias FROM case_aliases WHERE case_id = ? ORDER BY alias", (row["id"],)
        )
        return _row_to_case(row, tuple(a["alias"] for a in aliases), self._ids)


class CaseRepo(CaseReader):
    """Cases: declared or entered, their status and how a closed one is wound down."""

    async def lock(self, case_id: int) -> None:
        """Hold the case's row until the transaction ends: whoever adds a hearing to this case next waits.

        A new hearing has no row to lock yet; two reports of one new day (two instances on PostgreSQL) would
        otherwise both find no hearing that day and make two. SQLite runs one write transaction at a time anyway.
        """
        await self._c.fetchone(f"SELECT id FROM cases WHERE id = ?{self._c.dialect.for_update}", (case_id,))

    async def upsert(self, case: CaseInput, *, origin: str, now: int, overwrite: bool) -> UpsertResult:
        """Insert a case; with `overwrite`, replace the stored fields (and say whether anything changed)."""
        row = await self._c.fetchone("SELECT * FROM cases WHERE slug = ?", (case.slug,))
        if row is None:
            new = await self._c.fetchone(
                f"INSERT INTO cases (slug, {_FIELDS}, origin, created_at, updated_at) "
                f"VALUES ({', '.join('?' for _ in range(len(_FIELDS.split(',')) + 4))}) "
                "ON CONFLICT (slug) DO NOTHING RETURNING id",
                (case.slug, *_values(case, self._ids), origin, now, now),
            )
            if new is not None:
                await self._set_aliases(int(new["id"]), case.aliases)
                await self._changed()
                return "inserted"
            # Another process inserted it since (instances that start together import the same cases).
            row = await self._c.fetchone("SELECT * FROM cases WHERE slug = ?", (case.slug,))
            assert row is not None
        if not overwrite:
            return "unchanged"
        current = await self._to_case(row)
        if _as_input(current) == normalise_input(case):
            return "unchanged"
        sets = ", ".join(f"{f.strip()} = ?" for f in _FIELDS.split(","))
        await self._c.execute(
            f"UPDATE cases SET {sets}, updated_at = ? WHERE id = ?", (*_values(case, self._ids), now, current.id)
        )
        await self._set_aliases(current.id, case.aliases)
        await self._changed()
        return "updated"

    async def _set_aliases(self, case_id: int, aliases: tuple[str, ...]) -> None:
        await self._c.execute("DELETE FROM case_aliases WHERE case_id = ?", (case_id,))
        unique = list(dict.fromkeys(a.strip() for a in aliases if a.strip()))
        if unique:
            await self._c.executemany(
                "INSERT INTO case_aliases (case_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(case_id, a) for a in unique],
            )

    async def set_status(self, case_id: int, status: str, now: int) -> None:
        await self._c.execute("UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", (status, now, case_id))
        await self._changed()

    async def set_closure(self, case_id: int, closed_since: int | None, farewell_at: int | None) -> None:
        """How far a closed case is wound down; a `Case` does not carry this, so the version stays."""
        await self._c.execute(
            "UPDATE cases SET closed_since = ?, farewell_at = ? WHERE id = ?", (closed_since, farewell_at, case_id)
        )

    async def set_mirror_chat_id(self, case_id: int, chat_id: int | None) -> None:
        """A case's `mirror_chat = "@channel"` resolved to the channel's id (announcements go to ids)."""
        await self._c.execute(
            "UPDATE cases SET mirror_chat_enc = ? WHERE id = ?", (self._ids.seal_opt(chat_id), case_id)
        )
        await self._changed()

    async def _changed(self) -> None:
        """Raise the case list's version in this transaction: it commits, or rolls back, with the change."""
        await self._c.execute(
            "INSERT INTO install (key, value) VALUES (?, '1') ON CONFLICT (key) "
            "DO UPDATE SET value = CAST(CAST(install.value AS INTEGER) + 1 AS TEXT)",
            (VERSION_KEY,),
        )


def _row_to_case(row: Row, aliases: tuple[str, ...], ids: IdsLike) -> Case:
    return Case(
        id=int(row["id"]), slug=row["slug"], name=row["name"], name_en=row["name_en"], name_kk=row["name_kk"],
        gender=row["gender"], timezone=row["timezone"], status=row["status"], court=row["court"],
        description=row["description"], description_en=row["description_en"],
        description_kk=row["description_kk"], links=tuple(json.loads(row["links_json"] or "[]")),
        aliases=aliases, public=bool(row["public"]), mirror_chat_id=ids.open_opt(row["mirror_chat_enc"]),
        mirror_chat=row["mirror_chat"], origin=row["origin"], created_at=int(row["created_at"]),
        updated_at=int(row["updated_at"]), name_gen=row["name_gen"], name_ins=row["name_ins"],
        court_en=row["court_en"], court_kk=row["court_kk"], address=row["address"], address_en=row["address_en"],
        address_kk=row["address_kk"],
    )


def _as_input(c: Case) -> CaseInput:
    return CaseInput(
        slug=c.slug, name=c.name, name_en=c.name_en, name_kk=c.name_kk, gender=c.gender, timezone=c.timezone,
        status=c.status, court=c.court, description=c.description, description_en=c.description_en,
        description_kk=c.description_kk, links=c.links, aliases=tuple(sorted(c.aliases)), public=c.public,
        mirror_chat_id=c.mirror_chat_id, mirror_chat=c.mirror_chat, name_gen=c.name_gen, name_ins=c.name_ins,
        court_en=c.court_en, court_kk=c.court_kk, address=c.address, address_en=c.address_en,
        address_kk=c.address_kk,
    )


def normalise_input(c: CaseInput) -> CaseInput:
    """Aliases sorted and deduplicated, so comparing with a stored case is meaningful."""
    values = list(astuple(c))
    names = [f for f in CaseInput.__dataclass_fields__]
    values[names.index("aliases")] = tuple(sorted(dict.fromkeys(a.strip() for a in c.aliases if a.strip())))
    return CaseInput(*values)
