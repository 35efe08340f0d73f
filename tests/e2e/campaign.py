"""A campaign at work, as many end-to-end tests begin: the example bot on the morning of 10 March 2026 in Almaty,
its admin, a supporter who follows everything about Balashov and a relative who follows his hearings only.

A module marked `CAMPAIGN_BOT` gets it as the fixture `campaign` (tests/e2e/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from storage.models import FindingInput
from tests.e2e.bots import clock_of
from tests.e2e.people import Person, last_with_buttons, texts

ADMIN = 9001
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
SUPPORTER, RELATIVE = 7201, 7202
CAMPAIGN_BOT = pytest.mark.example_bot(at=START, admins=[ADMIN])


@dataclass
class CampaignBot:
    """The bot of a module marked `CAMPAIGN_BOT`, and its admin."""

    app: App
    tg: StandinClient
    admin: Person

    @property
    def clock(self) -> FakeClock:
        return clock_of(self.app)

    async def confirm(self, preview: list[Sent], who: Person | None = None) -> list[str]:
        """Confirm under the preview (the admin's, or `who`'s); then everything it causes has gone out."""
        person = who or self.admin
        out = await person.presses(last_with_buttons(preview), "Подтвердить")
        assert await self.app.drain(15)
        return texts(out)


@dataclass
class Campaign(CampaignBot):
    supporter: Person  # everything
    relative: Person  # hearings only

    async def found(self, local_date: str, local_time: str | None, evidence: str, *, confidence: float = 0.5) -> int:
        """A hearing of Balashov the extractor found below the threshold: it waits in /review. Its id."""
        case = self.app.cases.get("balashov")
        assert case is not None
        async with self.app.store.transaction() as tx:
            finding = await tx.findings.insert(FindingInput(
                item_id=None, case_id=case.id, kind="hearing", local_date=local_date, local_time=local_time,
                when="upcoming", postponed=False, confidence=confidence, evidence=evidence, state="pending",
            ), now=self.clock.timestamp())
        return finding.id


async def start_campaign(app: App, tg: StandinClient, admin: Person) -> Campaign:
    supporter, relative = Person(tg, chat_id=SUPPORTER), Person(tg, chat_id=RELATIVE)
    await supporter.says("/follow Балашов")
    await relative.follows_hearings_only("balashov")
    return Campaign(app, tg, admin, supporter, relative)
