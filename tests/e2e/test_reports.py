""""⚠️ Wrong date?": only a follower, once per hearing, rate-limited; nothing kept names who reported."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.events.hearings import add_hearing
from bot.people import reports
from bot.telegram.callbacks import AnnAct, AnnCb
from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import Person

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


ALERT = "answerCallbackQuery"


async def _hearings(campaign: Campaign, days: list[str], slug: str = "balashov") -> list[int]:
    case = campaign.app.cases.get(slug)
    assert case is not None
    ids = []
    async with campaign.app.store.transaction() as tx:  # as if found in the news
        for day in days:
            result = await add_hearing(tx, campaign.clock, case=case, local_date=day,
                                       local_time="10:00", source_url=f"https://example.org/{day}")
            assert result.hearing_id is not None
            ids.append(result.hearing_id)
    assert await campaign.app.drain(15)
    await campaign.supporter.replies(), await campaign.relative.replies()
    return ids


async def _press(person: Person, hearing_id: int, slug: str = "balashov") -> str:
    anchor = (await person.says("/help"))[-1]
    assert anchor.message_id is not None
    out = await person.presses_data(anchor.message_id, AnnCb(act=AnnAct.REPORT, slug=slug, h=hearing_id).pack())
    alerts = [r.text or "" for r in out if r.method == ALERT and r.show_alert]
    assert alerts, out
    return alerts[0]


async def _pending_reports(campaign: Campaign) -> int:
    async with campaign.app.store.read() as tx:
        return sum(1 for f in await tx.findings.pending(limit=100) if f.kind == "report")


async def test_only_a_follower_may_report_and_only_once(campaign: Campaign) -> None:
    [hearing] = await _hearings(campaign, ["2026-03-19"])
    stranger = Person(campaign.tg, chat_id=7299)
    assert "только подписчики" in await _press(stranger, hearing)
    assert await _pending_reports(campaign) == 0
    assert "Спасибо" in await _press(campaign.relative, hearing)
    assert "Вы уже сообщили" in await _press(campaign.relative, hearing)
    assert "уже сообщили" in await _press(campaign.supporter, hearing)  # someone else's report waits for review
    assert await _pending_reports(campaign) == 1
    assert "больше нет в расписании" in await _press(campaign.relative, hearing + 999)


async def test_a_hearing_of_another_case_cannot_be_reported_through_this_one(campaign: Campaign) -> None:
    [other] = await _hearings(campaign, ["2026-03-19"], slug="emelyanova")
    assert "больше нет в расписании" in await _press(campaign.relative, other)
    assert await _pending_reports(campaign) == 0


async def test_reports_are_rate_limited_per_chat_and_per_hearing(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = [f"2026-03-{d}" for d in range(17, 17 + reports.REPORTS_PER_CHAT_HOUR + 1)]
    hearings = await _hearings(campaign, days)
    for h in hearings[:-1]:
        assert "Спасибо" in await _press(campaign.supporter, h)
    assert "слишком много" in await _press(campaign.supporter, hearings[-1])
    campaign.clock.advance(timedelta(hours=2))
    assert "Спасибо" in await _press(campaign.supporter, hearings[-1])  # a new hour
    monkeypatch.setattr(reports, "REPORTS_PER_HEARING_HOUR", 1)
    assert "уже сообщили" in await _press(campaign.relative, hearings[0])
    other = Person(campaign.tg, chat_id=7203)
    await other.says("/follow Балашов")
    assert "сообщили многие" in await _press(other, hearings[0])


async def test_nothing_kept_names_the_reporter_and_marks_go_when_the_hearing_has_passed(campaign: Campaign) -> None:
    [hearing] = await _hearings(campaign, ["2026-03-19"])
    assert "Спасибо" in await _press(campaign.relative, hearing)
    chat = str(campaign.relative.chat_id)
    async with campaign.app.store.read() as tx:
        marks = await tx.conn.fetchall("SELECT * FROM report_marks")  # type: ignore[attr-defined]
        counts = await tx.conn.fetchall("SELECT * FROM report_counts")  # type: ignore[attr-defined]
        found = await tx.conn.fetchall("SELECT * FROM findings WHERE kind = 'report'")  # type: ignore[attr-defined]
    assert len(marks) == 1 and len(counts) == 2 and len(found) == 1
    assert not any(chat in str(v) for row in [*marks, *counts, *found] for v in row.values())
    assert found[0]["reviewed_by_hash"] is None and found[0]["reviewed_by_enc"] is None
    campaign.clock.advance(timedelta(days=10))  # the hearing has passed
    from bot.runtime.scheduler import prune

    await prune(campaign.app.store, campaign.clock, campaign.app.settings)
    async with campaign.app.store.read() as tx:
        assert await tx.conn.fetchall("SELECT * FROM report_marks") == []  # type: ignore[attr-defined]
        assert await tx.conn.fetchall("SELECT * FROM report_counts") == []  # type: ignore[attr-defined]
