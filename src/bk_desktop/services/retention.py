"""The Retensi list: students past the retention period, and students with no recent class.

Public API: ``RetentionService(workspace)`` (the koordinator BK only, like ``ErasureService``)
with ``rows()`` — each student ``domain.retention.retention_reason`` lists, by initials and
the class they were last seen in, never by name — and ``backup_note(done_on)``, the sentence
about older backups the page shows. Anonymised students are not listed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.retention import (
    RetentionReason,
    backups_age_out,
    retention_ends,
    retention_reason,
)
from bk_desktop.domain.scheduling import initials
from bk_desktop.domain.students import StudentStatus
from bk_desktop.services.erasure import ErasureService
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class RetentionRow:
    student_id: int
    initials: str
    last_class: str
    """ "XII IPA 2 (2024/2025)", or "" when the student never had a class."""
    status: StudentStatus
    left_on: date | None
    reason: RetentionReason
    records: int
    """Permohonan, cases and sessions together: what the guru BK weighs before deciding."""

    @property
    def left_text(self) -> str:
        return format_date(self.left_on) if self.left_on else "—"


class RetentionService:
    def __init__(self, workspace: Workspace) -> None:
        ErasureService(workspace)  # the same refusal for anyone but the koordinator
        self.workspace = workspace

    def today(self) -> date:
        return self.workspace.now().astimezone(self.workspace.settings().zone).date()

    def years(self) -> int:
        return self.workspace.settings().retention_years

    def rows(self) -> list[RetentionRow]:
        """Every student to decide about, oldest departure first, then by last class."""
        db = self.workspace.db
        today = self.today()
        years = self.years()
        current = TermService(self.workspace).current().year
        rows = db.all(
            "SELECT s.id, s.name, s.status, s.status_date, "
            "  (SELECT c.year_start FROM student_class c WHERE c.student_id = s.id "
            "   ORDER BY c.year_start DESC LIMIT 1) AS last_year, "
            "  (SELECT c.rombel FROM student_class c WHERE c.student_id = s.id "
            "   ORDER BY c.year_start DESC LIMIT 1) AS last_rombel, "
            "  (SELECT count(*) FROM request r WHERE r.student_id = s.id) "
            "  + (SELECT count(*) FROM counselling_case k WHERE k.student_id = s.id) "
            "  + (SELECT count(*) FROM counselling_session x JOIN request r "
            "     ON r.id = x.request_id WHERE r.student_id = s.id) AS records "
            "FROM student s "
            "WHERE NOT EXISTS (SELECT 1 FROM erasure_ledger e WHERE e.student_id = s.id "
            "                  AND e.student_created_at = s.created_at)"
        )
        found: list[RetentionRow] = []
        for row in rows:
            status = StudentStatus(str(row["status"]))
            left_on = date.fromisoformat(row["status_date"]) if row["status_date"] else None
            last_year = None if row["last_year"] is None else int(row["last_year"])
            reason = retention_reason(
                status, left_on, last_year, today=today, years=years, current_year=current
            )
            if reason is None:
                continue
            last_class = (
                f"{row['last_rombel']} ({last_year}/{last_year + 1})"
                if last_year is not None
                else ""
            )
            found.append(
                RetentionRow(
                    student_id=int(row["id"]),
                    initials=initials(str(row["name"])),
                    last_class=last_class,
                    status=status,
                    left_on=left_on,
                    reason=reason,
                    records=int(row["records"]),
                )
            )
        found.sort(key=lambda r: (r.left_on or date.max, r.last_class, r.student_id))
        return found

    def ends_on(self, left_on: date) -> date:
        return retention_ends(left_on, self.years())

    def backup_note(self, done_on: date | None = None) -> str:
        """What the page says about backups made before an erasure."""
        until = backups_age_out(done_on or self.today())
        return (
            "Cadangan yang dibuat sebelum penghapusan masih memuat data itu sampai rotasi "
            f"cadangan otomatis menghapusnya, paling lambat {format_date(until)}. Cadangan "
            "manual dan cadangan 'sebelum-pemulihan'/'sebelum-pembaruan' tidak dirotasi: "
            "hapus sendiri yang dibuat sebelum penghapusan. Bila cadangan lama dipulihkan, "
            "penghapusan diterapkan lagi sebelum brankas dipakai."
        )
