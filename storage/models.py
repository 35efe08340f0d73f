"""The records storage hands out and takes in: frozen dataclasses and the literal types of their fields.

Instants are Unix seconds UTC; court-local dates and times are `YYYY-MM-DD` / `HH:MM` strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

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


@dataclass
class MigrationInfo:
    applied: list[int] = field(default_factory=list)
    version: int = 0


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


# held: waits for the chat's daily digest (`next_at` is its moment); the digest tick marks it sent.
OutboxState = Literal["pending", "sending", "sent", "failed", "cancelled", "held"]
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


EditState = Literal["pending", "sending", "done", "skipped", "failed"]


@dataclass(frozen=True)
class MessageEdit:
    """A claimed edit of a message already sent: the delivery row it edits, and what the edit is to say.

    `tg_message_id` is None while that row has not been sent (and for good if it never was).
    """

    id: int
    outbox_id: int
    announcement_id: int
    chat_id: int
    outbox_state: OutboxState
    tg_message_id: int | None
    hearing_id: int
    revision: int
    payload: dict[str, Any]
    attempts: int


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


@dataclass(frozen=True)
class DigestSetting:
    """A chat takes its news as one daily digest at `hour` o'clock in `timezone`."""

    chat_id: int
    hour: int
    timezone: str
    last_day: str | None  # YYYY-MM-DD in `timezone` of the last digest composed
    updated_at: int


@dataclass(frozen=True)
class HeldRow:
    """An outbox row waiting for its chat's digest."""

    outbox_id: int
    announcement_id: int
    chat_id: int
    due_at: int


@dataclass(frozen=True)
class TopicBinding:
    """In a group with topics, the topic (message thread) a followed case's messages go to."""

    chat_id: int
    case_id: int
    thread_id: int


# --- a case's letters card ---
# Every stored field of a card, in column order (the table's other columns are its keys and time).
LETTER_COLUMNS = (
    "address", "address_en", "address_kk", "rules", "rules_en", "rules_kk", "service_url", "service_name",
    "birthday",
)


@dataclass(frozen=True)
class Letters:
    """How to write to a case's detainee; every field may be empty."""

    case_id: int
    address: str | None = None
    address_en: str | None = None
    address_kk: str | None = None
    rules: str | None = None
    rules_en: str | None = None
    rules_kk: str | None = None
    service_url: str | None = None
    service_name: str | None = None
    birthday: str | None = None  # MM-DD or YYYY-MM-DD

    @property
    def has_card(self) -> bool:
        """Whether there is anything to show behind "Write" (a birthday alone is not a card)."""
        return any(getattr(self, f) for f in LETTER_COLUMNS if f != "birthday")

    def with_value(self, field: str, value: str | None) -> Letters:
        if field not in LETTER_COLUMNS:
            raise ValueError(f"not a letters field: {field}")
        changes: dict[str, object] = {field: value}
        return replace(self, **changes)  # type: ignore[arg-type]

    def values(self) -> tuple[str | None, ...]:
        return tuple(getattr(self, f) for f in LETTER_COLUMNS)


@dataclass(frozen=True)
class HearingKit:
    """What admins set about one hearing for those who go: the courtroom, and whether the public may sit in."""

    hearing_id: int
    courtroom: str | None = None
    open_to_public: bool | None = None  # None: not known


@dataclass(frozen=True)
class CaseKit:
    """A case's advice for every hearing: arrive this many minutes early, and what to bring besides an ID."""

    case_id: int
    arrive_minutes: int | None = None
    bring: str | None = None
    bring_en: str | None = None
    bring_kk: str | None = None

    def bring_in(self, lang: str) -> str | None:
        return _in_lang(lang, self.bring, self.bring_en, self.bring_kk)
