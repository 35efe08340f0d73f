"""The state side of the test-control API: its errors, the journal of what the bot sent, counters, views."""

from __future__ import annotations

import base64
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .params import Params, Upload

if TYPE_CHECKING:
    from .state import BotState


class ControlError(Exception):
    """A malformed request to the control API (answered 400)."""


@dataclass
class Counts:
    """What the control API reports in ``stats``."""

    sent: int = 0  # successful calls of the flood-limited methods
    received_429: int = 0
    during_retry_after: int = 0  # 429s for calls made before retry_after had passed
    pushed: int = 0  # updates pushed by the test
    webhook_dropped: int = 0  # updates the webhook never accepted
    per_method: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)


class Journal:
    """Every successful outgoing call, numbered from 1, for tests to read back."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self._seq = itertools.count(1)

    def record(
        self,
        method: str,
        p: Params,
        *,
        chat_id: int | None = None,
        message_id: int | None = None,
        text: str | None = None,
        visible_text: str | None = None,
        reply_markup: dict[str, Any] | None = None,
        document: tuple[str, bytes, str | None] | None = None,
        callback_query_id: str | None = None,
    ) -> None:
        """Append one call; ``document`` is (name, bytes, mime type) of an uploaded file."""
        params = {k: v for k, v in p.values.items() if not isinstance(v, Upload)}
        self.records.append(
            {
                "seq": next(self._seq),
                "method": method,
                "chat_id": chat_id,
                "message_id": message_id,
                "text": text,
                "visible_text": visible_text,
                "parse_mode": p.get_str("parse_mode"),
                "reply_markup": reply_markup,
                "disable_notification": p.get_bool("disable_notification"),
                "document": (
                    {
                        "name": document[0],
                        "bytes_b64": base64.b64encode(document[1]).decode("ascii"),
                        "mime_type": document[2],
                        "size": len(document[1]),
                    }
                    if document is not None
                    else None
                ),
                "callback_query_id": callback_query_id,
                "show_alert": p.get_bool("show_alert"),
                "at": time.time(),
                "params": params,
            }
        )

    def sent(
        self, chat_id: int | None = None, after: int = 0, method: str | None = None
    ) -> list[dict[str, Any]]:
        """Recorded calls with seq > after, of one chat and one method when given."""
        out = []
        # seq n is records[n - 1]: records are only ever appended.
        for rec in self.records[max(0, after) :]:
            if chat_id is not None and rec["chat_id"] != chat_id:
                continue
            if method is not None and rec["method"].lower() != method.lower():
                continue
            out.append(rec)
        return out


def messages(s: BotState, chat_id: int) -> list[dict[str, Any]]:
    """The messages of a chat as they are now, oldest first."""
    chat = s.chats.get(chat_id)
    if chat is None:
        return []
    return [chat.messages[mid].view() for mid in sorted(chat.messages)]


def stats(s: BotState) -> dict[str, Any]:
    """Counters and settings of one token."""
    counts = s.counts
    return {
        "sent": counts.sent,
        "received_429": counts.received_429,
        "sent_during_retry_after": counts.during_retry_after,
        "per_method": dict(counts.per_method),
        "errors": {str(k): v for k, v in counts.errors.items()},
        "updates_pushed": counts.pushed,
        "updates_pending": len(s.pending),
        "webhook_dropped": counts.webhook_dropped,
        "scale": s.limiter.scale,
        "latency_ms": s.latency_ms,
    }


def configure(s: BotState, scale: float | None = None, latency_ms: int | None = None) -> None:
    """Change the flood-limit scale or the answer latency of one token."""
    if scale is not None:
        if scale <= 0:
            raise ControlError("scale must be positive")
        s.limiter.scale = float(scale)
    if latency_ms is not None:
        if latency_ms < 0:
            raise ControlError("latency_ms must be >= 0")
        s.latency_ms = int(latency_ms)
