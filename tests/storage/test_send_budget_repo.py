"""The send budget's rows on both backends: grants, a group's minute, pauses, refusals, pruning."""

from __future__ import annotations

from storage.api import Store
from storage.repos.send_budget import BucketLimits

LIMITS = BucketLimits(rate=1000.0, capacity=3.0, reserve=0.0, pace=0.001, burst=2.0, group_limit=2,
                      group_window=60.0)


async def test_a_chat_gets_its_burst_and_the_bot_its_capacity(any_store: Store) -> None:
    verdicts = []
    for _ in range(3):
        async with any_store.transaction() as tx:
            verdicts.append(await tx.send_budget.take("bot", "p", "aa", LIMITS))
    assert [d.scope for d in verdicts] == ["", "", "chat"]
    assert verdicts[2].wait > 100  # a token in 1000 s at this pace
    assert verdicts[0].at <= verdicts[1].at <= verdicts[2].at
    slow = LIMITS._replace(rate=0.001)
    async with any_store.transaction() as tx:
        scopes = [(await tx.send_budget.take("paid", "p", tag, slow)).scope for tag in ("bb", "cc", "dd", "ee")]
        assert scopes == ["", "", "", "bot"]  # a new bucket holds three
        assert (await tx.send_budget.take("bot", "-", "", slow)).scope == ""  # the other bucket is its own


async def test_a_group_gets_so_many_a_minute(any_store: Store) -> None:
    async with any_store.transaction() as tx:
        scopes = [(await tx.send_budget.take("bot", "g", "gg", LIMITS)).scope for _ in range(3)]
        other = await tx.send_budget.take("bot", "g", "hh", LIMITS)
    assert scopes == ["", "", "chat"] and other.scope == ""


async def test_pauses_and_refusals(any_store: Store) -> None:
    async with any_store.transaction() as tx:
        await tx.send_budget.pause("c:aa", 30)
        await tx.send_budget.pause("c:aa", 1)  # never shortens the one in force
        assert 29 < await tx.send_budget.pause_left(["all", "c:aa"]) <= 30
        assert (await tx.send_budget.take("bot", "p", "aa", LIMITS)).scope == "chat"
        assert (await tx.send_budget.take("bot", "p", "bb", LIMITS)).scope == ""
        assert await tx.send_budget.refused("bb", 20, 1.0) is False  # one chat: its own pause
        assert await tx.send_budget.pause_left(["all"]) == 0
        assert await tx.send_budget.refused("cc", 20, 1.0) is True  # a second chat within the second: every send
        assert (await tx.send_budget.take("bot", "-", "", LIMITS)).scope == "all"
    async with any_store.read() as rx:
        assert 19 < await rx.send_budget.pause_left(["all"]) <= 20


async def test_prune_keeps_what_is_in_force(any_store: Store) -> None:
    async with any_store.transaction() as tx:
        await tx.send_budget.take("bot", "p", "aa", LIMITS)
        await tx.send_budget.take("bot", "g", "gg", LIMITS)
        await tx.send_budget.pause("c:aa", 30)
        assert await tx.send_budget.prune() == 0
        await tx.conn.execute("UPDATE send_buckets SET expires_at = expires_at - 1000")  # type: ignore[attr-defined]
        await tx.conn.execute("UPDATE send_group_grants SET expires_at = expires_at - 1000")  # type: ignore[attr-defined]
        await tx.conn.execute("UPDATE send_pauses SET until_at = until_at - 1000")  # type: ignore[attr-defined]
        assert await tx.send_budget.prune() == 4  # the chat's bucket, the group's row and grant, the pause
        rows = await tx.conn.fetchall("SELECT name FROM send_buckets")  # type: ignore[attr-defined]
    assert [r["name"] for r in rows] == ["bot"]
