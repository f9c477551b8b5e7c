"""The two letters with numbers: Surat Alih Tangan Kasus and Surat Panggilan Orang Tua/Wali.

Both are official letters on the kop: the title, then Nomor, Lampiran and Perihal, to whom,
the body and the signature block ("Mengetahui, Kepala Sekolah" left, the guru BK right, dated
the day the number was given, so a reprint reads as the letter that was sent). The service
(``services.letters``) decides every value and hands one frozen dataclass in; the renderers
return PDF bytes.

- ``ReferralLetterData``: the number, the recipient (its kind and name), the student by full
  name (a professional taking over a case must know whom), the reason, what is shared
  (``shared_information`` only, never the counselling notes) and the consent it rests on.
- ``ParentLetterData``: the number, the guardian, the student (full name: the letter goes to
  their own parent), the meeting's day, time with zone and place, its purpose in general words
  that disclose nothing of the counselling, and whom to tell when the guardian cannot come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bk_desktop.domain.dates import format_date, format_long_date, format_time, zone_abbreviation
from bk_desktop.reports.document import fields, free_text, paragraph, render_document, signature
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

REFERRAL_TITLE = "Surat Alih Tangan Kasus"
PARENT_TITLE = "Surat Panggilan Orang Tua/Wali"
NO_ATTACHMENT = "-"


@dataclass(frozen=True)
class Consent:
    """The basis a referral rests on; ``given_by`` is empty for an emergency without consent."""

    basis: str
    given_by: str = ""
    relation: str = ""
    given_on: date | None = None
    channel: str = ""


@dataclass(frozen=True)
class ReferralLetterData:
    letterhead: Letterhead
    number: str
    recipient_kind: str
    """ "Psikiater", "UPTD PPA/P2TP2A" (``ReferralTarget.label``)."""
    recipient_name: str
    """As the screening wrote it ("dr. Rina, Sp.KJ (RSUD Taman Husada)"); may be empty."""
    student_name: str
    rombel: str
    school_name: str
    reason: str
    shared_information: str
    consent: Consent
    signature: SignatureBlock
    attachment: str = NO_ATTACHMENT


@dataclass(frozen=True)
class ParentLetterData:
    letterhead: Letterhead
    number: str
    guardian_name: str
    salutation: str
    """ "Bapak", "Ibu" or "Bapak/Ibu": how the guardian is addressed throughout."""
    student_name: str
    rombel: str
    meeting_start: datetime
    """An aware instant, printed on the school's clock in ``zone``."""
    zone: ZoneInfo
    place: str
    purpose: str
    contact: str
    """Whom to tell when the guardian cannot come ("Sari Wulandari, telepon (0548) 21234")."""
    signature: SignatureBlock
    attachment: str = NO_ATTACHMENT


def _heading(number: str, attachment: str, subject: str) -> list[Flowable]:
    return [
        fields(
            [("Nomor", number), ("Lampiran", attachment or NO_ATTACHMENT), ("Perihal", subject)],
            label_width=24 * float(mm),
        ),
        _air(),
    ]


def _air() -> Flowable:
    """A little room after a block of fields, before the running text resumes."""
    return Spacer(1, 2.5 * float(mm))


def _to(lines: list[str]) -> list[Flowable]:
    shown = [line for line in lines if line.strip()]
    return [paragraph("Kepada Yth.\n" + "\n".join(shown) + "\ndi tempat")]


def render_referral_letter(data: ReferralLetterData) -> bytes:
    """The Surat Alih Tangan Kasus as PDF bytes."""
    recipient = data.recipient_name.strip() or data.recipient_kind
    consent = data.consent
    consent_rows = [("Dasar", consent.basis)]
    if consent.given_by.strip():
        who = consent.given_by.strip()
        if consent.relation.strip():
            who = f"{who} ({consent.relation.strip()})"
        consent_rows += [
            ("Diberikan oleh", who),
            ("Tanggal", format_date(consent.given_on) if consent.given_on else ""),
            ("Cara", consent.channel),
        ]
    story: list[Flowable] = [
        *_heading(data.number, data.attachment, "Alih Tangan Kasus"),
        *_to([recipient, data.recipient_kind if recipient != data.recipient_kind else ""]),
        paragraph("Dengan hormat,"),
        paragraph(
            "Bersama surat ini kami mengalihtangankan penanganan kasus siswa kami berikut "
            "kepada Bapak/Ibu:"
        ),
        fields(
            [("Nama", data.student_name), ("Kelas", data.rombel), ("Sekolah", data.school_name)]
        ),
        _air(),
        paragraph("Alasan alih tangan kasus:"),
        *free_text(data.reason),
        paragraph("Informasi yang kami sampaikan:"),
        *free_text(data.shared_information),
        paragraph("Alih tangan kasus ini dilakukan atas dasar:"),
        fields(consent_rows),
        _air(),
        paragraph(
            "Informasi dalam surat ini bersifat rahasia dan hanya digunakan untuk penanganan "
            "siswa tersebut. Kami mohon Bapak/Ibu berkenan menerima dan menangani siswa "
            "tersebut, dan menyampaikan hasilnya kepada guru BK sekolah kami sejauh "
            "diperkenankan. Atas perhatian dan kerja sama Bapak/Ibu kami ucapkan terima kasih."
        ),
        *signature(data.signature),
    ]
    return render_document(data.letterhead, REFERRAL_TITLE, story)


def meeting_time(start: datetime, zone: ZoneInfo) -> tuple[str, str]:
    """ "Kamis, 3 Desember 2026" and "08.00 WITA s.d. selesai"."""
    local = start.astimezone(zone)
    clock = f"{format_time(start, zone)} {zone_abbreviation(zone, at=local)}"
    return format_long_date(local.date()), f"{clock} s.d. selesai"


def render_parent_letter(data: ParentLetterData) -> bytes:
    """The Surat Panggilan Orang Tua/Wali as PDF bytes."""
    day, clock = meeting_time(data.meeting_start, data.zone)
    class_text = f", kelas {data.rombel}" if data.rombel.strip() else ""
    contact = data.contact.strip()
    you = data.salutation.strip() or "Bapak/Ibu"
    unable = (
        f"Bila {you} berhalangan hadir, mohon memberi kabar kepada {contact}."
        if contact
        else f"Bila {you} berhalangan hadir, mohon memberi kabar kepada guru BK sekolah."
    )
    story: list[Flowable] = [
        *_heading(data.number, data.attachment, "Panggilan Orang Tua/Wali"),
        *_to(
            [
                f"{you} {data.guardian_name.strip()}",
                f"Orang tua/wali dari {data.student_name}{class_text}",
            ]
        ),
        paragraph("Dengan hormat,"),
        paragraph(f"Dengan ini kami mengharapkan kehadiran {you} pada:"),
        fields(
            [
                ("Hari, tanggal", day),
                ("Waktu", clock),
                ("Tempat", data.place),
                ("Keperluan", data.purpose),
            ]
        ),
        _air(),
        paragraph(
            f"Mengingat pentingnya pertemuan ini, kami mohon {you} dapat hadir tepat waktu. "
            + unable
        ),
        paragraph(f"Atas perhatian dan kerja sama {you} kami ucapkan terima kasih."),
        *signature(data.signature),
    ]
    return render_document(data.letterhead, PARENT_TITLE, story)


__all__ = [
    "PARENT_TITLE",
    "REFERRAL_TITLE",
    "Consent",
    "ParentLetterData",
    "ReferralLetterData",
    "meeting_time",
    "render_parent_letter",
    "render_referral_letter",
]
