"""The privacy statement comes from one list in the code, and that list is held against the real schema."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings
from bot.i18n import LANGUAGES
from bot.privacy.statement import TABLES, markdown, render
from storage.api import Store
from storage.encrypt_ids import HASHED_ONLY, PAIRS, SEALED_ONLY

README = Path(__file__).resolve().parents[2] / "README.md"


async def schema(store: Store) -> dict[str, list[str]]:
    async with store.read() as tx:
        conn = tx.conn  # type: ignore[attr-defined]
        names = [r["name"] for r in await conn.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: [r["name"] for r in await conn.fetchall(f'PRAGMA table_info("{n}")')] for n in names}


async def test_the_statement_lists_every_column_of_every_table(store: Store) -> None:
    real = await schema(store)
    stated = {t.name: list(t.columns) for t in TABLES}
    assert sorted(stated) == sorted(real), "a table is missing from bot/privacy/statement.py, or listed but gone"
    for name, columns in real.items():
        assert sorted(stated[name]) == sorted(columns), f"{name}: bot/privacy/statement.py lists {stated[name]}"


def test_every_column_that_holds_a_telegram_id_is_sealed_or_hashed() -> None:
    stated = {t.name: set(t.columns) for t in TABLES}
    for table, prefix in PAIRS:
        assert {f"{prefix}_hash", f"{prefix}_enc"} <= stated[table], (table, prefix)
    for table, column in SEALED_ONLY + HASHED_ONLY:
        assert column in stated[table], (table, column)
    # No column is named as if it held a Telegram id in the clear.
    plain = {(t.name, c) for t in TABLES for c in t.columns
             if re.fullmatch(r"(chat_id|user_id|admin_id|actor_id|created_by|reviewed_by|granted_by|used_by)", c)}
    assert plain == set()


def test_the_readme_section_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- privacy-table:")
    start = text.index("\n", start) + 1
    end = text.index("<!-- /privacy-table -->")
    assert text[start:end].strip() == markdown(Settings()).strip(), "run bot.privacy.statement.markdown() and paste it"


def test_privacy_names_the_periods_in_force_in_every_language() -> None:
    settings = Settings(retention_days=45, closed_case_days=120, inactive_chat_days=21)
    for lang in LANGUAGES:
        text = render(lang, settings)
        assert "45" in text and "120" in text and "21" in text, lang
        assert "/forget" in text and len(text) < 4096, lang
