"""The addresses the listener is reached at from outside: a case's calendar feed as a `webcal://` link."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.config import Settings
from storage.models import Case


def feed_path(slug: str) -> str:
    return f"/cal/{slug}.ics"


def calendar_link(settings: Settings, case: Case, lang: str) -> str | None:
    """`webcal://<host>/cal/<slug>.ics` (with `?lang=` when the reader's language is not the default), or
    None when PUBLIC_URL is unset or the case is not public (such a case has no feed).

    `webcal://` is what makes a phone or a desktop calendar offer to subscribe rather than import once.
    """
    if not settings.public_url or not case.public:
        return None
    parts = urlsplit(settings.public_url)
    query = "" if lang == settings.default_language else f"?lang={lang}"
    return f"webcal://{parts.netloc}{parts.path.rstrip('/')}{feed_path(case.slug)}{query}"
