"""A chat's stored language: it follows Telegram's until /lang chooses one, then it holds."""

from __future__ import annotations

import pytest

from storage.api import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


async def test_stored_language_follows_telegram_until_chosen(store: Store) -> None:
    async with store.transaction() as tx:
        chat = await tx.chats.ensure(42, "private", "ru", 1)
        assert not chat.language_chosen
        assert await tx.chats.follow_language(42, "en")
        assert not await tx.chats.follow_language(42, "en")  # already so
        await tx.chats.set_language(42, "kk")
        assert not await tx.chats.follow_language(42, "en")
        after = await tx.chats.get(42)
    assert after is not None and after.language == "kk" and after.language_chosen


async def test_a_migrated_group_keeps_its_chosen_language(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.chats.ensure(-5, "group", "en", 1)
        await tx.chats.set_language(-5, "en")
        await tx.chats.move(-5, -1005, "supergroup")
        chat = await tx.chats.get(-1005)
    assert chat is not None and chat.language == "en" and chat.language_chosen
