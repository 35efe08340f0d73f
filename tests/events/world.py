"""A small world for event tests: the example cases, followers at both levels, a fake clock.

The `world` fixture is in conftest.py beside this file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.cases.directory import CaseDirectory, import_cases
from bot.clock import FakeClock
from bot.config import Settings, load_settings
from storage import open_store
from storage.api import ReadTx, Store
from storage.models import Case, Level

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty (+05:00)


@dataclass
class World:
    store: Store
    clock: FakeClock
    settings: Settings
    cases: CaseDirectory

    def case(self, slug: str = "balashov") -> Case:
        found = self.cases.get(slug)
        assert found is not None
        return found

    async def follow(self, chat_id: int, level: Level, slug: str = "balashov", *,
                     offsets: Sequence[int] | None = None, news: bool = True, lang: str = "ru") -> None:
        now = self.clock.timestamp()
        async with self.store.transaction() as tx:
            await tx.chats.ensure(chat_id, "private", lang, now)
            await tx.subscriptions.follow(chat_id, self.case(slug).id, level, now)
            if offsets is not None:
                await tx.chats.set_reminders(chat_id, offsets)
            await tx.chats.set_news_mentions(chat_id, news)

    async def rows(self, chat_id: int | None = None) -> list[dict[str, object]]:
        """Outbox rows with their announcement (kind, dedupe key), oldest first."""
        async with self.store.read() as tx:
            return await outbox_rows(tx, chat_id)

    async def kinds(self, chat_id: int, *, states: Sequence[str] = ("pending", "sending", "sent")) -> list[str]:
        return [str(r["kind"]) for r in await self.rows(chat_id) if r["state"] in states]


async def outbox_rows(tx: ReadTx, chat_id: int | None = None) -> list[dict[str, object]]:
    sql = ("SELECT o.*, a.kind, a.dedupe_key, a.payload_json FROM outbox o JOIN announcements a "
           "ON a.id = o.announcement_id")
    params: tuple[object, ...] = ()
    if chat_id is not None:
        sql += " WHERE o.chat_hash = ?"
        params = (tx.ids.tag(chat_id),)  # type: ignore[attr-defined]
    rows = await tx.conn.fetchall(sql + " ORDER BY o.id", params)  # type: ignore[attr-defined]
    ids = tx.ids  # type: ignore[attr-defined]
    return [{**dict(r), "chat_id": ids.open(r["chat_enc"])} for r in rows]


async def make_world(tmp_path: Path) -> World:
    settings = load_settings(EXAMPLES / "casewatch.toml", database_url=f"sqlite:///{tmp_path / 'ev.db'}",
                             bot_token="123456:TEST", admin_ids=[9001])
    store = await open_store(settings.database_url)
    clock = FakeClock(START)
    await import_cases(store, settings.cases, now=clock.timestamp(), overwrite=False)
    cases = CaseDirectory(store)
    await cases.load()
    return World(store, clock, settings, cases)
