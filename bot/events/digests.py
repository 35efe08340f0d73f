"""Daily digests: which announcements wait for one, and when a chat's next digest is.

A chat that chose a digest gets statements, news mentions and the campaign's updates as one message a day
at its hour, in its own zone. Everything about a hearing (new, moved, corrected, cancelled, reminders), a
status change and anything else stays immediate: only the kinds named in `HELD_KINDS` are ever held, so a
kind added later is immediate until someone decides otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.clock import Clock, zone
from bot.events.kinds import Digest, Mention, Statement, Update
from storage.api import Tx
from storage.models import DigestSetting

HELD_KINDS = frozenset({Statement.KIND, Mention.KIND, Update.KIND})
DIGEST_KIND = Digest.KIND
DEFAULT_HOUR = 9
# The zones offered as buttons, as IANA names. All of Kazakhstan keeps one time, UTC+5, since 1 March 2024
# (Asia/Almaty and Asia/Qostanay moved from +6), so one button stands for the whole country.
OFFERED_ZONES: tuple[str, ...] = (
    "Asia/Almaty", "Asia/Bishkek", "Asia/Tashkent", "Europe/Moscow", "Asia/Tbilisi", "Europe/Istanbul",
    "Europe/Berlin", "Europe/London", "UTC",
)


def local_day(timezone: str, at: int) -> str:
    """The date, in `timezone`, of the instant `at`."""
    return datetime.fromtimestamp(at, UTC).astimezone(zone(timezone)).date().isoformat()


def moment_on(day: str, hour: int, timezone: str) -> int:
    """`hour`:00 of `day` in `timezone`, as Unix seconds (an hour a clock change skips falls after the gap)."""
    local = datetime.combine(date.fromisoformat(day), time(hour), tzinfo=zone(timezone))
    # Round-trip through UTC: a wall time inside a spring-forward gap becomes the real instant after it.
    return int(local.astimezone(UTC).timestamp())


def next_digest_at(setting: DigestSetting, now: int) -> int:
    """The next digest moment after `now`: today at the hour if still ahead, else tomorrow; never a second
    digest on a day that already had one."""
    today = local_day(setting.timezone, now)
    day = date.fromisoformat(today)
    for shift in range(3):
        candidate = (day + timedelta(days=shift)).isoformat()
        at = moment_on(candidate, setting.hour, setting.timezone)
        if at > now and candidate != setting.last_day:
            return at
    raise AssertionError("a digest moment lies within three days")


async def hold_for_digest(tx: Tx, clock: Clock, *, announcement_id: int, kind: str) -> int:
    """In the transaction that queued an announcement: its rows for chats that take a digest wait for it.

    Returns how many rows were held. Called for every announcement; any kind not in HELD_KINDS is left alone.
    """
    if kind not in HELD_KINDS:
        return 0
    now = clock.timestamp()
    waiting = await tx.digests.pending_with_digest(announcement_id)
    for outbox_id, setting in waiting:
        await tx.digests.hold(outbox_id, next_digest_at(setting, now))
    return len(waiting)
