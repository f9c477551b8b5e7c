"""The Kartu Pemulihan: a real one-page PDF made in memory, read back (saving it to a file is
``DocumentService.save``'s, tested with the other documents)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from bk_desktop.reports.letterhead import Letterhead
from bk_desktop.reports.recovery_card import PDF_TITLE, render_recovery_card

KEY = "K7QF-2MXD-9PLA-R4TN-8HVC-W3ZE-6JBU-1SYG-5NKO-0DIQ-TR7X-M2WP-4FAC"
CREATED = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
WITA = ZoneInfo("Asia/Makassar")


def _write(
    path: Path,
    *,
    recovery_key: str = KEY,
    school_name: str = "SMA Negeri 1 Bontang",
    account_name: str = "Dra. Siti Rahmawati, M.Pd.",
    created_at: datetime = CREATED,
) -> None:
    path.write_bytes(
        render_recovery_card(
            recovery_key=recovery_key,
            school_name=school_name,
            vault_id="a3f1c2d4-7e9b-4c1a-8f00-1234567890ab",
            account_name=account_name,
            created_at=created_at,
            zone=WITA,
        )
    )


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_card_is_one_page_with_title_school_and_key(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card)
    reader = PdfReader(card)
    assert len(reader.pages) == 1
    text = _text(card)
    assert "KARTU PEMULIHAN" in text
    assert "SMA Negeri 1 Bontang" in text
    assert KEY in _squash(text)


def test_card_says_when_and_by_whom_it_was_made_in_the_schools_zone(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card)
    text = " ".join(_text(card).split())
    assert "Minggu, 29 November 2026 08.30 WITA" in text
    assert "Dra. Siti Rahmawati, M.Pd." in text
    assert "a3f1c2d4-7e9b-4c1a-8f00-1234567890ab" in text


def test_card_explains_how_to_keep_it_and_has_custody_lines(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card)
    text = " ".join(_text(card).split())
    for phrase in (
        "semua kata sandi terlupa",
        "brankas kepala sekolah",
        "Jangan memotret",
        "dapat membuka seluruh catatan konseling",
        "Pengaturan → Kunci Pemulihan",
        "tidak berlaku lagi",
        "Disimpan oleh:",
        "Tanggal:",
        "Paraf:",
    ):
        assert phrase in text


def test_key_groups_are_printed_as_given(tmp_path: Path) -> None:
    key = "abcd efgh ijkl mnop qrst uvwx yz23 4567"
    card = tmp_path / "kartu.pdf"
    _write(card, recovery_key=key)
    lines = _text(card).splitlines()
    key_lines = [line for line in lines if "abcd" in line or "4567" in line]
    assert key_lines
    assert " ".join(" ".join(lines).split()).count(key) == 1


def test_pdf_metadata_has_the_title_and_never_the_key(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card)
    reader = PdfReader(card)
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == PDF_TITLE == "Kartu Pemulihan bk-desktop"
    for value in metadata.values():
        assert KEY not in str(value)
        assert "K7QF" not in str(value)
    assert reader.xmp_metadata is None


@pytest.mark.parametrize(
    "key",
    [
        "A" * 120,
        "-".join(["ABCDE"] * 30),
        " ".join(["WXYZ"] * 40),
        "KEY1",
    ],
)
def test_unusual_key_shapes_still_fit_on_one_page(tmp_path: Path, key: str) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card, recovery_key=key)
    assert len(PdfReader(card).pages) == 1
    assert _squash(key) in _squash(_text(card))


def test_very_long_school_and_account_names_still_fit_on_one_page(tmp_path: Path) -> None:
    school = "Sekolah Menengah Kejuruan Swasta Yayasan Pendidikan Islam Al-Hikmah " * 3
    account = "Prof. Dr. Hj. Siti Nurhaliza Rahmawati Kusumaningrum, S.Pd., M.Pd., Kons. " * 2
    card = tmp_path / "kartu.pdf"
    _write(card, school_name=school, account_name=account)
    assert len(PdfReader(card).pages) == 1
    text = _squash(_text(card))
    assert _squash(school) in text
    assert _squash(account) in text


def test_naive_creation_time_is_a_bug_not_a_card(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    with pytest.raises(ValueError, match="aware"):
        _write(card, created_at=datetime(2026, 11, 29, 8, 30))
    assert not card.exists()


def test_empty_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="empty"):
        _write(tmp_path / "kartu.pdf", recovery_key="   ")


def test_a_key_of_the_programs_own_shape_is_printed_on_one_line(tmp_path: Path) -> None:
    key = "7K2M-QX4P-9LTR-A3ND-WB6H-C8EV-J5FS-Y2GU"
    card = tmp_path / "kartu.pdf"
    _write(card, recovery_key=key)
    lines = [line.strip() for line in _text(card).splitlines()]
    assert key in lines


def test_a_key_too_long_for_one_line_breaks_only_between_groups(tmp_path: Path) -> None:
    card = tmp_path / "kartu.pdf"
    _write(card)
    groups = set(KEY.split("-"))
    key_lines = [line.strip() for line in _text(card).splitlines() if line.strip()[:4] in groups]
    assert len(key_lines) > 1
    for line in key_lines:
        assert all(part in groups for part in line.strip("-").split("-"))


# --- on the school's kop ------------------------------------------------------------------


def _card_on(letterhead: Letterhead, **details: str) -> bytes:
    return render_recovery_card(
        recovery_key=details.get("recovery_key", KEY),
        school_name="SMA Negeri 1 Bontang",
        vault_id="a3f1c2d4-7e9b-4c1a-8f00-1234567890ab",
        account_name=details.get("account_name", "Dra. Siti Rahmawati, M.Pd."),
        created_at=CREATED,
        zone=WITA,
        letterhead=letterhead,
    )


def test_card_on_the_full_kop_with_two_logos_stays_one_page(letterhead: Letterhead) -> None:
    reader = PdfReader(io.BytesIO(_card_on(letterhead)))
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 2
    text = " ".join(reader.pages[0].extract_text().split())
    assert text.startswith("PEMERINTAH PROVINSI KALIMANTAN TIMUR DINAS PENDIDIKAN")
    assert "SMA NEGERI 1 BONTANG" in text
    assert text.count("Bontang") == 2  # the kop names the school; no second school line
    assert "KARTU PEMULIHAN" in text
    assert KEY in _squash(text)
    assert "Disimpan oleh:" in text


def test_card_on_an_overfull_kop_with_a_long_key_still_fits_one_page(
    letterhead: Letterhead,
) -> None:
    crowded = Letterhead(
        "YAYASAN PENDIDIKAN ISLAM AL-HIKMAH " * 3,
        "DINAS PENDIDIKAN DAN KEBUDAYAAN " * 3,
        "Sekolah Menengah Kejuruan Swasta Al-Hikmah Teknologi " * 2,
        "Jl. Panjang " * 30,
        "Telp. (0548) 21234 " * 8,
        letterhead.left_logo,
        letterhead.right_logo,
    )
    key = "-".join(["ABCDE"] * 30)
    reader = PdfReader(io.BytesIO(_card_on(crowded, recovery_key=key, account_name="王小明")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert _squash(key) in _squash(text)
    assert "王小明" in text


def test_card_without_a_readable_logo_still_prints(letterhead: Letterhead) -> None:
    broken = Letterhead("", "", "SMA Negeri 2", "", left_logo=b"rusak", right_logo=None)
    reader = PdfReader(io.BytesIO(_card_on(broken)))
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 0
    assert "SMA NEGERI 2" in reader.pages[0].extract_text()
