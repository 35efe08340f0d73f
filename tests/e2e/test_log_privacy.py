"""Error logs name an exception's type and place, never its message: that may hold what a person typed."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.cases.directory import CaseDirectory
from bot.delivery import render
from bot.events.posts import post_statement
from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import texts

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


MARKER = "MARKER-7f3a-PRIVATE"


async def test_a_handler_error_logs_no_part_of_the_input(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def search(self: CaseDirectory, query: str, **kw: Any) -> list[Any]:
        raise ValueError(f"cannot search for {query!r}")

    monkeypatch.setattr(CaseDirectory, "search", search)
    caplog.set_level(logging.INFO)
    out = texts(await campaign.supporter.says(f"/follow {MARKER}"))
    assert out  # the person is told something went wrong
    assert "ValueError at " in caplog.text and "test_log_privacy:search:" in caplog.text
    assert MARKER not in caplog.text


async def test_a_render_error_logs_no_part_of_the_announcement(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = render.compose

    def compose(kind: str, payload: dict[str, Any], *args: Any) -> Any:
        if MARKER in str(payload):
            raise KeyError(f"no text for {payload}")
        return real(kind, payload, *args)

    monkeypatch.setattr(render, "compose", compose)
    case = campaign.app.cases.get("balashov")
    assert case is not None
    caplog.set_level(logging.INFO)
    async with campaign.app.store.transaction() as tx:
        await post_statement(tx, campaign.clock, case=case, title=MARKER,
                             excerpt=f"{MARKER} said this.", link=None)
    assert await campaign.app.drain(15)
    assert "cannot be rendered: KeyError at " in caplog.text
    assert MARKER not in caplog.text
    async with campaign.app.store.read() as snap:
        rows = await snap.conn.fetchall("SELECT last_error FROM outbox")  # type: ignore[attr-defined]
    assert rows and all(MARKER not in (r["last_error"] or "") for r in rows)
