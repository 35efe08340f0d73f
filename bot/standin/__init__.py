"""A stand-in for the Telegram Bot API, for tests, the demo and benchmarks.

Start a :class:`StandinServer`, point aiogram at it with
``AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))`` and drive
users through a :class:`StandinClient` (or ``server.state(token)`` in process).
"""

from .client import Sent, StandinClient, StandinError, random_token
from .limits import FloodLimiter, Verdict
from .server import StandinServer, serve
from .state import BotState

__all__ = [
    "BotState",
    "FloodLimiter",
    "Sent",
    "StandinClient",
    "StandinError",
    "StandinServer",
    "Verdict",
    "random_token",
    "serve",
]
