"""The bot's own settings: getMe, commands per scope and language, name and descriptions, menu button."""

from __future__ import annotations

import copy
import json
import re
from typing import TYPE_CHECKING, Any

from .params import Params, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method

COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_LANG_RE = re.compile(r"^[a-z]{2}$")


async def _true(s: BotState, p: Params) -> bool:
    return True


async def get_me(s: BotState, p: Params) -> dict[str, Any]:
    return {
        **s.user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _scope_key(p: Params) -> tuple[str, str]:
    """(the scope as canonical JSON, the language code) that commands are kept under."""
    scope = p.get_json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    norm: dict[str, Any] = {"type": scope["type"]}
    for key in ("chat_id", "user_id"):
        if scope.get(key) is not None:
            value = scope[key]
            norm[key] = int(value) if isinstance(value, int) or str(value).lstrip("-").isdigit() else value
    if scope["type"] in ("chat", "chat_administrators", "chat_member") and "chat_id" not in norm:
        raise bad_request("chat_id is empty")
    lang = p.get_str("language_code") or ""
    if lang and not _LANG_RE.match(lang):
        raise bad_request("invalid language code specified")
    return json.dumps(norm, sort_keys=True), lang


async def set_my_commands(s: BotState, p: Params) -> bool:
    commands = p.get_json("commands", "commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    clean: list[dict[str, Any]] = []
    for cmd in commands:
        if not isinstance(cmd, dict) or not _COMMAND_RE.match(str(cmd.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = cmd.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        clean.append({"command": cmd["command"], "description": description})
    key = _scope_key(p)
    if clean:
        s.commands[key] = clean
    else:
        s.commands.pop(key, None)
    return True


async def get_my_commands(s: BotState, p: Params) -> list[dict[str, Any]]:
    return copy.deepcopy(s.commands.get(_scope_key(p), []))


async def delete_my_commands(s: BotState, p: Params) -> bool:
    s.commands.pop(_scope_key(p), None)
    return True


def commands_view(s: BotState) -> list[dict[str, Any]]:
    """Control API: every command list the bot set, with its scope and language."""
    return [
        {"scope": json.loads(scope), "language_code": lang, "commands": copy.deepcopy(cmds)}
        for (scope, lang), cmds in s.commands.items()
    ]


def _profile_setter(field_name: str) -> Method:
    async def setter(s: BotState, p: Params) -> bool:
        s.profile[(field_name, p.get_str("language_code") or "")] = p.get_str(field_name) or ""
        return True

    return setter


def _profile_getter(field_name: str) -> Method:
    async def getter(s: BotState, p: Params) -> dict[str, Any]:
        lang = p.get_str("language_code") or ""
        value = s.profile.get((field_name, lang), s.profile.get((field_name, ""), ""))
        if field_name == "name" and not value:
            value = s.user["first_name"]
        return {field_name: value}

    return getter


async def get_chat_menu_button(s: BotState, p: Params) -> dict[str, Any]:
    return {"type": "default"}


METHODS: dict[str, Method] = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setMyDescription": _profile_setter("description"),
    "getMyDescription": _profile_getter("description"),
    "setMyShortDescription": _profile_setter("short_description"),
    "getMyShortDescription": _profile_getter("short_description"),
    "setMyName": _profile_setter("name"),
    "getMyName": _profile_getter("name"),
    "setChatMenuButton": _true,
    "getChatMenuButton": get_chat_menu_button,
    "close": _true,
    "logOut": _true,
}
