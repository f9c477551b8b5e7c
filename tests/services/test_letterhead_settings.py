"""The kop surat in the settings: contact line, logos checked on the way into the vault, and
the ``Letterhead`` every document prints, on a real encrypted vault."""

from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import LogoSlot
from bk_desktop.services.logo_image import MAX_FILE_BYTES, MAX_SIDE
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _audit_details(workspace: Workspace) -> list[str]:
    return [
        row["detail"]
        for row in workspace.db.all(
            "SELECT detail FROM audit_event WHERE kind = 'settings.changed' ORDER BY id"
        )
    ]


def _picture(path: Path, size: tuple[int, int], fmt: str, **save: object) -> Path:
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (200, 30, 30, 255) if mode == "RGBA" else (200, 30, 30)).save(
        path, format=fmt, **save
    )
    return path


def _header_only_png(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width`` × ``height`` and whose pixels are barely there:
    the shape of a decompression bomb, made without ever holding those pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        PNG_MAGIC
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.fixture
def service(workspace: Workspace) -> SettingsService:
    return SettingsService(workspace)


# -- the contact line ---------------------------------------------------------------------


def test_the_letterhead_carries_the_lines_and_a_contact_line_of_the_parts_set(
    service: SettingsService,
) -> None:
    service.save(
        replace(
            service.get(),
            government_line="PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            agency_line="DINAS PENDIDIKAN DAN KEBUDAYAAN",
            address_line="Jl. Awang Long No. 1, Bontang 75311",
            school_phone=" (0548)  21234 ",
            school_email="smpn1bontang@sch.id",
            school_website="https://smpn1bontang.sch.id/",
        )
    )
    kop = service.letterhead()
    assert kop.government_line == "PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    assert kop.school_name == "SMA Negeri 1 Bontang"
    assert kop.address_line == "Jl. Awang Long No. 1, Bontang 75311"
    assert kop.contact_line.replace("\u00a0", " ") == (
        "Telepon (0548) 21234 · Pos-el smpn1bontang@sch.id · Laman smpn1bontang.sch.id"
    )
    assert kop.left_logo is None and kop.right_logo is None

    service.save(replace(service.get(), school_phone="", school_website=""))
    assert service.letterhead().contact_line == "Pos-el\u00a0smpn1bontang@sch.id"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("school_email", "smpn1bontang.sch.id", "pos-el"),
        ("school_email", "guru bk@sch", "pos-el"),
        ("school_phone", "Jl. Awang Long", "telepon"),
        ("school_website", "sekolah kami", "laman"),
        ("school_phone", "0" * 101, "paling panjang"),
    ],
)
def test_a_malformed_contact_part_is_refused_in_indonesian_under_its_field(
    service: SettingsService, field: str, value: str, words: str
) -> None:
    before = service.get()
    with pytest.raises(ValidationError) as caught:
        service.save(replace(before, **{field: value}))
    assert caught.value.field == field
    assert words in caught.value.message.casefold()
    assert service.get() == before


def test_contact_parts_lose_hidden_characters_like_the_other_kop_lines(
    service: SettingsService,
) -> None:
    service.save(replace(service.get(), school_phone="(0548)\u202e 21234\x1b"))
    assert service.get().school_phone == "(0548) 21234"


# -- logos ------------------------------------------------------------------------------


def test_a_png_logo_is_kept_in_the_vault_and_printed_on_its_side(
    service: SettingsService, workspace: Workspace, tmp_path: Path
) -> None:
    source = _picture(tmp_path / "pemprov.png", (240, 300), "PNG")
    service.set_logo(LogoSlot.LEFT, source)
    source.unlink()  # the vault keeps its own copy: the file may go

    stored = service.logo(LogoSlot.LEFT)
    assert stored is not None and stored.startswith(PNG_MAGIC)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (240, 300)
        assert image.mode == "RGBA"  # transparency kept for a logo on white paper
    kop = service.letterhead()
    assert kop.left_logo == stored and kop.right_logo is None
    (logo,) = service.logos().values()
    assert (logo.slot, logo.width, logo.height) == (LogoSlot.LEFT, 240, 300)
    assert logo.changed_by == workspace.account.id
    assert logo.changed_at == workspace.now()
    assert _audit_details(workspace)[-1] == "left_logo"


def test_a_photo_loses_its_exif_and_gps_and_is_made_small(
    service: SettingsService, tmp_path: Path
) -> None:
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = {1: "S", 2: (0.0, 7.0, 30.0), 3: "E", 4: (117.0, 29.0, 0.0)}  # GPS
    source = _picture(tmp_path / "logo-foto.jpg", (3000, 1500), "JPEG", exif=exif.tobytes())
    with Image.open(source) as original:
        assert original.getexif().get(0x010F) == "KameraHP"

    service.set_logo(LogoSlot.RIGHT, source)

    stored = service.logo(LogoSlot.RIGHT)
    assert stored is not None and stored.startswith(PNG_MAGIC)
    assert b"Exif" not in stored and b"KameraHP" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert max(image.size) == MAX_SIDE
        assert image.size == (600, 300)
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info


def test_a_second_logo_replaces_the_first_in_its_slot(
    service: SettingsService, tmp_path: Path
) -> None:
    service.set_logo(LogoSlot.LEFT, _picture(tmp_path / "a.png", (100, 100), "PNG"))
    service.set_logo(LogoSlot.LEFT, _picture(tmp_path / "b.jpg", (50, 80), "JPEG"))
    stored = service.logo(LogoSlot.LEFT)
    assert stored is not None
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (50, 80)
    assert list(service.logos()) == [LogoSlot.LEFT]


def test_removing_a_logo_is_audited_and_removing_nothing_is_not(
    service: SettingsService, workspace: Workspace, tmp_path: Path
) -> None:
    service.set_logo(LogoSlot.RIGHT, _picture(tmp_path / "a.png", (64, 64), "PNG"))
    assert service.remove_logo(LogoSlot.RIGHT) is True
    assert service.logo(LogoSlot.RIGHT) is None
    assert service.letterhead().right_logo is None
    assert service.remove_logo(LogoSlot.RIGHT) is False
    assert _audit_details(workspace)[-2:] == ["right_logo", "right_logo:removed"]


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "surat.png"
    text.write_text("bukan gambar sama sekali", encoding="utf-8")
    gif = tmp_path / "logo.gif"
    Image.new("P", (20, 20)).save(gif, format="GIF")
    huge = tmp_path / "besar.png"
    huge.write_bytes(PNG_MAGIC + b"\0" * MAX_FILE_BYTES)
    truncated = tmp_path / "terpotong.png"
    whole = _picture(tmp_path / "utuh.png", (300, 300), "PNG").read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    folder = tmp_path / "folder.png"
    folder.mkdir()
    return {
        "text-named-png": (text, "bukan gambar PNG atau JPEG"),
        "gif": (gif, "bukan gambar PNG atau JPEG"),
        "over-5-mb": (huge, "lebih dari 5 MB"),
        "truncated": (truncated, "rusak atau tidak lengkap"),
        "missing": (tmp_path / "tidak-ada.png", "tidak ditemukan"),
        "folder": (folder, "adalah folder"),
        "bomb-under-pillow-limit": (
            _header_only_png(tmp_path / "bom1.png", 7_000, 7_000),
            "terlalu besar ukurannya (7.000 × 7.000 piksel)",
        ),
        "bomb-over-pillow-limit": (
            _header_only_png(tmp_path / "bom2.png", 40_000, 40_000),
            "terlalu besar ukurannya",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "text-named-png",
        "gif",
        "over-5-mb",
        "truncated",
        "missing",
        "folder",
        "bomb-under-pillow-limit",
        "bomb-over-pillow-limit",
    ],
)
def test_each_bad_file_is_refused_with_its_own_message_and_changes_nothing(
    service: SettingsService, workspace: Workspace, tmp_path: Path, case: str
) -> None:
    source, words = _bad_files(tmp_path)[case]
    events = _audit_details(workspace)
    with pytest.raises(ValidationError) as caught:
        service.set_logo(LogoSlot.LEFT, source)
    assert words in caught.value.message
    assert source.name in caught.value.message
    assert caught.value.field == "left_logo"
    assert service.logo(LogoSlot.LEFT) is None
    assert _audit_details(workspace) == events


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_a_file_this_account_may_not_read_is_named_as_such(
    service: SettingsService, tmp_path: Path
) -> None:
    source = _picture(tmp_path / "rahasia.png", (10, 10), "PNG")
    source.chmod(0)
    try:
        with pytest.raises(ValidationError) as caught:
            service.set_logo(LogoSlot.LEFT, source)
    finally:
        source.chmod(0o600)
    assert "tidak boleh dibaca" in caught.value.message
