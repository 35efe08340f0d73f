"""Admin notices: a source failing (once, after SOURCE_ALERT_AFTER failures in a row) or recovered (once);
an announcement the sender could not render (once per announcement).

The poller decides when (its `alerted` flag makes each notice once-only); this turns the event into an
`admin_notice` announcement, so it goes out through the outbox like everything else: limited, retried,
and in each admin's language when they have a chat row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, assert_never

from bot.clock import Clock
from bot.config import Settings
from bot.events.announce import notify_admins
from bot.events.kinds import AdminNotice, NoticeArg
from bot.events.result import NOTHING, EventResult
from storage.api import Store

if TYPE_CHECKING:  # the sources package loads the poller and fetchers; only the event's type is needed here
    from bot.sources.poller import SourceHealthEvent

ERROR_CHARS = 300


async def source_health(store: Store, clock: Clock, settings: Settings, event: SourceHealthEvent) -> EventResult:
    """A source failing (or working again) → a notice to the admins."""
    match event.kind:
        case "failing":
            key = "notice-source-failing"
        case "recovered":
            key = "notice-source-recovered"
        case _:
            assert_never(event.kind)
    args: dict[str, NoticeArg] = {
        "source": event.source_id,
        "failures": event.failures,
        "error": (event.last_error or "")[:ERROR_CHARS],
    }
    async with store.transaction() as tx:
        return await notify_admins(tx, clock, settings, key=key, args=args)


def health_notifier(
    store: Store, clock: Clock, settings: Settings, *, wake: Callable[[], None] | None = None
) -> Callable[[SourceHealthEvent], Awaitable[None]]:
    """The poller's `notify` callback; `wake` tells the sender there is something to send."""

    async def notify(event: SourceHealthEvent) -> None:
        result = await source_health(store, clock, settings, event)
        if result.queued and wake is not None:
            wake()

    return notify


async def render_failed(store: Store, clock: Clock, settings: Settings, announcement_id: int, what: str) -> EventResult:
    """An announcement that cannot be rendered → one notice to the admins (never about a notice itself:
    a notice that cannot be rendered would otherwise beget another)."""
    async with store.transaction() as tx:
        ann = await tx.announcements.get(announcement_id)
        if ann is None or ann.kind == AdminNotice.KIND:
            return NOTHING
        case = await tx.cases.get_by_id(ann.case_id) if ann.case_id is not None else None
        args: dict[str, NoticeArg] = {"kind": ann.kind, "case": case.slug if case else "-", "error": what[:ERROR_CHARS]}
        return await notify_admins(tx, clock, settings, key="notice-render-failed", args=args,
                                   once=f"render:{announcement_id}")


def render_failure_notifier(store: Store, clock: Clock, settings: Settings) -> Callable[[int, str], Awaitable[None]]:
    """The sender's `on_render_error` callback."""

    async def notify(announcement_id: int, what: str) -> None:
        await render_failed(store, clock, settings, announcement_id, what)

    return notify
