"""Errors a test injects into the next calls of a method (control API ``fail``)."""

from __future__ import annotations

from dataclasses import dataclass

from .control import ControlError
from .params import ApiError, bad_request

KINDS = ("5xx", "403", "migrate", "not_found", "429")
DEFAULT_MIGRATE_TO = -1000000000001  # a supergroup-looking id when the test gives none


@dataclass
class Failure:
    """Errors injected for the next calls of a method."""

    kind: str
    remaining: int
    migrate_to_chat_id: int | None = None
    retry_after: int = 1
    used: int = 0


class Failures:
    """Queues of injected failures, per method name (case-insensitive)."""

    def __init__(self) -> None:
        self.queues: dict[str, list[Failure]] = {}

    def add(
        self, method: str, count: int, kind: str, migrate_to_chat_id: int | None = None, retry_after: int = 1
    ) -> None:
        """The next ``count`` calls of ``method`` fail with ``kind``; a count of 0 clears the method."""
        if kind in ("500", "502", "5xx"):
            kind = "5xx"
        if kind not in KINDS:
            raise ControlError(f"unknown failure kind {kind!r}")
        if count <= 0:
            self.queues.pop(method.lower(), None)
            return
        self.queues.setdefault(method.lower(), []).append(
            Failure(kind, count, migrate_to_chat_id=migrate_to_chat_id, retry_after=retry_after)
        )

    def next_error(self, name: str) -> ApiError | None:
        """The error the call of ``name`` about to run must answer, if one is injected."""
        queue = self.queues.get(name.lower())
        if not queue:
            return None
        failure = queue[0]
        failure.remaining -= 1
        failure.used += 1
        if failure.remaining <= 0:
            queue.pop(0)
        return _error(failure, name)


def _error(failure: Failure, name: str) -> ApiError:
    kind = failure.kind
    if kind == "5xx":
        if failure.used % 2 == 1:
            return ApiError(500, "Internal Server Error")
        return ApiError(502, "Bad Gateway")
    if kind == "403":
        return ApiError(403, "Forbidden: bot was blocked by the user")
    if kind == "migrate":
        return ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": failure.migrate_to_chat_id or DEFAULT_MIGRATE_TO},
        )
    if kind == "429":
        n = max(1, failure.retry_after)
        return ApiError(429, f"Too Many Requests: retry after {n}", {"retry_after": n})
    if kind == "not_found":
        if name.startswith("edit"):
            return bad_request("message to edit not found")
        if name == "deleteMessage":
            return bad_request("message to delete not found")
        return bad_request("chat not found")
    raise AssertionError(kind)
