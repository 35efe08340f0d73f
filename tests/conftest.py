"""Shared fixtures: example settings, a temporary store, the seeds folder."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.clock import pin_tzdata
from bot.config import Settings, load_settings
from storage import open_store
from storage.api import Store
from storage.crypto import new_key

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
E2E = Path(__file__).resolve().parent / "e2e"

pin_tzdata()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/e2e/ is marked `e2e`, so `-m "not e2e"` leaves the stand-in runs out."""
    for item in items:
        if E2E in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


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
