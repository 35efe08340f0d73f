"""Async client of the stand-in's control API: play the users, read what the bot sent."""

from __future__ import annotations

import asyncio
import base64
import random
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from . import updates as build
from .state import TOKEN_RE


def random_token(suffix: str = "TEST") -> str:
    """A fresh bot token (6-9 digit id), so a test gets its own chats, updates and limits."""
    return f"{random.randint(100_000, 999_999_999)}:{suffix}"


class StandinError(RuntimeError):
    """The control API refused a request."""


@dataclass
class Sent:
    """One successful outgoing call of the bot, as the stand-in recorded it."""

    seq: int
    method: str
    chat_id: int | None
    message_id: int | None
    text: str | None  # raw text/caption as the bot sent it (HTML and all)
    visible_text: str | None  # what the user sees after entity parsing
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    disable_notification: bool
    document_name: str | None
    document_bytes: bytes | None
    callback_query_id: str | None
    show_alert: bool
    at: float
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sent:
        doc = d.get("document")
        return cls(
            seq=d["seq"],
            method=d["method"],
            chat_id=d.get("chat_id"),
            message_id=d.get("message_id"),
            text=d.get("text"),
            visible_text=d.get("visible_text"),
            parse_mode=d.get("parse_mode"),
            reply_markup=d.get("reply_markup"),
            disable_notification=bool(d.get("disable_notification")),
            document_name=doc["name"] if doc else None,
            document_bytes=base64.b64decode(doc["bytes_b64"]) if doc else None,
            callback_query_id=d.get("callback_query_id"),
            show_alert=bool(d.get("show_alert")),
            at=float(d.get("at") or 0.0),
            params=d.get("params") or {},
        )

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """Rows of inline buttons (empty without an inline keyboard)."""
        if not self.reply_markup:
            return []
        return list(self.reply_markup.get("inline_keyboard") or [])

    @property
    def button_data(self) -> list[str]:
        """callback_data of every inline button, row by row."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]

    def button(self, text_part: str) -> dict[str, Any]:
        """The first inline button whose text contains ``text_part``."""
        for row in self.buttons:
            for b in row:
                if text_part in b.get("text", ""):
                    return b
        raise AssertionError(f"no button with {text_part!r} in {self.buttons}")


def _describe(records: list[Sent]) -> str:
    if not records:
        return "nothing"
    return "; ".join(f"#{r.seq} {r.method} chat={r.chat_id} {r.text!r}" for r in records)


class StandinClient:
    """Talks to one bot token's control API at ``/_standin/<token>/``."""

    def __init__(self, base_url: str, token: str) -> None:
        m = TOKEN_RE.match(token)
        if m is None:
            raise ValueError(f"not a bot token: {token!r}")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.bot_id = int(m.group(1))
        self._session: aiohttp.ClientSession | None = None

    @property
    def api_base(self) -> str:
        """What to pass to ``TelegramAPIServer.from_base``."""
        return self.base_url

    async def __aenter__(self) -> StandinClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def _request(
        self,
        verb: str,
        action: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        http_timeout: float = 30,
    ) -> Any:
        url = f"{self.base_url}/_standin/{self.token}/{action}"
        q = {k: str(v) for k, v in (query or {}).items() if v is not None}
        async with self._http().request(
            verb, url, json=body, params=q, timeout=aiohttp.ClientTimeout(total=http_timeout)
        ) as resp:
            data = await resp.json(content_type=None)
            if resp.status >= 400:
                raise StandinError(f"{action}: {resp.status} {data}")
            return data

    # -- users act ----------------------------------------------------------------------
    async def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw Update dict; returns its update_id."""
        data = await self._request("POST", "updates", body=update)
        return int(data["update_id"])

    async def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "ru",
        sender_chat: int | dict[str, Any] | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """A user writes ``text`` (``/command args`` get a bot_command entity), in topic ``thread_id`` of a
        forum when given; returns the message_id."""
        msg = build.message(
            chat_id,
            text,
            user_id=user_id,
            chat_type=chat_type,
            language_code=language_code,
            sender_chat=sender_chat,
            reply_to_message={"message_id": reply_to} if reply_to is not None else None,
            message_thread_id=thread_id,
        )
        key = "channel_post" if chat_type == "channel" else "message"
        data = await self._request("POST", "updates", body={key: msg})
        return int(data["message_id"])

    async def send_photo(
        self,
        chat_id: int,
        caption: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "ru",
    ) -> int:
        """A user sends a photo captioned ``caption`` (a /command gets a caption entity); returns the message_id."""
        msg = build.photo_message(
            chat_id, caption, user_id=user_id, chat_type=chat_type, language_code=language_code
        )
        key = "channel_post" if chat_type == "channel" else "message"
        data = await self._request("POST", "updates", body={key: msg})
        return int(data["message_id"])

    # Conversation-style alias: ``await tg.user_says(42, "/start")``.
    user_says = send_text

    async def press(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str = "ru",
    ) -> int:
        """A user presses the button with ``data`` on a message (sent with its current keyboard); returns update_id."""
        return await self.push_update(
            build.callback_stub(chat_id, message_id, data, user_id=user_id, language_code=language_code)
        )

    async def my_chat_member(
        self,
        chat_id: int,
        user_id: int,
        old_status: str,
        new_status: str,
        *,
        chat_type: str | None = None,
    ) -> int:
        """The bot's membership changes (``member`` -> ``kicked`` in private is a block); returns update_id."""
        ctype = chat_type or ("private" if chat_id > 0 else "supergroup")
        update = build.my_chat_member_update(
            build.chat(chat_id, ctype),
            build.user(user_id),
            build.bot_user(self.bot_id),
            old_status,
            new_status,
        )
        return await self.push_update(update)

    # -- world setup ----------------------------------------------------------------------
    async def add_chat(
        self,
        chat_id: int,
        chat_type: str = "supergroup",
        *,
        title: str | None = None,
        admins: list[int] | None = None,
        creator: int | None = None,
        username: str | None = None,
        members: list[int] | None = None,
        bot_admin: bool = False,
        is_forum: bool | None = None,
        topics: list[int] | None = None,
    ) -> dict[str, Any]:
        """Create or update a chat; ``bot_admin`` makes the bot an administrator. A supergroup with
        ``is_forum`` has topics: ``topics`` lists their thread ids (a topic left out is deleted)."""
        body: dict[str, Any] = {"id": chat_id, "type": chat_type, "title": title, "username": username,
                                "is_forum": is_forum, "topics": topics}
        admin_ids = list(admins or [])
        if bot_admin:
            admin_ids.append(self.bot_id)
        if admins is not None or bot_admin:
            body["admins"] = admin_ids
        if creator is not None:
            body["creator"] = creator
        if members is not None:
            body["members"] = members
        data = await self._request("POST", "chats", body=body)
        return dict(data["chat"])

    async def block(self, chat_id: int, blocked: bool = True) -> None:
        """The user blocks the bot (no update is sent; use my_chat_member for that)."""
        await self._request("POST", "block", body={"chat_id": chat_id, "blocked": blocked})

    async def migrate(self, chat_id: int, to_chat_id: int) -> dict[str, Any]:
        """The group becomes a supergroup ``to_chat_id``; the old id then answers 400 with migrate_to_chat_id."""
        data = await self._request("POST", "migrate", body={"chat_id": chat_id, "to_chat_id": to_chat_id})
        return dict(data["chat"])

    async def fail(
        self,
        method: str,
        count: int = 1,
        kind: str = "5xx",
        migrate_to_chat_id: int | None = None,
        *,
        retry_after: int | None = None,
    ) -> None:
        """The next ``count`` calls of ``method`` fail: kind 5xx, 403, migrate, not_found or 429."""
        body: dict[str, Any] = {"method": method, "count": count, "kind": kind}
        if migrate_to_chat_id is not None:
            body["migrate_to_chat_id"] = migrate_to_chat_id
        if retry_after is not None:
            body["retry_after"] = retry_after
        await self._request("POST", "fail", body=body)

    async def config(self, scale: float | None = None, latency_ms: int | None = None) -> dict[str, Any]:
        """Change this token's flood-limit scale and/or answer latency."""
        body = {k: v for k, v in (("scale", scale), ("latency_ms", latency_ms)) if v is not None}
        return dict(await self._request("POST", "config", body=body))

    async def reset(self) -> None:
        """Forget this token's chats, messages, updates, records and config."""
        await self._request("POST", "reset", body={})

    # -- observe ----------------------------------------------------------------------
    async def sent(
        self, chat_id: int | None = None, after: int = 0, *, method: str | None = None
    ) -> list[Sent]:
        """Successful outgoing calls with seq > after (optionally of one chat / method)."""
        data = await self._request(
            "GET", "sent", query={"chat_id": chat_id, "after": after, "method": method}
        )
        return [Sent.from_dict(d) for d in data]

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages currently in the chat (after edits and deletes), oldest first."""
        return list(await self._request("GET", "messages", query={"chat_id": chat_id}))

    async def stats(self) -> dict[str, Any]:
        return dict(await self._request("GET", "stats"))

    async def commands(self) -> list[dict[str, Any]]:
        """Every stored setMyCommands: ``[{"scope": {...}, "language_code": "ru"|"", "commands": [...]}]``."""
        return list(await self._request("GET", "commands"))

    async def commands_for(
        self, language_code: str = "", scope_type: str = "default"
    ) -> list[dict[str, Any]]:
        """The commands stored for one language and scope type (empty list if none)."""
        for entry in await self.commands():
            if entry["language_code"] == language_code and entry["scope"]["type"] == scope_type:
                return list(entry["commands"])
        return []

    async def settle(self, idle_ms: int = 100, timeout: float = 10) -> bool:  # noqa: ASYNC109 (contract)
        """True once the bot fetched every update and then made no request for idle_ms."""
        data = await self._request(
            "GET", "settle", query={"idle_ms": idle_ms, "timeout": timeout}, http_timeout=timeout + 10
        )
        return bool(data["ok"])

    async def wait_sent(
        self,
        chat_id: int | None,
        count: int = 1,
        *,
        after: int = 0,
        timeout: float = 10,  # noqa: ASYNC109 (contract: a deadline for polling, not one await)
        method: str | None = None,
    ) -> list[Sent]:
        """Poll until at least ``count`` records (seq > after) exist for the chat; return them all."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            records = await self.sent(chat_id, after, method=method)
            if len(records) >= count:
                return records
            if loop.time() >= deadline:
                everything = await self.sent(None, after)
                raise AssertionError(
                    f"waited {timeout}s for {count} {method or 'call'}(s) to chat {chat_id}, got {len(records)}; "
                    f"sent since #{after}: {_describe(everything)}"
                )
            await asyncio.sleep(0.02)

    async def last_seq(self) -> int:
        """The seq of the latest record (0 if none): use as ``after`` for the next step."""
        records = await self.sent()
        return records[-1].seq if records else 0
