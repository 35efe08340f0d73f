"""An odd value (a link of thousands of characters, a payload we cannot render) costs one message at most."""

from __future__ import annotations

import pytest

from bot.events.announce import announce
from bot.events.kinds import decode
from bot.events.posts import post_statement
from storage.models import FindingInput, ItemInput, SourceInput
from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import last_with_buttons, texts

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


# Every "&" becomes "&amp;" in the HTML: this link is far past Fluent's 2,500 characters per placeable.
LONG_LINK = "https://example.org/news?" + "a=1&" * 450 + "end=1"


async def _outbox(campaign: Campaign, announcement_id: int) -> list[tuple[str, int]]:
    async with campaign.app.store.read() as tx:
        rows = await tx.conn.fetchall(  # type: ignore[attr-defined]
            "SELECT state, attempts FROM outbox WHERE announcement_id = ? ORDER BY id", (announcement_id,)
        )
    return [(r["state"], r["attempts"]) for r in rows]


async def test_a_statement_with_a_very_long_link_reaches_its_followers(campaign: Campaign) -> None:
    case = campaign.app.cases.get("balashov")
    assert case is not None
    async with campaign.app.store.transaction() as tx:
        result = await post_statement(tx, campaign.clock, case=case,
                                      title="Письмо из СИЗО", excerpt="Короткое письмо.", link=LONG_LINK)
    assert await campaign.app.drain(15)
    got = await campaign.supporter.replies()
    assert any("Короткое письмо." in s for s in texts(got))
    assert any(LONG_LINK.replace("&", "&amp;") in (r.text or "") for r in got)
    assert result.announcement_id is not None
    assert await _outbox(campaign, result.announcement_id) == [("sent", 0)]


async def test_an_announcement_that_cannot_be_rendered_fails_at_once_admins_told_once_queue_goes_on(
    campaign: Campaign,
) -> None:
    case = campaign.app.cases.get("balashov")
    assert case is not None
    await campaign.admin.says("/help")  # the admin's chat with the bot exists
    async with campaign.app.store.transaction() as tx:
        payload = decode("hearing_new", {"date": "not a date", "hearing": 1})
        broken = await announce(tx, campaign.clock, payload=payload, case=case, dedupe_key="broken",
                                min_level="hearings")
        fine = await post_statement(tx, campaign.clock, case=case,
                                    title="Заявление", excerpt="Я не признаю вину.", link=None)
    assert broken.announcement_id is not None and broken.queued == 2
    assert await campaign.app.drain(15)
    # No retries: both followers' rows failed on their first try; the statement behind them went out.
    assert await _outbox(campaign, broken.announcement_id) == [("failed", 0), ("failed", 0)]
    assert any("Я не признаю вину." in s for s in texts(await campaign.supporter.replies()))
    assert texts(await campaign.relative.replies()) == []
    told = [s for s in texts(await campaign.admin.replies()) if "не удалось составить" in s]
    assert len(told) == 1 and "hearing_new" in told[0] and "balashov" in told[0]
    assert "not a date" not in told[0]
    assert fine.announcement_id is not None


async def _pending_with_link(campaign: Campaign, days: list[str], link: str) -> None:
    case = campaign.app.cases.get("balashov")
    assert case is not None
    now = campaign.clock.timestamp()
    async with campaign.app.store.transaction() as tx:
        await tx.sources.insert(SourceInput(id="odd", kind="rss", url="https://example.org/feed"), now=now)
        for day in days:
            up = await tx.items.upsert("odd", ItemInput(stable_id=day, url=link, title="t", published_at=now,
                                                        text="x", content_hash=day), now=now, baseline=False)
            await tx.findings.insert(FindingInput(
                item_id=up.item_id, case_id=case.id, kind="hearing", local_date=day, local_time="10:00",
                when="upcoming", confidence=0.6, evidence=f"Заседание, возможно, {day}.", state="pending",
            ), now=now)


async def test_review_shows_a_finding_whose_item_has_a_very_long_link(campaign: Campaign) -> None:
    await _pending_with_link(campaign, ["2026-03-20", "2026-03-27"], LONG_LINK)
    out = await campaign.admin.says("/review")
    assert "2026-03-20" in texts(out)[-1]
    out = await campaign.admin.presses(last_with_buttons(out), "Дальше")
    assert "2026-03-27" in texts(out)[-1]


async def test_a_finding_that_cannot_be_shown_does_not_block_review(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handlers.admin import review

    await _pending_with_link(campaign, ["2026-03-20", "2026-03-27"], "https://example.org/a")
    real = review._screen

    def screen(lang: str, finding: object, *args: object) -> object:
        if getattr(finding, "local_date", None) == "2026-03-20":
            raise ValueError("this one cannot be shown")
        return real(lang, finding, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(review, "_screen", screen)
    out = await campaign.admin.says("/review")
    assert "2026-03-27" in texts(out)[-1]
