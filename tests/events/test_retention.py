"""Retention: a closed case lets its followers go after telling them once; chats that left are deleted."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.render import compose
from bot.events.hearings import add_hearing
from bot.events.posts import post_update
from bot.i18n import LANGUAGES
from bot.privacy.retention import retention_tick
from bot.runtime.scheduler import prune
from storage.models import ItemInput, SourceInput
from tests.events.world import World


async def tick(world: World) -> dict[str, int]:
    return await retention_tick(world.store, world.clock, world.settings)


async def send_all(world: World) -> None:
    async with world.store.transaction() as tx:
        for row in await tx.outbox.claim("test", 100, 60, world.clock.timestamp()):
            await tx.outbox.mark_sent(row.id, 1, world.clock.timestamp())


async def followers(world: World, slug: str) -> list[int]:
    async with world.store.read() as tx:
        return await tx.subscriptions.for_case(world.case(slug).id)


async def test_a_released_case_tells_its_followers_once_then_lets_them_go(world: World) -> None:
    await world.follow(501, "all", "movlaev")
    await world.follow(502, "hearings", "movlaev")
    async with world.store.transaction() as tx:
        await tx.cases.set_status(world.case("movlaev").id, "released", world.clock.timestamp())
    assert (await tick(world))["told"] == 0  # closed from now on
    world.clock.advance(timedelta(days=world.settings.closed_case_days - 1))
    assert (await tick(world))["told"] == 0
    world.clock.advance(timedelta(days=2))
    assert (await tick(world))["told"] == 2
    assert await world.kinds(501) == ["case_closed"] and await world.kinds(502) == ["case_closed"]
    assert (await tick(world))["told"] == 0  # told once
    assert await followers(world, "movlaev") == [501, 502]  # not before the message went out
    await send_all(world)
    counts = await tick(world)
    assert counts["subscriptions"] == 2 and counts["outbox"] == 2
    assert await followers(world, "movlaev") == [] and await world.rows(501) == []
    # Someone who follows the closed case later is told at the end of a new period.
    await world.follow(503, "all", "movlaev")
    world.clock.advance(timedelta(days=world.settings.closed_case_days + 1))
    assert (await tick(world))["told"] == 1


async def test_a_sentenced_case_with_a_hearing_ahead_stays_open(world: World) -> None:
    await world.follow(511, "all", "balashov")
    async with world.store.transaction() as tx:
        await add_hearing(tx, world.clock, case=world.case("balashov"),
                          local_date="2026-09-01", local_time="10:00", court=None, source_url=None,
                          cause="admin", ref=None)
    await tick(world)
    world.clock.advance(timedelta(days=world.settings.closed_case_days + 1))
    assert (await tick(world))["told"] == 0
    # The hearing passes: only now does the closed period begin.
    world.clock.advance(timedelta(days=120))
    await tick(world)
    assert (await tick(world))["told"] == 0
    world.clock.advance(timedelta(days=world.settings.closed_case_days + 1))
    assert (await tick(world))["told"] == 1


async def test_a_case_that_opens_again_starts_over(world: World) -> None:
    await world.follow(521, "all", "movlaev")
    async with world.store.transaction() as tx:
        await tx.cases.set_status(world.case("movlaev").id, "released", world.clock.timestamp())
    await tick(world)
    world.clock.advance(timedelta(days=60))
    async with world.store.transaction() as tx:
        await tx.cases.set_status(world.case("movlaev").id, "appeal", world.clock.timestamp())
    await tick(world)
    world.clock.advance(timedelta(days=40))
    assert (await tick(world))["told"] == 0
    assert await followers(world, "movlaev") == [521]


async def test_chats_that_blocked_the_bot_are_deleted_after_thirty_days(world: World) -> None:
    await world.follow(531, "all")
    await world.follow(532, "all")
    async with world.store.transaction() as tx:
        await tx.chats.set_active(531, False, world.clock.timestamp())
    world.clock.advance(timedelta(days=29))
    async with world.store.transaction() as tx:
        await tx.chats.set_active(532, False, world.clock.timestamp())
    assert (await tick(world))["chats"] == 0
    world.clock.advance(timedelta(days=2))
    assert (await tick(world))["chats"] == 1
    async with world.store.read() as tx:
        assert await tx.chats.exists_anywhere(531) == []
        assert await tx.chats.get(532) is not None


async def test_sent_rows_go_after_thirty_days_and_item_texts_keep_their_own_period(world: World) -> None:
    assert world.settings.retention_days == 30 and world.settings.item_retention_days == 180
    await world.follow(541, "all")
    async with world.store.transaction() as tx:
        await post_update(tx, world.clock, case=world.case(), text_html="x", created_by=1)
        await tx.sources.insert(SourceInput(id="s", kind="rss", url="https://example.org/rss"),
                                now=world.clock.timestamp())
        await tx.items.upsert("s", ItemInput("a", None, "t", None, "text", "h"), now=world.clock.timestamp(),
                              baseline=False)
    await send_all(world)
    world.clock.advance(timedelta(days=31))
    counts = await prune(world.store, world.clock, world.settings)
    assert counts["outbox"] == 1 and counts["items"] == 0
    world.clock.advance(timedelta(days=150))
    assert (await prune(world.store, world.clock, world.settings))["items"] == 1


def test_the_farewell_reads_well_in_every_language(world: World) -> None:
    for lang in LANGUAGES:
        out = compose("case_closed", {"days": 90}, world.case("movlaev"), lang)
        assert "90" in out.text and world.case("movlaev").display_name(lang) in out.text
        assert out.reply_markup is not None and len(out.reply_markup.inline_keyboard) == 1
