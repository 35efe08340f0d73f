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
    name_gen: str | None = None
    name_ins: str | None = None
    court_en: str | None = None
    court_kk: str | None = None
    address: str | None = None
    address_en: str | None = None
    address_kk: str | None = None


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
    name_gen: str | None = None  # hand-set Russian genitive; None: pymorphy3 declines the name
    name_ins: str | None = None  # hand-set Russian instrumental
    court_en: str | None = None
    court_kk: str | None = None
    address: str | None = None  # the court's address
    address_en: str | None = None
    address_kk: str | None = None

    def court_in(self, lang: str) -> str | None:
        """The court's name in the reader's language, else in Russian."""
        return _in_lang(lang, self.court, self.court_en, self.court_kk)

    def address_in(self, lang: str) -> str | None:
        return _in_lang(lang, self.address, self.address_en, self.address_kk)

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


def _in_lang(lang: str, ru: str | None, en: str | None, kk: str | None) -> str | None:
    if lang == "en" and en:
        return en
    if lang == "kk" and kk:
        return kk
    return ru


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
    language_chosen: bool = False  # chosen with /lang; until then a private chat follows Telegram's language


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
    async def closure(self, case_id: int) -> tuple[int | None, int | None]: ...
    async def set_closure(self, case_id: int, closed_since: int | None, farewell_at: int | None) -> None: ...


class ChatRepo(Protocol):
    async def ensure(self, chat_id: int, chat_type: str, language: str, now: int) -> Chat: ...
    async def get(self, chat_id: int) -> Chat | None: ...
    async def set_language(self, chat_id: int, language: str) -> None: ...
    async def follow_language(self, chat_id: int, language: str) -> bool: ...
    async def set_active(self, chat_id: int, active: bool, now: int) -> None: ...
    async def set_reminders(self, chat_id: int, offsets: Sequence[int] | None) -> None: ...
    async def set_news_mentions(self, chat_id: int, on: bool) -> None: ...
    async def move(self, old_id: int, new_id: int, new_type: str) -> None: ...
    async def forget(self, chat_id: int) -> None: ...
    async def exists_anywhere(self, chat_id: int) -> list[str]: ...
    async def prune_inactive(self, before: int) -> int: ...


class SubscriptionRepo(Protocol):
    async def follow(self, chat_id: int, case_id: int, level: Level, now: int) -> bool: ...
    async def unfollow(self, chat_id: int, case_id: int) -> bool: ...
    async def get(self, chat_id: int, case_id: int) -> Subscription | None: ...
    async def for_chat(self, chat_id: int) -> list[Subscription]: ...
    async def followers(self, case_id: int, levels: Sequence[Level]) -> list[int]: ...
    async def counts(self) -> list[CaseFollowers]: ...
    async def for_case(self, case_id: int) -> list[int]: ...
    async def drop_case(self, case_id: int) -> int: ...


class Tx(Protocol):
    """Repositories bound to one transaction (or one read snapshot). Read-only, so any repo class fits."""

    @property
    def cases(self) -> CaseRepo: ...

    @property
    def chats(self) -> ChatRepo: ...

    @property
    def subscriptions(self) -> SubscriptionRepo: ...

    @property
    def sources(self) -> SourceRepo: ...

    @property
    def items(self) -> ItemRepo: ...

    @property
    def leases(self) -> LeaseRepo: ...

    @property
    def reports(self) -> ReportRepo: ...

    @property
    def outbox(self) -> OutboxRepo: ...

    @property
    def editors(self) -> EditorRepo: ...

    @property
    def invites(self) -> InviteRepo: ...

    @property
    def drafts(self) -> DraftRepo: ...

    @property
    def audit(self) -> AuditRepo: ...

    @property
    def dialogs(self) -> DialogRepo: ...

    @property
    def findings(self) -> FindingRepo: ...

    @property
    def hearings(self) -> HearingRepo: ...

    @property
    def announcements(self) -> AnnouncementRepo: ...

    @property
    def install(self) -> InstallRepo: ...



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
    async def record_unchanged(self, rows: Sequence[tuple[str, int, int]]) -> None: ...
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


class ReportRepo(Protocol):
    """Follower reports' marks and counts: keyed hashes, never a chat id."""

    async def marked(self, mark: str) -> bool: ...
    async def mark(self, mark: str, hearing_id: int, expires_at: int) -> bool: ...
    async def count(self, key: str, limit: int, expires_at: int) -> bool: ...
    async def prune(self, now: int) -> int: ...


class LeaseRepo(Protocol):
    async def acquire(self, name: str, holder: str, now: int, ttl_s: int) -> bool: ...
    async def release(self, name: str, holder: str) -> bool: ...
    async def holder(self, name: str, now: int) -> str | None: ...
    async def prune(self, prefix: str, before: int) -> int: ...


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
    """The outbox. `claim` and every write run inside `store.transaction()`; none spans a network call."""

    async def enqueue(self, announcement_id: int, chat_ids: Sequence[int], *, priority: int, next_at: int) -> int: ...
    async def claim(self, worker: str, n: int, lease_s: int, now: int) -> list[OutboxRow]: ...
    async def get(self, outbox_id: int) -> OutboxRow | None: ...
    async def mark_sent(self, outbox_id: int, tg_message_id: int | None, now: int) -> None: ...
    async def retry_later(self, outbox_id: int, next_at: int, error: str) -> None: ...
    async def release(self, outbox_id: int) -> None: ...
    async def release_worker(self, worker: str) -> int: ...
    async def release_dead_workers(self, alive_prefix: str, worker: str, now: int) -> int: ...
    async def mark_failed(self, outbox_id: int, error: str) -> None: ...
    async def cancel(self, outbox_id: int, reason: str) -> None: ...
    async def cancel_pending_for_chat(self, chat_id: int) -> int: ...
    async def cancel_for_announcement(self, announcement_id: int) -> int: ...
    async def release_expired(self, now: int) -> int: ...
    async def extend_lease(self, outbox_id: int, until: int) -> None: ...
    async def move_chat(self, old: int, new: int) -> int: ...
    async def sent_messages(self, announcement_id: int) -> list[tuple[int, int]]: ...
    async def counts(self, since: int) -> dict[str, int]: ...
    async def pending_due(self, now: int) -> int: ...
    async def sending(self) -> int: ...


# --- admin (#6) ---
@dataclass(frozen=True)
class Editor:
    case_id: int
    user_id: int
    granted_by: int
    created_at: int


@dataclass(frozen=True)
class Draft:
    """A preview awaiting Confirm: what will happen, exactly as shown."""

    token: str
    admin_id: int
    kind: str
    payload: dict[str, Any]
    payload_hash: str
    expires_at: int


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: int
    actor_id: int
    role: str
    action: str
    case_id: int | None
    target: str | None
    details: dict[str, Any]
    target_user: int | None = None  # the editor an editor.* action was about


class EditorRepo(Protocol):
    async def grant(self, case_id: int, user_id: int, granted_by: int, now: int) -> bool: ...
    async def revoke(self, case_id: int, user_id: int) -> bool: ...
    async def cases_of(self, user_id: int) -> set[int]: ...
    async def list(self, case_id: int | None = None) -> list[Editor]: ...
    async def forget_user(self, user_id: int) -> None: ...


class InviteRepo(Protocol):
    async def create(self, token_hash: str, case_id: int, created_by: int, expires_at: int) -> None: ...
    async def use(self, token_hash: str, user_id: int, now: int) -> tuple[int, int] | None: ...
    async def forget_user(self, user_id: int) -> None: ...
    async def prune(self, before: int) -> int: ...


class DraftRepo(Protocol):
    async def create(self, draft: Draft) -> None: ...
    async def consume(self, token: str, admin_id: int, now: int) -> Draft | None: ...
    async def discard(self, token: str, admin_id: int, now: int) -> bool: ...
    async def prune(self, before: int) -> int: ...
    async def forget_user(self, admin_id: int) -> None: ...


class AuditRepo(Protocol):
    async def record(self, *, at: int, actor_id: int, role: str, action: str, case_id: int | None = None,
                     target: str | None = None, target_user: int | None = None,
                     details: dict[str, Any] | None = None) -> None: ...
    async def recent(self, limit: int = 50) -> list[AuditEntry]: ...


# --- events (#4/#5) ---
FindingKind = Literal["hearing", "statement", "mention", "report"]  # report: a follower says a hearing is wrong
FindingState = Literal["auto", "pending", "approved", "rejected", "superseded"]
HearingStatus = Literal["scheduled", "postponed", "cancelled", "held"]
ACTIVE_HEARING = ("scheduled", "postponed")  # statuses that still lie ahead: announced, reminded, listed


@dataclass(frozen=True)
class FindingInput:
    """What extraction (or an admin) found in one item, before it is stored."""

    case_id: int
    kind: FindingKind
    confidence: float
    state: FindingState
    item_id: int | None = None
    local_date: str | None = None
    local_time: str | None = None
    when: str | None = None  # 'upcoming' | 'past' relative to the item's publication
    postponed: bool = False
    evidence: str | None = None
    conflict_hearing_id: int | None = None  # held for review: this hearing of the case has another date


@dataclass(frozen=True)
class Finding:
    id: int
    item_id: int | None
    case_id: int
    kind: FindingKind
    local_date: str | None
    local_time: str | None
    when: str | None
    postponed: bool
    confidence: float
    evidence: str | None
    state: FindingState
    hearing_id: int | None
    reviewed_by: int | None
    reviewed_at: int | None
    created_at: int
    conflict_hearing_id: int | None = None


@dataclass(frozen=True)
class FindingReport:
    """A hearing finding with where it was read: its item's link and source (None for admin input)."""

    finding: Finding
    url: str | None
    source_id: str | None


@dataclass(frozen=True)
class Hearing:
    """A hearing: its court-local date, optional time and zone are the truth (no stored instant)."""

    id: int
    case_id: int
    local_date: str
    local_time: str | None
    tz: str
    court: str | None
    status: HearingStatus
    revision: int
    created_at: int
    updated_at: int

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_HEARING


@dataclass(frozen=True)
class HearingChange:
    """One line of a hearing's history: what revision `revision` changed, and why."""

    hearing_id: int
    revision: int
    old_date: str | None
    new_date: str | None
    old_time: str | None
    new_time: str | None
    old_status: str | None
    new_status: str | None
    cause: str  # 'finding' | 'admin' | 'postponement' | 'time_learned' | 'cancel' | 'held'
    ref: str | None
    at: int


@dataclass(frozen=True)
class Announcement:
    id: int
    kind: str
    case_id: int | None
    hearing_id: int | None
    min_level: Level
    payload: dict[str, Any]
    dedupe_key: str
    created_by: int | None
    created_at: int


@dataclass(frozen=True)
class Follower:
    """An active chat following a case, with what the reminder tick needs to know of it."""

    chat_id: int
    level: Level
    reminder_offsets: tuple[int, ...] | None  # None: the configured default
    news_mentions: bool
    since: int  # when it started following


class FindingRepo(Protocol):
    async def insert(self, finding: FindingInput, *, now: int) -> Finding: ...
    async def get(self, finding_id: int) -> Finding | None: ...
    async def for_item(self, item_id: int) -> list[Finding]: ...
    async def pending(self, *, limit: int = 50) -> list[Finding]: ...
    async def count_pending(self) -> int: ...
    async def set_state(
        self, finding_id: int, state: FindingState, *, hearing_id: int | None = None,
        reviewed_by: int | None = None, reviewed_at: int | None = None,
    ) -> None: ...
    async def supersede_pending(self, item_id: int) -> int: ...
    async def pending_report(self, hearing_id: int) -> Finding | None: ...
    async def reports(self, case_id: int, local_date: str) -> list[FindingReport]: ...
    async def for_hearing(self, hearing_id: int) -> list[FindingReport]: ...
    async def mark_conflict(self, finding_id: int, hearing_id: int) -> None: ...
    async def evidence_for_hearing(self, hearing_id: int) -> str | None: ...


class HearingRepo(Protocol):
    async def insert(
        self, *, case_id: int, local_date: str, local_time: str | None, tz: str, court: str | None,
        status: HearingStatus, now: int,
    ) -> Hearing: ...
    async def get(self, hearing_id: int) -> Hearing | None: ...
    async def on_date(self, case_id: int, local_date: str) -> list[Hearing]: ...
    async def for_case(self, case_id: int, *, from_date: str | None = None, active_only: bool = False) -> list[Hearing]: ...
    async def upcoming(self, *, from_date: str, case_ids: Sequence[int] | None = None, limit: int = 50) -> list[Hearing]: ...
    async def active_between(self, from_date: str, to_date: str) -> list[Hearing]: ...
    async def moved_from(self, case_id: int, local_date: str) -> list[Hearing]: ...
    async def update(
        self, hearing_id: int, *, local_date: str, local_time: str | None, status: HearingStatus,
        court: str | None, revision: int, now: int,
    ) -> None: ...
    async def add_change(self, change: HearingChange) -> None: ...
    async def changes(self, hearing_id: int) -> list[HearingChange]: ...
    async def add_source(self, hearing_id: int, url: str) -> bool: ...
    async def sources(self, hearing_id: int) -> list[str]: ...


class AnnouncementRepo(Protocol):
    async def insert(
        self, *, kind: str, case_id: int | None, hearing_id: int | None, min_level: Level,
        payload: Mapping[str, Any], dedupe_key: str, created_by: int | None, now: int,
    ) -> tuple[Announcement, bool]: ...
    async def get(self, announcement_id: int) -> Announcement | None: ...
    async def by_key(self, dedupe_key: str) -> Announcement | None: ...
    async def for_hearing(self, hearing_id: int) -> list[Announcement]: ...
    async def for_case(self, case_id: int, *, limit: int = 20) -> list[Announcement]: ...
    async def followers(self, case_id: int, levels: Sequence[Level], *, news_only: bool = False) -> list[Follower]: ...
    async def queued_chats(self, announcement_id: int) -> set[int]: ...
    async def prune_outbox(self, *, before: int) -> int: ...
    async def set_mirror_chat_id(self, case_id: int, chat_id: int | None) -> None: ...
    async def drop_outbox_for_case(self, case_id: int) -> int: ...
    async def unfinished(self, announcement_id: int) -> int: ...


# --- dialogs (aiogram FSM) ---
class DialogRepo(Protocol):
    async def get(self, key: str) -> tuple[str | None, dict[str, Any]]: ...
    async def set_state(self, key: str, chat_id: int, state: str | None, now: int) -> None: ...
    async def set_data(self, key: str, chat_id: int, data: dict[str, Any], now: int) -> None: ...
    async def prune(self, before: int) -> int: ...


# --- this install's own values ---


class InstallRepo(Protocol):
    async def get(self, key: str) -> str | None: ...
    async def put_once(self, key: str, value: str) -> str: ...
