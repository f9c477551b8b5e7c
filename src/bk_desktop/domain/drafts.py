"""A draft: what a counsellor typed into a form but had not saved when the window locked,
closed or the computer logged off.

It is record content (a half-written screening names a child and what troubles them), so it
is kept only inside the vault and only for the account that typed it. The content is the
form's own plain data (``{input name: value}``); the domain does not read it, it only says
which form it belongs to and which record that form was about.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

STALE_AFTER = timedelta(days=30)
"""A draft this old is listed on Beranda, so it is finished or thrown away, not forgotten."""


class DraftForm(enum.StrEnum):
    """The forms whose unsaved input is kept. ``target`` names the record each is about."""

    STUDENT = "student"  # target: the student's id, '' for a new student
    REQUEST = "request"  # target: '' (a new request)
    ASSENT = "assent"  # target: the request's id
    SCHEDULE = "schedule"  # target: the request's id
    STATUS = "status"  # target: the request's id
    SCREENING = "screening"  # target: the request's id
    SESSION = "session"  # target: the counselling session's id
    REPORT_TEXT = "report_text"  # target: the period, "2026-07-01..2026-12-31"
    COMPLAINT = "complaint"  # target: '' (a new kotak saran entry)
    COMPLAINT_ACTION = "complaint_action"  # target: the kotak saran entry's id
    CONSENT = "consent"  # target: the student's id
    DATA_REQUEST = "data_request"  # target: '' (a new data request) or its id
    INCIDENT = "incident"  # target: '' (a new incident) or its id
    CONSENT_TEXT = "consent_text"  # target: '' (the next version of the consent text)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DraftForm.STUDENT: "Data siswa",
    DraftForm.REQUEST: "Pengajuan baru",
    DraftForm.ASSENT: "Kesediaan siswa",
    DraftForm.SCHEDULE: "Sepakati jadwal",
    DraftForm.STATUS: "Ubah status",
    DraftForm.SCREENING: "Asesmen awal",
    DraftForm.SESSION: "Catatan sesi konseling",
    DraftForm.REPORT_TEXT: "Uraian laporan periode",
    DraftForm.COMPLAINT: "Entri kotak saran baru",
    DraftForm.COMPLAINT_ACTION: "Tindak lanjut kotak saran",
    DraftForm.CONSENT: "Persetujuan orang tua/wali",
    DraftForm.DATA_REQUEST: "Permohonan hak atas data pribadi",
    DraftForm.INCIDENT: "Insiden data pribadi",
    DraftForm.CONSENT_TEXT: "Naskah persetujuan",
}


@dataclass(frozen=True)
class FormDraft:
    """One form's unsaved input, as a form hands it over (not yet stored)."""

    form: DraftForm
    target: str
    content: dict[str, Any]


@dataclass(frozen=True)
class KeptDraft:
    """A draft stored in the vault."""

    id: int
    account_id: str
    form: DraftForm
    target: str
    content: dict[str, Any]
    saved_at: datetime

    @property
    def as_form_draft(self) -> FormDraft:
        return FormDraft(self.form, self.target, self.content)

    def is_stale(self, now: datetime) -> bool:
        return now - self.saved_at > STALE_AFTER
