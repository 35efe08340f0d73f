"""Files the bot uploaded: reading an upload, storing it, getFile and download paths."""

from __future__ import annotations

import mimetypes
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .params import ApiError, Params, Upload, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class StoredFile:
    """An uploaded file, served at ``/file/bot<token>/<path>``."""

    file_id: str
    file_unique_id: str
    name: str
    data: bytes
    mime_type: str | None
    path: str


def upload(s: BotState, value: Upload | str | None, kind: str) -> tuple[str, bytes, str | None]:
    """(name, bytes, mime type) of a file parameter: a new upload or the file_id of a stored file."""
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, str):
        known = s.files.get(value)
        if known is not None:
            return known.name, known.data, known.mime_type
        if value.startswith(("http://", "https://")):
            # The stand-in has no network by design, so it cannot fetch the URL.
            raise bad_request("failed to get HTTP URL content")
        raise bad_request("wrong file identifier/HTTP URL specified")
    if not value.data:
        raise bad_request("file must be non-empty")
    if len(value.data) > MAX_FILE_BYTES:
        raise ApiError(413, "Request Entity Too Large")
    mime = value.content_type
    if not mime or mime == "application/octet-stream":
        mime = mimetypes.guess_type(value.name)[0] or mime
    return value.name, value.data, mime


def store(s: BotState, name: str, data: bytes, mime: str | None, folder: str) -> StoredFile:
    """Keep a file under a fresh file_id and download path."""
    n = next(s.ids)
    file_id = f"BQACAgIAAxk{secrets.token_urlsafe(24)}"
    ext = name.rsplit(".", 1)[-1] if "." in name else "bin"
    stored = StoredFile(file_id, f"AgAD{n:06d}", name, data, mime, f"{folder}/file_{n}.{ext}")
    s.files[file_id] = stored
    return stored


def by_path(s: BotState, path: str) -> StoredFile | None:
    """The file downloaded at ``path``, if any."""
    return next((f for f in s.files.values() if f.path == path), None)


async def get_file(s: BotState, p: Params) -> dict[str, Any]:
    stored = s.files.get(p.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.path,
    }


METHODS: dict[str, Method] = {"getFile": get_file}
