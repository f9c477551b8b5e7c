"""The consent register's rules: which entry is in force, what blocks, what a form needs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bk_desktop.domain.consents import (
    ConsentAct,
    ConsentChannel,
    ConsentForm,
    ConsentRecord,
    form_problems,
    in_force,
    state_line,
    withdrawal_refusal,
    withdrawn_on,
)
from bk_desktop.domain.students import GuardianRelation

DAY = date(2026, 12, 1)


def entry(
    entry_id: int, act: ConsentAct, on: date, recorded: int = 0, version: int | None = 1
) -> ConsentRecord:
    return ConsentRecord(
        id=entry_id,
        student_id=7,
        act=act,
        person_name="Siti Aminah",
        relation=GuardianRelation.IBU,
        on=on,
        channel=ConsentChannel.KERTAS,
        text_version=version if act is ConsentAct.GIVEN else None,
        reason="",
        recorded_at=datetime(2026, 12, 1, 2, recorded, tzinfo=UTC),
        recorded_by=None,
        recorded_by_name="",
        has_scan=False,
    )


def form(act: ConsentAct = ConsentAct.GIVEN, **changes: object) -> ConsentForm:
    values: dict[str, object] = {
        "act": act,
        "person_name": "Siti Aminah",
        "relation": GuardianRelation.IBU,
        "on": DAY,
        "channel": ConsentChannel.KERTAS,
        "text_version": 1 if act is ConsentAct.GIVEN else None,
    }
    values.update(changes)
    return ConsentForm(**values)  # type: ignore[arg-type]


def test_nothing_recorded_is_no_block_and_says_so() -> None:
    assert withdrawn_on([], DAY) is None
    assert state_line([], DAY) == "Belum ada persetujuan tercatat"


def test_a_withdrawal_is_in_force_from_its_day_on() -> None:
    entries = [entry(1, ConsentAct.GIVEN, date(2026, 7, 15)), entry(2, ConsentAct.WITHDRAWN, DAY)]
    assert withdrawn_on(entries, date(2026, 11, 30)) is None
    assert withdrawn_on(entries, DAY) == DAY
    assert state_line(entries, DAY) == "Persetujuan ditarik pada 1 Desember 2026 (ibu)"


def test_a_new_consent_lifts_a_withdrawal_but_one_dated_before_it_does_not() -> None:
    withdrawn = entry(1, ConsentAct.WITHDRAWN, DAY)
    later = entry(2, ConsentAct.GIVEN, date(2026, 12, 3), recorded=5, version=2)
    backdated = entry(3, ConsentAct.GIVEN, date(2026, 11, 20), recorded=9)
    assert withdrawn_on([withdrawn, later], date(2026, 12, 3)) is None
    assert withdrawn_on([withdrawn, backdated], date(2026, 12, 3)) == DAY
    # the same day: the entry recorded later decides
    same_day = entry(4, ConsentAct.GIVEN, DAY, recorded=30)
    assert in_force([withdrawn, same_day], DAY) == same_day


def test_the_refusal_names_the_day_and_what_to_do() -> None:
    refusal = withdrawal_refusal(DAY, "menjadwalkan sesi")
    assert refusal.message.startswith(
        "Orang tua/wali menarik persetujuan layanan BK pada 1 Desember 2026; catat persetujuan "
        "baru sebelum menjadwalkan sesi untuk siswa ini"
    )


def test_a_consent_needs_proof_on_paper_and_a_scan_channel_needs_the_scan() -> None:
    fields = {
        p.field
        for p in form_problems(form(channel=ConsentChannel.LISAN), today=DAY, newest_version=1)
    }
    assert fields == {"channel"}
    fields = {
        p.field
        for p in form_problems(form(channel=ConsentChannel.PINDAIAN), today=DAY, newest_version=1)
    }
    assert fields == {"scan"}
    assert not form_problems(
        form(channel=ConsentChannel.PINDAIAN), today=DAY, newest_version=1, has_scan=True
    )
    assert not form_problems(
        form(ConsentAct.WITHDRAWN, channel=ConsentChannel.LISAN), today=DAY, newest_version=1
    )


def test_a_consent_cannot_predate_the_text_version_it_names() -> None:
    problems = form_problems(
        form(text_version=2), today=DAY, newest_version=2, version_saved_on=date(2026, 12, 2)
    )
    assert [p.field for p in problems] == ["on"]
    assert "versi 2 baru disimpan pada 2 Desember 2026" in problems[0].message


def test_every_missing_part_is_named_at_once() -> None:
    problems = form_problems(
        form(person_name="", relation=None, channel=None, text_version=None, on=date(2026, 12, 2)),
        today=DAY,
        newest_version=1,
    )
    assert [p.field for p in problems] == [
        "person_name",
        "relation",
        "on",
        "channel",
        "text_version",
    ]
