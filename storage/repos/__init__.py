"""Repositories written once in portable SQL, bound to a `Conn` by each backend."""

from __future__ import annotations

from storage.conn import Conn
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

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.cases = CaseRepo(conn)
        self.chats = ChatRepo(conn)
        self.subscriptions = SubscriptionRepo(conn)
        self.sources = SourceRepo(conn)
        self.items = ItemRepo(conn)
        self.leases = LeaseRepo(conn)
        self.outbox = OutboxRepo(conn)
        self.editors = EditorRepo(conn)
        self.invites = InviteRepo(conn)
        self.drafts = DraftRepo(conn)
        self.audit = AuditRepo(conn)
        self.dialogs = DialogRepo(conn)
        self.findings = FindingRepo(conn)
        self.hearings = HearingRepo(conn)
        self.announcements = AnnouncementRepo(conn)
        self.reports = ReportRepo(conn)
        self.install = InstallRepo(conn)
