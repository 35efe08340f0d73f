"""Admin notices: a source failing (once, after SOURCE_ALERT_AFTER failures in a row) or recovered (once);
an announcement the sender could not render (once per announcement).

The poller decides when (its `alerted` flag makes each notice once-only); this turns the event into an
`admin_notice` announcement, so it goes out through the outbox like everything else: limited, retried,
and in each admin's language when they have a chat row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.config import Settings
from bot.events.changes import NOTHING, EventResult, notify_admins
from storage.api import Store

ERROR_CHARS = 300


async def source_health(store: Store, clock: Clock, settings: Settings, event: object) -> EventResult:
    """One `SourceHealthEvent` (source_id, kind 'failing'|'recovered', failures, last_error) → a notice."""
    kind = getattr(event, "kind", "")
    key = "notice-source-failing" if kind == "failing" else "notice-source-recovered"
    args = {
        "source": str(getattr(event, "source_id", "?")),
        "failures": int(getattr(event, "failures", 0) or 0),
        "error": str(getattr(event, "last_error", "") or "")[:ERROR_CHARS],
    }
    async with store.transaction() as tx:
        return await notify_admins(tx, clock, settings, key=key, args=args)


def health_notifier(
    store: Store, clock: Clock, settings: Settings, *, wake: Callable[[], None] | None = None
) -> Callable[[object], Awaitable[None]]:
    """The poller's `notify` callback; `wake` tells the sender there is something to send."""

    async def notify(event: object) -> None:
        result = await source_health(store, clock, settings, event)
        if result.queued and wake is not None:
            wake()

    return notify


async def render_failed(store: Store, clock: Clock, settings: Settings, announcement_id: int, what: str) -> EventResult:
    """An announcement that cannot be rendered → one notice to the admins (never about a notice itself:
    a notice that cannot be rendered would otherwise beget another)."""
    async with store.transaction() as tx:
        ann = await tx.announcements.get(announcement_id)
        if ann is None or ann.kind == "admin_notice":
            return NOTHING
        case = await tx.cases.get_by_id(ann.case_id) if ann.case_id is not None else None
        args = {"kind": ann.kind, "case": case.slug if case else "-", "error": what[:ERROR_CHARS]}
        return await notify_admins(tx, clock, settings, key="notice-render-failed", args=args,
                                   once=f"render:{announcement_id}")


def render_failure_notifier(store: Store, clock: Clock, settings: Settings) -> Callable[[int, str], Awaitable[None]]:
    """The sender's `on_render_error` callback."""

    async def notify(announcement_id: int, what: str) -> None:
        await render_failed(store, clock, settings, announcement_id, what)

    return notify
