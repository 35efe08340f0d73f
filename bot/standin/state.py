"""One bot token's world in the stand-in: the data, its lifecycle, and dispatch of Bot API methods.

The methods themselves live in the concern modules (``sending``, ``editing``,
``chats``...), each a table of functions taking the state. Everything runs on
one event loop and mutates state only between awaits, so no locks are needed.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any

import aiohttp

from . import callbacks, chats, control, editing, files, incoming, polling, sending, settings, webhook
from . import updates as build
from .callbacks import CallbackInfo
from .chats import ChatState
from .control import Counts, Journal
from .failures import Failures
from .files import StoredFile
from .limits import FloodLimiter
from .params import ApiError, Params
from .webhook import Webhook

TOKEN_RE = re.compile(r"^(\d{1,20}):([A-Za-z0-9_-]+)$")

# Methods that post or edit messages: flood-limited and counted in stats["sent"].
LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
    }
)

Method = Callable[["BotState", Params], Awaitable[Any]]

# Lower-cased name -> (the name as Telegram spells it, the method); Telegram ignores case.
_METHODS: dict[str, tuple[str, Method]] = {
    name.lower(): (name, method)
    for table in (
        settings.METHODS,
        polling.METHODS,
        sending.METHODS,
        editing.METHODS,
        callbacks.METHODS,
        webhook.METHODS,
        files.METHODS,
        chats.METHODS,
    )
    for name, method in table.items()
}


class BotState:
    """Chats, messages, updates, limits and records of one bot token."""

    def __init__(
        self,
        token: str,
        *,
        scale: float = 1.0,
        latency_ms: int = 0,
        http: Callable[[], aiohttp.ClientSession] | None = None,
        next_update_id: int = 1,
    ) -> None:
        m = TOKEN_RE.match(token)
        if m is None:
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_id = int(m.group(1))
        self.user = build.bot_user(self.bot_id)
        self.latency_ms = latency_ms
        self.limiter = FloodLimiter(scale)
        self.http = http  # the session webhooks are called with
        self.closed = False

        self.chats: dict[int, ChatState] = {}
        self.usernames: dict[str, int] = {}  # lower-cased @username -> chat id
        self.pending: list[dict[str, Any]] = []
        self.next_update_id = next_update_id
        self.allowed_updates: frozenset[str] = polling.DEFAULT_UPDATE_TYPES
        self.webhook: Webhook | None = None
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (scope, language) -> commands
        self.profile: dict[tuple[str, str], str] = {}  # (field, language) -> value
        self.callbacks: dict[str, CallbackInfo] = {}
        self.files: dict[str, StoredFile] = {}
        self.failures = Failures()
        self.journal = Journal()
        self.counts = Counts()

        self.ids: Iterator[int] = itertools.count(1)  # callback query ids and file numbers
        self.poll_generation = 0  # bumped by every getUpdates, to end the one still waiting
        self.webhook_in_flight: set[int] = set()  # update ids being delivered
        self.webhook_task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._in_flight = 0
        self._last_activity = time.monotonic()

    # -- lifecycle and activity -----------------------------------------------------
    def close(self) -> None:
        """Stop pollers and webhook delivery (server stop or reset)."""
        self.closed = True
        self.wake()
        if self.webhook_task is not None:
            self.webhook_task.cancel()

    def reopen(self) -> None:
        """Serve again after close() (the server was restarted)."""
        self.closed = False
        self.wake()
        if self.webhook is not None:
            webhook.start_delivery(self)

    def wake(self) -> None:
        """Wake everyone waiting for a change (long polls, webhook delivery)."""
        self._changed.set()
        self._changed = asyncio.Event()

    def next_change(self) -> Coroutine[Any, Any, bool]:
        """Something to await that completes at the next wake()."""
        return self._changed.wait()

    def touch(self) -> None:
        """Note activity, so settle() waits a little longer."""
        self._last_activity = time.monotonic()

    def begin(self, poll: bool) -> None:
        """A request from the bot arrived (for settle())."""
        self.touch()
        if not poll:
            self._in_flight += 1

    def end(self, poll: bool) -> None:
        """A request from the bot was answered; long polls do not count as activity."""
        if not poll:
            self._in_flight -= 1
            self.touch()

    def is_settled(self, idle_s: float) -> bool:
        """Nothing pending or in flight, and no activity for ``idle_s`` seconds."""
        quiet = time.monotonic() - self._last_activity
        return not self.pending and self._in_flight <= 0 and not self.webhook_in_flight and quiet >= idle_s

    async def settle(self, idle_ms: float = 100, timeout: float = 10) -> bool:  # noqa: ASYNC109 (contract)
        """Wait until every update was fetched and the bot has been quiet for idle_ms."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        idle_s = idle_ms / 1000
        while True:
            if self.is_settled(idle_s):
                return True
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.01)

    # -- dispatch ---------------------------------------------------------------------
    async def call(self, method: str, params: Params) -> Any:
        """Run one Bot API method; raise ApiError for an error answer."""
        entry = _METHODS.get(method.lower())
        if entry is None:
            self.counts.per_method[method] += 1
            self.counts.errors[404] += 1
            raise ApiError(404, "Not Found")
        name, handler = entry
        self.counts.per_method[name] += 1
        try:
            injected = self.failures.next_error(name)
            if injected is not None:
                if injected.code == 429:
                    self.counts.received_429 += 1
                raise injected
            result = await handler(self, params)
        except ApiError as e:
            self.counts.errors[e.code] += 1
            raise
        if name in LIMITED_METHODS:
            self.counts.sent += 1
        return result

    # -- control API ------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> tuple[int, int | None]:
        """Queue an update from "Telegram"; return (update_id, message_id of a new message)."""
        return incoming.push_update(self, update)

    def add_chat(self, body: dict[str, Any]) -> dict[str, Any]:
        """Create or update a chat."""
        return chats.add_chat(self, body)

    def block(self, chat_id: int, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot; in groups the bot is kicked."""
        chats.block(self, chat_id, blocked)

    def migrate(self, chat_id: int, to_chat_id: int) -> dict[str, Any]:
        """A group becomes a supergroup with a new id."""
        return chats.migrate(self, chat_id, to_chat_id)

    def fail(
        self, method: str, count: int, kind: str, migrate_to_chat_id: int | None = None, retry_after: int = 1
    ) -> None:
        """The next ``count`` calls of ``method`` fail with ``kind``."""
        self.failures.add(method, count, kind, migrate_to_chat_id, retry_after)

    def configure(self, scale: float | None = None, latency_ms: int | None = None) -> None:
        """Change the flood-limit scale or the answer latency."""
        control.configure(self, scale, latency_ms)

    def sent(
        self, chat_id: int | None = None, after: int = 0, method: str | None = None
    ) -> list[dict[str, Any]]:
        """Recorded successful outgoing calls with seq > after."""
        return self.journal.sent(chat_id, after, method)

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The messages of a chat as they are now."""
        return control.messages(self, chat_id)

    def commands_view(self) -> list[dict[str, Any]]:
        """Every command list the bot set."""
        return settings.commands_view(self)

    def stats(self) -> dict[str, Any]:
        """Counters and settings."""
        return control.stats(self)

    def file_by_path(self, path: str) -> StoredFile | None:
        """The uploaded file served at ``path``."""
        return files.by_path(self, path)
