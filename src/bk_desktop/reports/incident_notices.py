"""The notices of a personal-data incident (UU PDP No. 27/2022 Ps. 46): to a parent/guardian,
and to the authority (the *Lembaga* under UU PDP or the Dinas Pendidikan).

Both are letters on the kop with "Nomor: ……" to fill by hand: the numbered-letter book of
issue 16 (``letter``, schema step 12) takes only referral and summons letters, and widening it
belongs to a schema step of its own. What each prints, exactly:

- **The parent's letter about one child** (``ParentNoticeData.child`` set): the guardian and
  the child's full name and class, the kind of incident and when it was found, the typed
  "Apa yang terjadi", the kinds of data (the program's labels, and the typed "data lainnya"),
  each measure (when, the typed text), what the family can do, and the contact.
- **The general letter to every parent/guardian** (``child`` empty): the same, except that the
  typed "Apa yang terjadi" is left out (``IncidentFacts.what_happened`` is empty; a sentence
  says the contact can tell more): it reaches every family and may name a student. The
  program puts no student's name on it; the typed measures and "data lainnya" do print.
- **The authority's letter**: the kind, when found, who reported it, when recorded, the count
  of students, the typed "Apa yang terjadi", the kinds of data, each measure, each notice to
  parents (when, the channel and its typed note), and the contact. The program puts no
  student's name on it.

So a name typed into a description, a measure or a notice's note is printed as typed: the
record form and the log's forms say under those fields not to write one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bk_desktop.reports.document import (
    fields,
    free_text,
    item_table,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import HAND_WRITTEN, Letterhead, SignatureBlock

PARENT_KIND = "Pemberitahuan Insiden Data Pribadi"
AUTHORITY_KIND = "Pemberitahuan Insiden Data Pribadi kepada Lembaga"
SUBJECT = "Pemberitahuan insiden data pribadi"
LAW = "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi Pasal 46"


@dataclass(frozen=True)
class IncidentFacts:
    """What both letters say of the incident, already in words."""

    kind: str
    found_at: str
    """ "Senin, 30 November 2026 09.15 WITA"."""
    what_happened: str
    """The typed description; empty for the general letter to every parent/guardian."""
    data: Sequence[str]
    student_count: int
    measures: Sequence[tuple[str, str]]
    """(when, what was done), oldest first."""
    contact: Sequence[tuple[str, str]]
    """Whom to ask, as label/value rows: the data-protection officer, else the koordinator."""


@dataclass(frozen=True)
class ParentNoticeData:
    letterhead: Letterhead
    school_name: str
    addressee: Sequence[str]
    """The lines after "Kepada Yth.": the guardian, or every parent/guardian."""
    child: str
    """ "Ayu Lestari (kelas X IPA 1)" for a letter about one child, "" for the general one."""
    facts: IncidentFacts
    signature: SignatureBlock


@dataclass(frozen=True)
class AuthorityNoticeData:
    letterhead: Letterhead
    school_name: str
    addressee: str
    facts: IncidentFacts
    reported_by: str
    recorded_at: str
    parent_notices: Sequence[tuple[str, str]]
    """(when, how) of each notice to parents, oldest first; empty when none went out yet."""
    signature: SignatureBlock


def _air() -> Flowable:
    return Spacer(1, 2.5 * float(mm))


def _heading() -> list[Flowable]:
    """Nomor, Lampiran and Perihal like the numbered letters; the place and date are the
    signature block's."""
    return [
        fields(
            [("Nomor", HAND_WRITTEN), ("Lampiran", "–"), ("Perihal", SUBJECT)],
            label_width=24 * float(mm),
        ),
        _air(),
    ]


def _to(lines: Sequence[str]) -> Flowable:
    shown = [line for line in lines if line.strip()]
    return paragraph("Kepada Yth.\n" + "\n".join(shown) + "\ndi tempat")


def _measures(facts: IncidentFacts) -> Flowable:
    return item_table(("Waktu", "Tindakan"), list(facts.measures), (0.3, 0.7))


def _data_lines(facts: IncidentFacts) -> list[Flowable]:
    return [paragraph(f"• {line}") for line in facts.data] or [paragraph("(tidak dicatat)")]


def render_parent_notice(data: ParentNoticeData) -> bytes:
    """The letter to a parent/guardian as PDF bytes."""
    facts = data.facts
    room = f"layanan bimbingan dan konseling (BK) {data.school_name}"
    whose = f"putra/putri Bapak/Ibu, {data.child}," if data.child else "siswa"
    opening = (
        f"Dengan surat ini kami memberitahukan bahwa pada {facts.found_at} kami mengetahui "
        f"terjadinya insiden yang menyangkut data pribadi {whose} yang disimpan oleh {room}. "
        f"Pemberitahuan ini kami sampaikan secara terbuka sesuai {LAW}."
    )
    story: list[Flowable] = [
        *_heading(),
        _to(data.addressee),
        paragraph("Dengan hormat,"),
        paragraph(opening),
        section("Apa yang terjadi"),
        fields([("Jenis insiden", facts.kind), ("Diketahui pada", facts.found_at)]),
        *(
            free_text(facts.what_happened)
            if facts.what_happened
            else [
                paragraph(
                    "Rincian kejadian tidak dimuat dalam surat umum ini agar tidak ada siswa yang "
                    "dapat dikenali; Bapak/Ibu dapat menanyakannya kepada narahubung di bawah."
                )
            ]
        ),
        section("Data yang terdampak"),
        *_data_lines(facts),
        section("Yang telah dilakukan sekolah"),
        _measures(facts),
        section("Yang dapat Bapak/Ibu lakukan"),
        paragraph(
            "1. Waspadai pesan, telepon atau kunjungan yang mengaku dari sekolah dan meminta "
            "data anak atau keluarga Anda; sekolah tidak meminta data melalui cara itu. Bila "
            "ragu, hubungi narahubung di bawah."
        ),
        paragraph(
            "2. Bicarakan dengan anak Anda bila ia merasa diganggu atau dibicarakan orang lain "
            "karena insiden ini, dan sampaikan kepada guru BK."
        ),
        paragraph(
            "3. Anda berhak menanyakan data apa saja tentang anak Anda yang disimpan layanan BK, "
            "meminta salinannya atau perbaikannya; jawaban diberikan paling lambat 3×24 jam."
        ),
        section("Narahubung"),
        fields(list(data.facts.contact)),
        _air(),
        paragraph(
            "Kami mohon maaf atas kejadian ini dan akan terus menjaga kerahasiaan data siswa. "
            "Atas perhatian Bapak/Ibu, kami mengucapkan terima kasih."
        ),
        *signature(data.signature),
    ]
    return render_document(data.letterhead, PARENT_KIND, story)


def render_authority_notice(data: AuthorityNoticeData) -> bytes:
    """The letter to the authority as PDF bytes."""
    facts = data.facts
    count = f"{facts.student_count:,}".replace(",", ".")
    story: list[Flowable] = [
        *_heading(),
        _to([data.addressee]),
        paragraph("Dengan hormat,"),
        paragraph(
            f"Sesuai {LAW}, bersama surat ini {data.school_name} memberitahukan insiden "
            "kegagalan pelindungan data pribadi pada layanan bimbingan dan konseling (BK) "
            "sekolah kami, dengan keterangan sebagai berikut."
        ),
        section("1. Keterangan insiden"),
        fields(
            [
                ("Jenis insiden", facts.kind),
                ("Diketahui pada", facts.found_at),
                ("Dilaporkan oleh", data.reported_by),
                ("Dicatat pada", data.recorded_at),
                ("Siswa terdampak", f"{count} siswa"),
            ]
        ),
        paragraph("Uraian kejadian:"),
        *free_text(facts.what_happened),
        section("2. Data pribadi yang terdampak"),
        *_data_lines(facts),
        section("3. Tindakan penanganan dan pemulihan"),
        _measures(facts),
        section("4. Pemberitahuan kepada orang tua/wali"),
        item_table(("Waktu", "Cara"), list(data.parent_notices), (0.3, 0.7))
        if data.parent_notices
        else paragraph("Belum dicatat; sedang disiapkan."),
        section("5. Narahubung"),
        fields(list(facts.contact)),
        _air(),
        paragraph(
            "Data siswa tersimpan hanya di komputer ruang BK dalam brankas terenkripsi "
            "(AES-256). Kami siap memberikan keterangan tambahan bila diperlukan. Atas "
            "perhatian Bapak/Ibu, kami mengucapkan terima kasih."
        ),
        *signature(data.signature),
    ]
    return render_document(data.letterhead, AUTHORITY_KIND, story)


__all__ = [
    "AUTHORITY_KIND",
    "PARENT_KIND",
    "AuthorityNoticeData",
    "IncidentFacts",
    "ParentNoticeData",
    "render_authority_notice",
    "render_parent_notice",
]
