"""The database, its -wal and -shm files and its backups are owner-only whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import open_store
from storage.models import CaseInput

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


async def _write_something(url: str) -> None:
    store = await open_store(url)
    try:
        async with store.transaction() as tx:
            await tx.cases.upsert(CaseInput(slug="x", name="X", gender="m"), origin="import", now=1, overwrite=True)
        async with store.read() as tx:
            assert await tx.cases.get("x") is not None
        folder = Path(url[len("sqlite:///") :]).parent
        for name in ("cw.db", "cw.db-wal", "cw.db-shm"):  # all three exist while the store is open
            assert mode(folder / name) == 0o600, name
        await store.backup(folder / "copy.db")  # type: ignore[attr-defined]
    finally:
        await store.close()


async def test_new_database_folder_files_and_backup_are_owner_only(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "data"
    await _write_something(f"sqlite:///{folder / 'cw.db'}")
    assert mode(folder) == 0o700
    for path in folder.iterdir():
        assert mode(path) == 0o600, path.name
    assert (folder / "copy.db").stat().st_size > 0


async def test_an_older_world_readable_database_is_narrowed_at_open(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    await _write_something(f"sqlite:///{folder / 'cw.db'}")
    for path in folder.iterdir():
        os.chmod(path, 0o644)
    os.chmod(folder, 0o755)
    store = await open_store(f"sqlite:///{folder / 'cw.db'}")
    try:
        assert mode(folder) == 0o700
        for name in ("cw.db", "cw.db-wal", "cw.db-shm"):
            assert mode(folder / name) == 0o600, name
    finally:
        await store.close()


@pytest.mark.slow
def test_db_backup_command_writes_an_owner_only_copy(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "data"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'cw.db'}", "CASEWATCH_CONFIG": ""}
    run = [sys.executable, "-m", "bot", "db"]
    subprocess.run([*run, "migrate"], cwd=REPO, env=env, check=True, capture_output=True, timeout=30)
    subprocess.run([*run, "backup", str(tmp_path / "b.db")], cwd=REPO, env=env, check=True, capture_output=True,
                   timeout=30)
    assert mode(tmp_path / "b.db") == 0o600
    assert mode(folder) == 0o700 and mode(folder / "cw.db") == 0o600


async def test_the_working_folder_is_not_narrowed_but_the_files_are(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(tmp_path, 0o755)
    monkeypatch.chdir(tmp_path)
    store = await open_store("sqlite:///cw.db")
    await store.close()
    assert mode(tmp_path) == 0o755 and mode(tmp_path / "cw.db") == 0o600
