"""The rules of a permohonan hak atas data pribadi without a vault: the 3×24 h clock in
calendar hours always, the form, the moves diterima → diputuskan → selesai, and redaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.data_requests import (
    REDACTED,
    ClockKind,
    DataRequestForm,
    DataRequestStatus,
    DataRight,
    Decision,
    ExportField,
    ExportRecord,
    ExportSection,
    Redaction,
    Requester,
    StudentExport,
    apply_redactions,
    clock,
    complete_problem,
    deadline_of,
    decide_problem,
    form_problems,
    format_number,
    redaction_problem,
)
from bk_desktop.domain.students import GuardianRelation

WITA = ZoneInfo("Asia/Makassar")


def local(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=WITA).astimezone(UTC)


# -- the clock -----------------------------------------------------------------------------


def test_the_clock_runs_72_calendar_hours_over_a_weekend() -> None:
    friday = local(2026, 12, 4, 10)  # Jumat
    assert deadline_of(friday) == local(2026, 12, 7, 10)
    # Senin 11.00 it is late: Sabtu and Minggu count, as UU PDP counts hours.
    monday = local(2026, 12, 7, 11)
    assert clock(friday, None, monday).kind is ClockKind.TERLAMBAT


def test_the_clock_states_and_their_words() -> None:
    received = local(2026, 12, 7, 9)  # Senin
    deadline = received + timedelta(hours=72)
    running = clock(received, None, received + timedelta(hours=1))
    assert running.kind is ClockKind.BERJALAN and running.text == "Sisa 2 hari 23 jam"
    soon = clock(received, None, deadline - timedelta(hours=3))
    assert soon.kind is ClockKind.SEGERA
    late = clock(received, None, deadline + timedelta(hours=5))
    assert late.kind is ClockKind.TERLAMBAT and late.text == "Terlambat 5 jam"
    done = clock(received, deadline - timedelta(hours=1), deadline + timedelta(days=9))  # fmt: skip
    assert done.kind is ClockKind.TEPAT_WAKTU and done.text == "Selesai tepat waktu"
    done_late = clock(received, deadline + timedelta(hours=2), deadline)
    assert done_late.kind is ClockKind.SELESAI_TERLAMBAT
    assert done_late.text == "Selesai terlambat 2 jam"


# -- the form and the moves ----------------------------------------------------------------


def form(**changes: object) -> DataRequestForm:
    values: dict[str, object] = {
        "student_id": 1,
        "requester": Requester.SISWA,
        "right": DataRight.AKSES,
        "text": "Saya ingin salinan catatan BK saya.",
        "received_at": local(2026, 12, 7, 9),
    }
    values.update(changes)
    return DataRequestForm(**values)  # type: ignore[arg-type]


def test_a_parent_is_named_with_a_relation_and_the_student_is_not() -> None:
    assert form_problems(form()) == {}
    parent = form(requester=Requester.ORANG_TUA_WALI)
    assert set(form_problems(parent)) == {"requester_name", "relation"}
    named = form(
        requester=Requester.ORANG_TUA_WALI,
        requester_name="Sari Wulandari",
        relation=GuardianRelation.IBU,
    )
    assert form_problems(named) == {}
    assert "requester_name" in form_problems(form(requester_name="Sari"))
    assert set(form_problems(form(student_id=None, text=" - "))) == {"student_id", "text"}


def test_a_decision_is_made_once_and_refusing_needs_a_reason() -> None:
    received = DataRequestStatus.DITERIMA
    assert decide_problem(received, Decision.DIKABULKAN, "") is None
    assert decide_problem(received, Decision.DITOLAK, "") is not None
    assert decide_problem(received, Decision.DITOLAK, "ok") is not None
    assert decide_problem(received, Decision.DIKABULKAN_SEBAGIAN, "") is not None
    assert (
        decide_problem(received, Decision.DITOLAK, "Mengungkap data siswa lain dalam catatan.")
        is None
    )
    decided = decide_problem(DataRequestStatus.DIPUTUSKAN, Decision.DIKABULKAN, "")
    assert decided is not None and "sudah diputuskan" in decided


def test_completion_follows_the_decision_and_says_what_was_done() -> None:
    note = "Salinan diserahkan kepada ibu siswa."
    first = complete_problem(DataRequestStatus.DITERIMA, note)
    assert first is not None and "Putuskan dulu" in first
    assert complete_problem(DataRequestStatus.DIPUTUSKAN, "") is not None
    assert complete_problem(DataRequestStatus.DIPUTUSKAN, note) is None
    assert complete_problem(DataRequestStatus.SELESAI, note) is not None


def test_the_register_number() -> None:
    assert format_number(2026, 3) == "PD-2026-003"


# -- redaction -----------------------------------------------------------------------------


def _export(*texts: str) -> StudentExport:
    records = tuple(
        ExportRecord(
            "session",
            index,
            f"Sesi #{index}",
            (
                ExportField("mode", "Cara", "Tatap muka", "tatap_muka"),
                ExportField("place", "Tempat", "Ruang BK", "Ruang BK", redactable=True),
                ExportField("notes", "Catatan sesi", text, text, redactable=True),
            ),
        )
        for index, text in enumerate(texts, start=1)
    )
    return StudentExport(
        student_id=1,
        student_name="Ayu Lestari",
        rombel="X MIPA 1",
        made_at=local(2026, 12, 7, 9),
        made_by="Guru BK",
        school_name="SMA",
        data_request_number="",
        sections=(ExportSection("sessions", "Sesi konseling", records),),
        audit=(),
    )


def test_a_redacted_passage_is_gone_wherever_it_appears_and_noted_without_its_text() -> None:
    secret = "Budi dari kelas XI memukulnya"
    export = _export(f"Bercerita bahwa {secret} kemarin.", f"Lagi: {secret}.", "Baik-baik saja.")
    reason = "Mengungkap data siswa lain"
    done = apply_redactions(export, [Redaction("session", 1, "notes", secret, reason)])
    texts = [f.text for _record, f in done.redactable_fields() if f.key == "notes"]
    assert all(secret not in text for text in texts)
    assert texts[0] == f"Bercerita bahwa {REDACTED} kemarin."
    assert [(n.record_id, n.field, n.reason) for n in done.redactions] == [
        (1, "notes", reason),
        (2, "notes", reason),
    ]
    assert all(secret not in repr(note) for note in done.redactions)
    assert done.unmatched == ()
    gone = apply_redactions(export, [Redaction("session", 1, "notes", "tidak ada", reason)])
    assert len(gone.unmatched) == 1 and gone.redactions == ()


def test_a_passage_marked_in_a_note_also_leaves_a_typed_field_but_not_a_choice() -> None:
    export = _export("Kini tinggal di Ruang BK bersama ibunya.")
    reason = "Melindungi keselamatan anak"
    done = apply_redactions(export, [Redaction("session", 1, "notes", "Ruang BK", reason)])
    record = done.sections[0].records[0]
    place = record.field("place")
    assert place is not None and place.text == REDACTED and place.value == REDACTED
    assert [(n.field, n.reason) for n in done.redactions] == [("place", reason), ("notes", reason)]
    # The dialog offers the typed field too, never the choice.
    offered = [f.key for _record, f in export.redactable_fields()]
    assert offered == ["place", "notes"]
    kept = apply_redactions(export, [Redaction("session", 1, "notes", "Tatap muka", reason)])
    assert kept.sections[0].records[0].field("mode") == record.field("mode")


def test_a_redaction_needs_a_passage_and_a_reason() -> None:
    assert redaction_problem("", "Mengungkap data orang lain") is not None
    assert redaction_problem("Budi", "") is not None
    assert redaction_problem("Budi", "Mengungkap data orang lain") is None
