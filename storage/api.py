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
    sources: SourceRepo
    items: ItemRepo
    leases: LeaseRepo
    outbox: OutboxRepo


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


# --- sources and items (#3) ---
# Imported here rather than at the top so this section stays one appended block.
from collections.abc import Collection, Mapping  # noqa: E402
from typing import Any  # noqa: E402

SourceState = Literal["active", "paused", "removed"]
SourceStatus = Literal["ok", "failing", "paused", "removed", "new"]
ItemOutcome = Literal["new", "edited", "unchanged"]


@dataclass(frozen=True)
class SourceInput:
    """A source as declared in TOML or added by an admin."""

    id: str
    kind: str
    url: str
    case_id: int | None = None
    interval_s: int | None = None  # None: POLL_INTERVAL
    options: Mapping[str, Any] = field(default_factory=dict)  # follow_links, date_format, selectors, backfill
    origin: str = "config"
    state: SourceState = "active"
    created_by: int | None = None


@dataclass(frozen=True)
class SourceHealth:
    """How a source is doing: what `sources list` and admins see."""

    source_id: str
    state: str
    last_success_at: int | None
    last_error_at: int | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_at: int
    alerted: bool

    @property
    def status(self) -> SourceStatus:
        """ok | failing | paused | removed | new (never read yet)."""
        if self.state in ("paused", "removed"):
            return self.state  # type: ignore[return-value]
        if self.consecutive_failures > 0:
            return "failing"
        return "new" if self.last_success_at is None else "ok"


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    url: str
    case_id: int | None
    interval_s: int | None
    options: Mapping[str, Any]
    origin: str
    state: str
    etag: str | None
    last_modified: str | None
    last_success_at: int | None
    last_error_at: int | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_at: int
    alerted: bool
    baselined_at: int | None
    created_by: int | None
    created_at: int

    @property
    def health(self) -> SourceHealth:
        return SourceHealth(
            self.id, self.state, self.last_success_at, self.last_error_at, self.last_error,
            self.consecutive_failures, self.next_attempt_at, self.alerted,
        )


@dataclass(frozen=True)
class ItemInput:
    """One item as a source gave it, ready to store."""

    stable_id: str
    url: str | None
    title: str | None
    published_at: int | None
    text: str
    content_hash: str


@dataclass(frozen=True)
class Item:
    id: int
    source_id: str
    stable_id: str
    url: str | None
    title: str | None
    published_at: int | None
    fetched_at: int
    edited_at: int | None
    text: str
    content_hash: str
    extracted_hash: str | None
    baseline: bool


@dataclass(frozen=True)
class ItemUpsert:
    """What storing one item did: `new` (first seen), `edited` (content changed) or `unchanged`."""

    item_id: int
    stable_id: str
    outcome: ItemOutcome
    baseline: bool


class SourceRepo(Protocol):
    async def insert(self, source: SourceInput, *, now: int) -> bool: ...
    async def get(self, source_id: str) -> Source | None: ...
    async def claim_due(self, *, now: int, until: int, limit: int, due_only: bool = True) -> list[Source]: ...
    async def record_success(
        self, source_id: str, *, now: int, next_attempt_at: int, etag: str | None, last_modified: str | None,
        baselined: bool,
    ) -> None: ...
    async def record_failure(
        self, source_id: str, *, now: int, error: str, failures: int, next_attempt_at: int
    ) -> None: ...
    async def set_alerted(self, source_id: str, alerted: bool) -> None: ...
    async def set_state(self, source_id: str, state: SourceState, *, now: int) -> bool: ...
    async def set_next_attempt(self, source_id: str, at: int) -> None: ...
    async def list(self, *, states: Sequence[str] | None = None) -> list[Source]: ...


class ItemRepo(Protocol):
    async def upsert(self, source_id: str, item: ItemInput, *, now: int, baseline: bool) -> ItemUpsert: ...
    async def upsert_many(
        self, source_id: str, items: Sequence[ItemInput], *, now: int, baseline: Collection[str] = ()
    ) -> list[ItemUpsert]: ...
    async def known(self, source_id: str, stable_ids: Sequence[str]) -> set[str]: ...
    async def get(self, item_id: int) -> Item | None: ...
    async def for_source(self, source_id: str, *, limit: int = 100) -> list[Item]: ...
    async def pending_extraction(self, limit: int = 100) -> list[Item]: ...
    async def mark_extracted(self, item_id: int, content_hash: str) -> None: ...
    async def prune(self, *, before: int) -> int: ...


class LeaseRepo(Protocol):
    async def acquire(self, name: str, holder: str, now: int, ttl_s: int) -> bool: ...
    async def release(self, name: str, holder: str) -> bool: ...
    async def holder(self, name: str, now: int) -> str | None: ...


# --- outbox (#5) ---
OutboxState = Literal["pending", "sending", "sent", "failed", "cancelled"]
PRIORITY_INTERACTIVE = 0
PRIORITY_REMINDER = 5
PRIORITY_BROADCAST = 9


@dataclass(frozen=True)
class OutboxRow:
    id: int
    announcement_id: int
    chat_id: int
    state: OutboxState
    priority: int
    attempts: int
    next_at: int
    claimed_by: str | None
    lease_until: int | None
    tg_message_id: int | None
    last_error: str | None
    sent_at: int | None


class OutboxRepo(Protocol):
    async def enqueue(self, announcement_id: int, chat_ids: Sequence[int], *, priority: int, next_at: int) -> int: ...
