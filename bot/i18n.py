"""Texts in Russian, English and Kazakh from Fluent files in `bot/locales/<lang>/*.ftl`.

Every lookup names its language: the outbox sender runs outside any update, so there is no ambient
locale. Arguments are HTML-escaped here, where text meets HTML; the .ftl files hold the markup.
A key missing in one language falls back kk → ru → en (ru → en, en → ru), and a test checks that
none is missing anywhere.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LANGUAGES = ("ru", "en", "kk")
DEFAULT = "ru"
_FALLBACK = {"kk": ("kk", "ru", "en"), "ru": ("ru", "en"), "en": ("en", "ru")}


class Raw(str):
    """A string that is already safe HTML (built by our own code): not escaped again."""

    __slots__ = ()


def escape(text: object) -> str:
    """Escape text for Telegram's HTML parse mode."""
    return html.escape(str(text), quote=False)


# Central Asian languages whose speakers commonly read Russian as a second language.
RUSSIAN_READERS = frozenset({"ky", "uz", "tg", "tk"})


def pick_language(code: str | None, default: str = DEFAULT) -> str:
    """Telegram's `language_code` (e.g. `en-US`) → one of ru/en/kk.

    Kyrgyz, Uzbek, Tajik and Turkmen readers get Russian; any other language gets English;
    no code at all gets `default`.
    """
    if code:
        base = code.lower().split("-")[0].split("_")[0]
        if base in LANGUAGES:
            return base
        if base:
            return "ru" if base in RUSSIAN_READERS else "en"
    return default if default in LANGUAGES else DEFAULT


@cache
def _bundle(lang: str) -> FluentBundle:
    bundle = FluentBundle([lang], use_isolating=False)
    folder = resources.files("bot") / "locales" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ftl"):
            bundle.add_resource(FluentResource(entry.read_text(encoding="utf-8")))
    return bundle


def keys(lang: str) -> set[str]:
    return set(_bundle(lang)._messages)


def has(lang: str, key: str) -> bool:
    return _bundle(lang).has_message(key)


# Fluent refuses a placeable longer than 2,500 characters (its error says 1,000): a longer argument (a link, a
# quoted sentence) goes in after formatting instead, so no value's length can make a text fail.
PLACEABLE_MAX = 1000
# A plain-text argument is cut to this many characters: no one text is made unreadable (or over Telegram's
# 4,096) by one value. Raw HTML built by our own code is never cut (cutting could break its markup).
ARG_MAX_CHARS = 3000


def t(lang: str, key: str, /, **args: Any) -> str:
    """The text `key` in `lang`, with arguments escaped (numbers stay numbers for plurals)."""
    safe: dict[str, Any] = {}
    late: dict[str, str] = {}
    for k, v in args.items():
        value: Any
        if isinstance(v, int | float | Raw):
            value = v
        elif v is None:
            value = ""
        else:
            plain = str(v)
            value = escape(plain if len(plain) <= ARG_MAX_CHARS else plain[: ARG_MAX_CHARS - 1] + "…")
        if isinstance(value, str) and len(value) > PLACEABLE_MAX:
            marker = f"\x00{len(late)}\x00"
            late[marker] = value
            value = marker
        safe[k] = value
    for candidate in _FALLBACK.get(lang, (DEFAULT, "en")):
        bundle = _bundle(candidate)
        if bundle.has_message(key):
            message = bundle.get_message(key)
            if message.value is None:
                break
            text, errors = bundle.format_pattern(message.value, safe)
            if errors:
                raise KeyError(f"{candidate}:{key}: {errors[0]}")
            out = str(text)
            for marker, value in late.items():
                out = out.replace(marker, value)
            return out
    raise KeyError(f"no text {key!r} in any language")


def all_languages(key: str, /, **args: Any) -> dict[str, str]:
    return {lang: t(lang, key, **args) for lang in LANGUAGES}


def join_lines(lines: Iterable[str]) -> str:
    return "\n".join(line for line in lines if line)
