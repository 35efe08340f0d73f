"""What one event did: the announcement made (if any), the hearing it concerns, the outbox rows queued."""

from __future__ import annotations

from dataclasses import dataclass

from bot.events.kinds import AnnouncementKind


@dataclass(frozen=True)
class EventResult:
    """`announcement_id` is None when nothing is to be said; `changed` says whether anything was written."""

    announcement_id: int | None
    hearing_id: int | None
    queued: int
    changed: bool
    kind: AnnouncementKind | None

    @classmethod
    def announced(cls, announcement_id: int, hearing_id: int | None, queued: int,
                  kind: AnnouncementKind) -> EventResult:
        """A new announcement, queued for `queued` chats."""
        return cls(announcement_id, hearing_id, queued, True, kind)

    @classmethod
    def repeated(cls, announcement_id: int, hearing_id: int | None, kind: AnnouncementKind) -> EventResult:
        """An announcement already made under the same dedupe key: nothing new is queued."""
        return cls(announcement_id, hearing_id, 0, False, kind)

    @classmethod
    def quiet(cls, hearing_id: int) -> EventResult:
        """The hearing's record changed, and no one is to be told (a date gone, a court filled in)."""
        return cls(None, hearing_id, 0, True, None)

    @classmethod
    def unchanged(cls, hearing_id: int | None) -> EventResult:
        """Nothing written: the hearing (when there is one) already says so, or is gone."""
        return cls(None, hearing_id, 0, False, None)

    @classmethod
    def merged(cls, hearing_id: int, *, new_source: bool) -> EventResult:
        """The same hearing reported again: changed only when the report added a source."""
        return cls(None, hearing_id, 0, new_source, None)


NOTHING = EventResult(None, None, 0, False, None)
