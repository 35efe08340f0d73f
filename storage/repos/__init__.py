"""Repositories written once in portable SQL, bound to a `Conn` by each backend.

Each topic has a reader (its SELECTs) and a repository that extends it with the writes, so a read-only
snapshot can hand out the readers alone: a write there is a type error, and an AttributeError at run time.
Invites and drafts are only ever used up or written, so they have no reader.
"""

from __future__ import annotations

from storage.conn import Conn
from storage.crypto import IdsLike, NoIds
from storage.repos.admin import AuditReader, AuditRepo, DraftRepo, EditorReader, EditorRepo, InviteRepo
from storage.repos.announcements import AnnouncementReader, AnnouncementRepo
from storage.repos.attendance import AttendanceReader, AttendanceRepo
from storage.repos.cases import CaseReader, CaseRepo
from storage.repos.chats import ChatReader, ChatRepo
from storage.repos.dialogs import DialogReader, DialogRepo
from storage.repos.digests import DigestReader, DigestRepo
from storage.repos.edits import EditReader, EditRepo
from storage.repos.findings import FindingReader, FindingRepo
from storage.repos.hearings import HearingReader, HearingRepo
from storage.repos.install import InstallReader, InstallRepo
from storage.repos.items import ItemReader, ItemRepo
from storage.repos.leases import LeaseReader, LeaseRepo
from storage.repos.letters import LettersReader, LettersRepo
from storage.repos.outbox import OutboxReader, OutboxRepo
from storage.repos.reports import ReportReader, ReportRepo
from storage.repos.send_budget import SendBudgetReader, SendBudgetRepo
from storage.repos.sources import SourceReader, SourceRepo
from storage.repos.subscriptions import SubscriptionReader, SubscriptionRepo
from storage.repos.topics import TopicReader, TopicRepo


class Readers:
    """Every reader on one connection: what `store.read()` yields (`storage.api.ReadTx`)."""

    def __init__(self, conn: Conn, ids: IdsLike | None = None) -> None:
        ids = NoIds() if ids is None else ids
        self.conn = conn
        self.ids = ids
        self.cases = CaseReader(conn, ids)
        self.hearings = HearingReader(conn, ids)
        self.chats = ChatReader(conn, ids)
        self.subscriptions = SubscriptionReader(conn, ids)
        self.sources = SourceReader(conn, ids)
        self.items = ItemReader(conn)
        self.findings = FindingReader(conn, ids)
        self.announcements = AnnouncementReader(conn, ids)
        self.outbox = OutboxReader(conn, ids)
        self.edits = EditReader(conn, ids)
        self.reports = ReportReader(conn)
        self.editors = EditorReader(conn, ids)
        self.audit = AuditReader(conn, ids)
        self.dialogs = DialogReader(conn, ids)
        self.leases = LeaseReader(conn)
        self.install = InstallReader(conn)
        self.digests = DigestReader(conn, ids)
        self.topics = TopicReader(conn, ids)
        self.letters = LettersReader(conn)
        self.attendance = AttendanceReader(conn, ids)
        self.send_budget = SendBudgetReader(conn)


class Repos:
    """Every repository on one connection: what `store.transaction()` yields (`storage.api.Tx`)."""

    def __init__(self, conn: Conn, ids: IdsLike | None = None) -> None:
        ids = NoIds() if ids is None else ids
        self.conn = conn
        self.ids = ids
        self.cases = CaseRepo(conn, ids)
        self.hearings = HearingRepo(conn, ids)
        self.chats = ChatRepo(conn, ids)
        self.subscriptions = SubscriptionRepo(conn, ids)
        self.sources = SourceRepo(conn, ids)
        self.items = ItemRepo(conn)
        self.findings = FindingRepo(conn, ids)
        self.announcements = AnnouncementRepo(conn, ids)
        self.outbox = OutboxRepo(conn, ids)
        self.edits = EditRepo(conn, ids)
        self.reports = ReportRepo(conn)
        self.editors = EditorRepo(conn, ids)
        self.invites = InviteRepo(conn, ids)
        self.drafts = DraftRepo(conn, ids)
        self.audit = AuditRepo(conn, ids)
        self.dialogs = DialogRepo(conn, ids)
        self.leases = LeaseRepo(conn)
        self.install = InstallRepo(conn)
        self.digests = DigestRepo(conn, ids)
        self.topics = TopicRepo(conn, ids)
        self.letters = LettersRepo(conn)
        self.attendance = AttendanceRepo(conn, ids)
        self.send_budget = SendBudgetRepo(conn)
