"""The editor against the stand-in over real HTTP: messages edited in place through the limiter; a message
Telegram will not let us edit is skipped quietly; 429 and server errors are tried again."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest

from bot.clock import FakeClock
from bot.delivery.edit_texts import EditRenderer
from bot.delivery.edits import Editor
from bot.delivery.model import Outgoing, RenderError
from bot.standin import StandinClient, StandinServer
from storage.api import Store
from storage.models import Chat, MessageEdit
from tests.delivery.edit_helpers import add_hearing, edit_states, queue_edit
from tests.delivery.helpers import Harness, add_chats, announce, harness, outbox_rows, register_chats

pytestmark = pytest.mark.slow


async def _edited(edit: MessageEdit, chat: Chat | None) -> Outgoing | None:
    return Outgoing(text=f"<b>corrected</b> r{edit.revision} for {edit.chat_id}")


@asynccontextmanager
async def _delivered(store: Store, tg: StandinClient, chats: Sequence[int], scale: float) -> AsyncIterator[Harness]:
    """Messages sent to `chats` by the real sender, and an edit queued for each."""
    await register_chats(tg, chats)
    clock = FakeClock()
    await add_chats(store, chats, clock.timestamp())
    async with harness(store, tg, scale=scale, clock=clock) as h:
        ann = await announce(store, chats, now=clock.timestamp(), key="m")
        h.sender.wake()
        assert await h.sender.drain(20)
        await queue_edit(store, ann, await add_hearing(store, clock.timestamp()), 2, clock.timestamp())
        yield h


@asynccontextmanager
async def _editing(h: Harness, render: EditRenderer = _edited) -> AsyncIterator[Editor]:
    """The harness's editor at work (rendering with `render`) for the duration of the block."""
    editor = Editor(h.store, h.bot, h.clock, h.settings, render, worker_id=h.sender.worker_id)
    await editor.start()
    try:
        yield editor
    finally:
        await editor.stop()


async def test_messages_are_edited_in_place(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    chats = [31, 32, -33]
    async with _delivered(store, tg, chats, standin.scale) as h, _editing(h) as editor:
        assert await editor.drain(20)
    for chat in chats:
        (message,) = await tg.messages(chat)
        assert message["edited"] and message["text"] == f"corrected r2 for {chat}"
    assert await edit_states(store) == {c: ("done", 2, None) for c in chats}
    edits = await tg.sent(method="editMessageText")
    assert len(edits) == 3 and all(r.reply_markup is None for r in edits)


async def test_a_message_that_cannot_be_edited_is_skipped_quietly(
    standin: StandinServer, tg: StandinClient, store: Store
) -> None:
    async with _delivered(store, tg, [41, 42, 43], standin.scale) as h:
        (gone,) = await tg.messages(41)
        await h.bot.delete_message(41, gone["message_id"])  # deleted since: "message to edit not found"
        await tg.block(43)  # the third: the user blocked the bot since
        async with _editing(h) as editor:
            assert await editor.drain(20)
            h.clock.advance(3600)  # nothing comes back to be retried
            editor.wake()
            assert await editor.drain(20)
        async with store.read() as tx:
            assert (await tx.chats.get(43)).active  # type: ignore[union-attr]  # an edit deactivates nothing
    states = await edit_states(store)
    assert states[42] == ("done", 2, None)
    assert states[41][0] == "skipped" and "message to edit not found" in (states[41][2] or "")
    assert states[43][0] == "skipped" and "blocked" in (states[43][2] or "")
    assert (await tg.stats())["per_method"].get("editMessageText") == 3  # each tried once, none again
    assert len(await tg.sent(method="editMessageText")) == 1  # and only one went through


async def test_429_and_server_errors_are_tried_again(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    async with _delivered(store, tg, [51, 52], standin.scale) as h:
        await tg.fail("editMessageText", 1, "429", retry_after=1)
        await tg.fail("editMessageText", 1, "5xx")
        async with _editing(h) as editor:
            for _ in range(5):  # the 5xx waits a second on the (fake) clock
                assert await editor.drain(20)
                h.clock.advance(2)
            assert await editor.drain(20)
    assert await edit_states(store) == {51: ("done", 2, None), 52: ("done", 2, None)}
    for chat in (51, 52):
        (message,) = await tg.messages(chat)
        assert message["text"] == f"corrected r2 for {chat}"


async def test_an_edit_of_a_message_never_sent_is_skipped(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    clock = FakeClock()
    await add_chats(store, [61], clock.timestamp())
    ann = await announce(store, [61], now=clock.timestamp(), key="never")
    await queue_edit(store, ann, await add_hearing(store, clock.timestamp()), 2, clock.timestamp())
    async with store.transaction() as tx:
        await tx.outbox.mark_failed(int((await outbox_rows(store))[0]["id"]), "gave up")
    async with harness(store, tg, scale=standin.scale, clock=clock, start=False) as h, _editing(h) as editor:
        assert await editor.drain(20)
    assert await edit_states(store) == {61: ("skipped", 2, "never sent")}
    assert await tg.sent(method="editMessageText") == []


async def test_an_edit_that_cannot_be_rendered_fails_at_once(
    standin: StandinServer, tg: StandinClient, store: Store
) -> None:
    async def broken(edit: MessageEdit, chat: Chat | None) -> Outgoing | None:
        raise RenderError("KeyError at edit_texts:render:1")

    async with _delivered(store, tg, [71], standin.scale) as h, _editing(h, broken) as editor:
        assert await editor.drain(20)
    assert await edit_states(store) == {71: ("failed", 2, "render error: KeyError at edit_texts:render:1")}
    assert await tg.sent(method="editMessageText") == []
