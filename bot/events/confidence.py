"""When the bot speaks by itself about a hearing it found, and how independent reports of it add up.

Pure functions with no storage or Telegram behind them, so `casewatch extract` can print the same
decision the bot takes (`would_announce`).

- A finding at or above REVIEW_THRESHOLD is announced by the bot itself; below, it waits in /review.
- Two reports of the same hearing (case and court-local date) count as independent only when they come
  from different outlets. An outlet is the link's host without `www.`; on hosts where many unrelated
  channels or pages live side by side (t.me, vk.com, …) it is the host plus the channel's name.
- Independent reports combine as 1 − Π(1 − cᵢ), taking each outlet's best report once, capped at 0.99:
  the chance that every outlet misread the same date is the product of their chances of misreading it.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

CONFIRMED_CAP = 0.99  # two outlets agreeing is strong, never certain
CONFLICT_WINDOW_DAYS = 21  # two different dates this close are read as the same session, not two sessions

# Hosts whose first path segment names an independent channel or page.
SHARED_HOSTS = frozenset({
    "t.me", "telegram.me", "vk.com", "facebook.com", "instagram.com", "youtube.com", "x.com", "twitter.com",
    "medium.com", "livejournal.com", "telegra.ph",
})


def would_announce(confidence: float, threshold: float) -> bool:
    """Whether a hearing found with this confidence is announced without a person looking at it."""
    return confidence >= threshold


def combine(confidences: Iterable[float]) -> float:
    """Confidence of a hearing reported by independent outlets (one value per outlet), capped at 0.99.

    One outlet alone keeps its own confidence (even above the cap): the cap applies only to agreement.
    """
    values = [min(max(float(c), 0.0), 1.0) for c in confidences]
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    miss = 1.0
    for c in values:
        miss *= 1.0 - c
    return round(min(1.0 - miss, CONFIRMED_CAP), 6)


def outlet(url: str | None) -> str | None:
    """The outlet a link belongs to (see the module's docstring); None when it is not a web link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    elif host.startswith("m.") and host[2:] in SHARED_HOSTS:
        host = host[2:]
    if host in SHARED_HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments and segments[0] == "s" and host in ("t.me", "telegram.me"):
            segments = segments[1:]  # t.me/s/<channel>: the channel's web preview
        if segments:
            return f"{host}/{segments[0].lower()}"
    return host
