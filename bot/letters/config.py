"""The letters card as the TOML configuration declares it (`[cases.letters]`, and `birthday` on the case)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from bot.errors import UserError
from bot.letters.fields import LETTER_FIELDS, validate_letters_field

_BY_COLUMN = {column: field for field, column in LETTER_FIELDS.items()}


class LettersDecl(BaseModel):
    """How to write to the detainee: the facility's address and the rules in up to three languages, and an
    electronic-letter service (https) with its name."""

    model_config = ConfigDict(extra="forbid")

    address: str | None = None
    address_en: str | None = None
    address_kk: str | None = None
    rules: str | None = None
    rules_en: str | None = None
    rules_kk: str | None = None
    service_url: str | None = None
    service_name: str | None = None

    @field_validator("*")
    @classmethod
    def _checked(cls, v: str | None, info: object) -> str | None:
        name = str(getattr(info, "field_name", ""))
        return None if v is None else _validated(name, v)


def birthday_field(v: str | None) -> str | None:
    """A declared `birthday` ("03-14", "1985-03-14", "14.03") → the stored form."""
    return None if v is None else _validated("birthday", v)


def _validated(column: str, value: str) -> str | None:
    try:
        return validate_letters_field(_BY_COLUMN[column], value)
    except UserError as err:
        raise ValueError(f"not a valid {column} ({err.key})") from err
