"""Repositories written once in portable SQL, bound to a `Conn` by each backend."""

from __future__ import annotations

from storage.conn import Conn
from storage.crypto import IdsLike, NoIds
from storage.repos.admin import AuditRepo, DraftRepo, EditorRepo, InviteRepo
from storage.repos.announcements import AnnouncementRepo
from storage.repos.cases import CaseRepo
from storage.repos.chats import ChatRepo
from storage.repos.dialogs import DialogRepo
from storage.repos.findings import FindingRepo
from storage.repos.hearings import HearingRepo
from storage.repos.install import InstallRepo
from storage.repos.items import ItemRepo
from storage.repos.leases import LeaseRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.reports import ReportRepo
from storage.repos.sources import SourceRepo
from storage.repos.subscriptions import SubscriptionRepo


class Repos:
    """Every repository on one connection: what `store.transaction()` yields."""

    def __init__(self, conn: Conn, ids: IdsLike | None = None) -> None:
        ids = NoIds() if ids is None else ids
        self.conn = conn
        self.ids = ids
        self.cases = CaseRepo(conn, ids)
        self.chats = ChatRepo(conn, ids)
        self.subscriptions = SubscriptionRepo(conn, ids)
        self.sources = SourceRepo(conn, ids)
        self.items = ItemRepo(conn)
        self.leases = LeaseRepo(conn)
        self.outbox = OutboxRepo(conn, ids)
        self.editors = EditorRepo(conn, ids)
        self.invites = InviteRepo(conn, ids)
        self.drafts = DraftRepo(conn, ids)
        self.audit = AuditRepo(conn, ids)
        self.dialogs = DialogRepo(conn, ids)
        self.findings = FindingRepo(conn, ids)
        self.hearings = HearingRepo(conn, ids)
        self.announcements = AnnouncementRepo(conn, ids)
        self.reports = ReportRepo(conn)
        self.install = InstallRepo(conn)
