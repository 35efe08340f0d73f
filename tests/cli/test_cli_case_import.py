"""Every command brings the TOML's cases in alike: `poll --once` and `sources` store what `run` stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.cases.directory import decl_to_input, mirror_chat_of
from bot.cli.poll import poll_once
from bot.cli.sources import sources_list
from bot.clock import FakeClock
from bot.config import CaseDecl, Settings, load_settings
from storage import open_store
from storage.models import Case

CASES_TOML = """
[[cases]]
slug = "quoted-id"
name = "Виктор Балашов"
name_en = "Viktor Balashov"
aliases = ["Балашов"]
gender = "m"
court = "Медеуский районный суд"
links = ["https://example.org/balashov"]
mirror_chat = "-100123"

[[cases]]
slug = "number-id"
name = "Мансур Мовлаев"
status = "sentenced"
public = false
mirror_chat = -100123

[[cases]]
slug = "username"
name = "Анна Емельянова"
description = "Журналистка"
mirror_chat = "@name"

[[cases]]
slug = "no-mirror"
name = "Ерлан Ильяшев"
"""

EXPECTED_MIRRORS = {
    "quoted-id": (-100123, None),
    "number-id": (-100123, None),
    "username": (None, "@name"),
    "no-mirror": (None, None),
}


def _settings(tmp_path: Path, db: str) -> Settings:
    toml = tmp_path / "casewatch.toml"
    toml.write_text(CASES_TOML, encoding="utf-8")
    return load_settings(toml, database_url=f"sqlite:///{tmp_path / db}", bot_token="123456:TEST",
                         telegram_api_url="http://127.0.0.1:9")


async def _stored(settings: Settings) -> dict[str, Case]:
    store = await open_store(settings.database_url, ids=settings.data_ids())
    try:
        async with store.read() as tx:
            return {c.slug: c for c in await tx.cases.list(public_only=False)}
    finally:
        await store.close()


async def _run_start(settings: Settings, clock: FakeClock) -> None:
    """What `casewatch run` does before it polls: build the app (no Telegram call until polling)."""
    from bot.runtime.app import build_app

    app = await build_app(settings, clock=clock, workers=False, scheduler=False)
    await app.stop()


async def _poll(settings: Settings, clock: FakeClock) -> None:
    assert await poll_once(settings, dry_run=False, as_json=True, clock=clock) == 0


async def _sources(settings: Settings, clock: FakeClock) -> None:
    assert await sources_list(settings, as_json=True, clock=clock) == 0


@pytest.mark.parametrize("command", [_poll, _sources], ids=["poll", "sources"])
async def test_cli_commands_import_cases_as_run_does(
    tmp_path: Path, command: Callable[[Settings, FakeClock], Awaitable[None]]
) -> None:
    clock = FakeClock()
    run_settings, cli_settings = _settings(tmp_path, "run.db"), _settings(tmp_path, "cli.db")
    await _run_start(run_settings, clock)
    await command(cli_settings, clock)
    by_run, by_cli = await _stored(run_settings), await _stored(cli_settings)

    assert set(by_run) == set(by_cli) == set(EXPECTED_MIRRORS)
    for slug, case in by_run.items():
        for field in dataclasses.fields(Case):
            assert getattr(by_cli[slug], field.name) == getattr(case, field.name), (slug, field.name)
        assert (case.mirror_chat_id, case.mirror_chat) == EXPECTED_MIRRORS[slug]
        assert case.origin == "config"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-100123, (-100123, None)),
        ("-100123", (-100123, None)),
        (" -100123 ", (-100123, None)),
        ("42", (42, None)),
        ("@name", (None, "@name")),
        (" @name ", (None, "@name")),
        ("--100", (None, "--100")),  # not a number: left for Telegram to refuse, never a crash here
        ("١٢٣", (None, "١٢٣")),  # digits of another script are not a Telegram id
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_mirror_chat_is_an_id_when_it_is_a_number_even_written_as_text(
    value: str | int | None, expected: tuple[int | None, str | None]
) -> None:
    assert mirror_chat_of(value) == expected
    kw: dict[str, Any] = {"mirror_chat": value}
    made = decl_to_input(CaseDecl(slug="x", name="X", **kw))
    assert (made.mirror_chat_id, made.mirror_chat) == expected
