"""Shared fixtures: example settings, a temporary store (SQLite, or each backend in turn), the seeds folder."""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import pin_tzdata
from bot.config import Settings, load_settings
from storage import open_store
from storage.api import Store
from storage.crypto import new_key
from tests import pg

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
E2E = Path(__file__).resolve().parent / "e2e"

pin_tzdata()


def pytest_configure(config: pytest.Config) -> None:
    # Here rather than in tests/e2e/conftest.py: modules that conftest imports use the mark as they load.
    config.addinivalue_line(
        "markers", "example_bot(at=None, admins=None, editors=None, scheduler=False): the tests talk to the "
        "example bot, started so (tests/e2e/conftest.py: fixtures app, tg, admin)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/e2e/ is marked `e2e`, so `-m "not e2e"` leaves the stand-in runs out; `slow`
    tests go first, so that xdist hands them out one to each worker before the many quick ones, and the run does
    not end waiting on one worker that drew several process-starting tests at the end."""
    for item in items:
        if E2E in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def _seeded_random(request: pytest.FixtureRequest) -> None:
    """`random` is seeded from the test's own name: its chat ids and bot tokens are the same on every run, in any
    order and on any worker. (Keys, schema names and key prefixes stay truly random: `secrets`, not `random`.)"""
    random.seed(request.node.nodeid)


def seeds_dir() -> Path:
    return Path(os.environ.get("CASEWATCH_SEEDS") or REPO.parent / "shared" / "seeds")


@pytest.fixture
def seeds() -> Path:
    path = seeds_dir()
    if not path.is_dir() or not any(path.iterdir()):
        pytest.skip(f"seed documents not found at {path} (set CASEWATCH_SEEDS to their folder)")
    return path


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests never read the developer's own settings.
    for key in list(os.environ):
        if key in Settings.model_fields or key.upper() in {k.upper() for k in Settings.model_fields}:
            monkeypatch.delenv(key, raising=False)
    monkeypatch.delenv("CASEWATCH_CONFIG", raising=False)


@pytest.fixture(autouse=True)
def _data_key(_clean_env: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with a throwaway DATA_KEY (the stores it opens, and processes it starts, read it)."""
    # Random on purpose: no test depends on the key's value, and none may come to.
    key = new_key()
    monkeypatch.setenv("DATA_KEY", key)
    return key


@pytest.fixture
def example_settings(tmp_path: Path) -> Settings:
    return load_settings(
        EXAMPLES / "casewatch.toml",
        database_url=f"sqlite:///{tmp_path / 'cw.db'}",
        bot_token="123456:TEST",
        allow_private_urls=True,
    )


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield s
    await s.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL on a new, empty schema (skipped without TEST_POSTGRES_URL or a server)."""
    with pg.fresh_schema() as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url() -> Iterator[str]:
    """A PostgreSQL schema for the test module, migrated once."""
    with pg.fresh_schema() as url:
        pg.migrate(url)
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest_asyncio.fixture(params=["sqlite", "postgres"])
async def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """A store with no rows on each backend in turn: the repository tests run on both."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = str(request.getfixturevalue("pg_module_url"))
        await pg.empty(url)
    s = await open_store(url)
    yield s
    await s.close()
