"""`poll --once` and its dry run on PostgreSQL: the dry run works on a copy of the stored state."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.cli.sources import poll_once
from tests.sources.conftest import FIXTURES, LocalServer, make_settings


def _rows(out: str) -> dict[str, dict[str, Any]]:
    return {r["source"]: r for r in (json.loads(line) for line in out.splitlines() if line.strip())}


async def test_a_dry_run_shows_what_is_new_since_the_stored_state(
    pg_url: str, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(
        database_url=pg_url, cases=[{"slug": "balashov", "name": "Виктор Балашов"}],
        sources=[{"id": "court", "kind": "rss", "url": server.url("/f/rss2.xml"), "case": "balashov"}],
    )
    assert await poll_once(settings, dry_run=True, as_json=True) == 0  # nothing stored yet: all of it is new
    assert _rows(capsys.readouterr()[0])["court"]["new"] == 3
    assert await poll_once(settings, dry_run=False, as_json=True) == 0
    assert _rows(capsys.readouterr()[0])["court"]["new"] == 3
    server.set("/f/rss2.xml", (FIXTURES / "rss2.xml").read_text().replace("courts-kz-1039", "courts-kz-1050"))
    for _ in range(2):  # the first dry run stored nothing
        assert await poll_once(settings, dry_run=True, as_json=True) == 0
        court = _rows(capsys.readouterr()[0])["court"]
        assert court["new"] == 1 and court["items"][0]["id"] == "courts-kz-1050"
