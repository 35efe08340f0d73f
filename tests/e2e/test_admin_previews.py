"""A hearing preview is what followers then receive, word for word: a move, a cancel, a time set again."""

from __future__ import annotations

from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import last_with_buttons, texts

pytestmark = CAMPAIGN_BOT


def _balashov(campaign: Campaign) -> int:
    case = campaign.app.cases.get("balashov")
    assert case is not None
    return case.id


async def _followers_got(campaign: Campaign) -> list[list[str]]:
    """The new messages each follower got (the edits of what they had before are corrections in place)."""
    return [texts([r for r in await p.replies() if r.method == "sendMessage"])
            for p in (campaign.supporter, campaign.relative)]


async def _hearing_on_the_17th(campaign: Campaign) -> None:
    await campaign.confirm(await campaign.admin.says("/hearing balashov 17 марта 10:00"))
    await _followers_got(campaign)


async def test_a_move_preview_is_what_followers_receive(campaign: Campaign) -> None:
    await _hearing_on_the_17th(campaign)
    preview = await campaign.admin.says("/movehearing balashov 24 марта 11:00")
    shown = texts(preview)[-1]
    assert "24 марта" in shown and "17 марта" in shown
    await campaign.confirm(preview)
    assert await _followers_got(campaign) == [[shown], [shown]]


async def test_a_cancel_preview_is_what_followers_receive(campaign: Campaign) -> None:
    await _hearing_on_the_17th(campaign)
    preview = await campaign.admin.says("/cancelhearing balashov")
    shown = texts(preview)[-1]
    assert "17 марта" in shown
    await campaign.confirm(preview)
    assert await _followers_got(campaign) == [[shown], [shown]]


async def test_a_new_time_for_a_known_day_is_previewed_as_the_change_followers_receive(campaign: Campaign) -> None:
    await _hearing_on_the_17th(campaign)
    preview = await campaign.admin.says("/hearing balashov 17 марта 12:00")
    shown = texts(preview)[-1]
    assert "12:00" in shown and "10:00" in shown  # the new time, and the one it replaces
    await campaign.confirm(preview)
    assert await _followers_got(campaign) == [[shown], [shown]]


async def test_a_preview_says_so_when_followers_will_get_nothing(campaign: Campaign) -> None:
    await _hearing_on_the_17th(campaign)
    preview = await campaign.admin.says("/movehearing balashov 17 марта 10:00")
    assert "ничего не получат" in texts(preview)[-1]
    done = await campaign.confirm(preview)
    assert any("0 чатов" in s for s in done), done
    assert await _followers_got(campaign) == [[], []]


async def test_a_finding_corrected_to_a_day_with_a_hearing_is_previewed_as_the_change_followers_receive(
    campaign: Campaign,
) -> None:
    await campaign.confirm(await campaign.admin.says("/hearing balashov 17 марта"))  # the day, no time yet
    await _followers_got(campaign)
    await campaign.found("2026-03-21", None, "Суд соберётся в субботу.")
    review = await campaign.admin.says("/review")
    await campaign.admin.presses(last_with_buttons(review), "Исправить")
    preview = await campaign.admin.says("17 марта 12:00", expect=2)
    shown = texts(preview)[-1]
    assert "17 марта" in shown and "12:00" in shown
    await campaign.confirm(preview)
    assert await _followers_got(campaign) == [[shown], [shown]]
    async with campaign.app.store.read() as tx:
        assert len(await tx.hearings.on_date(_balashov(campaign), "2026-03-17")) == 1  # merged, not a second


async def test_a_finding_corrected_to_another_time_of_a_known_hearing_tells_followers_the_new_time(
    campaign: Campaign,
) -> None:
    # The admin's typed time is their word, as with /hearing: it replaces the time known, and everyone is told.
    await _hearing_on_the_17th(campaign)
    await campaign.found("2026-03-17", "10:00", "Заседание 17 марта.")
    review = await campaign.admin.says("/review")
    await campaign.admin.presses(last_with_buttons(review), "Исправить")
    preview = await campaign.admin.says("17 марта 14:30", expect=2)
    shown = texts(preview)[-1]
    assert "10:00" in shown and "14:30" in shown  # from the time known to the one typed
    await campaign.confirm(preview)
    assert await _followers_got(campaign) == [[shown], [shown]]
    async with campaign.app.store.read() as tx:
        [hearing] = await tx.hearings.on_date(_balashov(campaign), "2026-03-17")
    assert hearing.local_time == "14:30"
