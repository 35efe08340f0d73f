"""The seam between events and delivery: every announcement kind and the typed payload of each.

Events build a payload with these types and store its `to_json()` in `announcements.payload`; the
renderer reads a stored row back with `decode(kind, payload)` and dispatches on the class, so a kind
that is made but not rendered (or a key misspelt) is a type error, not a failure at send time.

The JSON is the stored form and stays byte for byte what it was: keys in the same order, optional
keys written only when the events wrote them. Reading is lenient about missing keys (a key a stored
row lacks reads as render always read it) and strict about types: a value of the wrong type raises
`PayloadError`, which the sender reports once as an announcement that cannot be rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal, Self, TypeGuard, assert_never, get_args

from storage.models import HearingStatus

AnnouncementKind = Literal[
    "hearing_new", "hearing_changed", "hearing_cancelled", "reminder",
    "statement", "mention", "update", "correction", "status", "admin_notice", "case_closed", "digest",
    "birthday", "how_it_went",
]
ANNOUNCEMENT_KINDS: tuple[str, ...] = get_args(AnnouncementKind)

# What a hearing payload says happened to the hearing at its revision.
HearingChangeKind = Literal[
    "new", "postponed", "moved", "corrected", "time_set", "time_changed", "cancelled", "reminder",
]
HEARING_CHANGE_KINDS: tuple[str, ...] = get_args(HearingChangeKind)

# Why a hearing got a revision: the `cause` of its `hearing_changes` row.
HearingCause = Literal[
    "finding", "admin", "postponement", "time_learned", "cancel", "held", "correction", "status",
]

HEARING_STATUSES: tuple[str, ...] = get_args(HearingStatus)

Json = dict[str, Any]
NoticeArg = str | int


class PayloadError(ValueError):
    """A stored payload that does not fit its kind. The message names the key, never its value."""


def is_announcement_kind(kind: str) -> TypeGuard[AnnouncementKind]:
    return kind in ANNOUNCEMENT_KINDS


def _is_change_kind(value: str) -> TypeGuard[HearingChangeKind]:
    return value in HEARING_CHANGE_KINDS


def _is_hearing_status(value: str) -> TypeGuard[HearingStatus]:
    return value in HEARING_STATUSES


# --- reading stored JSON -----------------------------------------------------------------------


def _opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise PayloadError(f"{key}: not text")


def _str(data: Mapping[str, Any], key: str) -> str:
    value = _opt_str(data, key)
    if value is None:
        raise PayloadError(f"{key}: missing")
    return value


def _opt_int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise PayloadError(f"{key}: not a number")


def _opt_bool(data: Mapping[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise PayloadError(f"{key}: not true or false")


def _hearing_status(data: Mapping[str, Any], key: str) -> HearingStatus | None:
    value = _opt_str(data, key)
    if value is None:
        return None
    if _is_hearing_status(value):
        return value
    raise PayloadError(f"{key}: not a hearing status")


def _change_kind(data: Mapping[str, Any], key: str) -> HearingChangeKind:
    value = _opt_str(data, key) or "new"  # rows that never said what changed told of a new hearing
    if _is_change_kind(value):
        return value
    raise PayloadError(f"{key}: not a hearing change")


# --- hearings ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class HearingFacts:
    """A hearing as it stood at one revision (the hearing row may move on after the message is made).

    `old_date`/`old_time` are the revision before (written only when there was one), `link` the source
    that told of it, `found` whether it came from the news rather than a person (followers may then
    report it as wrong). `hearing` is 0 in an admin's preview of a hearing not stored yet.
    """

    hearing: int | None
    revision: int | None
    date: str
    time: str | None
    tz: str | None
    court: str | None
    status: HearingStatus | None
    change: HearingChangeKind
    old_date: str | None = None
    old_time: str | None = None
    link: str | None = None
    found: bool | None = None

    def to_json(self) -> Json:
        data: Json = {
            "hearing": self.hearing, "revision": self.revision, "date": self.date, "time": self.time,
            "tz": self.tz, "court": self.court, "status": self.status, "change": self.change,
        }
        if self.old_date is not None:
            data["old_date"] = self.old_date
            data["old_time"] = self.old_time
        if self.link:
            data["link"] = self.link
        if self.found is not None:
            data["found"] = self.found
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(
            hearing=_opt_int(data, "hearing"), revision=_opt_int(data, "revision"), date=_str(data, "date"),
            time=_opt_str(data, "time"), tz=_opt_str(data, "tz"), court=_opt_str(data, "court"),
            status=_hearing_status(data, "status"), change=_change_kind(data, "change"),
            old_date=_opt_str(data, "old_date"), old_time=_opt_str(data, "old_time"),
            link=_opt_str(data, "link"), found=_opt_bool(data, "found"),
        )


@dataclass(frozen=True, kw_only=True)
class HearingNew(HearingFacts):
    """A hearing is set (or a postponement to a date with no hearing known before)."""

    KIND: ClassVar[AnnouncementKind] = "hearing_new"


@dataclass(frozen=True, kw_only=True)
class HearingChanged(HearingFacts):
    """A hearing moved, was corrected, or got (another) time."""

    KIND: ClassVar[AnnouncementKind] = "hearing_changed"


@dataclass(frozen=True, kw_only=True)
class HearingCancelled(HearingFacts):
    KIND: ClassVar[AnnouncementKind] = "hearing_cancelled"


@dataclass(frozen=True, kw_only=True)
class Reminder(HearingFacts):
    """A reminder of a hearing; `offset` is minutes before it ("120"), or "eve"/"morn" for a date only."""

    KIND: ClassVar[AnnouncementKind] = "reminder"
    offset: str = ""

    def to_json(self) -> Json:
        return {**super().to_json(), "offset": self.offset}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return replace(super().from_json(data), offset=_opt_str(data, "offset") or "")


def revision_of(payload: Mapping[str, Any]) -> int | None:
    """The revision a stored hearing payload was made for, read alone: a reminder whose hearing moved on
    is dropped on this before the rest of it is read."""
    value = payload.get("revision")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- posts -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Excerpt:
    title: str | None
    excerpt: str
    link: str | None
    item: int | None

    def to_json(self) -> Json:
        return {"title": self.title, "excerpt": self.excerpt, "link": self.link, "item": self.item}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(title=_opt_str(data, "title"), excerpt=_opt_str(data, "excerpt") or "",
                   link=_opt_str(data, "link"), item=_opt_int(data, "item"))


@dataclass(frozen=True, kw_only=True)
class Statement(_Excerpt):
    """The detainee's (or the defence's) own words, quoted from a source."""

    KIND: ClassVar[AnnouncementKind] = "statement"


@dataclass(frozen=True, kw_only=True)
class Mention(_Excerpt):
    """A news item naming the case."""

    KIND: ClassVar[AnnouncementKind] = "mention"


@dataclass(frozen=True, kw_only=True)
class _Html:
    text_html: str  # already-safe Telegram HTML

    def to_json(self) -> Json:
        return {"text_html": self.text_html}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(text_html=_opt_str(data, "text_html") or "")


@dataclass(frozen=True, kw_only=True)
class Update(_Html):
    """An admin's or editor's update."""

    KIND: ClassVar[AnnouncementKind] = "update"


@dataclass(frozen=True, kw_only=True)
class Correction(_Html):
    """A correction of something said before (rendered; no event makes one yet)."""

    KIND: ClassVar[AnnouncementKind] = "correction"


@dataclass(frozen=True, kw_only=True)
class HowItWent(_Html):
    """An admin's short account of a hearing, to the chats that said they were going (`date`: the hearing's)."""

    KIND: ClassVar[AnnouncementKind] = "how_it_went"
    date: str

    def to_json(self) -> Json:
        return {**super().to_json(), "date": self.date}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(text_html=_opt_str(data, "text_html") or "", date=_str(data, "date"))


@dataclass(frozen=True, kw_only=True)
class CancelledHearing:
    """One hearing a final status cancelled, as the status message lists it."""

    date: str
    time: str | None
    tz: str | None

    def to_json(self) -> Json:
        return {"date": self.date, "time": self.time, "tz": self.tz}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(date=_str(data, "date"), time=_opt_str(data, "time"), tz=_opt_str(data, "tz"))


@dataclass(frozen=True, kw_only=True)
class StatusChange:
    """The case's status changed; a final one lists the hearings it cancelled."""

    KIND: ClassVar[AnnouncementKind] = "status"
    old_status: str | None
    new_status: str | None
    cancelled: tuple[CancelledHearing, ...] = ()

    def to_json(self) -> Json:
        data: Json = {"old_status": self.old_status, "new_status": self.new_status}
        if self.cancelled:
            data["cancelled"] = [c.to_json() for c in self.cancelled]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        cancelled = data.get("cancelled") or []
        if not isinstance(cancelled, list) or not all(isinstance(c, dict) for c in cancelled):
            raise PayloadError("cancelled: not a list of hearings")
        return cls(old_status=_opt_str(data, "old_status"), new_status=_opt_str(data, "new_status"),
                   cancelled=tuple(CancelledHearing.from_json(c) for c in cancelled))


# --- to admins, and farewells ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AdminNotice:
    """A notice to the admins: the text `key` of the locale files, with its arguments."""

    KIND: ClassVar[AnnouncementKind] = "admin_notice"
    key: str
    args: dict[str, NoticeArg] = field(default_factory=dict)

    def to_json(self) -> Json:
        return {"key": self.key, "args": dict(self.args)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        args = data.get("args") or {}
        if not isinstance(args, dict) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in args.values()
        ):
            raise PayloadError("args: not text or numbers")
        return cls(key=_opt_str(data, "key") or "", args=dict(args))


@dataclass(frozen=True, kw_only=True)
class CaseClosed:
    """The case has been closed for `days`: its followers are let go."""

    KIND: ClassVar[AnnouncementKind] = "case_closed"
    days: int

    def to_json(self) -> Json:
        return {"days": self.days}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(days=_opt_int(data, "days") or 0)


# --- one chat's daily digest -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DigestItem:
    """One held announcement as a digest lists it: its kind, case, a line of plain text and its link."""

    kind: str  # statement | mention | update
    case: int | None
    summary: str
    link: str | None
    at: int | None = None  # when it was announced

    def to_json(self) -> Json:
        return {"kind": self.kind, "case": self.case, "summary": self.summary, "link": self.link, "at": self.at}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        return cls(kind=_opt_str(data, "kind") or "", case=_opt_int(data, "case"),
                   summary=_opt_str(data, "summary") or "", link=_opt_str(data, "link"), at=_opt_int(data, "at"))


@dataclass(frozen=True, kw_only=True)
class Digest:
    """A chat's news of one day as one message (or part `part` of `parts`), made for that chat alone.

    `cases` holds each listed case's name in every language (by case id as text), so the message reads the
    same whatever language the chat has by the time it is sent; `thread` is the forum topic it goes to.
    """

    KIND: ClassVar[AnnouncementKind] = "digest"
    day: str  # YYYY-MM-DD in `tz`
    tz: str
    hour: int | None
    part: int = 1
    parts: int = 1
    thread: int | None = None
    items: tuple[DigestItem, ...] = ()
    cases: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> Json:
        return {"day": self.day, "tz": self.tz, "hour": self.hour, "part": self.part, "parts": self.parts,
                "thread": self.thread, "items": [i.to_json() for i in self.items],
                "cases": {k: dict(v) for k, v in self.cases.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        items = data.get("items") or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise PayloadError("items: not a list of items")
        cases = data.get("cases") or {}
        if not isinstance(cases, dict) or not all(
            isinstance(v, dict) and all(isinstance(n, str) for n in v.values()) for v in cases.values()
        ):
            raise PayloadError("cases: not names by language")
        return cls(day=_str(data, "day"), tz=_opt_str(data, "tz") or "UTC", hour=_opt_int(data, "hour"),
                   part=_opt_int(data, "part") or 1, parts=_opt_int(data, "parts") or 1,
                   thread=_opt_int(data, "thread"), items=tuple(DigestItem.from_json(i) for i in items),
                   cases={str(k): dict(v) for k, v in cases.items()})
@dataclass(frozen=True, kw_only=True)
class Birthday:
    """The detainee's birthday is a week away: write a postcard. `card` is the letters card as it stood
    then (its column names → text), so the message reads the same whenever it is rendered."""

    KIND: ClassVar[AnnouncementKind] = "birthday"
    date: str  # YYYY-MM-DD, the birthday itself
    age: int | None = None  # the age turned, when the year of birth is known
    card: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> Json:
        return {"date": self.date, "age": self.age, "card": dict(self.card)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        card = data.get("card") or {}
        if not isinstance(card, dict) or not all(isinstance(v, str) for v in card.values()):
            raise PayloadError("card: not texts")
        return cls(date=_str(data, "date"), age=_opt_int(data, "age"), card=dict(card))


AnnouncementPayload = (
    HearingNew | HearingChanged | HearingCancelled | Reminder | Statement | Mention | Update | Correction
    | StatusChange | AdminNotice | CaseClosed | Digest | Birthday | HowItWent
)
HearingPayload = HearingNew | HearingChanged | HearingCancelled | Reminder


def decode(kind: str, payload: Mapping[str, Any]) -> AnnouncementPayload:
    """A stored announcement's payload, typed by its kind; `PayloadError` for a kind or value that does not fit."""
    if not is_announcement_kind(kind):
        raise PayloadError("kind: unknown")
    match kind:
        case "hearing_new":
            return HearingNew.from_json(payload)
        case "hearing_changed":
            return HearingChanged.from_json(payload)
        case "hearing_cancelled":
            return HearingCancelled.from_json(payload)
        case "reminder":
            return Reminder.from_json(payload)
        case "statement":
            return Statement.from_json(payload)
        case "mention":
            return Mention.from_json(payload)
        case "update":
            return Update.from_json(payload)
        case "correction":
            return Correction.from_json(payload)
        case "status":
            return StatusChange.from_json(payload)
        case "admin_notice":
            return AdminNotice.from_json(payload)
        case "case_closed":
            return CaseClosed.from_json(payload)
        case "digest":
            return Digest.from_json(payload)
        case "birthday":
            return Birthday.from_json(payload)
        case "how_it_went":
            return HowItWent.from_json(payload)
        case _:
            assert_never(kind)

