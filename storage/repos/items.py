"""Items read from sources: deduplicated by (source, stable id); an edit changes content_hash."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from storage.conn import Conn, Row
from storage.limits import MAX_ITEM_TEXT, MAX_TITLE, cap_link, cap_text
from storage.models import Item, ItemInput, ItemUpsert

# Stay well below every backend's limit on bound parameters in one statement.
_CHUNK = 400


class ItemReader:
    """Items as read from their sources."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def get(self, item_id: int) -> Item | None:
        row = await self._c.fetchone("SELECT * FROM items WHERE id = ?", (item_id,))
        return None if row is None else _row(row)

    async def for_source(self, source_id: str, *, limit: int = 100) -> list[Item]:
        """The source's items, newest first (by publication time, else first seen)."""
        rows = await self._c.fetchall(
            "SELECT * FROM items WHERE source_id = ? ORDER BY COALESCE(published_at, fetched_at) DESC, id DESC "
            "LIMIT ?",
            (source_id, limit),
        )
        return [_row(r) for r in rows]

    async def known(self, source_id: str, stable_ids: Sequence[str]) -> set[str]:
        """Which of these stable ids the source already has."""
        return set(await self._current(source_id, list(dict.fromkeys(stable_ids))))

    async def pending_extraction(self, limit: int = 100) -> list[Item]:
        """Announceable items (not baseline) that are new or edited since extraction last read them."""
        rows = await self._c.fetchall(
            "SELECT * FROM items WHERE baseline = ? AND (extracted_hash IS NULL OR extracted_hash <> content_hash) "
            "ORDER BY id LIMIT ?",
            (False, limit),
        )
        return [_row(r) for r in rows]

    async def _current(self, source_id: str, stable_ids: Sequence[str]) -> dict[str, tuple[int, str, bool]]:
        found: dict[str, tuple[int, str, bool]] = {}
        for i in range(0, len(stable_ids), _CHUNK):
            chunk = stable_ids[i : i + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = await self._c.fetchall(
                f"SELECT id, stable_id, content_hash, baseline FROM items WHERE source_id = ? "
                f"AND stable_id IN ({marks})",
                (source_id, *chunk),
            )
            for r in rows:
                found[r["stable_id"]] = (int(r["id"]), r["content_hash"], bool(r["baseline"]))
        return found


class ItemRepo(ItemReader):
    """Items stored from a read, marked once extracted, emptied when old."""

    async def upsert(self, source_id: str, item: ItemInput, *, now: int, baseline: bool) -> ItemUpsert:
        """Store one item; see `upsert_many`."""
        out = await self.upsert_many(source_id, [item], now=now, baseline=(item.stable_id,) if baseline else ())
        return out[0]

    async def upsert_many(
        self, source_id: str, items: Sequence[ItemInput], *, now: int, baseline: Collection[str] = ()
    ) -> list[ItemUpsert]:
        """Store what a read of a source gave, in its order.

        New stable ids are inserted (as baseline when named in `baseline`); known ones whose content_hash
        changed are updated in place (text, title, url, hash, edited_at) and keep their id and baseline
        flag, so an edit is never a second "new"; the rest are left alone. A stable id given twice counts
        once (the first wins).
        """
        unique: dict[str, ItemInput] = {}
        for it in items:
            unique.setdefault(it.stable_id, it)
        current = await self._current(source_id, list(unique))
        fresh = [it for sid, it in unique.items() if sid not in current]
        edited = [it for sid, it in unique.items() if sid in current and current[sid][1] != it.content_hash]
        if fresh:
            await self._c.executemany(
                "INSERT INTO items (source_id, stable_id, url, title, published_at, fetched_at, text, "
                "content_hash, baseline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source_id, stable_id) DO NOTHING",
                [
                    (source_id, it.stable_id, cap_link(it.url), cap_text(it.title, MAX_TITLE), it.published_at, now,
                     cap_text(it.text, MAX_ITEM_TEXT), it.content_hash, it.stable_id in baseline)
                    for it in fresh
                ],
            )
            current.update(await self._current(source_id, [it.stable_id for it in fresh]))
        if edited:
            await self._c.executemany(
                "UPDATE items SET url = ?, title = ?, published_at = COALESCE(?, published_at), text = ?, "
                "content_hash = ?, edited_at = ? WHERE id = ?",
                [
                    (cap_link(it.url), cap_text(it.title, MAX_TITLE), it.published_at, cap_text(it.text, MAX_ITEM_TEXT),
                     it.content_hash, now, current[it.stable_id][0])
                    for it in edited
                ],
            )
        fresh_ids = {it.stable_id for it in fresh}
        edited_ids = {it.stable_id for it in edited}
        out = []
        for sid in unique:
            item_id, _, was_baseline = current[sid]
            outcome = "new" if sid in fresh_ids else "edited" if sid in edited_ids else "unchanged"
            out.append(ItemUpsert(item_id, sid, outcome, was_baseline))  # type: ignore[arg-type]
        return out

    async def mark_extracted(self, item_id: int, content_hash: str) -> None:
        """Extraction read this version of the item (pass the content_hash it read)."""
        await self._c.execute("UPDATE items SET extracted_hash = ? WHERE id = ?", (content_hash, item_id))

    async def prune(self, *, before: int) -> int:
        """Empty the texts of items first seen before `before` (RETENTION_DAYS); rows stay, so the
        stable id and hash still deduplicate. Returns how many texts were emptied."""
        return await self._c.execute(
            "UPDATE items SET text = ? WHERE fetched_at < ? AND text <> ?", ("", before, "")
        )


def _row(row: Row) -> Item:
    return Item(
        id=int(row["id"]), source_id=row["source_id"], stable_id=row["stable_id"], url=row["url"],
        title=row["title"], published_at=row["published_at"], fetched_at=int(row["fetched_at"]),
        edited_at=row["edited_at"], text=row["text"], content_hash=row["content_hash"],
        extracted_hash=row["extracted_hash"], baseline=bool(row["baseline"]),
    )
