"""Two directories on one database, as two instances hold them: a change written through either is seen by the
other at its next check, and a check with nothing changed reads no cases."""

from __future__ import annotations

import logging

import pytest

from bot.cases.directory import CaseDirectory, case_to_input
from storage.api import Store
from storage.models import CaseInput

NOW = 1_700_000_000


def _case(slug: str, name: str) -> CaseInput:
    return CaseInput(
        slug=slug, name=name, name_en=None, name_kk=None, gender="m", timezone="Asia/Almaty", status="trial",
        court=None, description=None, description_en=None, description_kk=None, links=(), aliases=(), public=True,
        mirror_chat_id=None, mirror_chat=None,
    )


def _loads(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if r.name == "bot.cases.directory" and r.msg == "loaded %d cases")


async def _two(store: Store) -> tuple[CaseDirectory, CaseDirectory]:
    here, there = CaseDirectory(store), CaseDirectory(store)
    await here.load()
    await there.load()
    return here, there


async def test_a_case_added_through_one_directory_is_found_by_the_other(any_store: Store) -> None:
    _, there = await _two(any_store)
    async with any_store.transaction() as tx:
        await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="admin", now=NOW, overwrite=False)
    assert there.get("ivanov") is None
    assert await there.refresh_if_changed() is True
    found = there.get("ivanov")
    assert found is not None and there.search("Иван Иванов") == [found]


async def test_an_edit_an_alias_and_a_status_reach_the_other_directory(any_store: Store) -> None:
    async with any_store.transaction() as tx:
        await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="config", now=NOW, overwrite=False)
    here, there = await _two(any_store)
    before = there.get("ivanov")
    assert before is not None
    async with any_store.transaction() as tx:
        await tx.cases.upsert(case_to_input(before, name="Иван Петров", aliases=("Петров",)), origin="config",
                              now=NOW + 1, overwrite=True)
    assert await there.refresh_if_changed() is True
    edited = there.get("ivanov")
    assert edited is not None and edited.name == "Иван Петров" and there.search("Петров") == [edited]
    async with any_store.transaction() as tx:
        await tx.cases.set_status(before.id, "released", NOW + 2)
    assert await there.refresh_if_changed() is True
    released = there.get("ivanov")
    assert released is not None and released.status == "released"
    async with any_store.transaction() as tx:
        await tx.cases.set_mirror_chat_id(before.id, -100123)
    assert await there.refresh_if_changed() is True
    mirrored = there.get("ivanov")
    assert mirrored is not None and mirrored.mirror_chat_id == -100123
    assert await here.refresh_if_changed() is True  # the writer's own copy was not reloaded either


async def test_a_check_with_nothing_changed_reads_no_cases(
    any_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.cases.directory")
    async with any_store.transaction() as tx:
        await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="config", now=NOW, overwrite=False)
    _, there = await _two(any_store)
    loaded = _loads(caplog)
    assert [await there.refresh_if_changed() for _ in range(3)] == [False, False, False]
    assert _loads(caplog) == loaded


async def test_writes_that_change_nothing_a_case_holds_leave_the_version(any_store: Store) -> None:
    async with any_store.transaction() as tx:
        await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="config", now=NOW, overwrite=False)
    _, there = await _two(any_store)
    case = there.get("ivanov")
    assert case is not None
    async with any_store.transaction() as tx:
        # The same case imported again, with and without overwrite, and its closure recorded.
        assert await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="config", now=NOW + 5,
                                     overwrite=False) == "unchanged"
        assert await tx.cases.upsert(case_to_input(case), origin="config", now=NOW + 5, overwrite=True) == "unchanged"
        await tx.cases.set_closure(case.id, NOW + 5, None)
    assert await there.refresh_if_changed() is False


async def test_a_change_rolled_back_leaves_the_version(any_store: Store) -> None:
    _, there = await _two(any_store)
    with pytest.raises(RuntimeError):
        async with any_store.transaction() as tx:
            await tx.cases.upsert(_case("ivanov", "Иван Иванов"), origin="admin", now=NOW, overwrite=False)
            raise RuntimeError("the admin's transaction fails after the write")
    assert await there.refresh_if_changed() is False and there.get("ivanov") is None
