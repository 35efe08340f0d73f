"""Telegram's HTML parse mode, strict enough to catch what real Telegram rejects.

Produces the visible text and the message entities (offsets in UTF-16 code
units, as the Bot API counts them). Errors carry Telegram-like wording; the
caller prefixes "Bad Request: can't parse entities: ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

WHITESPACE = " \t\r\n"

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z]+));")
_NAME_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTR_NAME_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_:.-]*")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (how Telegram measures text and entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class ParsedText:
    """Visible text and entities of a formatted message."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Open:
    name: str
    entity: dict[str, Any]
    start: int  # UTF-16 offset in the output
    byte_offset: int


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, i: int) -> tuple[str, int]:
    """Decode the character entity at ``source[i] == '&'``; return (char, next index)."""
    m = _ENTITY_RE.match(source, i)
    if m is None:
        raise EntityParseError(
            f"Character '&' must be escaped as &amp; at byte offset {_byte_offset(source, i)}"
        )
    dec, hexa, name = m.groups()
    if name is not None:
        if name not in _NAMED:
            raise EntityParseError(
                f'Unsupported character entity "&{name};" at byte offset {_byte_offset(source, i)}'
            )
        return _NAMED[name], m.end()
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise EntityParseError(f"Invalid character entity at byte offset {_byte_offset(source, i)}")
    return chr(code), m.end()


def _unescape(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            m = _ENTITY_RE.match(value, i)
            if m is None:
                # Telegram is lenient inside attribute values; keep a bare '&' (URLs with ?a=1&b=2).
                out.append("&")
                i += 1
                continue
            ch, i = _decode_entity(value, i)
            out.append(ch)
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _parse_attributes(source: str, i: int, tag_offset: int) -> tuple[dict[str, str], int]:
    """Parse attributes after the tag name up to and including '>'; return (attrs, next index)."""
    attrs: dict[str, str] = {}
    n = len(source)
    while True:
        while i < n and source[i] in WHITESPACE:
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {tag_offset}")
        if source[i] == ">":
            return attrs, i + 1
        m = _ATTR_NAME_RE.match(source, i)
        if m is None:
            raise EntityParseError(
                f"Expected equal sign in declaration of an attribute of the tag at byte offset {tag_offset}"
            )
        name = m.group(0).lower()
        i = m.end()
        while i < n and source[i] in WHITESPACE:
            i += 1
        if i < n and source[i] == "=":
            i += 1
            while i < n and source[i] in WHITESPACE:
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {tag_offset}")
            if source[i] in "\"'":
                quote = source[i]
                end = source.find(quote, i + 1)
                if end < 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {tag_offset}")
                raw = source[i + 1 : end]
                i = end + 1
            else:
                j = i
                while j < n and source[j] not in WHITESPACE and source[j] != ">":
                    j += 1
                raw = source[i:j]
                i = j
            attrs[name] = _unescape(raw)
        else:
            attrs[name] = ""


def _open_entity(name: str, attrs: dict[str, str], byte_offset: int, stack: list[_Open]) -> dict[str, Any]:
    kind = _TAG_ENTITY[name]
    entity: dict[str, Any] = {"type": kind}
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError('Tag "span" must have class "tg-spoiler"')
    if name == "a":
        href = attrs.get("href", "")
        if not href:
            # Telegram drops the link and keeps the text; an empty entity is harmless.
            entity["type"] = ""
        else:
            entity["url"] = href
    elif name == "tg-emoji":
        emoji_id = attrs.get("emoji-id", "")
        if not emoji_id.isdigit():
            raise EntityParseError(f"Invalid custom emoji identifier specified at byte offset {byte_offset}")
        entity["custom_emoji_id"] = emoji_id
    elif name == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif name == "code":
        cls = attrs.get("class", "")
        if cls.startswith("language-") and stack and stack[-1].name == "pre":
            entity["language"] = cls[len("language-") :]
    return entity


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML; raise EntityParseError like Telegram would."""
    out: list[str] = []
    pos = 0  # UTF-16 offset of the end of ``out``
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    n = len(source)
    chunk_start = 0

    def flush(upto: int) -> None:
        nonlocal pos
        if upto > chunk_start:
            piece = source[chunk_start:upto]
            out.append(piece)
            pos += utf16_len(piece)

    while i < n:
        ch = source[i]
        if ch == "&":
            flush(i)
            decoded, i = _decode_entity(source, i)
            out.append(decoded)
            pos += utf16_len(decoded)
            chunk_start = i
            continue
        if ch != "<":
            i += 1
            continue
        flush(i)
        tag_offset = _byte_offset(source, i)
        if i + 1 < n and source[i + 1] == "/":
            m = _NAME_RE.match(source, i + 2)
            name = m.group(0).lower() if m else ""
            j = m.end() if m else i + 2
            while j < n and source[j] in WHITESPACE:
                j += 1
            if j >= n or source[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {tag_offset}")
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {tag_offset}")
            top = stack[-1]
            if name != top.name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {tag_offset}, expected "</{top.name}>", found "</{name}>"'
                )
            stack.pop()
            length = pos - top.start
            entity = top.entity
            if entity["type"] == "code" and "language" in entity and stack and stack[-1].name == "pre":
                # <pre><code class="language-x"> is one pre entity with a language.
                stack[-1].entity["language"] = entity["language"]
            elif entity["type"] and length > 0:
                entities.append({**entity, "offset": top.start, "length": length})
            i = j + 1
            chunk_start = i
            continue
        m = _NAME_RE.match(source, i + 1)
        name = m.group(0).lower() if m else ""
        if not name or name not in _TAG_ENTITY:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {tag_offset}')
        assert m is not None
        attrs, i = _parse_attributes(source, m.end(), tag_offset)
        entity = _open_entity(name, attrs, tag_offset, stack)
        stack.append(_Open(name, entity, pos, tag_offset))
        chunk_start = i
    flush(n)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return strip(ParsedText("".join(out), entities))


def plain(text: str, entities: list[dict[str, Any]] | None = None) -> ParsedText:
    """Text sent without a parse mode (optionally with explicit entities)."""
    return strip(ParsedText(text, list(entities or [])))


def strip(parsed: ParsedText) -> ParsedText:
    """Telegram trims leading and trailing whitespace and shifts entities to match."""
    text = parsed.text
    lead = len(text) - len(text.lstrip(WHITESPACE))
    stripped = text.strip(WHITESPACE)
    if lead == 0 and len(stripped) == len(text):
        return parsed
    lead16 = utf16_len(text[:lead])
    total16 = utf16_len(stripped)
    fixed: list[dict[str, Any]] = []
    for e in parsed.entities:
        start = max(0, int(e["offset"]) - lead16)
        end = min(total16, int(e["offset"]) + int(e["length"]) - lead16)
        if end > start:
            fixed.append({**e, "offset": start, "length": end - start})
    return ParsedText(stripped, fixed)
