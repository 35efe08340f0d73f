"""What a bot's message carries, checked as Telegram checks it: text or caption with entities, reply markup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .params import Params, bad_request
from .tghtml import WHITESPACE, EntityParseError, ParsedText, parse_html, plain, utf16_len

_BUTTON_URL_RE = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


@dataclass(frozen=True)
class TextField:
    """Where a message keeps its words: ``text`` and ``entities``, or ``caption`` and ``caption_entities``."""

    key: str
    entities_key: str
    limit: int  # in UTF-16 code units, after entity parsing
    too_long: str


TEXT = TextField("text", "entities", 4096, "message is too long")
CAPTION = TextField("caption", "caption_entities", 1024, "message caption is too long")


def _format(raw: str, p: Params, where: TextField) -> ParsedText:
    mode = (p.get_str("parse_mode") or "").lower()
    if mode == "html":
        try:
            parsed = parse_html(raw)
        except EntityParseError as e:
            raise bad_request(f"can't parse entities: {e}") from None
    else:
        # Markdown modes are not modelled: the text is taken as is.
        entities = p.get_json(where.entities_key)
        parsed = plain(raw, entities if isinstance(entities, list) else None)
    if utf16_len(parsed.text) > where.limit:
        raise bad_request(where.too_long)
    return parsed


def text(p: Params) -> ParsedText:
    """The ``text`` of a request, which must leave something visible."""
    raw = p.get_str("text")
    if raw is None or raw.strip(WHITESPACE) == "":
        raise bad_request("message text is empty")
    parsed = _format(raw, p, TEXT)
    if not parsed.text:
        raise bad_request("message text is empty")
    return parsed


def caption(p: Params) -> ParsedText | None:
    """The ``caption`` of a request, None when there is none."""
    raw = p.get_str("caption")
    if raw is None or raw == "":
        return None
    return _format(raw, p, CAPTION)


def fields(parsed: ParsedText, where: TextField) -> dict[str, Any]:
    """The Message fields holding ``parsed`` (no entities key when there are none)."""
    out: dict[str, Any] = {where.key: parsed.text}
    if parsed.entities:
        out[where.entities_key] = parsed.entities
    return out


def markup(p: Params) -> dict[str, Any] | None:
    """The ``reply_markup`` of a request, checked and without nulls."""
    value = p.get_json("reply_markup", "reply keyboard markup")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        rows = value["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array')
        for row in rows:
            for button in row:
                _check_button(button)
    elif not any(k in value for k in ("keyboard", "remove_keyboard", "force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return _normalise_markup(value)


def set_markup(msg: dict[str, Any], markup: dict[str, Any] | None) -> None:
    """Put ``markup`` on a Message, or take it off."""
    # Only inline keyboards come back in Message.reply_markup.
    if markup is not None and "inline_keyboard" in markup:
        msg["reply_markup"] = markup
    else:
        msg.pop("reply_markup", None)


def _check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str) or not button["text"]:
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [k for k in _BUTTON_ACTIONS if button.get(k) is not None]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in actions:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in actions and not _BUTTON_URL_RE.match(str(button["url"])):
        raise bad_request("BUTTON_URL_INVALID")


def _normalise_markup(markup: dict[str, Any]) -> dict[str, Any]:
    """Drop nulls so markups compare like Telegram compares them."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    out = clean(markup)
    assert isinstance(out, dict)
    return out
