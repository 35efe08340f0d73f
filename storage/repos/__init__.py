"""Repositories written once in portable SQL, bound to a `Conn` by each backend."""

from __future__ import annotations

from storage.conn import Conn
from storage.repos.cases import CaseRepo
from storage.repos.chats import ChatRepo
from storage.repos.items import ItemRepo
from storage.repos.leases import LeaseRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.sources import SourceRepo
from storage.repos.subscriptions import SubscriptionRepo


class Repos:
    """Every repository on one connection: what `store.transaction()` yields."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.cases = CaseRepo(conn)
        self.chats = ChatRepo(conn)
        self.subscriptions = SubscriptionRepo(conn)
        self.sources = SourceRepo(conn)
        self.items = ItemRepo(conn)
        self.leases = LeaseRepo(conn)
        self.outbox = OutboxRepo(conn)
