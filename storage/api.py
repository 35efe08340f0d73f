"""What the rest of the app may know about storage besides its records: `Store`, `ReadTx`, `Tx`.

No cursor, row or driver type leaves `storage/`. A write goes through
`async with store.transaction() as tx:` and uses the repositories bound to that transaction (`Tx`);
`async with store.read() as tx:` gives only their readers, on a read-only snapshot (`ReadTx`), so a write
there does not type-check. The repositories themselves are the classes in `storage/repos/`, shared by
every backend; the records are in `storage/models.py`.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

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


class Store(Protocol):
    """One database, whatever the backend."""

    @property
    def backend(self) -> str: ...

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        ...

    def read(self) -> AbstractAsyncContextManager[ReadTx]:
        """A consistent read-only snapshot."""
        ...

    async def ping(self) -> None:
        """A trivial query: returns when the database answers, raises when it is gone."""
        ...

    async def close(self) -> None: ...


class ReadTx(Protocol):
    """The readers bound to one read snapshot."""

    # What is followed: cases and their hearings.
    @property
    def cases(self) -> CaseReader: ...

    @property
    def hearings(self) -> HearingReader: ...

    # Who follows: chats and their subscriptions.
    @property
    def chats(self) -> ChatReader: ...

    @property
    def subscriptions(self) -> SubscriptionReader: ...

    # The loop: sources read into items, items into findings, findings into announcements sent via the outbox.
    @property
    def sources(self) -> SourceReader: ...

    @property
    def items(self) -> ItemReader: ...

    @property
    def findings(self) -> FindingReader: ...

    @property
    def announcements(self) -> AnnouncementReader: ...

    @property
    def outbox(self) -> OutboxReader: ...

    # Edits of messages already sent (corrections in place).
    @property
    def edits(self) -> EditReader: ...

    # Followers' "wrong date?" reports.
    @property
    def reports(self) -> ReportReader: ...

    # Staff: editors and the audit log.
    @property
    def editors(self) -> EditorReader: ...

    @property
    def audit(self) -> AuditReader: ...

    # The running bot: dialogs, leases, the install's own values.
    @property
    def dialogs(self) -> DialogReader: ...

    @property
    def leases(self) -> LeaseReader: ...

    @property
    def install(self) -> InstallReader: ...

    # Daily digests and forum topics: how a chat takes its messages.
    @property
    def digests(self) -> DigestReader: ...

    @property
    def topics(self) -> TopicReader: ...
    # How to write to a case's detainee, and their birthday.
    @property
    def letters(self) -> LettersReader: ...
    # Showing up: hearing and case kits, "I'm going" marks.
    @property
    def attendance(self) -> AttendanceReader: ...

    # Telegram's limits shared by instances on one database (when there is no Redis).
    @property
    def send_budget(self) -> SendBudgetReader: ...


class Tx(ReadTx, Protocol):
    """The repositories bound to one write transaction: every reader's methods plus the writes."""

    @property
    def cases(self) -> CaseRepo: ...

    @property
    def hearings(self) -> HearingRepo: ...

    @property
    def chats(self) -> ChatRepo: ...

    @property
    def subscriptions(self) -> SubscriptionRepo: ...

    @property
    def sources(self) -> SourceRepo: ...

    @property
    def items(self) -> ItemRepo: ...

    @property
    def findings(self) -> FindingRepo: ...

    @property
    def announcements(self) -> AnnouncementRepo: ...

    @property
    def outbox(self) -> OutboxRepo: ...

    @property
    def edits(self) -> EditRepo: ...

    @property
    def reports(self) -> ReportRepo: ...

    @property
    def editors(self) -> EditorRepo: ...

    # Invites and drafts are only written or used up, so they exist in a transaction alone.
    @property
    def invites(self) -> InviteRepo: ...

    @property
    def drafts(self) -> DraftRepo: ...

    @property
    def audit(self) -> AuditRepo: ...

    @property
    def dialogs(self) -> DialogRepo: ...

    @property
    def leases(self) -> LeaseRepo: ...

    @property
    def install(self) -> InstallRepo: ...

    @property
    def digests(self) -> DigestRepo: ...

    @property
    def topics(self) -> TopicRepo: ...

    @property
    def letters(self) -> LettersRepo: ...

    @property
    def attendance(self) -> AttendanceRepo: ...

    @property
    def send_budget(self) -> SendBudgetRepo: ...
