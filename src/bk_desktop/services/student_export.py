"""The copy of one student's data (UU PDP Ps. 32): everything the vault holds about them, as
a PDF for people and a JSON for machines, with passages the counsellor took out.

Public API (the data requests page, the redaction dialog and ``export-student``)::

    StudentExportService(workspace)        # koordinator and guru BK (require_counsellor)
        matches(identifier) -> list[StudentMatch]      # by NISN or NIS, for the command line
        student(student_id) -> StudentMatch
        build(student_id, redactions=(), data_request=None) -> StudentExport
        for_request(request_id) -> StudentExport       # with the request's saved redactions
        pdf(export) -> bytes
        json(export) -> bytes
        file_names(export) -> (pdf, json)              # request number, initials, date
        target_paths(export, folder) -> ExportFiles    # never another student's file
        write(export, folder) -> ExportFiles           # both files, atomically; audited

**Only this student.** Each record is read by the student's id or through one of their own
records: a guardian shared by siblings is theirs too, a sibling is not; a session's clash,
another student's line of the buku kasus, a letter's other recipients never come in.

**Visibility (#12) applies as everywhere**: another counsellor's *sangat rahasia* case, its
sessions, plan, follow-ups and the permohonan in it are left out, and the copy says that a
record exists which only its counsellor can export; another counsellor's *biasa*/*rahasia*
case comes with its notes withheld (and says so). Kotak Saran entries come only when the
signed-in account may open them (``domain.complaints.may_open``); what is left out is never
counted or hinted at — an entry a counsellor may not open may be a complaint about that very
counsellor — and every copy carries the same line that entries handled by the kepala sekolah
are not always in it (``COMPLAINTS_NOT_ALL_HERE``).

**Redaction** (``domain.data_requests.apply_redactions``): a passage is replaced by
"[disamarkan]", as whole words, in both files and noted (record, field, reason); the
student's own identity and the account names are never redactable (``_Builder.own``). The
export's audit event carries counts only.
"""

from __future__ import annotations

import contextlib
import json as json_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.complaints import may_open
from bk_desktop.domain.counselling import CaseRecord, SessionRecord
from bk_desktop.domain.data_requests import (
    EXPORT_SCHEMA,
    AuditLine,
    DataRequestRecord,
    ExportField,
    ExportRecord,
    ExportSection,
    Redaction,
    StudentExport,
    apply_redactions,
)
from bk_desktop.domain.dates import format_instant, format_long_date
from bk_desktop.domain.documents import DocumentKind, default_file_name
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.requests import RequestRecord
from bk_desktop.domain.scheduling import initials
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.students import Student
from bk_desktop.domain.visibility import (
    case_sight,
    redact_action_item,
    redact_addendum,
    redact_alternative,
    redact_case,
    redact_follow_up,
    redact_session,
    require_counsellor,
)
from bk_desktop.files.atomic import atomic_write
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.students import TermService
from bk_desktop.storage import (
    accounts_repo,
    complaints_repo,
    consents_repo,
    counselling_repo,
    data_requests_repo,
    letters_repo,
    referrals_repo,
    requests_repo,
    screening_repo,
    students_repo,
)
from bk_desktop.storage.error_sorting import sorted_os_errors
from bk_desktop.storage.students_repo import StudentQuery

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bk_desktop.services.workspace import Workspace

__all__ = ["ExportFiles", "StudentExportService", "StudentMatch"]

TARGET_LABELS = {
    "student": "Siswa",
    "request": "Permohonan",
    "screening": "Asesmen awal",
    "referral": "Rujukan",
    "session": "Sesi",
    "case": "Kasus",
    "action_item": "Rencana aksi",
    "letter": "Surat",
    "complaint": "Entri kotak saran",
    "data_request": "Permohonan hak atas data",
}


COMPLAINTS_NOT_ALL_HERE = (
    "Entri kotak saran yang ditangani kepala sekolah tidak selalu termuat dalam salinan yang "
    "dibuat guru BK; salinan entri itu dapat dimintakan kepada kepala sekolah."
)
"""On every copy, whatever it holds: a count, or a line only when something is hidden, would
tell the counsellor a complaint about them exists and which student made it."""


@dataclass(frozen=True)
class StudentMatch:
    """A student as the command line names them: id, initials and class, never the name."""

    id: int
    initials: str
    rombel: str
    nis: str
    nisn: str

    @property
    def text(self) -> str:
        where = f" ({self.rombel})" if self.rombel else ""
        return f"nomor {self.id}: {self.initials}{where}"


@dataclass(frozen=True)
class ExportFiles:
    pdf: Path
    json: Path


class _Builder:
    """Collects the sections of one copy and the targets its audit lines are read by."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.sections: list[ExportSection] = []
        self.targets: dict[str, set[int]] = {}

    def target(self, kind: str, record_id: int) -> None:
        self.targets.setdefault(kind, set()).add(record_id)

    # -- fields ---------------------------------------------------------------------------

    @staticmethod
    def text(key: str, label: str, value: str) -> ExportField:
        """Any text, free or typed: all of it may carry a passage to redact."""
        return ExportField(key, label, value, value, redactable=True)

    @staticmethod
    def own(key: str, label: str, value: str) -> ExportField:
        """Text that is never redacted: the student's own identity (name, numbers, class,
        year) and the program's account names (who acted, which counsellor). The copy is
        theirs to see, and a passage taken out of a note — a classmate "Adi", a friend
        "Sari" — must not blank the student's name or the counsellor's."""
        return ExportField(key, label, value, value)

    def instant(self, key: str, label: str, value: datetime | None) -> ExportField:
        if value is None:
            return ExportField(key, label, "", None)
        iso = value.isoformat().replace("+00:00", "Z")
        return ExportField(key, label, format_instant(value, self.zone), iso)

    @staticmethod
    def day(key: str, label: str, value: date | None) -> ExportField:
        if value is None:
            return ExportField(key, label, "", None)
        return ExportField(key, label, format_long_date(value), value.isoformat())

    @staticmethod
    def enum(key: str, label: str, value: Any) -> ExportField:
        """An enum value: its Indonesian label for people, its stored value for machines."""
        if value is None:
            return ExportField(key, label, "", None)
        return ExportField(key, label, str(value.label), str(value.value))

    @staticmethod
    def number(key: str, label: str, value: int | None) -> ExportField:
        return ExportField(key, label, "" if value is None else str(value), value)

    @staticmethod
    def flag(key: str, label: str, value: bool) -> ExportField:
        return ExportField(key, label, "ya" if value else "tidak", value)

    def add(
        self,
        key: str,
        title: str,
        records: Iterable[ExportRecord],
        notes: Sequence[str] = (),
    ) -> None:
        self.sections.append(ExportSection(key, title, tuple(records), tuple(notes)))


class StudentExportService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)
        self.workspace = workspace

    def _year(self) -> int:
        return TermService(self.workspace).current().year.start

    # -- which student ------------------------------------------------------------------------

    def _match(self, student: Student) -> StudentMatch:
        year = TermService(self.workspace).current().year
        placement = student.placement_in(year)
        return StudentMatch(
            student.id,
            initials(student.name),
            placement.rombel if placement is not None else "",
            student.nis,
            student.nisn,
        )

    def matches(self, identifier: str) -> list[StudentMatch]:
        """Students whose NISN or NIS is ``identifier`` (spaces ignored)."""
        wanted = "".join(identifier.split())
        if not wanted:
            return []
        db = self.workspace.db
        year = TermService(self.workspace).current().year
        ids = students_repo.search_ids(db, StudentQuery(year=year, text=wanted))
        found = [s for s in students_repo.load_students(db, ids) if wanted in {s.nisn, s.nis}]
        return [self._match(s) for s in sorted(found, key=lambda s: s.id)]

    def student(self, student_id: int) -> StudentMatch:
        student = students_repo.load_student(self.workspace.db, student_id)
        if student is None:
            raise KnownError(f"Siswa nomor {student_id} tidak ada di brankas ini.")
        return self._match(student)

    # -- building -----------------------------------------------------------------------------

    def for_request(self, request_id: int) -> StudentExport:
        """The copy for a data request, with the passages saved for it taken out."""
        requests = DataRequestService(self.workspace)
        record = requests.get(request_id)
        return self.build(record.student_id, requests.redactions(request_id), data_request=record)

    def build(
        self,
        student_id: int,
        redactions: Sequence[Redaction] = (),
        *,
        data_request: DataRequestRecord | None = None,
    ) -> StudentExport:
        workspace = self.workspace
        db = workspace.db
        student = students_repo.load_student(db, student_id)
        if student is None:
            raise KnownError(f"Siswa nomor {student_id} tidak ada di brankas ini.")
        settings = workspace.settings()
        year = self._year()
        viewer = workspace.viewer
        names = {a.id: a.name for a in accounts_repo.list_accounts(db, include_removed=True)}
        b = _Builder(settings.zone)
        b.target("student", student.id)

        # -- the student, classes, guardians --------------------------------------------------
        b.add(
            "student",
            "Identitas siswa",
            [
                ExportRecord(
                    "student",
                    student.id,
                    "Identitas",
                    (
                        b.own("name", "Nama", student.name),
                        b.own("nis", "NIS", student.nis),
                        b.own("nisn", "NISN", student.nisn),
                        b.own("nik", "NIK", student.nik),
                        b.own("family_card", "No KK", student.no_kk),
                        b.enum("sex", "Jenis kelamin", student.sex),
                        b.text("birth_place", "Tempat lahir", student.birth_place),
                        b.day("birth_date", "Tanggal lahir", student.birth_date),
                        b.enum("religion", "Agama", student.religion),
                        b.text("address", "Alamat", student.address),
                        b.text("phone", "Telepon", student.phone),
                        b.enum("status", "Status", student.status),
                        b.day("status_date", "Sejak", student.status_date),
                        b.text("notes", "Catatan", student.notes),
                    ),
                )
            ],
        )
        b.add(
            "classes",
            "Kelas",
            [
                ExportRecord(
                    "class",
                    p.academic_year.start,
                    f"Tahun ajaran {p.academic_year}",
                    (
                        b.own("academic_year", "Tahun ajaran", str(p.academic_year)),
                        b.own("class", "Rombel", p.rombel),
                        b.text("homeroom_teacher", "Wali kelas", p.homeroom_teacher),
                    ),
                )
                for p in sorted(student.placements, key=lambda p: p.academic_year.start)
            ],
        )
        b.add(
            "guardians",
            "Orang tua/wali",
            [
                ExportRecord(
                    "guardian",
                    index,
                    g.relation.label,
                    (
                        b.text("name", "Nama", g.name),
                        b.enum("relation", "Hubungan", g.relation),
                        b.text("phone", "Telepon", g.phone),
                    ),
                )
                for index, g in enumerate(student.guardians, start=1)
            ],
        )

        # -- cases first: which are out of sight decides what else is --------------------------
        cases = counselling_repo.find_cases(
            db, year=year, where=counselling_repo.CaseFilter(student_id=student.id)
        )
        cases.sort(key=lambda c: (c.opened_at, c.id))
        hidden_cases: dict[int, CaseRecord] = {}
        sights: dict[int, Sight] = {}
        for case in cases:
            sight = case_sight(viewer, case.counsellor_id, case.confidentiality)
            sights[case.id] = sight
            if sight is Sight.EXISTS_ONLY:
                hidden_cases[case.id] = case
        withheld_notes = [
            f"Catatan kasus {c.code} milik {c.counsellor_name or 'guru BK lain'} tidak "
            "disertakan: hanya guru BK yang menangani kasus itu yang dapat mengekspornya."
            for c in cases
            if sights[c.id] is Sight.NOTES_WITHHELD
        ]
        hidden_notes = [
            f"Ada catatan kasus yang bersifat sangat rahasia beserta sesi dan permohonannya, "
            f"yang hanya dapat diekspor oleh {c.counsellor_name or 'guru BK yang menanganinya'}."
            for c in hidden_cases.values()
        ]

        # -- permohonan, their history, screenings, referrals, emergency actions ---------------
        all_requests = requests_repo.find(db, year=year, student_id=student.id)
        requests: list[RequestRecord] = [
            r for r in all_requests if r.case_id is None or r.case_id not in hidden_cases
        ]
        request_records: list[ExportRecord] = []
        history: list[ExportRecord] = []
        screenings: list[ExportRecord] = []
        referrals: list[ExportRecord] = []
        referral_steps: list[ExportRecord] = []
        emergencies: list[ExportRecord] = []
        for request in requests:
            b.target("request", request.id)
            title = f"Permohonan #{request.id}"
            request_records.append(
                ExportRecord(
                    "request",
                    request.id,
                    title,
                    (
                        b.instant("received_at", "Diterima", request.received_at),
                        b.enum("source", "Sumber", request.source),
                        b.text("referrer_name", "Nama perujuk", request.referrer_name),
                        b.text("referrer_role", "Peran perujuk", request.referrer_role),
                        b.text("reason", "Alasan/masalah", request.reason),
                        b.enum("urgency", "Urgensi", request.urgency),
                        b.enum("status", "Status", request.status),
                        b.enum("assent", "Kesediaan siswa", request.assent),
                        b.day("assent_date", "Tanggal kesediaan", request.assent_date),
                        b.text("assent_note", "Catatan kesediaan", request.assent_note),
                        b.text(
                            "backdate_reason",
                            "Alasan pencatatan mundur",
                            request.backdate_reason,
                        ),
                        b.instant("deadline_at", "Batas penjadwalan", request.deadline_at),
                        b.instant("agreed_at", "Jadwal disepakati pada", request.agreed_at),
                        b.enum("risk", "Tingkat risiko", request.risk),
                    ),
                )
            )
            for event in requests_repo.events(db, request.id):
                history.append(
                    ExportRecord(
                        "request_event",
                        event.id,
                        f"{title}: {event.to_status.label}",
                        (
                            b.number("request_id", "Permohonan", request.id),
                            b.instant("at", "Waktu", event.at),
                            b.enum("from_status", "Dari status", event.from_status),
                            b.enum("to_status", "Ke status", event.to_status),
                            b.own("by", "Oleh", names.get(event.account_id or "", "")),
                            b.text("reason", "Alasan", event.reason),
                        ),
                    )
                )
            for action in requests_repo.emergency_actions(db, request.id):
                emergencies.append(
                    ExportRecord(
                        "emergency_action",
                        action.id,
                        f"{title}: tindakan darurat",
                        (
                            b.number("request_id", "Permohonan", request.id),
                            b.instant("done_at", "Waktu", action.done_at),
                            b.text("actor", "Yang bertindak", action.actor),
                            b.text("action", "Tindakan", action.action),
                        ),
                    )
                )
            for screening in screening_repo.for_request(db, request.id):
                b.target("screening", screening.id)
                draft = screening.draft
                screenings.append(
                    ExportRecord(
                        "screening",
                        screening.id,
                        f"{title}: asesmen awal",
                        (
                            b.number("request_id", "Permohonan", request.id),
                            b.instant("recorded_at", "Dicatat", screening.recorded_at),
                            b.text(
                                "fields",
                                "Bidang",
                                ", ".join(sorted(x.label for x in draft.bidang)),
                            ),
                            b.text("symptoms", "Gejala", draft.symptoms),
                            b.text("causes", "Sebab", draft.causes),
                            b.text("root_cause", "Akar masalah", draft.root_cause),
                            b.enum("risk", "Tingkat risiko", draft.risk),
                            b.enum("decision", "Keputusan layanan", draft.decision),
                            b.text("reason", "Alasan keputusan", draft.reason),
                            b.text("notes", "Catatan", draft.notes),
                        ),
                    )
                )
            for referral_record in referrals_repo.for_request(db, request.id):
                b.target("referral", referral_record.id)
                referral = referral_record.referral
                referrals.append(
                    ExportRecord(
                        "referral",
                        referral_record.id,
                        f"{title}: rujukan",
                        (
                            b.number("request_id", "Permohonan", request.id),
                            b.enum("target", "Dirujuk ke", referral.target),
                            b.text("target_name", "Nama penerima", referral.target_name),
                            b.text("reason", "Alasan rujukan", referral.reason),
                            b.text(
                                "shared_information",
                                "Informasi yang dibagikan",
                                referral.shared_information,
                            ),
                            b.enum("consent_basis", "Dasar persetujuan", referral.consent_basis),
                            b.text("consent_by", "Yang menyetujui", referral.consent_by),
                            b.text("consent_relation", "Sebagai", referral.consent_relation),
                            b.day("consent_date", "Tanggal persetujuan", referral.consent_date),
                            b.enum("status", "Status", referral.status),
                        ),
                    )
                )
                for step in referrals_repo.events(db, referral_record.id):
                    referral_steps.append(
                        ExportRecord(
                            "referral_event",
                            step.id,
                            f"Rujukan #{referral_record.id}: {step.to_status.label}",
                            (
                                b.number("referral_id", "Rujukan", referral_record.id),
                                b.day("on", "Tanggal", step.on),
                                b.enum("to_status", "Status", step.to_status),
                                b.text("reason", "Alasan", step.reason),
                            ),
                        )
                    )
        b.add("requests", "Permohonan konseling", request_records, hidden_notes)
        b.add("request_history", "Riwayat permohonan", history)
        b.add("emergency_actions", "Tindakan darurat", emergencies)
        b.add("screenings", "Asesmen awal", screenings)
        b.add("referrals", "Rujukan (alih tangan kasus)", referrals)
        b.add("referral_history", "Riwayat rujukan", referral_steps)

        # -- cases, sessions, plans, follow-ups ------------------------------------------------
        shown_cases = [c for c in cases if c.id not in hidden_cases]
        case_records: list[ExportRecord] = []
        for case in shown_cases:
            b.target("case", case.id)
            seen = redact_case(case, sights[case.id])
            full = sights[case.id] is Sight.FULL
            heads = (
                (
                    b.text("identification", "Identifikasi", seen.identification),
                    b.text("diagnosis", "Diagnosis", seen.diagnosis),
                    b.text("prognosis", "Prognosis", seen.prognosis),
                    b.text("treatment_goal", "Tujuan treatment", seen.treatment_goal),
                    b.text(
                        "treatment_approach",
                        "Pendekatan",
                        seen.treatment_approach,
                    ),
                    b.text("treatment_technique", "Teknik", seen.treatment_technique),
                    b.text("close_reason", "Alasan penutupan", seen.close_reason),
                )
                if full
                else ()
            )
            case_records.append(
                ExportRecord(
                    "case",
                    case.id,
                    f"Kasus {case.code}",
                    (
                        b.text("number", "Nomor kasus", case.code),
                        b.own("counsellor", "Guru BK", case.counsellor_name),
                        b.instant("opened_at", "Dibuka", case.opened_at),
                        b.text("fields", "Bidang", ", ".join(sorted(x.label for x in case.bidang))),
                        b.enum("confidentiality", "Kerahasiaan", case.confidentiality),
                        b.enum("status", "Status", case.status),
                        b.day("closed_on", "Ditutup", case.closed_on),
                        *heads,
                    ),
                )
            )
        sessions: list[ExportRecord] = []
        alternatives: list[ExportRecord] = []
        addenda: list[ExportRecord] = []
        items: list[ExportRecord] = []
        follow_ups: list[ExportRecord] = []
        seen_session_ids: set[int] = set()
        session_list: list[SessionRecord] = []
        for request in requests:
            for session in counselling_repo.find_sessions(db, year=year, request_id=request.id):
                if session.student_id != student.id or session.id in seen_session_ids:
                    continue
                seen_session_ids.add(session.id)
                session_list.append(session)
        for session in sorted(session_list, key=lambda s: (s.planned_start, s.id)):
            if session.case_id is not None and session.case_id in hidden_cases:
                continue
            sight = case_sight(viewer, session.owner_id, session.confidentiality)
            if sight is Sight.EXISTS_ONLY:
                continue
            b.target("session", session.id)
            seen_s = redact_session(session, sight)
            full = sight is Sight.FULL
            title = f"Sesi #{session.id}" + (
                f" (pertemuan ke-{session.number})" if session.number else ""
            )
            notes = (
                (
                    b.text("notes", "Catatan sesi", seen_s.notes),
                    b.text("understanding", "Laiseg: pemahaman", seen_s.understanding),
                    b.text("comfort", "Laiseg: perasaan", seen_s.comfort),
                    b.text("action", "Laiseg: tindakan", seen_s.action),
                    b.text("status_reason", "Alasan status", seen_s.status_reason),
                    b.text("duration_reason", "Alasan lama sesi", seen_s.duration_reason),
                )
                if full
                else ()
            )
            sessions.append(
                ExportRecord(
                    "session",
                    session.id,
                    title,
                    (
                        b.number("request_id", "Permohonan", session.request_id),
                        b.number("case_id", "Kasus", session.case_id),
                        b.own("counsellor", "Guru BK", session.counsellor_name),
                        b.instant("planned_start", "Direncanakan", session.planned_start),
                        b.number("planned_minutes", "Lama (menit)", session.planned_minutes),
                        b.text("place", "Tempat", session.place),
                        b.enum("mode", "Cara", session.mode),
                        b.enum("status", "Status", session.status),
                        b.instant("actual_start", "Mulai", session.actual_start),
                        b.instant("actual_end", "Selesai", session.actual_end),
                        *notes,
                    ),
                )
            )
            for index, alternative in enumerate(
                counselling_repo.alternatives(db, session.id), start=1
            ):
                shown = redact_alternative(alternative, sight)
                if not shown.text:
                    continue
                alternatives.append(
                    ExportRecord(
                        "alternative",
                        session.id * 100 + index,
                        f"Sesi #{session.id}: alternatif {index}",
                        (
                            b.number("session_id", "Sesi", session.id),
                            b.text("text", "Alternatif", shown.text),
                            b.flag("chosen", "Dipilih", shown.chosen),
                        ),
                    )
                )
            for addendum in counselling_repo.addenda(db, session.id):
                shown_addendum = redact_addendum(addendum, sight)
                if not shown_addendum.text:
                    continue
                addenda.append(
                    ExportRecord(
                        "addendum",
                        addendum.id,
                        f"Sesi #{session.id}: adendum",
                        (
                            b.number("session_id", "Sesi", session.id),
                            b.instant("at", "Waktu", addendum.at),
                            b.own("author", "Penulis", addendum.author_name),
                            b.text("text", "Adendum", shown_addendum.text),
                        ),
                    )
                )
        for case in shown_cases:
            sight = sights[case.id]
            for item in counselling_repo.action_items(db, case_id=case.id):
                b.target("action_item", item.id)
                shown_item = redact_action_item(item, sight)
                items.append(
                    ExportRecord(
                        "action_item",
                        item.id,
                        f"Kasus {case.code}: rencana aksi",
                        (
                            b.number("session_id", "Sesi", item.session_id),
                            *(
                                (
                                    b.text("what", "Tindakan", shown_item.what),
                                    b.text("support", "Dukungan", shown_item.support),
                                )
                                if sight is Sight.FULL
                                else ()
                            ),
                            b.day("due_on", "Batas", item.due_on),
                            b.day("review_on", "Ditinjau", item.review_on),
                            b.enum("status", "Status", item.status),
                        ),
                    )
                )
            for follow_up in counselling_repo.follow_ups(db, case.id):
                shown_follow = redact_follow_up(follow_up, sight)
                follow_ups.append(
                    ExportRecord(
                        "follow_up",
                        follow_up.id,
                        f"Kasus {case.code}: {follow_up.kind.label}",
                        (
                            b.enum("kind", "Jenis", follow_up.kind),
                            b.day("due_on", "Jadwal", follow_up.due_on),
                            b.day("done_on", "Dilaksanakan", follow_up.done_on),
                            *(
                                (b.text("result", "Hasil", shown_follow.result),)
                                if sight is Sight.FULL
                                else ()
                            ),
                        ),
                    )
                )
        b.add("cases", "Kasus", case_records, [*hidden_notes, *withheld_notes])
        b.add("sessions", "Sesi konseling", sessions)
        b.add("alternatives", "Alternatif solusi", alternatives)
        b.add("addenda", "Adendum sesi", addenda)
        b.add("action_items", "Rencana aksi", items)
        b.add("follow_ups", "Tindak lanjut (laijapen dan laijapang)", follow_ups)

        # -- letters written from their records ------------------------------------------------
        letters: list[ExportRecord] = []
        for letter_id in data_requests_repo.letters_about(db, b.targets):
            letter = letters_repo.get(db, letter_id)
            if letter is None:
                continue
            b.target("letter", letter.id)
            letters.append(
                ExportRecord(
                    "letter",
                    letter.id,
                    f"{letter.kind.label} {letter.number}",
                    (
                        b.enum("kind", "Jenis surat", letter.kind),
                        b.text("number", "Nomor", letter.number),
                        b.instant("issued_at", "Dibuat", letter.issued_at),
                        b.instant("voided_at", "Dibatalkan", letter.voided_at),
                    ),
                )
            )
        b.add("letters", "Surat", letters)

        # -- consents ------------------------------------------------------------------------
        b.add(
            "consents",
            "Persetujuan orang tua/wali",
            [
                ExportRecord(
                    "consent",
                    consent.id,
                    f"{consent.act.label} {format_long_date(consent.on)}",
                    (
                        b.enum("act", "Jenis", consent.act),
                        b.text("person_name", "Nama", consent.person_name),
                        b.enum("relation", "Hubungan", consent.relation),
                        b.day("on", "Tanggal", consent.on),
                        b.enum("channel", "Cara", consent.channel),
                        b.number("text_version", "Versi naskah", consent.text_version),
                        b.text("reason", "Alasan", consent.reason),
                        b.flag("has_scan", "Ada pindaian", consent.has_scan),
                    ),
                )
                for consent in consents_repo.of_student(db, student.id)
            ],
        )

        # -- Kotak Saran entries by or about them ----------------------------------------------
        complaints: list[ExportRecord] = []
        complaint_actions: list[ExportRecord] = []
        account = workspace.account
        for entry in reversed(complaints_repo.listed(db)):
            if entry.student_id != student.id:
                continue
            if not may_open(
                account.id,
                account.role,
                handling=entry.handling,
                about_account_id=entry.about_account_id,
                received_by=entry.received_by,
            ):
                continue
            full_entry = complaints_repo.get(db, entry.id)
            assert full_entry is not None
            b.target("complaint", entry.id)
            complaints.append(
                ExportRecord(
                    "complaint",
                    entry.id,
                    f"{entry.kind.label} {entry.code}",
                    (
                        b.text("code", "Kode", entry.code),
                        b.enum("kind", "Jenis", entry.kind),
                        b.text("channel", "Saluran", entry.channel_label),
                        b.enum("sender_kind", "Pengirim", entry.sender_kind),
                        b.text("sender_name", "Nama pengirim", entry.sender_name),
                        b.enum("subject", "Tentang", entry.subject),
                        b.text("text", "Isi", entry.text),
                        b.instant("received_at", "Diterima", entry.received_at),
                        b.enum("status", "Status", entry.status),
                        b.text("public_response", "Tanggapan umum", entry.public_response),
                    ),
                )
            )
            for logged in full_entry.actions:
                complaint_actions.append(
                    ExportRecord(
                        "complaint_action",
                        logged.id,
                        f"{entry.code}: {logged.kind.label}",
                        (
                            b.instant("at", "Waktu", logged.at),
                            b.enum("kind", "Jenis", logged.kind),
                            b.own("by", "Oleh", logged.account_name),
                            b.text("text", "Uraian", logged.text),
                        ),
                    )
                )
        b.add("complaints", "Kotak saran", complaints, [COMPLAINTS_NOT_ALL_HERE])
        b.add("complaint_actions", "Tindak lanjut kotak saran", complaint_actions)

        # -- data requests ---------------------------------------------------------------------
        data_requests: list[ExportRecord] = []
        for record in reversed(data_requests_repo.listed(db, year=year, student_id=student.id)):
            b.target("data_request", record.id)
            data_requests.append(
                ExportRecord(
                    "data_request",
                    record.id,
                    f"Permohonan hak atas data {record.number}",
                    (
                        b.text("number", "Nomor", record.number),
                        b.enum("requester", "Pemohon", record.requester),
                        b.text("requester_name", "Nama pemohon", record.requester_name),
                        b.enum("relation", "Hubungan", record.relation),
                        b.enum("right", "Hak yang dimohonkan", record.right),
                        b.text("text", "Isi permohonan", record.text),
                        b.instant("received_at", "Diterima", record.received_at),
                        b.enum("status", "Status", record.status),
                        b.enum("decision", "Keputusan", record.decision),
                        b.text("decision_reason", "Alasan keputusan", record.decision_reason),
                        b.instant("completed_at", "Selesai", record.completed_at),
                        b.text("completion_note", "Penyelesaian", record.completion_note),
                    ),
                )
            )
        b.add("data_requests", "Permohonan hak atas data pribadi", data_requests)

        # -- the audit events about them -------------------------------------------------------
        audit = tuple(
            AuditLine(
                at=event.at,
                kind=event.kind,
                label=_audit_label(event.kind),
                actor=names.get(event.account_id or "", ""),
                target_kind=event.target_kind,
                target_id=event.target_id,
            )
            for event in data_requests_repo.audit_about(db, b.targets)
        )
        placement = next((p for p in student.placements if p.academic_year.start == year), None)
        export = StudentExport(
            student_id=student.id,
            student_name=student.name,
            rombel=placement.rombel if placement is not None else "",
            made_at=workspace.now(),
            made_by=workspace.account.name,
            school_name=settings.school_name,
            data_request_number=data_request.number if data_request is not None else "",
            sections=tuple(b.sections),
            audit=audit,
        )
        return apply_redactions(export, redactions)

    # -- output -------------------------------------------------------------------------------

    def pdf(self, export: StudentExport) -> bytes:
        # reportlab loads only when a copy is made.
        from bk_desktop.reports.student_export import (  # noqa: PLC0415
            StudentExportData,
            render_student_export,
        )
        from bk_desktop.services.settings import SettingsService  # noqa: PLC0415

        return render_student_export(
            StudentExportData(
                letterhead=SettingsService(self.workspace).letterhead(),
                zone=self.workspace.settings().zone,
                export=export,
                target_labels=TARGET_LABELS,
            )
        )

    def json(self, export: StudentExport) -> bytes:
        """UTF-8 JSON with stable English keys, ISO dates, ``schema`` and ``redactions``."""
        document = {
            "schema": EXPORT_SCHEMA,
            "made_at": _iso(export.made_at),
            "made_by": export.made_by,
            "school": export.school_name,
            "data_request": export.data_request_number or None,
            "student_id": export.student_id,
            "sections": {
                section.key: {
                    "records": [
                        {
                            "kind": record.kind,
                            "id": record.id,
                            "fields": {f.key: f.value for f in record.fields},
                        }
                        for record in section.records
                    ],
                    "not_included": list(section.notes),
                }
                for section in export.sections
            },
            "audit": [
                {
                    "at": _iso(line.at),
                    "kind": line.kind,
                    "label": line.label,
                    "actor": line.actor,
                    "target_kind": line.target_kind,
                    "target_id": line.target_id,
                }
                for line in export.audit
            ],
            "redactions": [
                {
                    "record_kind": note.record_kind,
                    "record_id": note.record_id,
                    "field": note.field,
                    "reason": note.reason,
                }
                for note in export.redactions
            ],
        }
        text = json_module.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")

    def file_names(self, export: StudentExport) -> tuple[str, str]:
        """ "Salinan-Data-Pribadi-Siswa_PD-2026-003_AL_2026-12-04.pdf" and ".json": the data
        request's number (``siswa-12``, the student's number in the vault, without one),
        initials and date — never a name. Two students with the same initials copied the
        same day get two names."""
        today = export.made_at.astimezone(self.workspace.settings().zone).date()
        stem = DocumentKind.SALINAN_DATA_SISWA.file_stem
        plain = default_file_name(DocumentKind.SALINAN_DATA_SISWA, export.student_name, today)
        reference = export.data_request_number or f"siswa-{export.student_id}"
        pdf_name = f"{stem}_{reference}{plain.removeprefix(stem)}"
        return pdf_name, pdf_name.removesuffix(".pdf") + ".json"

    def _is_same_copy(self, json_path: Path, export: StudentExport) -> bool:
        """Whether ``json_path`` is an earlier copy of this very request (or student, without
        one) from this school: only such a copy is replaced by a new one."""
        try:
            earlier = json_module.loads(json_path.read_bytes())
        except (OSError, ValueError):
            return False
        return (
            isinstance(earlier, dict)
            and earlier.get("schema") == EXPORT_SCHEMA
            and earlier.get("student_id") == export.student_id
            and earlier.get("data_request") == (export.data_request_number or None)
            and earlier.get("school") == export.school_name
        )

    def target_paths(self, export: StudentExport, folder: Path) -> ExportFiles:
        """Where ``write`` puts the two files: the names of ``file_names``, or with " (2)",
        " (3)"… when a file there by that name is anything but an earlier copy of the same
        request — another student's copy (another vault's numbering) is never replaced."""
        pdf_name, json_name = self.file_names(export)
        stem, json_stem = pdf_name.removesuffix(".pdf"), json_name.removesuffix(".json")
        attempt = 1
        while True:
            suffix = "" if attempt == 1 else f" ({attempt})"
            paths = ExportFiles(
                folder / f"{stem}{suffix}.pdf", folder / f"{json_stem}{suffix}.json"
            )
            if not paths.pdf.exists() and not paths.json.exists():
                return paths
            if paths.json.exists() and self._is_same_copy(paths.json, export):
                return paths
            attempt += 1

    def write(self, export: StudentExport, folder: Path) -> ExportFiles:
        """Write both files into ``folder``, each whole or not at all, then audit the export
        with counts only. A new copy of the same request replaces the earlier one, so no
        outdated copy (an older list of redactions) lies beside it; any other file of that
        name is kept and the new copy gets a suffix (``target_paths``)."""
        if not folder.is_dir():
            raise KnownError(f"Folder {folder} tidak ada (flashdisk dicabut?). Pilih folder lain.")
        pdf_bytes = self.pdf(export)
        json_bytes = self.json(export)
        paths = self.target_paths(export, folder)
        pdf_existed = paths.pdf.exists()
        try:
            with sorted_os_errors(folder):
                atomic_write(paths.pdf, pdf_bytes)
                try:
                    atomic_write(paths.json, json_bytes)
                except BaseException:
                    # Both or neither: a PDF without its JSON is not the copy asked for.
                    if not pdf_existed:
                        with contextlib.suppress(OSError):
                            paths.pdf.unlink()
                    raise
        except OSError as error:  # what the sorting has no sentence for
            code = getattr(error, "winerror", None) or error.errno
            raise KnownError(
                f"Salinan data tidak dapat disimpan ke folder {folder}: sistem menolak "
                f"menulisnya (kode {code}). Pilih folder lain."
            ) from error
        with self.workspace.db.transaction():
            self.workspace.audit(
                AuditKind.STUDENT_EXPORTED,
                target_kind="student",
                target_id=str(export.student_id),
                detail=(
                    f"catatan {export.record_count}; jejak audit {len(export.audit)}; "
                    f"disamarkan {len(export.redactions)}"
                    + (f"; {export.data_request_number}" if export.data_request_number else "")
                ),
            )
        return paths


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _audit_label(kind: str) -> str:
    try:
        return AuditKind(kind).label
    except ValueError:
        return kind
