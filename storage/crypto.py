"""Telegram ids at rest: sealed with AES-GCM, found again by a keyed hash.

A copy of the database alone (the file, its WAL, a backup) names no chat or user: every column that
would hold a Telegram id holds instead
- `<x>_enc`: the id sealed with AES-256-GCM (random 96-bit nonce), so the bot can send to it again, and
- `<x>_hash`: HMAC-SHA256 of the id, hex, where rows are looked up, joined or kept unique by it.

Both subkeys come from one DATA_KEY (32 random bytes, urlsafe base64) through HKDF-SHA256, so the key
never touches a column directly. This guards a seized disk or backup, not a live process that holds the
key in memory. Nothing here is hand-made cryptography: AES-GCM and HKDF are the `cryptography`
library's, HMAC is the standard library's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
# What a forgotten person's id becomes in the records that outlive them (audit log, who posted what):
# the record keeps its place, nobody can be found behind it.
TOMBSTONE = "forgotten"
# The id a tombstone reads back as: Telegram never gives 0 to a chat or a user.
FORGOTTEN_ID = 0
_AAD = b"casewatch telegram id v1"


class DataKeyError(ValueError):
    """DATA_KEY is missing, malformed, or not the key this database was made with."""


class MissingDataKey(DataKeyError):
    """An id had to be sealed or opened, but no DATA_KEY was given."""


def new_key() -> str:
    """A fresh DATA_KEY: 32 random bytes, urlsafe base64, never starting with "-".

    A leading "-" would make `casewatch keys rotate --old KEY` read the key as an option (one key in 64 did).
    """
    while True:
        key = base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()
        if not key.startswith("-"):
            return key


def _decode_key(text: str) -> bytes:
    raw = text.strip()
    try:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError) as exc:
        raise DataKeyError("DATA_KEY is not urlsafe base64; make one with `casewatch keys new`") from exc
    if len(key) != KEY_BYTES:
        raise DataKeyError(
            f"DATA_KEY must be {KEY_BYTES} bytes in urlsafe base64, got {len(key)}; make one with `casewatch keys new`"
        )
    return key


def _subkey(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"casewatch " + purpose).derive(key)


class Ids:
    """Seals, opens and hashes Telegram ids with one DATA_KEY."""

    def __init__(self, key_text: str) -> None:
        key = _decode_key(key_text)
        self._aead = AESGCM(_subkey(key, b"seal ids"))
        self._mac_key = _subkey(key, b"look up ids")

    def seal(self, value: int) -> str:
        """The id encrypted: base64 of nonce and ciphertext (a new nonce every time)."""
        nonce = os.urandom(NONCE_BYTES)
        blob = self._aead.encrypt(nonce, str(int(value)).encode(), _AAD)
        return base64.urlsafe_b64encode(nonce + blob).decode()

    def open(self, token: str) -> int:
        """The id back from `seal`; a tombstone reads as FORGOTTEN_ID."""
        if token == TOMBSTONE:
            return FORGOTTEN_ID
        try:
            raw = base64.urlsafe_b64decode(token)
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _AAD)
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise DataKeyError("a stored id does not open with this DATA_KEY") from exc
        return int(plain.decode())

    def open_opt(self, token: str | None) -> int | None:
        return None if token is None else self.open(token)

    def seal_opt(self, value: int | None) -> str | None:
        return None if value is None else self.seal(value)

    def tag(self, value: int) -> str:
        """The keyed hash rows are found by: the same id always gives the same tag under one key."""
        return hmac.new(self._mac_key, b"id:" + str(int(value)).encode(), hashlib.sha256).hexdigest()

    def tag_opt(self, value: int | None) -> str | None:
        return None if value is None else self.tag(value)

    def tag_text(self, text: str) -> str:
        """A keyed hash of a string that holds ids (aiogram's dialog keys)."""
        return hmac.new(self._mac_key, b"text:" + text.encode(), hashlib.sha256).hexdigest()

    def check_value(self) -> str:
        """Stored once per database, so a wrong key is caught at start rather than at the first send."""
        return hmac.new(self._mac_key, b"casewatch key check", hashlib.sha256).hexdigest()


class NoIds:
    """Stands in when no DATA_KEY was given: any attempt to seal, open or look up an id says so."""

    def _fail(self) -> MissingDataKey:
        return MissingDataKey("DATA_KEY is not set: chat ids are encrypted with it (`casewatch keys new` makes one)")

    def seal(self, value: int) -> str:
        raise self._fail()

    def open(self, token: str) -> int:
        if token == TOMBSTONE:
            return FORGOTTEN_ID
        raise self._fail()

    def open_opt(self, token: str | None) -> int | None:
        return None if token is None else self.open(token)

    def seal_opt(self, value: int | None) -> str | None:
        return None if value is None else self.seal(value)

    def tag(self, value: int) -> str:
        raise self._fail()

    def tag_opt(self, value: int | None) -> str | None:
        return None if value is None else self.tag(value)

    def tag_text(self, text: str) -> str:
        raise self._fail()

    def check_value(self) -> str:
        raise self._fail()


IdsLike = Ids | NoIds


def key_text_from(environ: Mapping[str, str] | None = None, *, key: str | None = None,
                  key_file: str | Path | None = None) -> str | None:
    """DATA_KEY, else the content of DATA_KEY_FILE (explicit arguments first, then the environment)."""
    env = os.environ if environ is None else environ
    key = key or env.get("DATA_KEY") or None
    if key:
        return key.strip()
    key_file = key_file or env.get("DATA_KEY_FILE") or None
    if key_file:
        try:
            return Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise DataKeyError(f"DATA_KEY_FILE {key_file} cannot be read ({type(exc).__name__})") from exc
    return None


def ids_from(key_text: str | None) -> IdsLike:
    return NoIds() if not key_text else Ids(key_text)
