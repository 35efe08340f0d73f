"""Daily digests in process: which rows wait, when the digest is, once a day, and what it says."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.delivery.render import TELEGRAM_LIMIT, compose, visible_length
from bot.events.digest_tick import digest_tick, split_parts
from bot.events.digests import next_digest_at
from bot.events.hearings import add_hearing
from bot.events.kinds import Digest, DigestItem
from bot.events.posts import post_statement, post_update
from bot.people import digest_settings
from bot.runtime.scheduler import prune
from storage import open_store
from storage.models import DigestSetting
from tests.events.world import World

A, B = 301, 302
# 20:00 in Almaty (UTC+5) on the world's first day, 2026-03-10.
EVENING = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def setting(hour: int, tz: str = "Asia/Almaty", last_day: str | None = None) -> DigestSetting:
    return DigestSetting(chat_id=A, hour=hour, timezone=tz, last_day=last_day, updated_at=0)


def ts(dt: datetime) -> int:
    return int(dt.timestamp())


def test_next_digest_is_today_at_the_hour_if_still_ahead_else_tomorrow() -> None:
    now = ts(datetime(2026, 3, 10, 4, 0, tzinfo=UTC))  # 09:00 in Almaty
    assert next_digest_at(setting(20), now) == ts(EVENING)
    assert next_digest_at(setting(9), now) == ts(datetime(2026, 3, 11, 4, 0, tzinfo=UTC))  # 09:00 is not ahead
    assert next_digest_at(setting(8), now) == ts(datetime(2026, 3, 11, 3, 0, tzinfo=UTC))
    # A day that already had its digest gets no second one, whatever hour the chat moved to.
    assert next_digest_at(setting(20, last_day="2026-03-10"), now) == ts(EVENING + timedelta(days=1))


def test_next_digest_follows_the_chats_own_zone_and_its_clock_changes() -> None:
    now = ts(datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    # Berlin moves to summer time in the night of 29 March 2026: 08:00 is 07:00 UTC before, 06:00 after.
    assert next_digest_at(setting(8, "Europe/Berlin"), now) == ts(datetime(2026, 3, 29, 6, 0, tzinfo=UTC))
    # 02:00 does not exist that night: the digest comes at the first instant after the gap.
    assert next_digest_at(setting(2, "Europe/Berlin"), now) == ts(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
    assert next_digest_at(setting(8, "UTC"), now) == ts(datetime(2026, 3, 29, 8, 0, tzinfo=UTC))


async def _digest(w: World, chat: int, hour: int = 20) -> None:
    await digest_settings.change(w.store, w.clock, w.settings, chat_id=chat, chat_type="private", lang="ru", act="on")
    await digest_settings.change(w.store, w.clock, w.settings, chat_id=chat, chat_type="private", lang="ru",
                                 act="hour", hour=hour)


async def _statement(w: World, title: str, slug: str = "balashov") -> None:
    async with w.store.transaction() as tx:
        await post_statement(tx, w.clock, case=w.case(slug), title=title,
                                    excerpt=f"{title}: the whole text.", link=f"https://example.org/{len(title)}")


async def _update(w: World, text: str) -> None:
    async with w.store.transaction() as tx:
        await post_update(tx, w.clock, case=w.case(), text_html=text, created_by=9001)


async def _hearing(w: World) -> None:
    async with w.store.transaction() as tx:
        await add_hearing(tx, w.clock, case=w.case(), local_date="2026-03-17", local_time="10:00")


def _states(rows: list[dict[str, object]]) -> list[tuple[str, str]]:
    return [(str(r["kind"]), str(r["state"])) for r in rows]


async def test_news_waits_for_the_digest_and_hearings_never_do(world: World) -> None:
    await world.follow(A, "all")
    await world.follow(B, "all")
    await _digest(world, A)
    await _statement(world, "Заявление")
    await _update(world, "Новости <b>команды</b>")
    await _hearing(world)
    assert _states(await world.rows(A)) == [("statement", "held"), ("update", "held"), ("hearing_new", "pending")]
    assert {int(str(r["next_at"])) for r in await world.rows(A) if r["state"] == "held"} == {ts(EVENING)}
    # A chat that did not choose a digest gets everything at once.
    assert _states(await world.rows(B)) == [("statement", "pending"), ("update", "pending"),
                                            ("hearing_new", "pending")]


async def test_one_digest_at_the_hour_with_every_held_item_and_never_twice(world: World) -> None:
    await world.follow(A, "all")
    await _digest(world, A)
    await _statement(world, "Первое")
    await _update(world, "Второе")
    world.clock.set(EVENING - timedelta(seconds=1))
    assert await digest_tick(world.store, world.clock, world.cases) == 0
    world.clock.set(EVENING)
    assert await digest_tick(world.store, world.clock, world.cases) == 1
    assert await digest_tick(world.store, world.clock, world.cases) == 0
    rows = await world.rows(A)
    assert _states(rows) == [("statement", "sent"), ("update", "sent"), ("digest", "pending")]
    payload: dict[str, Any] = json.loads(str(rows[-1]["payload_json"]))
    assert [i["summary"] for i in payload["items"]] == ["Первое", "Второе"]
    assert payload["day"] == "2026-03-10" and payload["hour"] == 20
    # The key is a keyed hash of chat and day (sha256 in hex), never the chat id itself.
    assert re.fullmatch(r"d:[0-9a-f]{64}:0:1", str(rows[-1]["dedupe_key"]))
    # News after the digest waits for tomorrow's.
    world.clock.advance(60)
    await _statement(world, "Третье")
    assert int(str((await world.rows(A))[-1]["next_at"])) == ts(EVENING + timedelta(days=1))
    world.clock.advance(3600)
    assert await digest_tick(world.store, world.clock, world.cases) == 0


async def test_news_of_a_case_no_longer_followed_for_news_is_dropped_from_the_digest(world: World) -> None:
    await world.follow(A, "all")
    await world.follow(A, "all", "ilyashev")
    await _digest(world, A)
    await _statement(world, "Балашов")
    await _statement(world, "Ильяшев", "ilyashev")
    await world.follow(A, "hearings", "ilyashev")  # hearings only from now on
    world.clock.set(EVENING)
    assert await digest_tick(world.store, world.clock, world.cases) == 1
    rows = await world.rows(A)
    assert _states(rows) == [("statement", "sent"), ("statement", "cancelled"), ("digest", "pending")]
    assert [i["summary"] for i in json.loads(str(rows[-1]["payload_json"]))["items"]] == ["Балашов"]
    # With nothing left to say there is no digest at all, and the day stays open for one.
    await _statement(world, "Ещё Балашов")
    async with world.store.transaction() as tx:
        await tx.subscriptions.unfollow(A, world.case().id)
    world.clock.set(EVENING + timedelta(days=1))
    assert await digest_tick(world.store, world.clock, world.cases) == 0
    assert _states(await world.rows(A))[-1] == ("statement", "cancelled")
    await world.follow(A, "all", "ilyashev")
    await _statement(world, "Ильяшев снова", "ilyashev")
    async with world.store.transaction() as tx:  # held for tomorrow's digest; bring it forward to test the day
        await tx.conn.execute("UPDATE outbox SET next_at = ? WHERE state = 'held'",  # type: ignore[attr-defined]
                              (world.clock.timestamp(),))
    assert await digest_tick(world.store, world.clock, world.cases) == 1


async def test_exactly_once_across_a_restart(world: World, tmp_path: Path) -> None:
    await world.follow(A, "all")
    await _digest(world, A)
    await _statement(world, "Заявление")
    world.clock.set(EVENING + timedelta(minutes=5))
    assert await digest_tick(world.store, world.clock, world.cases) == 1
    await world.store.close()
    world.store = await open_store(world.settings.database_url)
    assert await digest_tick(world.store, world.clock, world.cases) == 0
    assert [r["kind"] for r in await world.rows(A)].count("digest") == 1


async def test_a_day_that_had_its_digest_gets_no_second_one(world: World) -> None:
    await world.follow(A, "all")
    await _digest(world, A, hour=20)
    await _statement(world, "Первое")
    world.clock.set(EVENING)
    assert await digest_tick(world.store, world.clock, world.cases) == 1
    # The chat moves its digest to 22:00 the same evening: today's news still waits for tomorrow.
    await digest_settings.change(world.store, world.clock, world.settings, chat_id=A, chat_type="private",
                                 lang="ru", act="hour", hour=22)
    await _statement(world, "Второе")
    world.clock.set(EVENING + timedelta(hours=2))
    assert await digest_tick(world.store, world.clock, world.cases) == 0
    world.clock.set(EVENING + timedelta(days=1, hours=2))
    assert await digest_tick(world.store, world.clock, world.cases) == 1


async def test_changing_the_hour_moves_what_waits_and_going_back_releases_it(world: World) -> None:
    await world.follow(A, "all")
    await _digest(world, A, hour=20)
    await _statement(world, "Заявление")
    view = await digest_settings.change(world.store, world.clock, world.settings, chat_id=A, chat_type="private",
                                        lang="ru", act="hour", hour=12)
    assert view.held == 1 and view.next_at == ts(datetime(2026, 3, 10, 7, 0, tzinfo=UTC))
    assert int(str((await world.rows(A))[0]["next_at"])) == view.next_at
    view = await digest_settings.change(world.store, world.clock, world.settings, chat_id=A, chat_type="private",
                                        lang="ru", act="off")
    assert view.setting is None and view.released == 1
    assert _states(await world.rows(A)) == [("statement", "pending")]
    assert int(str((await world.rows(A))[0]["next_at"])) == world.clock.timestamp()


async def test_only_offered_zones_and_real_hours_are_taken(world: World) -> None:
    await _digest(world, A)
    for act, hour, zone in (("hour", 24, ""), ("hour", -1, ""), ("zone", 0, "Mars/Olympus"), ("zone", 0, "")):
        view = await digest_settings.change(world.store, world.clock, world.settings, chat_id=A,
                                            chat_type="private", lang="ru", act=act, hour=hour, zone=zone)
        assert view.setting is not None and (view.setting.hour, view.setting.timezone) == (20, "Asia/Almaty")
    view = await digest_settings.change(world.store, world.clock, world.settings, chat_id=A, chat_type="private",
                                        lang="ru", act="zone", zone="Europe/Berlin")
    assert view.setting is not None and view.setting.timezone == "Europe/Berlin"


async def test_forget_and_retention_leave_no_digest_behind(world: World) -> None:
    await world.follow(A, "all")
    await _digest(world, A)
    await _statement(world, "Заявление")
    world.clock.set(EVENING)
    await digest_tick(world.store, world.clock, world.cases)
    async with world.store.transaction() as tx:
        await tx.chats.forget(A)
        assert await tx.chats.exists_anywhere(A) == []
        assert await tx.digests.get(A) is None
    counts = await prune(world.store, world.clock, world.settings)
    assert counts["digests"] == 1
    async with world.store.read() as tx:
        assert await tx.conn.fetchall("SELECT id FROM announcements WHERE kind = 'digest'") == []  # type: ignore[attr-defined]


async def test_a_group_that_becomes_a_supergroup_keeps_its_digest(world: World) -> None:
    now = world.clock.timestamp()
    async with world.store.transaction() as tx:
        await tx.chats.ensure(-5, "group", "ru", now)
        await tx.digests.choose(-5, 7, "Europe/Moscow", now)
        await tx.chats.move(-5, -1005, "supergroup")
        assert await tx.digests.get(-5) is None
        moved = await tx.digests.get(-1005)
    assert moved is not None and (moved.hour, moved.timezone) == (7, "Europe/Moscow")


def _digest_of(items: list[DigestItem], names: dict[str, dict[str, str]], part: int = 1, parts: int = 1,
               thread: int | None = None) -> dict[str, Any]:
    return Digest(day="2026-03-10", tz="Asia/Almaty", hour=20, part=part, parts=parts, thread=thread,
                  items=tuple(items), cases=names).to_json()


@pytest.mark.slow
def test_a_long_digest_is_split_and_every_part_fits_in_every_language() -> None:
    long_name = "Имя " * 20
    names = {"1": {"ru": long_name, "en": long_name, "kk": long_name}, "2": {"ru": "Б", "en": "B", "kk": "Б"}}
    items = [DigestItem(kind="statement", case=1 + i % 2, summary=("слово " * 60)[:280],
                        link=f"https://example.org/{i}", at=i) for i in range(30)]
    parts = split_parts(items, names)
    assert len(parts) > 1 and [i for p in parts for i in p] == items
    for n, part in enumerate(parts, start=1):
        for lang in ("ru", "en", "kk"):
            text = compose("digest", _digest_of(part, names, n, len(parts)), None, lang).text
            assert visible_length(text) <= TELEGRAM_LIMIT
            assert text.count("<a href") == len(part), "an item was cut off"


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_the_digest_escapes_what_it_quotes_and_links_only_the_web(lang: str) -> None:
    names = {"1": {"ru": "Виктор <Балашов>", "en": "Viktor Balashov", "kk": "Виктор Балашов"}}
    items = [DigestItem(kind="statement", case=1, summary="a <b> & c", link="https://example.org/a?x=1&y=2"),
             DigestItem(kind="mention", case=1, summary="no link", link="file:///etc/passwd"),
             DigestItem(kind="update", case=1, summary="update", link=None)]
    out = compose("digest", _digest_of(items, names, thread=7), None, lang)
    assert out.message_thread_id == 7 and out.reply_markup is None
    assert "a &lt;b&gt; &amp; c" in out.text and 'href="https://example.org/a?x=1&amp;y=2"' in out.text
    assert "file://" not in out.text and out.text.count("<a href") == 1
    assert "20:00" in out.text and "/settings" in out.text
    if lang == "ru":
        assert "Виктор &lt;Балашов&gt;" in out.text and "10 марта" in out.text


def test_a_digest_payload_reads_back_as_it_was_written() -> None:
    names = {"1": {"ru": "Виктор Балашов", "en": "Viktor Balashov", "kk": "Виктор Балашов"}}
    stored = _digest_of([DigestItem(kind="update", case=1, summary="s", link=None, at=5)], names, 1, 2, 7)
    assert Digest.from_json(stored).to_json() == stored


async def test_topics_bind_per_chat_and_case_and_go_when_the_topic_does(world: World) -> None:
    await world.follow(-100, "all")
    await world.follow(-100, "all", "ilyashev")
    async with world.store.transaction() as tx:
        assert await tx.topics.bind(-100, world.case().id, 5)
        assert not await tx.topics.bind(-200, world.case().id, 5)  # not following
    await _statement(world, "Заявление")
    await _statement(world, "Другое", "ilyashev")
    rows = await world.rows(-100)
    async with world.store.read() as tx:
        assert [await tx.topics.thread_for_outbox(int(str(r["id"]))) for r in rows] == [5, None]
    async with world.store.transaction() as tx:
        assert await tx.topics.drop_thread(-100, 5) == 1
        assert await tx.topics.for_chat(-100) == []


async def test_a_forum_groups_digest_goes_to_each_cases_topic(world: World) -> None:
    world.clock = FakeClock(datetime(2026, 3, 10, 4, 0, tzinfo=UTC))
    await world.follow(-100, "all")
    await world.follow(-100, "all", "ilyashev")
    async with world.store.transaction() as tx:
        await tx.topics.bind(-100, world.case().id, 5)
    await digest_settings.change(world.store, world.clock, world.settings, chat_id=-100, chat_type="supergroup",
                                 lang="ru", act="hour", hour=20)
    await _statement(world, "В тему")
    await _statement(world, "В общий чат", "ilyashev")
    world.clock.set(EVENING)
    assert await digest_tick(world.store, world.clock, world.cases) == 2
    digests = [json.loads(str(r["payload_json"])) for r in await world.rows(-100) if r["kind"] == "digest"]
    assert sorted((d["thread"] or 0, d["items"][0]["summary"]) for d in digests) == [
        (0, "В общий чат"), (5, "В тему")]
