"""Request parameters as Telegram reads them: any encoding, loosely typed.

aiogram posts multipart/form-data where every value is a string and complex
values (reply_markup, entities, commands...) are JSON strings; other clients
use query strings, urlencoded forms or JSON bodies with native types. Params
hides the difference and coerces like the Bot API does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, ClientResponse, MultipartReader, web
from aiohttp.multipart import MultipartResponseWrapper


class ApiError(Exception):
    """An answer ``{"ok": false, ...}`` with HTTP status equal to ``code``."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


@dataclass
class Upload:
    """A file sent in a multipart request."""

    name: str
    data: bytes
    content_type: str | None = None


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", "", "null", "none"}


class Params:
    """Typed access to one request's parameters."""

    def __init__(self, values: Mapping[str, Any], files: Mapping[str, Upload] | None = None) -> None:
        self.values: dict[str, Any] = dict(values)
        self.files: dict[str, Upload] = dict(files or {})

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None or name in self.files

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def get_str(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        return json.dumps(value, ensure_ascii=False)

    def get_int(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def get_float(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise bad_request(f"invalid {name} specified")

    def get_json(self, name: str, what: str | None = None) -> Any:
        """A JSON-serialised parameter (already decoded when the body was JSON)."""
        value = self.values.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            return value
        if value.strip() == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what or name} JSON object") from None

    def get_chat_id(self, name: str = "chat_id") -> int | str | None:
        """An integer id or an ``@username``."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.startswith("@"):
            return text
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None

    def get_file(self, name: str) -> Upload | str | None:
        """A file parameter: an upload (direct or ``attach://``) or a file_id / URL string."""
        if name in self.files:
            return self.files[name]
        value = self.get_str(name)
        if value is None:
            return None
        if value.startswith("attach://"):
            key = value[len("attach://") :]
            if key not in self.files:
                raise bad_request(f"file not found: {key}")
            return self.files[key]
        return value


async def _read_parts(
    reader: MultipartReader | MultipartResponseWrapper,
) -> tuple[dict[str, Any], dict[str, Upload]]:
    values: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            continue  # nested multipart: not something the Bot API uses
        name = part.name or ""
        data = await part.read(decode=True)
        if part.filename is not None:
            files[name] = Upload(part.filename, bytes(data), part.headers.get("Content-Type"))
        else:
            values[name] = bytes(data).decode(part.get_charset("utf-8"), errors="replace")
    return values, files


async def read_request(request: web.Request) -> Params:
    """Merge the query string with the body, whatever its encoding."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    ctype = request.content_type
    if request.can_read_body:
        if ctype == "multipart/form-data":
            body_values, files = await _read_parts(await request.multipart())
            values.update(body_values)
        elif ctype == "application/x-www-form-urlencoded":
            form = await request.post()
            values.update({k: v for k, v in form.items() if isinstance(v, str)})
        else:
            raw = await request.read()
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError:
                    raise bad_request("can't parse request body as JSON") from None
                if not isinstance(body, dict):
                    raise bad_request("request body must be a JSON object")
                values.update(body)
    return Params(values, files)


async def read_webhook_reply(resp: ClientResponse) -> tuple[str, Params] | None:
    """A method call sent back in the body of a webhook answer (aiogram can do this)."""
    ctype = resp.content_type
    values: dict[str, Any]
    files: dict[str, Upload] = {}
    if ctype == "multipart/form-data":
        values, files = await _read_parts(MultipartReader.from_response(resp))
    elif ctype == "application/json":
        try:
            body = await resp.json()
        except ValueError:
            return None
        if not isinstance(body, dict):
            return None
        values = body
    elif ctype == "application/x-www-form-urlencoded":
        from urllib.parse import parse_qsl

        values = dict(parse_qsl(await resp.text()))
    else:
        return None
    method = values.pop("method", None)
    if not isinstance(method, str) or not method:
        return None
    return method, Params(values, files)
