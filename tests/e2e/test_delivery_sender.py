"""The outbox sender against the stand-in over real HTTP: exactly once, limits, errors, priorities."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.delivery.limiter import Limiter
from bot.delivery.model import Outgoing
from bot.standin import StandinClient, StandinServer, random_token
from storage.api import Store
from storage.models import PRIORITY_REMINDER, Chat, OutboxRow
from tests.delivery.helpers import add_chats, announce, harness, outbox_rows, per_chat, register_chats
from tests.waiting import until


class _Stoppable:
    """time.monotonic for a limiter, which the test can stop (no token comes while it stands still), or which
    stops by itself at the limiter's n-th grant (`after`). Going on, it goes on from where it stood, so no
    tokens piled up meanwhile: the sends resume at the limiter's pace."""

    def __init__(self) -> None:
        self.stopped_at: float | None = None
        self.lag = 0.0
        self.after: tuple[Limiter, int] | None = None

    def __call__(self) -> float:
        if self.stopped_at is None and self.after is not None and self.after[0].counters["granted"] >= self.after[1]:
            self.stop()
        return time.monotonic() - self.lag if self.stopped_at is None else self.stopped_at

    def stop(self) -> None:
        self.stopped_at = time.monotonic() - self.lag

    def go_on(self) -> None:
        if self.stopped_at is not None:
            self.lag = time.monotonic() - self.stopped_at
        self.stopped_at, self.after = None, None


@pytest.mark.slow
async def test_broadcast_arrives_exactly_once_each(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    chats = [1000 + i for i in range(300)] + [-2001, -2002, -2003]
    await register_chats(tg, chats)
    clock = FakeClock()
    await add_chats(store, chats, clock.timestamp())
    async with harness(store, tg, scale=standin.scale, clock=clock) as h:
        ann = await announce(store, chats, now=clock.timestamp(), key="b1")
        h.sender.wake()
        assert await h.sender.drain(20)
        records = await tg.sent()
    counts = per_chat(records)
    assert set(counts) == set(chats) and set(counts.values()) == {1}
    assert all(r.text == f"<b>A{ann}</b> for {r.chat_id}" for r in records)
    stats = await tg.stats()
    assert stats["received_429"] == 0 and stats["sent_during_retry_after"] == 0
    rows = await outbox_rows(store)
    assert {r["state"] for r in rows} == {"sent"}
    by_chat = {r.chat_id: r.message_id for r in records}
    assert all(r["tg_message_id"] == by_chat[r["chat_id"]] and r["sent_at"] == clock.timestamp() for r in rows)
    async with store.read() as tx:
        assert len(await tx.outbox.sent_messages(ann)) == len(chats)


async def test_blocked_and_missing_chats_are_deactivated(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    await register_chats(tg, [11, 12])
    await tg.block(11)  # 13 never existed: "chat not found"
    clock = FakeClock()
    await add_chats(store, [11, 12, 13], clock.timestamp())
    async with harness(store, tg, scale=standin.scale, clock=clock, start=False) as h:
        first = await announce(store, [11, 12, 13], now=clock.timestamp(), key="k1")
        second = await announce(store, [11, 12, 13], now=clock.timestamp() + 5, key="k2")
        await h.sender.start()
        clock.advance(10)
        assert await h.sender.drain()
    states = {(r["announcement_id"], r["chat_id"]): (r["state"], r["last_error"]) for r in await outbox_rows(store)}
    assert states[(first, 11)][0] == "failed" and "blocked" in states[(first, 11)][1]
    assert states[(second, 11)][0] == "cancelled"
    assert states[(first, 13)][0] == "failed" and "chat not found" in states[(first, 13)][1]
    assert states[(second, 13)][0] == "cancelled"
    assert states[(first, 12)][0] == states[(second, 12)][0] == "sent"
    async with store.read() as tx:
        for cid, active in ((11, False), (12, True), (13, False)):
            chat = await tx.chats.get(cid)
            assert chat is not None and chat.active is active
    assert per_chat(await tg.sent()) == {12: 2}


async def test_migrated_group_moves_and_gets_the_message(
    standin: StandinServer, tg: StandinClient, store: Store
) -> None:
    await tg.add_chat(-300, "group", title="old group")
    await tg.migrate(-300, -100300)
    clock = FakeClock()
    await add_chats(store, [-300], clock.timestamp())
    async with harness(store, tg, scale=standin.scale, clock=clock) as h:
        ann = await announce(store, [-300], now=clock.timestamp(), key="m1")
        # The supergroup was already queued for this one: after the move it must still get it once.
        both = await announce(store, [-300, -100300], now=clock.timestamp(), key="m2")
        h.sender.wake()
        assert await h.sender.drain()
    # Rendered for the old id, sent to the new one; the supergroup's own row delivered the second.
    texts = sorted(r.text or "" for r in await tg.sent(-100300))
    assert texts == sorted([f"<b>A{ann}</b> for -300", f"<b>A{both}</b> for -100300"])
    rows = await outbox_rows(store)
    assert {(r["announcement_id"], r["chat_id"], r["state"]) for r in rows} == {
        (ann, -100300, "sent"), (both, -100300, "sent"),
    }
    async with store.read() as tx:
        assert await tx.chats.get(-300) is None
        moved = await tx.chats.get(-100300)
        assert moved is not None and moved.type == "supergroup" and moved.active


async def test_server_errors_back_off_on_the_clock(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    await register_chats(tg, [21])
    await tg.fail("sendMessage", 2, "5xx")
    clock = FakeClock()
    async with harness(store, tg, scale=standin.scale, clock=clock, backoff_base_s=10) as h:
        await announce(store, [21], now=clock.timestamp(), key="e1")
        h.sender.wake()
        assert await h.sender.drain()
        (row,) = await outbox_rows(store)
        assert (row["state"], row["attempts"], row["next_at"]) == ("pending", 1, clock.timestamp() + 10)
        assert "500" in row["last_error"] or "Internal" in row["last_error"]
        clock.advance(9)
        assert await h.sender.drain()
        assert (await outbox_rows(store))[0]["attempts"] == 1  # not due yet: not tried
        clock.advance(1)
        assert await h.sender.drain()
        (row,) = await outbox_rows(store)
        assert (row["state"], row["attempts"], row["next_at"]) == ("pending", 2, clock.timestamp() + 20)
        clock.advance(20)
        assert await h.sender.drain()
    (row,) = await outbox_rows(store)
    assert row["state"] == "sent" and row["attempts"] == 2
    assert len(await tg.sent(21)) == 1


@pytest.mark.slow
async def test_a_server_error_is_retried_after_a_second_then_backs_off(
    standin: StandinServer, tg: StandinClient, store: Store
) -> None:
    await register_chats(tg, [23])
    await tg.fail("sendMessage", 3, "5xx")
    clock = FakeClock()
    async with harness(store, tg, scale=standin.scale, clock=clock) as h:  # the sender's own defaults
        await announce(store, [23], now=clock.timestamp(), key="e3")
        delays = []
        for _ in range(3):
            assert await h.sender.drain()
            (row,) = await outbox_rows(store)
            assert row["state"] == "pending"
            delays.append(row["next_at"] - clock.timestamp())
            clock.advance(row["next_at"] - clock.timestamp())
        assert await h.sender.drain()
    assert delays == [1, 2, 4]
    (row,) = await outbox_rows(store)
    assert row["state"] == "sent" and row["attempts"] == 3
    assert len(await tg.sent(23)) == 1


async def test_gives_up_after_max_attempts(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    await register_chats(tg, [22])
    await tg.fail("sendMessage", 100, "5xx")
    clock = FakeClock()
    async with harness(store, tg, scale=standin.scale, clock=clock, max_attempts=3, backoff_base_s=1) as h:
        await announce(store, [22], now=clock.timestamp(), key="e2")
        for _ in range(4):
            h.sender.wake()
            assert await h.sender.drain()
            clock.advance(100)
    (row,) = await outbox_rows(store)
    assert row["state"] == "failed" and row["attempts"] == 2  # the third try failed for good
    await tg.fail("sendMessage", 0)


async def test_our_own_bad_html_fails_at_once(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    await register_chats(tg, [31, 32])

    async def render(row: OutboxRow, chat: Chat | None) -> Outgoing | None:
        if row.chat_id == 31:
            return Outgoing(text="<b>unclosed")
        if row.chat_id == 32:
            return Outgoing(text="x" * 5000)
        return None

    clock = FakeClock()
    async with harness(store, tg, scale=standin.scale, clock=clock, render=render) as h:
        await announce(store, [31, 32, 33], now=clock.timestamp(), key="h1")
        h.sender.wake()
        assert await h.sender.drain()
        clock.advance(3600)
        assert await h.sender.drain()
    rows = {r["chat_id"]: r for r in await outbox_rows(store)}
    assert rows[31]["state"] == "failed" and "can't parse entities" in rows[31]["last_error"]
    assert rows[32]["state"] == "failed" and "too long" in rows[32]["last_error"]
    assert rows[33]["state"] == "cancelled"  # the renderer had nothing to send
    assert (await tg.stats())["per_method"].get("sendMessage") == 2  # each tried once, never again


async def test_inactive_chats_are_skipped(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    await register_chats(tg, [41, 42])
    clock = FakeClock()
    await add_chats(store, [41, 42], clock.timestamp())
    async with store.transaction() as tx:
        await tx.chats.set_active(41, False, clock.timestamp())
    async with harness(store, tg, scale=standin.scale, clock=clock) as h:
        await announce(store, [41, 42], now=clock.timestamp(), key="i1")
        h.sender.wake()
        assert await h.sender.drain()
    assert per_chat(await tg.sent()) == {42: 1}
    assert {r["chat_id"]: r["state"] for r in await outbox_rows(store)} == {41: "cancelled", 42: "sent"}


@pytest.mark.slow
async def test_injected_429_storm_loses_nothing(standin: StandinServer, tg: StandinClient, store: Store) -> None:
    chats = [5000 + i for i in range(40)]
    await register_chats(tg, chats)
    await tg.fail("sendMessage", 12, "429", retry_after=1)
    clock = FakeClock()
    async with harness(store, tg, scale=standin.scale, clock=clock) as h:
        await announce(store, chats, now=clock.timestamp(), key="s1")
        h.sender.wake()
        assert await h.sender.drain(20)
        assert h.limiter.counters["global_pauses"] >= 1  # 429s for several chats: everything paused
        assert h.sender.counters["429"] == 12
    counts = per_chat(await tg.sent())
    assert set(counts) == set(chats) and set(counts.values()) == {1}
    rows = await outbox_rows(store)
    assert {r["state"] for r in rows} == {"sent"} and {r["attempts"] for r in rows} == {0}


@pytest.mark.slow
async def test_stop_leaves_the_rest_pending_and_a_restart_finishes(
    standin: StandinServer, tg: StandinClient, store: Store
) -> None:
    chats = [6000 + i for i in range(60)]
    await register_chats(tg, chats)
    await tg.config(scale=1)  # 30/s: the broadcast takes two seconds
    clock = FakeClock()
    tokens = _Stoppable()
    async with harness(store, tg, scale=1, clock=clock, limiter=Limiter(scale=1, monotonic=tokens)) as h:
        await announce(store, chats, now=clock.timestamp(), key="st")
        h.sender.wake()
        await tg.wait_sent(None, 10, timeout=30)
        # No more tokens until the stop has begun: it comes mid-broadcast however long this busy machine takes
        # to get to it (the broadcast itself is over within two seconds). Then the sends in flight go on and
        # finish, as in any stop.
        tokens.stop()
        stopping = asyncio.create_task(h.sender.stop())
        await asyncio.sleep(0)  # stop() has begun: nothing more is claimed
        tokens.go_on()
        await stopping
        rows = await outbox_rows(store)
        assert not [r for r in rows if r["state"] == "sending"]
        assert [r for r in rows if r["state"] == "pending"]
        await h.sender.start()
        assert await h.sender.drain(20)
    counts = per_chat(await tg.sent())
    assert set(counts) == set(chats) and max(counts.values()) == 1
    stats = await tg.stats()
    assert stats["received_429"] == 0


@pytest.mark.slow
async def test_reply_goes_before_a_running_broadcast(standin: StandinServer, store: Store) -> None:
    """A handler's reply (default priority) during a 500-message broadcast takes the next token."""
    async with StandinClient(standin.base_url, random_token()) as tg:
        scale = 3  # 90 messages a second with 80 ms answers: sends queue at the limiter for over five seconds
        await tg.config(scale=scale, latency_ms=80)
        chats = [7000 + i for i in range(500)]
        await register_chats(tg, [*chats, 99])
        clock = FakeClock()
        # No token after the limiter's 100th grant until the reply has asked: however long this busy machine
        # takes to get to the reply, it asks with most of the broadcast still to go and queued at the limiter.
        tokens = _Stoppable()
        limiter = Limiter(scale=scale, monotonic=tokens)
        tokens.after = (limiter, 100)
        async with harness(store, tg, scale=scale, clock=clock, limiter=limiter) as h:
            ann = await announce(store, chats, now=clock.timestamp(), key="p1")
            # A reminder queued behind the broadcast still goes before the rest of it.
            reminder = await announce(store, [7499], now=clock.timestamp(), key="p2", priority=PRIORITY_REMINDER)
            # What the stand-in had recorded at the moment the reply asked the limiter for its token: read there,
            # not before the call, so a pause of this busy test between the two cannot let more of the broadcast
            # through "before" the reply.
            journal = standin.state(tg.token).journal
            asked_at: list[int] = []
            acquire = h.limiter.acquire

            async def noting_acquire(chat_id: int | str | None, **kw: Any) -> None:
                if chat_id == 99 and not asked_at:
                    asked_at.append(len(journal.records))  # seq n is records[n - 1]
                await acquire(chat_id, **kw)

            h.limiter.acquire = noting_acquire  # type: ignore[method-assign]
            h.sender.wake()
            await until(lambda: tokens.stopped_at is not None and h.limiter.stats()["waiting"] > 0,
                         "queued at the limiter")
            # Default priority, as a handler reply.
            replying = asyncio.create_task(h.bot.send_message(99, "your cases"))
            await until(lambda: bool(asked_at), "asked")
            tokens.go_on()
            reply = await replying
            [before] = asked_at
            assert await h.sender.drain(30)
        records = await tg.sent()
        stats = await tg.stats()
    reply_rec = next(r for r in records if r.chat_id == 99)
    assert reply_rec.message_id == reply.message_id
    between = [r for r in records if before < r.seq < reply_rec.seq]
    # Only sends already granted (at most SENDERS in flight) got out between asking and the reply.
    assert len(between) <= h.settings.senders + 2, len(between)
    assert len([r for r in records if r.seq > reply_rec.seq]) >= 250  # it did not wait for the broadcast
    assert len(records) == 502 and set(per_chat(records).values()) - {1} <= {2}
    assert per_chat(records)[7499] == 2  # the broadcast and the reminder
    position = next(i for i, r in enumerate(records) if r.text == f"<b>A{reminder}</b> for 7499")
    assert position < 3 * h.settings.senders  # priority 5 is claimed before the pending broadcast rows
    assert sum(1 for r in records if r.text and r.text.startswith(f"<b>A{ann}</b>")) == 500
    assert stats["received_429"] == 0 and stats["sent_during_retry_after"] == 0


@pytest.mark.slow
@pytest.mark.real_limits
async def test_real_limits_respected(standin_real: StandinServer, store: Store) -> None:
    """Telegram's own limits: 30/s for the bot, 1/s (burst 3) per private chat; no 429 at all."""
    async with StandinClient(standin_real.base_url, random_token()) as tg:
        chats = [8000 + i for i in range(50)]
        await register_chats(tg, [*chats, 77])
        clock = FakeClock()
        async with harness(store, tg, scale=1, clock=clock) as h:
            await announce(store, chats, now=clock.timestamp(), key="r0")
            for i in range(5):  # five announcements to one private chat: the burst of 3, then 1/s
                await announce(store, [77], now=clock.timestamp(), key=f"r{i + 1}")
            h.sender.wake()
            assert await h.sender.drain(30)
        records = await tg.sent()
        stats = await tg.stats()
    assert len(records) == 55 and set(per_chat(records)) == {*chats, 77}
    assert stats["received_429"] == 0 and stats["sent_during_retry_after"] == 0
    to_77 = sorted(r.at for r in records if r.chat_id == 77)
    assert to_77[3] - to_77[0] >= 0.9  # the fourth waited for the chat's token


@pytest.mark.slow
@pytest.mark.real_limits
async def test_limits_too_loose_still_lose_nothing(standin_real: StandinServer, store: Store) -> None:
    """Our limiter set three times too high: Telegram answers 429s, and every message still arrives once."""
    async with StandinClient(standin_real.base_url, random_token()) as tg:
        chats = [9000 + i for i in range(150)]
        await register_chats(tg, chats)
        clock = FakeClock()
        async with harness(store, tg, scale=3, clock=clock) as h:
            await announce(store, chats, now=clock.timestamp(), key="t1")
            h.sender.wake()
            assert await h.sender.drain(40)
        records = await tg.sent()
        stats = await tg.stats()
    assert stats["received_429"] > 0
    counts = per_chat(records)
    assert set(counts) == set(chats) and set(counts.values()) == {1}
    assert {r["state"] for r in await outbox_rows(store)} == {"sent"}


@pytest.mark.slow
@pytest.mark.real_limits
async def test_paid_broadcast_is_paced_by_its_own_rate_not_the_free_one(standin_real: StandinServer, store: Store) -> None:
    async with StandinClient(standin_real.base_url, random_token()) as tg:
        chats = [10_000 + i for i in range(200)]
        await register_chats(tg, chats)
        # The free rate is set so low that these 200 would take over three minutes on it: draining within the
        # deadline shows they went at the paid rate (about a second), with no wall-clock bound on this machine.
        settings = Settings(bot_token=tg.token, senders=16, paid_broadcast=True, paid_broadcast_rate=200,
                            send_rate=1, instance_id="paid")
        clock = FakeClock()
        async with harness(store, tg, scale=1, clock=clock, settings=settings) as h:
            await announce(store, chats, now=clock.timestamp(), key="pb")
            h.sender.wake()
            assert await h.sender.drain(60)
        records = await tg.sent()
        stats = await tg.stats()
    assert all(r.params.get("allow_paid_broadcast") in (True, "true", "True") for r in records)
    assert len(records) == 200 and stats["received_429"] == 0
