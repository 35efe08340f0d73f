"""What the rest of the app may know about storage: dataclasses, repository Protocols, `Store`.

No cursor, row or driver type leaves `storage/`. A write goes through
`async with store.transaction() as tx:` and uses the repositories bound to that transaction;
`async with store.read() as tx:` gives the same repositories on a read-only snapshot.
Instants are Unix seconds UTC; court-local dates and times are `YYYY-MM-DD` / `HH:MM` strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Literal, Protocol

Level = Literal["all", "hearings"]
LEVELS: tuple[Level, ...] = ("all", "hearings")
UpsertResult = Literal["inserted", "updated", "unchanged"]


@dataclass(frozen=True)
class CaseInput:
    """The fields of a case as declared in TOML or entered by an admin."""

    slug: str
    name: str
    name_en: str | None = None
    name_kk: str | None = None
    gender: str | None = None
    timezone: str = "Asia/Almaty"
    status: str = "detained"
    court: str | None = None
    description: str | None = None
    description_en: str | None = None
    description_kk: str | None = None
    links: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    public: bool = True
    mirror_chat_id: int | None = None
    mirror_chat: str | None = None


@dataclass(frozen=True)
class Case:
    id: int
    slug: str
    name: str
    name_en: str | None
    name_kk: str | None
    gender: str | None
    timezone: str
    status: str
    court: str | None
    description: str | None
    description_en: str | None
    description_kk: str | None
    links: tuple[str, ...]
    aliases: tuple[str, ...]
    public: bool
    mirror_chat_id: int | None
    mirror_chat: str | None
    origin: str
    created_at: int
    updated_at: int

    def display_name(self, lang: str) -> str:
        if lang == "en" and self.name_en:
            return self.name_en
        if lang == "kk" and self.name_kk:
            return self.name_kk
        return self.name

    def describe(self, lang: str) -> str | None:
        if lang == "en" and self.description_en:
            return self.description_en
        if lang == "kk" and self.description_kk:
            return self.description_kk
        return self.description


@dataclass(frozen=True)
class Chat:
    """All that is stored about a person or group: no names, no usernames."""

    id: int
    type: str
    language: str
    active: bool
    reminder_offsets: tuple[int, ...] | None  # None: the configured default
    news_mentions: bool
    created_at: int
    deactivated_at: int | None


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    case_id: int
    level: Level
    created_at: int


@dataclass(frozen=True)
class CaseFollowers:
    case_id: int
    level: Level
    count: int


class CaseRepo(Protocol):
    async def upsert(self, case: CaseInput, *, origin: str, now: int, overwrite: bool) -> UpsertResult: ...
    async def get(self, slug: str) -> Case | None: ...
    async def get_by_id(self, case_id: int) -> Case | None: ...
    async def list(self, *, public_only: bool = True) -> list[Case]: ...
    async def set_status(self, case_id: int, status: str, now: int) -> None: ...


class ChatRepo(Protocol):
    async def ensure(self, chat_id: int, chat_type: str, language: str, now: int) -> Chat: ...
    async def get(self, chat_id: int) -> Chat | None: ...
    async def set_language(self, chat_id: int, language: str) -> None: ...
    async def set_active(self, chat_id: int, active: bool, now: int) -> None: ...
    async def set_reminders(self, chat_id: int, offsets: Sequence[int] | None) -> None: ...
    async def set_news_mentions(self, chat_id: int, on: bool) -> None: ...
    async def move(self, old_id: int, new_id: int, new_type: str) -> None: ...
    async def forget(self, chat_id: int) -> None: ...
    async def exists_anywhere(self, chat_id: int) -> list[str]: ...


class SubscriptionRepo(Protocol):
    async def follow(self, chat_id: int, case_id: int, level: Level, now: int) -> bool: ...
    async def unfollow(self, chat_id: int, case_id: int) -> bool: ...
    async def get(self, chat_id: int, case_id: int) -> Subscription | None: ...
    async def for_chat(self, chat_id: int) -> list[Subscription]: ...
    async def followers(self, case_id: int, levels: Sequence[Level]) -> list[int]: ...
    async def counts(self) -> list[CaseFollowers]: ...


class Tx(Protocol):
    """Repositories bound to one transaction (or one read snapshot)."""

    cases: CaseRepo
    chats: ChatRepo
    subscriptions: SubscriptionRepo


class Store(Protocol):
    def transaction(self) -> AbstractAsyncContextManager[Tx]: ...
    def read(self) -> AbstractAsyncContextManager[Tx]: ...
    async def close(self) -> None: ...
    @property
    def backend(self) -> str: ...


@dataclass
class MigrationInfo:
    applied: list[int] = field(default_factory=list)
    version: int = 0
