"""The letters card's fields as admins edit them, and how a typed (or declared) value is checked."""

from __future__ import annotations

import re
from datetime import date

from bot.errors import UserError

# The /editcase name of each field → its column in `case_letters`.
LETTER_FIELDS: dict[str, str] = {
    "mail_address": "address", "mail_address_en": "address_en", "mail_address_kk": "address_kk",
    "mail_rules": "rules", "mail_rules_en": "rules_en", "mail_rules_kk": "rules_kk",
    "mail_service": "service_url", "mail_service_name": "service_name", "birthday": "birthday",
}
_LIMITS = {"address": 400, "address_en": 400, "address_kk": 400, "rules": 1500, "rules_en": 1500,
           "rules_kk": 1500, "service_name": 60}
URL_LIMIT = 300
_URL = re.compile(r"^https://[^\s<>\"']+$")
# How admins write a birthday: 14.03, 14.03.1985, 03-14, 1985-03-14.
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?$")
_ISO = re.compile(r"^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})$")
LEAP_YEAR = 2000  # a year in which every month and day exists, for checking a date without its year
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a year outside these is a typo


def validate_letters_field(field: str, raw: str) -> str | None:
    """An admin's typed value of a letters field → the stored value (None clears it); UserError otherwise."""
    column = LETTER_FIELDS[field]
    value = raw.strip()
    if value in ("", "-"):
        return None
    if column == "service_url":
        if len(value) > URL_LIMIT or not _URL.match(value):
            raise UserError("letters-bad-url")
        return value
    if column == "birthday":
        return parse_birthday(value)
    if len(value) > _LIMITS[column]:
        raise UserError("admin-too-long", field=field, limit=_LIMITS[column])
    return value


def parse_birthday(value: str) -> str:
    """A birthday as typed → `MM-DD` or `YYYY-MM-DD`; UserError("letters-bad-birthday") when no such day."""
    text = value.strip()
    year: str | None
    if m := _DOTTED.match(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _ISO.match(text):
        year, month, day = m.group(1), m.group(2), m.group(3)
    else:
        raise UserError("letters-bad-birthday")
    try:
        born = date(int(year) if year else LEAP_YEAR, int(month), int(day))
    except ValueError as exc:
        raise UserError("letters-bad-birthday") from exc
    if year and not FIRST_YEAR <= born.year <= LAST_YEAR:
        raise UserError("letters-bad-birthday")
    return born.isoformat() if year else born.isoformat()[5:]


def birthday_parts(stored: str) -> tuple[int | None, int, int]:
    """A stored birthday → (year or None, month, day)."""
    parts = [int(p) for p in stored.split("-")]
    return (None, parts[0], parts[1]) if len(parts) == 2 else (parts[0], parts[1], parts[2])
