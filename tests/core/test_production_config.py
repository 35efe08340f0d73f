"""examples/production.toml, copied where a campaign runs the bot, works there: database beside it, settings valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cases.directory import import_cases
from bot.config import load_settings
from storage import open_store
from tests.conftest import EXAMPLES, REPO


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    folder = tmp_path / "campaign"
    folder.mkdir()
    shutil.copy(EXAMPLES / "production.toml", folder / "casewatch.toml")
    return folder / "casewatch.toml"


def test_the_database_lands_beside_the_copied_config(copied: Path) -> None:
    settings = load_settings(copied)
    path = settings.sqlite_path
    assert path is not None and path.resolve().is_relative_to(copied.parent.resolve())


def test_the_copied_config_validates_and_points_only_at_the_web(copied: Path) -> None:
    settings = load_settings(copied, bot_token="123456:TEST")
    assert settings.cases and settings.sources
    assert all(s.url.startswith("https://") for s in settings.sources)  # no local file that stayed behind
    slugs = {c.slug for c in settings.cases}
    assert all(s.case is None or s.case in slugs for s in settings.sources)
    text = copied.read_text(encoding="utf-8")
    assert text.count("EDIT") >= 5  # every placeholder says so


async def test_the_copied_config_opens_its_database_and_imports_its_cases(copied: Path) -> None:
    settings = load_settings(copied)
    assert settings.sqlite_path is not None
    store = await open_store(settings.database_url)
    try:
        counts = await import_cases(store, settings.cases, now=0, overwrite=False)
        assert counts["inserted"] == len(settings.cases)
    finally:
        await store.close()
    assert settings.sqlite_path.exists()


def test_the_readme_says_to_copy_the_production_config() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running for real", 1)[1].split("\n## ", 1)[0]
    assert "examples/production.toml" in section and "cp examples/casewatch.toml" not in section
