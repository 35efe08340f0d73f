"""The extraction tick: items → findings (auto or pending) → events; edits never announce twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.events.notices import source_health
from bot.sources.poller import SourceHealthEvent
from bot.understand.tick import extraction_tick
from storage.models import ItemInput, SourceInput
from tests.events.world import World

ALL, HRG = 401, 402


@dataclass
class Found:
    case: str
    date: str
    time: str | None = "10:00"
    when: str = "upcoming"
    postponed: bool = False
    confidence: float = 0.95
    evidence: str = "…"


@dataclass
class Understood:
    cases: list[str] = field(default_factory=list)
    statement: bool = False
    statement_cases: list[str] = field(default_factory=list)
    hearings: list[Found] = field(default_factory=list)


class FakeUnderstander:
    """Answers by the item's title, so a test says what each item "contains"."""

    def __init__(self, answers: dict[str, Understood]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, dt.date, str | None]] = []

    def understand(self, text: str, published: dt.date, *, title: str | None = None,
                   source_case: str | None = None, front_matter: dict[str, Any] | None = None) -> Understood:
        self.calls.append((text, published, source_case))
        return self.answers[title or ""]


async def _item(w: World, stable: str, title: str, text: str = "text", *, source_case: str | None = None) -> int:
    now = w.clock.timestamp()
    async with w.store.transaction() as tx:
        case_id = w.case(source_case).id if source_case else None
        await tx.sources.insert(SourceInput(id=f"src-{source_case or 'any'}", kind="rss", url="https://e.org/f",
                                            case_id=case_id), now=now)
        up = await tx.items.upsert(f"src-{source_case or 'any'}", ItemInput(
            stable_id=stable, url=f"https://e.org/{stable}", title=title, published_at=now, text=text,
            content_hash=f"{title}|{text}"), now=now, baseline=False)
    return up.item_id


async def test_confident_hearings_are_announced_and_unsure_ones_wait_for_review(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({
        "sure": Understood(["balashov"], hearings=[Found("balashov", "2026-03-17")]),
        "unsure": Understood(["balashov"], hearings=[Found("balashov", "2026-03-19", confidence=0.5)]),
    })
    await _item(world, "a", "sure")
    await _item(world, "b", "unsure")
    assert await extraction_tick(world.store, und, world.cases, world.clock, world.settings) == 2
    assert await world.kinds(ALL) == ["hearing_new"] and await world.kinds(HRG) == ["hearing_new"]
    async with world.store.read() as tx:
        pending = await tx.findings.pending()
        assert [(f.local_date, f.state) for f in pending] == [("2026-03-19", "pending")]
        assert len(await tx.hearings.for_case(world.case().id)) == 1
    # Nothing left to read: a second tick reads nothing.
    assert await extraction_tick(world.store, und, world.cases, world.clock, world.settings) == 0


async def test_statement_mention_and_edit(world: World) -> None:
    await world.follow(ALL, "all")
    await world.follow(HRG, "hearings")
    und = FakeUnderstander({
        "letter": Understood(["balashov"], statement=True, statement_cases=["balashov"]),
        "news": Understood(["balashov"]),
    })
    letter = await _item(world, "l", "letter", "Я не сдамся.")
    await _item(world, "n", "news", "Журналисты вспомнили дело.")
    await extraction_tick(world.store, und, world.cases, world.clock, world.settings)
    assert await world.kinds(ALL) == ["statement", "mention"] and await world.kinds(HRG) == []
    # The letter is edited (a typo fixed): read again, nothing new goes out.
    async with world.store.transaction() as tx:
        await tx.items.upsert("src-any", ItemInput(stable_id="l", url="https://e.org/l", title="letter",
                                                   published_at=None, text="Я не сдамся!", content_hash="v2"),
                              now=world.clock.timestamp(), baseline=False)
    assert await extraction_tick(world.store, und, world.cases, world.clock, world.settings) == 1
    assert await world.kinds(ALL) == ["statement", "mention"]
    async with world.store.read() as tx:
        assert len([f for f in await tx.findings.for_item(letter) if f.kind == "statement"]) == 1


async def test_source_case_and_court_date_are_passed_in(world: World) -> None:
    und = FakeUnderstander({"own": Understood(["movlaev"])})
    world.clock.set(dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC))  # already 11 March in Almaty
    await _item(world, "o", "own", source_case="movlaev")
    await extraction_tick(world.store, und, world.cases, world.clock, world.settings)
    assert und.calls[0][1:] == (dt.date(2026, 3, 11), "movlaev")


async def test_past_report_never_pushes_a_new_hearing(world: World) -> None:
    await world.follow(ALL, "all")
    und = FakeUnderstander({"verdict": Understood(["balashov"], hearings=[Found("balashov", "2026-03-09",
                                                                                 when="past")])})
    await _item(world, "v", "verdict")
    await extraction_tick(world.store, und, world.cases, world.clock, world.settings)
    assert await world.kinds(ALL) == []
    async with world.store.read() as tx:  # but the hearing is history now, for the card and the exports
        kept = await tx.hearings.for_case(world.case().id)
    assert [(h.local_date, h.status) for h in kept] == [("2026-03-09", "held")]


async def test_a_broken_item_does_not_block_the_queue(world: World) -> None:
    class Broken(FakeUnderstander):
        def understand(self, text: str, published: dt.date, **kw: Any) -> Understood:
            if kw.get("title") == "bad":
                raise RuntimeError("boom")
            return super().understand(text, published, **kw)

    await world.follow(ALL, "all")
    und = Broken({"good": Understood(["balashov"], hearings=[Found("balashov", "2026-03-20")])})
    await _item(world, "x", "bad")
    await _item(world, "y", "good")
    assert await extraction_tick(world.store, und, world.cases, world.clock, world.settings) == 2
    assert await world.kinds(ALL) == ["hearing_new"]
    assert await extraction_tick(world.store, und, world.cases, world.clock, world.settings) == 0


async def test_source_health_events_become_admin_notices(world: World) -> None:
    failing = await source_health(world.store, world.clock, world.settings,
                                  SourceHealthEvent("feed", "failing", 5, "HTTP 500"))
    recovered = await source_health(world.store, world.clock, world.settings,
                                    SourceHealthEvent("feed", "recovered", 5, None))
    assert failing.kind == recovered.kind == "admin_notice" and failing.queued == recovered.queued == 1
    async with world.store.read() as tx:
        ann = await tx.announcements.get(failing.announcement_id or 0)
    assert ann is not None and ann.payload["key"] == "notice-source-failing"
    assert ann.payload["args"] == {"source": "feed", "failures": 5, "error": "HTTP 500"}
