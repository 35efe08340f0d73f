"""Bytes to text: the charset a document declares (header, BOM, XML prolog, meta tag), else a guess.

Russian and Kazakh sites still serve cp1251 and koi8-r without saying so; a guess over the common Cyrillic
codecs picks the one that reads as words.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Detection picks among what the region's pages actually use.
_DETECT = ["utf_8", "cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252"]


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _CT_CHARSET.search(content_type)
    return _known_codec(m.group(1)) if m else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    low = name.strip().lower()
    # As browsers do (WHATWG): these labels mean windows-1252.
    if low in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        low = "cp1252"
    try:
        return codecs.lookup(low).name
    except LookupError:
        return None


def declared_charset(content: bytes, content_type: str | None) -> str | None:
    """The charset the header declares, else a `<meta>` or XML declaration in the first 4 KB."""
    declared = charset_from_content_type(content_type)
    if declared:
        return declared
    head = content[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _known_codec(m.group(1).decode("ascii", "replace")) if m else None


def decode_text(content: bytes, *, content_type: str | None = None) -> str:
    """Bytes to text: BOM; declared charset if it decodes; UTF-8; else detection (windows-1251, KOI8-R, …)."""
    if not content:
        return ""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(bom):
            return content[len(bom) :].decode(enc, errors="replace")
    declared = declared_charset(content, content_type)
    if declared:
        try:
            return content.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies: detect instead
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return content.decode(detect_encoding(content), errors="replace")


def detect_encoding(content: bytes) -> str:
    """charset-normalizer's best guess among the region's encodings; windows-1251 when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(content[:65536], cp_isolation=_DETECT).best()
    return best.encoding if best is not None else "cp1251"


# --- local files ----------------------------------------------------------------------------
