"""A stand-in for the Telegram Bot API, for tests, the demo and benchmarks.

Start a :class:`StandinServer`, point aiogram at it with
``AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))`` and drive
users through a :class:`StandinClient` (or ``server.state(token)`` in process).

Layout: ``server`` (HTTP) hands each request to the token's ``state.BotState``,
which owns the data and dispatches Bot API methods to tables in ``settings``,
``polling``, ``webhook``, ``sending``, ``editing``, ``callbacks``, ``files`` and
``chats``. ``messages`` and ``content`` hold what posting and editing share,
``incoming`` takes updates a test pushes, ``failures`` injects errors and
``control`` keeps the journal and counters the control API reads; ``topics``
models groups with topics (forums). ``updates``
builds Bot API dicts, ``params`` reads requests, ``limits`` models flood limits,
``tghtml`` parses Telegram HTML. Nothing here imports the rest of the bot.
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
