"""The HTTP listener's settings, conditional requests, links, and its health routes over stand-in parts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer

from bot.cli.main import main
from bot.config import ConfigError, Settings, load_settings
from bot.runtime.serve import check_webhook, listen_port, webhook_url
from bot.web import server as web_server
from bot.web.feed import Feed, not_modified
from bot.web.links import calendar_link
from bot.web.server import PING_TIMEOUT_S, Listener
from storage import open_store
from storage.api import Store
from storage.models import Case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


def settings(**overrides: Any) -> Settings:
    return load_settings(EXAMPLE, **overrides)


# -- settings ----------------------------------------------------------------------------------------------


def test_no_listener_unless_asked_for() -> None:
    assert settings().listen_port is None
    assert listen_port(settings(), webhook=False) is None
    assert listen_port(settings(), webhook=True) == 8080
    assert listen_port(settings(listen_port=9000), webhook=False) == 9000


def test_environment_sets_the_listener(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LISTEN_PORT", "8088")
    monkeypatch.setenv("PUBLIC_URL", "https://example.org/casewatch/")
    s = settings()
    assert s.listen_port == 8088 and s.public_url == "https://example.org/casewatch"


@pytest.mark.parametrize(("env", "key"), [
    ({"PUBLIC_URL": "ftp://example.org"}, "PUBLIC_URL"),
    ({"PUBLIC_URL": "https://example.org/?a=1"}, "PUBLIC_URL"),
    ({"WEBHOOK_URL": "example.org/hook"}, "WEBHOOK_URL"),
    ({"WEBHOOK_SECRET": "has spaces"}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_PATH": "/healthz"}, "WEBHOOK_PATH"),
    ({"WEBHOOK_PATH": "telegram"}, "WEBHOOK_PATH"),
    ({"LISTEN_PORT": "70000"}, "LISTEN_PORT"),
], ids=["scheme", "query", "no-scheme", "secret", "path-taken", "path-relative", "port"])
def test_invalid_listener_settings_name_the_key(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                                key: str) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ConfigError) as err:
        settings()
    assert err.value.key == key


def test_webhook_needs_a_secret_and_an_address() -> None:
    with pytest.raises(ConfigError) as err:
        check_webhook(settings(public_url="https://bot.example.org"))
    assert err.value.key == "WEBHOOK_SECRET"
    with pytest.raises(ConfigError) as err:
        check_webhook(settings(webhook_secret="s3cret"))
    assert err.value.key == "WEBHOOK_URL"
    assert webhook_url(settings(public_url="https://bot.example.org")) == "https://bot.example.org/telegram"
    assert webhook_url(settings(public_url="https://bot.example.org", webhook_url="https://hook.example.org/t/x")) \
        == "https://hook.example.org/t/x"


def test_run_webhook_without_a_secret_is_one_config_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cw.db'}")
    monkeypatch.setenv("PUBLIC_URL", "https://bot.example.org")
    assert main(["run", "--webhook"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("config error: WEBHOOK_SECRET: ") and "\n" not in err
    assert not (tmp_path / "cw.db").exists()  # refused before anything was opened


# -- links and conditional requests -------------------------------------------------------------------------


def _case(public: bool = True) -> Case:
    return Case(id=1, slug="balashov", name="Виктор Балашов", name_en=None, name_kk=None, gender="m",
                timezone="Asia/Almaty", status="detained", court=None, description=None, description_en=None,
                description_kk=None, links=(), aliases=(), public=public, mirror_chat_id=None, mirror_chat=None,
                origin="config", created_at=0, updated_at=0)


def test_calendar_link_is_webcal_under_the_public_address() -> None:
    s = settings(public_url="https://example.org/casewatch")
    assert calendar_link(s, _case(), "ru") == "webcal://example.org/casewatch/cal/balashov.ics"
    assert calendar_link(s, _case(), "kk") == "webcal://example.org/casewatch/cal/balashov.ics?lang=kk"
    assert calendar_link(s, _case(public=False), "ru") is None
    assert calendar_link(settings(), _case(), "ru") is None


FEED = Feed(body=b"x", etag='"abc"', last_modified=1_773_100_000)


@pytest.mark.parametrize(("inm", "ims", "expected"), [
    ('"abc"', None, True),
    ('"zzz", W/"abc"', None, True),
    ("*", None, True),
    ('"zzz"', FEED.last_modified_http, False),  # If-None-Match decides alone when sent
    (None, FEED.last_modified_http, True),
    (None, "Mon, 09 Mar 2026 00:00:00 GMT", False),  # older than the last change
    (None, "not a date", False),
    (None, None, False),
])
def test_conditional_requests(inm: str | None, ims: str | None, expected: bool) -> None:
    assert not_modified(FEED, inm, ims) is expected


# -- health over stand-in parts ------------------------------------------------------------------------------


@dataclass
class FakeScheduler:
    running: bool


@dataclass
class FakeApp:
    settings: Settings
    store: Any
    scheduler: FakeScheduler | None = None
    extras: dict[str, Any] = field(default_factory=dict)


class HangingStore:
    """A database that never answers (until the waiting for it is cancelled)."""

    def __init__(self) -> None:
        self.given_up = False

    async def ping(self) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.given_up = True
            raise


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await open_store(f"sqlite:///{tmp_path / 'web.db'}")
    yield s
    await s.close()


async def _client(app: FakeApp) -> TestClient[Any, Any]:
    listener = Listener(cast(Any, app), webhook=False)
    client: TestClient[Any, Any] = TestClient(TestServer(listener.web))
    await client.start_server()
    return client


@pytest.mark.parametrize(("scheduler", "state"), [(None, "off"), (FakeScheduler(True), "leader"),
                                                  (FakeScheduler(False), "standby")])
async def test_readyz_says_the_scheduler_state(store: Store, scheduler: FakeScheduler | None, state: str) -> None:
    client = await _client(FakeApp(settings(), store, scheduler))
    try:
        resp = await client.get("/readyz")
        assert resp.status == 200 and await resp.json() == {"db": True, "scheduler": state}
    finally:
        await client.close()


@pytest.mark.slow
async def test_readyz_gives_up_on_a_database_that_does_not_answer_within_a_second() -> None:
    hanging = HangingStore()
    client = await _client(FakeApp(settings(), hanging))
    try:
        loop = asyncio.get_running_loop()
        began = loop.time()
        resp = await client.get("/readyz")
        # The database never answers: an answer at all, with the ping cancelled, shows /readyz gave up by
        # itself; how soon is its own PING_TIMEOUT_S (a wall-clock upper bound here would time a busy machine).
        assert resp.status == 503 and (await resp.json())["db"] is False and hanging.given_up
        assert PING_TIMEOUT_S <= 1 and loop.time() - began >= PING_TIMEOUT_S * 0.9
        assert (await client.get("/healthz")).status == 200
    finally:
        await client.close()


async def _rename_schema(url: str, old: str, new: str) -> None:
    import asyncpg

    con = await asyncpg.connect(url, timeout=5)
    try:
        await con.execute(f'ALTER SCHEMA "{old}" RENAME TO "{new}"')
    finally:
        await con.close()


@pytest.mark.slow
async def test_readyz_turns_unready_while_the_postgresql_schema_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    from urllib.parse import parse_qs, urlsplit

    from storage.postgres.store import PostgresStore
    from tests.pg import fresh_schema

    # A busy PostgreSQL may take more than the production second to answer; here unready must mean the tables
    # are gone (an error at once), never a slow answer.
    monkeypatch.setattr(web_server, "PING_TIMEOUT_S", 30.0)

    with fresh_schema("cw_ready") as url:
        schema = parse_qs(urlsplit(url).query)["search_path"][0]
        pg = await PostgresStore.open(url)
        client = await _client(FakeApp(settings(), pg))
        try:
            assert (await client.get("/readyz")).status == 200
            # Our tables out of reach (a restore gone wrong, an operator's mistake) while the server answers.
            await _rename_schema(url, schema, f"{schema}_away")
            try:
                resp = await client.get("/readyz")
                assert resp.status == 503 and (await resp.json())["db"] is False
                assert (await client.get("/healthz")).status == 200
            finally:
                await _rename_schema(url, f"{schema}_away", schema)
            assert (await client.get("/readyz")).status == 200  # ready again once they are back
        finally:
            await client.close()
            await pg.close()
