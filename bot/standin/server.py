"""The stand-in HTTP server: Bot API at /bot<token>/<method>, control API at /_standin/<token>/."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
from typing import Any

import aiohttp
from aiohttp import web

from .control import ControlError
from .params import ApiError, read_request
from .state import TOKEN_RE, BotState

MAX_BODY_BYTES = 60 * 1024 * 1024  # above Telegram's 50 MB upload limit, so 413 comes from us

UNAUTHORIZED = ApiError(401, "Unauthorized")
NOT_FOUND = ApiError(404, "Not Found")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _json(payload: Any, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status, dumps=_dumps)


def _api_error(error: ApiError) -> web.Response:
    return _json(error.payload(), error.code)


@web.middleware
async def _telegram_404(request: web.Request, handler: Any) -> web.StreamResponse:
    """Unknown paths answer like Telegram, in JSON."""
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except web.HTTPNotFound:
        return _api_error(NOT_FOUND)
    except web.HTTPMethodNotAllowed:
        return _api_error(NOT_FOUND)


class StandinServer:
    """A fake Telegram Bot API for any number of bot tokens, each with its own state."""

    def __init__(self, *, scale: float = 1.0, latency_ms: int = 0) -> None:
        self.scale = scale
        self.latency_ms = latency_ms
        self._states: dict[str, BotState] = {}
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._http: aiohttp.ClientSession | None = None
        self.app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[_telegram_404])
        router = self.app.router
        router.add_route("*", "/bot{token}/{method}", self._api)
        router.add_route("*", "/bot{token}/{method}/", self._api)
        router.add_route("GET", "/file/bot{token}/{path:.+}", self._file)
        router.add_route("*", "/_standin/{token}/{action}", self._control)

    # -- lifecycle --------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen and return the base URL, e.g. ``http://127.0.0.1:PORT``."""
        if self._runner is not None:
            return self.base_url
        # Short shutdown: long polls are woken on stop, nothing should linger.
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        addr = self._runner.addresses[0]
        bound_host, bound_port = addr[0], addr[1]
        if ":" in bound_host:
            bound_host = f"[{bound_host}]"
        self._base_url = f"http://{bound_host}:{bound_port}"
        for state in self._states.values():
            state.reopen()
        return self._base_url

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("the stand-in is not started")
        return self._base_url

    async def stop(self) -> None:
        """Wake every long poll, stop webhook delivery and close the listener."""
        for state in self._states.values():
            state.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._http is not None:
            await self._http.close()
            self._http = None
        self._base_url = None

    async def __aenter__(self) -> StandinServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- in-process access ------------------------------------------------------------
    def _client_session(self) -> aiohttp.ClientSession:
        """The session used to call webhooks (created lazily in the running loop)."""
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    def state(self, token: str) -> BotState:
        """The state of ``token`` (created on first use); raises ValueError for a malformed token."""
        state = self._states.get(token)
        if state is None:
            state = self._states[token] = BotState(
                token, scale=self.scale, latency_ms=self.latency_ms, http=self._client_session
            )
        return state

    def tokens(self) -> list[str]:
        return list(self._states)

    def reset(self, token: str) -> BotState:
        """Forget everything about ``token``; update ids keep growing so old offsets stay harmless."""
        old = self._states.pop(token, None)
        state = self.state(token)
        if old is not None:
            state.next_update_id = old.next_update_id
            old.close()
        return state

    # -- Bot API ----------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        if not TOKEN_RE.match(token):
            return _api_error(UNAUTHORIZED)
        state = self.state(token)
        poll = method.lower() == "getupdates"
        state.begin(poll)
        try:
            if state.latency_ms > 0:
                await asyncio.sleep(state.latency_ms / 1000)
            params = await read_request(request)
            result = await state.call(method, params)
        except ApiError as e:
            return _api_error(e)
        finally:
            state.end(poll)
        return _json({"ok": True, "result": result})

    async def _file(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not TOKEN_RE.match(token):
            return _api_error(UNAUTHORIZED)
        stored = self.state(token).file_by_path(request.match_info["path"])
        if stored is None:
            return _api_error(NOT_FOUND)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    # -- control API ------------------------------------------------------------------
    async def _control(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if not TOKEN_RE.match(token):
            return _json({"ok": False, "error": "malformed bot token"}, 400)
        action = request.match_info["action"].lower()
        try:
            body: Any = {}
            if request.can_read_body:
                raw = await request.read()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        raise ControlError("body is not JSON") from None
            return await self._control_action(token, action, body, request.query)
        except ControlError as e:
            return _json({"ok": False, "error": str(e)}, 400)
        except (KeyError, TypeError, ValueError) as e:
            return _json({"ok": False, "error": f"bad control request: {type(e).__name__}: {e}"}, 400)

    async def _control_action(self, token: str, action: str, body: Any, query: Any) -> web.Response:
        state = self.state(token)
        if action == "updates":
            update_id, message_id = state.push_update(body)
            return _json({"ok": True, "update_id": update_id, "message_id": message_id})
        if action == "sent":
            chat_id = int(query["chat_id"]) if query.get("chat_id") else None
            return _json(state.sent(chat_id, int(query.get("after") or 0), query.get("method") or None))
        if action == "messages":
            return _json(state.messages(int(query["chat_id"])))
        if action == "chats":
            return _json({"ok": True, "chat": state.add_chat(body)})
        if action == "block":
            state.block(int(body["chat_id"]), bool(body.get("blocked", True)))
            return _json({"ok": True})
        if action == "migrate":
            chat = state.migrate(int(body["chat_id"]), int(body["to_chat_id"]))
            return _json({"ok": True, "chat": chat})
        if action == "fail":
            migrate_to = body.get("migrate_to_chat_id")
            state.fail(
                str(body["method"]),
                int(body.get("count", 1)),
                str(body.get("kind", "5xx")),
                int(migrate_to) if migrate_to is not None else None,
                int(body.get("retry_after") or 1),
            )
            return _json({"ok": True})
        if action == "config":
            state.configure(body.get("scale"), body.get("latency_ms"))
            return _json({"ok": True, "scale": state.limiter.scale, "latency_ms": state.latency_ms})
        if action == "stats":
            return _json(state.stats())
        if action == "commands":
            return _json(state.commands_view())
        if action == "settle":
            ok = await state.settle(float(query.get("idle_ms") or 100), float(query.get("timeout") or 10))
            return _json({"ok": ok})
        if action == "reset":
            self.reset(token)
            return _json({"ok": True})
        if action == "me":
            return _json(state.user)
        return _json({"ok": False, "error": f"unknown control action {action!r}"}, 404)


async def serve(host: str = "127.0.0.1", port: int = 0, scale: float = 1.0, latency_ms: int = 0) -> None:
    """Run a stand-in until SIGTERM/SIGINT; the first line printed is ``listening <base url>``."""
    server = StandinServer(scale=scale, latency_ms=latency_ms)
    url = await server.start(host, port)
    print(f"listening {url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    try:
        await stop.wait()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
        await server.stop()
