"""What followers and the admin receive when outlets agree, disagree, or report a date already gone.

The real bot runs against the stand-in; items are stored as a poll stores them and go through the real
extraction tick, events, outbox and sender. Only the extractor is a stand-in (`FakeUnderstander`), so each
test chooses the confidences it is about.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.clock import FakeClock
from bot.runtime.app import App
from bot.standin.client import Sent
from bot.understand.tick import extraction_tick
from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import Person, last_with_buttons, texts
from tests.events.outlets import FakeUnderstander, Found, Understood, publish

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


@dataclass
class Newsroom:
    app: App
    clock: FakeClock
    admin: Person
    supporter: Person  # everything
    relative: Person  # hearings only
    said: dict[str, Understood]

    async def report(self, url: str, *found: Found) -> None:
        """An outlet publishes an item saying `found`; extraction and delivery run as the scheduler would."""
        title = f"item {len(self.said) + 1}"
        self.said[title] = Understood(["balashov"], hearings=list(found))
        await publish(self.app.store, self.clock, url, title)
        await extraction_tick(self.app.store, FakeUnderstander(self.said), self.app.cases, self.clock,
                              self.app.settings)
        assert await self.app.drain(15)

    async def followers_got(self) -> list[list[str]]:
        return [texts(_messages(await p.replies())) for p in (self.supporter, self.relative)]


def _messages(records: list[Sent]) -> list[Sent]:
    return [r for r in records if r.method == "sendMessage"]


@pytest.fixture
def newsroom(campaign: Campaign) -> Newsroom:
    """The shared campaign, its followers following, and the outlets that tell of it."""
    return Newsroom(campaign.app, campaign.clock, campaign.admin, campaign.supporter, campaign.relative, {})


async def test_sure_finding_reaches_followers_and_unsure_one_waits_for_the_admin(newsroom: Newsroom) -> None:
    await newsroom.report("https://vlast.kz/news/1", Found("balashov", "2026-03-17", confidence=0.95))
    for got in await newsroom.followers_got():
        assert len(got) == 1 and "17 марта" in got[0]
    await newsroom.report("https://orda.kz/news/1", Found("balashov", "2026-04-30", confidence=0.6,
                                                          evidence="Суд может собраться 30 апреля."))
    assert await newsroom.followers_got() == [[], []]
    review = texts(await newsroom.admin.says("/review"))[-1]
    assert "30 апреля" in review and "Суд может собраться 30 апреля." in review


async def test_second_outlet_confirms_a_waiting_hearing_and_followers_get_it_once(newsroom: Newsroom) -> None:
    await newsroom.report("https://vlast.kz/news/1", Found("balashov", "2026-03-20", confidence=0.6))
    await newsroom.report("https://www.vlast.kz/news/2", Found("balashov", "2026-03-20", confidence=0.7))
    assert await newsroom.followers_got() == [[], []]  # one outlet twice is still one source
    review = texts(await newsroom.admin.says("/review"))[-1]
    assert "20 марта" in review and "независим" not in review

    await newsroom.report("https://orda.kz/a", Found("balashov", "2026-03-20", confidence=0.9))
    for got in await newsroom.followers_got():
        assert len(got) == 1 and "20 марта" in got[0], got
    assert any("На проверке ничего нет" in s for s in texts(await newsroom.admin.says("/review")))
    await newsroom.report("https://kaztag.kz/b", Found("balashov", "2026-03-20", confidence=0.7))
    assert await newsroom.followers_got() == [[], []]  # a fourth report tells nobody again


async def test_review_says_how_many_outlets_report_a_date_still_too_unsure(newsroom: Newsroom) -> None:
    await newsroom.report("https://vlast.kz/news/1", Found("balashov", "2026-03-20", confidence=0.3))
    await newsroom.report("https://orda.kz/news/1", Found("balashov", "2026-03-20", confidence=0.4))
    assert await newsroom.followers_got() == [[], []]
    review = texts(await newsroom.admin.says("/review"))[-1]
    assert "Подтверждают 2 независимых источника" in review
    newsroom.admin.language = "en"
    review = texts(await newsroom.admin.says("/review"))[-1]
    assert "Confirmed by 2 independent sources" in review


async def test_conflicting_dates_wait_in_review_with_both_evidences_then_the_admin_decides(
    newsroom: Newsroom,
) -> None:
    await newsroom.report("https://vlast.kz/news/1", Found("balashov", "2026-03-17", confidence=0.95,
                                                           evidence="Суд назначил заседание на 17 марта."))
    await newsroom.followers_got()
    await newsroom.report("https://orda.kz/news/9", Found("balashov", "2026-03-24", confidence=0.95,
                                                          evidence="Слушание по делу пройдёт 24 марта."))
    assert await newsroom.followers_got() == [[], []]  # not announced by itself

    out = await newsroom.admin.says("/review")
    review = texts(out)[-1]
    assert "Источники расходятся" in review
    for shown in ("24 марта", "Слушание по делу пройдёт 24 марта.", "https://orda.kz/news/9",
                  "17 марта", "Суд назначил заседание на 17 марта.", "https://vlast.kz/news/1"):
        assert shown in review, shown
    # The admin checked with the court: it is a second session. Both dates now stand.
    await newsroom.admin.presses(last_with_buttons(out), "Объявить")
    assert await newsroom.app.drain(15)
    for got in await newsroom.followers_got():
        assert len(got) == 1 and "24 марта" in got[0]


async def test_a_date_already_gone_never_reaches_followers(newsroom: Newsroom) -> None:
    await newsroom.report("https://vlast.kz/news/1", Found("balashov", "2026-03-09", confidence=0.99))
    await newsroom.report("https://orda.kz/news/1", Found("balashov", "2026-03-10", time="08:00", confidence=0.99))
    assert await newsroom.followers_got() == [[], []]
    assert any("На проверке ничего нет" in s for s in texts(await newsroom.admin.says("/review")))
