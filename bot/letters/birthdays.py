"""The birthday tick: a week before a detainee's birthday, "everything" followers are asked to write a postcard.

Nothing is scheduled: every tick reads the birthdays from `case_letters` and asks the injected clock
whether one is due, so a restart loses none. The announcement's dedupe key `b:<case>:<year>` makes it
once a year per case, however many ticks or instances see it due. It is due from noon (court time; the
end of quiet hours if noon falls in them) seven days before, until the birthday begins: a bot that was
down at that moment still asks, later, while a postcard can still arrive in time to matter.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from bot.clock import Clock
from bot.config import FINAL_STATUSES, Settings
from bot.errors import describe
from bot.events.announce import announce
from bot.events.court_time import local_at, parse_quiet_hours
from bot.events.kinds import Birthday
from bot.letters.fields import birthday_parts
from storage.api import Store
from storage.models import LETTER_COLUMNS, Case, Letters

log = logging.getLogger(__name__)

DAYS_BEFORE = 7
REMIND_AT = "12:00"


def birthday_in(year: int, stored: str) -> date:
    """The birthday in a given year; 29 February is kept on the 28th in other years."""
    _, month, day = birthday_parts(stored)
    if month == 2 and day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def remind_time(quiet_hours: str) -> str:
    """Noon, unless the quiet hours hold it: then the moment they end."""
    try:
        window = parse_quiet_hours(quiet_hours)
    except ValueError:
        window = None
    noon = 12 * 60
    if window is None:
        return REMIND_AT
    start, end = window
    inside = start <= noon < end if start <= end else (noon >= start or noon < end)
    return f"{end // 60:02d}:{end % 60:02d}" if inside else REMIND_AT


def due_birthday(stored: str, tz: str, now: int, quiet_hours: str = "") -> date | None:
    """The birthday whose reminder is due at `now` (Unix seconds), if any."""
    at = remind_time(quiet_hours)
    today = date.fromtimestamp(now)
    for year in (today.year - 1, today.year, today.year + 1):
        day = birthday_in(year, stored)
        start = int(local_at((day - timedelta(days=DAYS_BEFORE)).isoformat(), at, tz).timestamp())
        end = int(local_at(day.isoformat(), "00:00", tz).timestamp())
        if start <= now < end:
            return day
    return None


def payload_of(letters: Letters, day: date) -> Birthday:
    born, _, _ = birthday_parts(letters.birthday or "")
    card = {c: v for c in LETTER_COLUMNS if c != "birthday" and (v := getattr(letters, c))}
    return Birthday(date=day.isoformat(), age=day.year - born if born else None, card=card)


def dedupe_key(case: Case, day: date) -> str:
    return f"b:{case.id}:{day.year}"


async def birthday_tick(store: Store, clock: Clock, settings: Settings) -> int:
    """Announce every birthday whose reminder is due now; returns the outbox rows added."""
    now = clock.timestamp()
    due: list[tuple[Case, Letters, date]] = []
    async with store.read() as tx:
        for letters in await tx.letters.with_birthday():
            case = await tx.cases.get_by_id(letters.case_id)
            if case is None or case.status in FINAL_STATUSES or not letters.birthday:
                continue  # a released (or otherwise closed) case has no birthday reminder
            day = due_birthday(letters.birthday, case.timezone, now, settings.quiet_hours)
            if day is not None and await tx.announcements.by_key(dedupe_key(case, day)) is None:
                due.append((case, letters, day))
    added = 0
    for case, letters, day in due:
        try:
            async with store.transaction() as tx:
                result = await announce(tx, clock, payload=payload_of(letters, day), case=case,
                                        dedupe_key=dedupe_key(case, day), min_level="all")
            added += result.queued
        except Exception as exc:  # one case's trouble must not hold back the others
            log.error("birthday reminder for case %s failed: %s", case.id, describe(exc))
    return added
