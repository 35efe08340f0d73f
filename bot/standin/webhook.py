"""Webhooks: setWebhook, deleteWebhook, getWebhookInfo, and pushing pending updates to the bot's URL."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp

from . import updates as build
from .params import ApiError, Params, bad_request, read_webhook_reply
from .polling import DEFAULT_UPDATE_TYPES, drop_unwanted, set_allowed

if TYPE_CHECKING:
    from .state import BotState, Method

WEBHOOK_RETRY_DELAYS = (0.1, 0.3, 0.6)  # attempts = len + 1
WEBHOOK_TIMEOUT_S = 15.0
_URL_RE = re.compile(r"^https?://[^\s/]+")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass
class Webhook:
    """A webhook set with setWebhook."""

    url: str
    secret_token: str | None
    max_connections: int = 40
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


def start_delivery(s: BotState) -> None:
    """Run the delivery loop unless it already runs."""
    if s.webhook_task is None or s.webhook_task.done():
        s.webhook_task = asyncio.get_running_loop().create_task(_delivery_loop(s))


async def set_webhook(s: BotState, p: Params) -> bool:
    url = p.get_str("url") or ""
    if not url:
        return await delete_webhook(s, p)
    if not _URL_RE.match(url):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.get_str("secret_token")
    if secret is not None and not _SECRET_RE.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if p.get_bool("drop_pending_updates"):
        s.pending.clear()
    set_allowed(s, p)
    s.webhook = Webhook(url, secret, p.get_int("max_connections") or 40, p.get_str("ip_address"))
    s.wake()  # a waiting getUpdates now answers 409
    start_delivery(s)
    return True


async def delete_webhook(s: BotState, p: Params) -> bool:
    if p.get_bool("drop_pending_updates"):
        s.pending.clear()
    s.webhook = None
    s.wake()
    return True


async def get_webhook_info(s: BotState, p: Params) -> dict[str, Any]:
    hook = s.webhook
    if hook is None:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(s.pending)}
    out: dict[str, Any] = {
        "url": hook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(s.pending),
        "max_connections": hook.max_connections,
    }
    if s.allowed_updates != DEFAULT_UPDATE_TYPES:
        out["allowed_updates"] = sorted(s.allowed_updates)
    if hook.ip_address:
        out["ip_address"] = hook.ip_address
    if hook.last_error_date is not None:
        out["last_error_date"] = hook.last_error_date
        out["last_error_message"] = hook.last_error_message
    return out


async def _delivery_loop(s: BotState) -> None:
    """Push pending updates to the webhook, up to max_connections at a time."""
    tasks: set[asyncio.Task[None]] = set()
    try:
        while not s.closed and s.webhook is not None:
            hook = s.webhook
            drop_unwanted(s)
            todo = [u for u in s.pending if u["update_id"] not in s.webhook_in_flight]
            if todo and len(s.webhook_in_flight) < hook.max_connections:
                update = todo[0]
                s.webhook_in_flight.add(update["update_id"])
                task = asyncio.get_running_loop().create_task(_deliver(s, hook, update))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                continue
            await s.next_change()
    finally:
        for task in list(tasks):
            task.cancel()


def _forget(s: BotState, uid: int) -> None:
    s.pending = [u for u in s.pending if u["update_id"] != uid]


async def _deliver(s: BotState, hook: Webhook, update: dict[str, Any]) -> None:
    uid = update["update_id"]
    headers = {"Content-Type": "application/json"}
    if hook.secret_token:
        headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
    body = json.dumps(update, ensure_ascii=False).encode("utf-8")
    try:
        for attempt in range(len(WEBHOOK_RETRY_DELAYS) + 1):
            if s.closed or s.webhook is not hook or s.http is None:
                return  # stays pending for whoever fetches next
            error: str
            try:
                async with s.http().post(
                    hook.url,
                    data=body,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT_S),
                ) as resp:
                    if 200 <= resp.status < 300:
                        try:
                            reply = await read_webhook_reply(resp)
                        except (ApiError, aiohttp.ClientError, ValueError):
                            reply = None
                        _forget(s, uid)
                        if reply is not None:
                            await _run_reply(s, *reply)
                        return
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as e:
                error = f"Connection failed: {type(e).__name__}: {e}"
            hook.last_error_date = build.now()
            hook.last_error_message = error
            if attempt < len(WEBHOOK_RETRY_DELAYS):
                await asyncio.sleep(WEBHOOK_RETRY_DELAYS[attempt])
        # Telegram gives up on an update eventually; so do we, after a few tries.
        _forget(s, uid)
        s.counts.webhook_dropped += 1
    finally:
        s.webhook_in_flight.discard(uid)
        s.touch()
        s.wake()


async def _run_reply(s: BotState, method: str, params: Params) -> None:
    """A method returned in the webhook answer is executed like a request (errors are lost)."""
    s.touch()
    with contextlib.suppress(ApiError):
        await s.call(method, params)


METHODS: dict[str, Method] = {
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
