"""Findings: what extraction (or an admin) found in an item, auto-applied or waiting for /review."""

from __future__ import annotations

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.limits import MAX_EVIDENCE, cap_text
from storage.models import Finding, FindingInput, FindingReport, FindingState


class FindingReader:
    """Findings, what waits for review, and what sources said about a hearing."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, finding_id: int) -> Finding | None:
        row = await self._c.fetchone("SELECT * FROM findings WHERE id = ?", (finding_id,))
        return None if row is None else self._row(row)

    async def for_item(self, item_id: int) -> list[Finding]:
        rows = await self._c.fetchall("SELECT * FROM findings WHERE item_id = ? ORDER BY id", (item_id,))
        return [self._row(r) for r in rows]

    async def pending(self, *, limit: int = 50) -> list[Finding]:
        """Findings waiting for /review, oldest first."""
        rows = await self._c.fetchall(
            "SELECT * FROM findings WHERE state = ? ORDER BY created_at, id LIMIT ?", ("pending", limit)
        )
        return [self._row(r) for r in rows]

    async def count_pending(self) -> int:
        row = await self._c.fetchone("SELECT COUNT(*) AS n FROM findings WHERE state = ?", ("pending",))
        return int(row["n"]) if row else 0

    async def pending_report(self, hearing_id: int) -> Finding | None:
        """A follower's report about this hearing that still waits for /review."""
        row = await self._c.fetchone(
            "SELECT * FROM findings WHERE kind = ? AND hearing_id = ? AND state = ? ORDER BY id LIMIT 1",
            ("report", hearing_id, "pending"),
        )
        return None if row is None else self._row(row)

    async def reports(self, case_id: int, local_date: str) -> list[FindingReport]:
        """Every hearing finding of this case and court-local date, in any state, with its item's link."""
        rows = await self._c.fetchall(
            f"{_REPORTS} WHERE f.kind = ? AND f.case_id = ? AND f.local_date = ? ORDER BY f.id",
            ("hearing", case_id, local_date),
        )
        return [_report(r, self._ids) for r in rows]

    async def for_hearing(self, hearing_id: int) -> list[FindingReport]:
        """The hearing findings that created or merged into this hearing, with their items' links."""
        rows = await self._c.fetchall(
            f"{_REPORTS} WHERE f.kind = ? AND f.hearing_id = ? ORDER BY f.id", ("hearing", hearing_id)
        )
        return [_report(r, self._ids) for r in rows]

    async def evidence_for_hearing(self, hearing_id: int) -> str | None:
        """The newest sentence a source gave for this hearing (what a follower's report is checked against)."""
        row = await self._c.fetchone(
            "SELECT evidence FROM findings WHERE hearing_id = ? AND kind <> ? AND evidence IS NOT NULL "
            "ORDER BY id DESC LIMIT 1",
            (hearing_id, "report"),
        )
        return None if row is None else str(row["evidence"])

    def _row(self, row: Row) -> Finding:
        return _row(row, self._ids)


class FindingRepo(FindingReader):
    """Findings stored, reviewed, held as conflicts and superseded."""

    async def insert(self, finding: FindingInput, *, now: int) -> Finding:
        row = await self._c.fetchone(
            "INSERT INTO findings (item_id, case_id, kind, local_date, local_time, when_, postponed, confidence, "
            "evidence, state, conflict_hearing_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                finding.item_id, finding.case_id, finding.kind, finding.local_date, finding.local_time,
                finding.when, finding.postponed, finding.confidence, cap_text(finding.evidence, MAX_EVIDENCE), finding.state,
                finding.conflict_hearing_id, now,
            ),
        )
        assert row is not None
        return self._row(row)

    async def set_state(
        self, finding_id: int, state: FindingState, *, hearing_id: int | None = None,
        reviewed_by: int | None = None, reviewed_at: int | None = None,
    ) -> None:
        """Change the state; hearing and reviewer are kept when not given."""
        await self._c.execute(
            "UPDATE findings SET state = ?, hearing_id = COALESCE(?, hearing_id), "
            "reviewed_by_hash = COALESCE(?, reviewed_by_hash), reviewed_by_enc = COALESCE(?, reviewed_by_enc), "
            "reviewed_at = COALESCE(?, reviewed_at) WHERE id = ?",
            (state, hearing_id, self._ids.tag_opt(reviewed_by), self._ids.seal_opt(reviewed_by), reviewed_at,
             finding_id),
        )

    async def mark_conflict(self, finding_id: int, hearing_id: int) -> None:
        """Hold a finding for review beside the hearing whose date it disagrees with."""
        await self._c.execute(
            "UPDATE findings SET state = ?, conflict_hearing_id = ? WHERE id = ?", ("pending", hearing_id, finding_id)
        )

    async def supersede_pending(self, item_id: int) -> int:
        """An edited item is read again: what still waited for review from its old text is out of date."""
        return await self._c.execute(
            "UPDATE findings SET state = ? WHERE item_id = ? AND state = ?", ("superseded", item_id, "pending")
        )


_REPORTS = "SELECT f.*, i.url AS item_url, i.source_id AS item_source FROM findings f LEFT JOIN items i ON i.id = f.item_id"


def _report(row: Row, ids: IdsLike) -> FindingReport:
    return FindingReport(finding=_row(row, ids), url=row["item_url"], source_id=row["item_source"])


def _row(row: Row, ids: IdsLike) -> Finding:
    return Finding(
        id=int(row["id"]), item_id=row["item_id"], case_id=int(row["case_id"]), kind=row["kind"],
        local_date=row["local_date"], local_time=row["local_time"], when=row["when_"],
        postponed=bool(row["postponed"]), confidence=float(row["confidence"]), evidence=row["evidence"],
        state=row["state"], hearing_id=row["hearing_id"], reviewed_by=ids.open_opt(row["reviewed_by_enc"]),
        reviewed_at=row["reviewed_at"], created_at=int(row["created_at"]),
        conflict_hearing_id=row["conflict_hearing_id"],
    )
