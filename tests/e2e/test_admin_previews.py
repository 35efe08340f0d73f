"""A hearing preview is what followers then receive, word for word: a move, a cancel, a time set again."""

from __future__ import annotations

from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import texts

pytestmark = CAMPAIGN_BOT


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
