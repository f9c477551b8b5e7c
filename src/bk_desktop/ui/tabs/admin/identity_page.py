"""Pengaturan → Identitas sekolah: the name, the kop surat (lines, contact, logos, presets),
principal and time zone.

The kop's text lines are saved with the page's "Simpan" like every other field; its logos are
stored the moment they are chosen or removed (``logo_picker.py``), and the page says so beside
them. "Pakai contoh kop…" fills the government and agency lines from a preset, asking before it
replaces lines the school already wrote; they are saved with "Simpan" too.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from bk_desktop.domain.dates import INDONESIAN_ZONES, zone_abbreviation
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.letterhead_presets import PRESETS, LetterheadPreset, PresetKind, preset
from bk_desktop.domain.letters import SERIAL_MAX, format_number, format_problem
from bk_desktop.domain.settings import LogoSlot, Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    dialog_layout,
    group_layout,
    named,
    place_error,
    save_cancel_buttons,
)
from bk_desktop.ui.kit.labels import heading_label, set_status, status_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage
from bk_desktop.ui.tabs.admin.logo_picker import LogoPicker

if TYPE_CHECKING:
    from bk_desktop.services.letters import LetterService


class PresetDialog(QDialog):
    """Choose a kind of kop and give the one name it needs; ``lines`` holds the result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadPresetDialog")
        self.setWindowTitle(self.tr("Contoh kop surat"))
        self.lines: tuple[str, str] | None = None

        self.kind = named(QComboBox(self), "letterheadPresetKind", self.tr("Jenis sekolah"))
        for choice in PRESETS:
            self.kind.addItem(choice.title, choice.kind.value)
        self.name = named(QLineEdit(self), "letterheadPresetName", self.tr("Nama"))
        self.preview = QLabel(self)
        self.preview.setObjectName("letterheadPresetPreview")
        self.form = FieldForm()
        self.form.add(self.tr("Jenis sekolah"), self.kind)
        self._name_caption = self.form.add(
            self.tr("Nama"), self.name, keys=("preset_name",), parent=self
        )
        self.form.add(self.tr("Hasilnya"), self.preview)
        buttons = save_cancel_buttons(self, "letterheadPresetSaveButton", self.tr("Pakai contoh"))
        apply = buttons.button(QDialogButtonBox.StandardButton.Save)
        apply.setText(self.tr("Pakai"))
        buttons.accepted.connect(self._apply)
        note = wrapping_label(
            self,
            self.tr(
                "Baris pemerintah dan baris dinas diisi dari contoh. Periksa hasilnya: nama "
                "dinas berbeda-beda antardaerah."
            ),
        )
        dialog_layout(
            self, heading_label(self.tr("Pakai contoh kop"), self), note, self.form, buttons
        )
        self.kind.currentIndexChanged.connect(self._update)
        self.name.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(520)

    def chosen(self) -> LetterheadPreset:
        return preset(PresetKind(self.kind.currentData()))

    def _update(self) -> None:
        choice = self.chosen()
        self._name_caption.setText(choice.needs)
        self.name.setAccessibleName(choice.needs)
        self.name.setPlaceholderText(self.tr("mis. {example}").format(example=choice.example))
        try:
            government, agency = choice.lines(self.name.text() or choice.example)
        except ValidationError:
            government, agency = "", ""
        self.preview.setText("\n".join(line for line in (government, agency) if line))

    def _apply(self) -> None:
        try:
            self.lines = self.chosen().lines(self.name.text())
        except ValidationError as error:
            self.form.place(error)
            return
        self.accept()


class IdentityPage(AdminPage):
    """The school as it appears on letters, reports and the Kartu Pemulihan."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Identitas sekolah"),
            self.tr(
                "Data ini dipakai pada kop surat, laporan, dan surat panggilan. Isi sesuai "
                "kop surat resmi sekolah."
            ),
            parent,
        )
        self._context = context

        def line(object_name: str, accessible: str, placeholder: str = "") -> QLineEdit:
            edit = named(QLineEdit(), object_name, accessible)
            edit.setPlaceholderText(placeholder)
            return edit

        self.school_name = line(
            "settingsSchoolName", self.tr("Nama sekolah"), self.tr("mis. SMA Negeri 1 Bontang")
        )
        self.city = line("settingsCity", self.tr("Kota/kabupaten"), self.tr("mis. Bontang"))
        self.timezone = named(QComboBox(), "settingsTimezone", self.tr("Zona waktu"))
        for key, label in INDONESIAN_ZONES:
            self.timezone.addItem(label, key)

        school = QGroupBox(self.tr("Sekolah"))
        self._school_form = FieldForm()
        self._school_form.add(self.tr("Nama sekolah"), self.school_name, keys=("school_name",))
        self._school_form.add(self.tr("Kota/kabupaten"), self.city, keys=("city",))
        self._school_form.add(
            self.tr("Zona waktu"),
            self.timezone,
            keys=("timezone", "zona_waktu"),
            hint=self.tr("Semua jam (jadwal, batas waktu, laporan) ditampilkan di zona ini."),
        )
        school.setLayout(self._school_form)

        self.government_line = line(
            "settingsGovernmentLine",
            self.tr("Baris pemerintah"),
            self.tr("mis. PEMERINTAH PROVINSI KALIMANTAN TIMUR"),
        )
        self.agency_line = line(
            "settingsAgencyLine",
            self.tr("Baris dinas"),
            self.tr("mis. DINAS PENDIDIKAN DAN KEBUDAYAAN"),
        )
        self.address_line = line(
            "settingsAddressLine",
            self.tr("Alamat"),
            self.tr("mis. Jl. Awang Long No. 1, Bontang 75311"),
        )
        self.phone = line("settingsPhone", self.tr("Telepon"), self.tr("mis. (0548) 21234"))
        self.email = line("settingsEmail", self.tr("Pos-el"), self.tr("mis. smpn1bontang@sch.id"))
        self.website = line(
            "settingsWebsite", self.tr("Laman"), self.tr("mis. smpn1bontang.sch.id")
        )
        letterhead = QGroupBox(self.tr("Kop surat"))
        self._letterhead_form = FieldForm()
        self._letterhead_form.add(
            self.tr("Baris pemerintah"), self.government_line, keys=("government_line",)
        )
        self._letterhead_form.add(self.tr("Baris dinas"), self.agency_line, keys=("agency_line",))
        self._letterhead_form.add(
            self.tr("Alamat"),
            self.address_line,
            keys=("address_line",),
            hint=self.tr("Nama sekolah dicetak di antara baris dinas dan alamat."),
        )
        self._letterhead_form.add(self.tr("Telepon"), self.phone, keys=("school_phone",))
        self._letterhead_form.add(self.tr("Pos-el"), self.email, keys=("school_email",))
        self._letterhead_form.add(
            self.tr("Laman"),
            self.website,
            keys=("school_website",),
            hint=self.tr(
                "Telepon, pos-el dan laman dicetak dalam satu baris di bawah alamat; yang "
                "kosong dilewati."
            ),
        )
        self.preset_button = action_button(
            self.tr("Pakai contoh kop…"),
            "letterheadPresetButton",
            self.tr("Isi baris pemerintah dan dinas dari contoh kop"),
        )
        self.preset_button.clicked.connect(self.choose_preset)
        self.preset_status = status_label("letterheadPresetStatus")
        self.dialogs = DialogSlot(self)

        self.left_logo = LogoPicker(
            context,
            LogoSlot.LEFT,
            self.tr("Logo kiri"),
            self.tr("Lambang pemerintah daerah atau yayasan."),
        )
        self.right_logo = LogoPicker(
            context, LogoSlot.RIGHT, self.tr("Logo kanan"), self.tr("Logo sekolah (boleh kosong).")
        )
        logos = QHBoxLayout()
        logos.setSpacing(12)
        logos.addWidget(self.left_logo, 1)
        logos.addWidget(self.right_logo, 1)
        logo_rule = wrapping_label(
            letterhead,
            self.tr(
                "Logo: gambar PNG atau JPEG, paling besar 5 MB; dibuat kecil otomatis dan "
                "disimpan di dalam brankas. Logo langsung tersimpan saat dipilih atau dihapus, "
                "tanpa tombol Simpan."
            ),
        )
        logo_rule.setObjectName("letterheadLogoRule")
        set_role(logo_rule, "muted")
        letterhead_layout = group_layout(letterhead)
        letterhead_layout.addLayout(self._letterhead_form)
        letterhead_layout.addLayout(button_row(self.preset_button, self.preset_status))
        letterhead_layout.addWidget(logo_rule)
        letterhead_layout.addLayout(logos)

        self.principal_name = line(
            "settingsPrincipalName", self.tr("Nama kepala sekolah"), self.tr("dengan gelar")
        )
        self.principal_nip = line(
            "settingsPrincipalNip", self.tr("NIP kepala sekolah"), self.tr("18 digit angka")
        )
        self.principal_niy = line(
            "settingsPrincipalNiy", self.tr("NIY kepala sekolah"), self.tr("nomor induk yayasan")
        )
        self.principal_nuptk = line(
            "settingsPrincipalNuptk", self.tr("NUPTK kepala sekolah"), self.tr("16 digit angka")
        )
        principal = QGroupBox(self.tr("Kepala sekolah"))
        self._principal_form = FieldForm()
        self._principal_form.add(self.tr("Nama"), self.principal_name, keys=("principal_name",))
        self._principal_form.add(self.tr("NIP"), self.principal_nip, keys=("principal_nip",))
        self._principal_form.add(self.tr("NIY"), self.principal_niy, keys=("principal_niy",))
        self._principal_form.add(
            self.tr("NUPTK"),
            self.principal_nuptk,
            keys=("principal_nuptk",),
            hint=self.tr(
                "Isi yang dipakai kepala sekolah untuk menandatangani. Surat mencetak NIP bila "
                "ada, lalu NIY (sekolah swasta), lalu NUPTK."
            ),
        )
        principal.setLayout(self._principal_form)

        letters = self._letters_group()

        self.save_button = action_button(
            self.tr("Simpan"), "settingsSaveButton", self.tr("Simpan identitas sekolah")
        )
        self.save_button.setDefault(True)
        self.status = status_label("settingsSaveStatus")
        self.save_button.clicked.connect(self.save)

        for group in (school, letterhead, principal, letters):
            self.body.addWidget(group)
        self.preview_button = action_button(
            self.tr("Pratinjau kop…"),
            "letterheadPreviewButton",
            self.tr("Pratinjau kop surat dan tanda tangan seperti tercetak"),
        )
        self.preview_button.setToolTip(
            self.tr("Lihat kop, logo dan blok tanda tangan seperti pada dokumen yang dicetak.")
        )
        self.preview_button.clicked.connect(self.preview_letterhead)
        self.body.addLayout(button_row(self.save_button, self.preview_button, self.status))
        self.finish()
        order = [
            self.school_name,
            self.city,
            self.timezone,
            self.government_line,
            self.agency_line,
            self.address_line,
            self.phone,
            self.email,
            self.website,
            self.preset_button,
            self.left_logo.choose_button,
            self.left_logo.remove_button,
            self.right_logo.choose_button,
            self.right_logo.remove_button,
            self.principal_name,
            self.principal_nip,
            self.principal_niy,
            self.principal_nuptk,
            self.letter_code,
            self.letter_format,
            self.next_number,
            self.next_number_button,
            self.save_button,
            self.preview_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _letters_group(self) -> QGroupBox:
        """ "Nomor surat": the classification code and format (saved with "Simpan", an
        example shown as typed), and this year's next number, which may only go up (set at
        once, audited: after restoring an older backup, letters sent since then are unknown
        to the vault)."""
        group = QGroupBox(self.tr("Nomor surat"))
        self.letter_code = named(QLineEdit(), "settingsLetterCode", self.tr("Kode klasifikasi"))
        self.letter_code.setPlaceholderText(self.tr("mis. 421.5"))
        self.letter_format = named(QLineEdit(), "settingsLetterFormat", self.tr("Format nomor"))
        self.letter_example = QLabel()
        self.letter_example.setObjectName("settingsLetterExample")
        self.next_number = named(QSpinBox(), "settingsLetterNext", self.tr("Nomor berikutnya"))
        self.next_number.setRange(1, SERIAL_MAX)
        self.next_number_button = action_button(
            self.tr("Tetapkan"), "settingsLetterNextButton", self.tr("Tetapkan nomor berikutnya")
        )
        self.next_number_button.clicked.connect(self.set_next_number)
        self.next_number_status = status_label("settingsLetterNextStatus")
        self._next_row = next_row = QWidget()
        next_layout = button_row(self.next_number, self.next_number_button)
        next_layout.setContentsMargins(0, 0, 0, 0)
        next_row.setLayout(next_layout)
        self._letters_form = FieldForm()
        self._letters_form.add(self.tr("Kode klasifikasi"), self.letter_code, keys=("letter_code",))
        self._letters_form.add(
            self.tr("Format"),
            self.letter_format,
            keys=("letter_number_format",),
            hint=self.tr(
                "Bagian: {kode}, {nomor:03d} (nomor urut, 3 angka), {bulan_romawi}, {bulan}, "
                "{tahun}. Nomor urut dihitung ulang setiap tahun."
            ),
        )
        self._letters_form.add(self.tr("Contoh"), self.letter_example)
        self._next_caption = self._letters_form.add(
            self.tr("Nomor berikutnya"),
            next_row,
            keys=("next_number",),
            buddy=self.next_number,
            name="settingsLetterNext",
            hint=self.tr(
                "Hanya dapat dinaikkan. Setelah memulihkan cadangan lama, samakan dengan buku "
                "agenda surat keluar agar tidak ada nomor yang terpakai dua kali."
            ),
        )
        self._letters_form.add("", self.next_number_status)
        group.setLayout(self._letters_form)
        self.letter_code.textChanged.connect(self._show_example)
        self.letter_format.textChanged.connect(self._show_example)
        return group

    def _letter_service(self) -> LetterService | None:
        """Numbering is a counsellor's (a kepala sekolah sees the format only)."""
        if not self._context.workspace.account.role.is_counsellor:
            return None
        from bk_desktop.services.letters import LetterService  # noqa: PLC0415

        return LetterService(self._context.workspace)

    def _show_example(self) -> None:
        letter_format, code = self.letter_format.text(), self.letter_code.text()
        problem = format_problem(letter_format, code)
        today = self._context.workspace.now().astimezone(self._context.settings.get().zone)
        serial = self.next_number.value()
        self.letter_example.setText(
            problem
            if problem is not None
            else format_number(letter_format, code=code, serial=serial, on=today.date())
        )

    def _show_next_number(self) -> None:
        service = self._letter_service()
        self._letters_form.set_field_visible(self._next_row, service is not None)
        if service is None:
            return
        state = service.number_state()
        self.next_number.setMinimum(state.next_serial)
        self.next_number.setValue(state.next_serial)
        self._next_caption.setText(self.tr("Nomor berikutnya ({year})").format(year=state.year))
        if state.needs_confirmation:
            set_status(
                self.next_number_status,
                self.tr(
                    "Brankas ini dipulihkan dari cadangan. Periksa nomor berikutnya dengan buku "
                    "agenda surat keluar; surat pertama sesudah ini akan menanyakannya."
                ),
            )

    def set_next_number(self) -> None:
        service = self._letter_service()
        if service is None:
            return
        self._letters_form.clear_errors()
        self.next_number_status.clear()
        try:
            service.set_next_number(self.next_number.value())
        except KnownError as error:
            if not self._letters_form.place(error):
                raise
            return
        self._show_next_number()
        set_status(
            self.next_number_status,
            self.tr("Nomor berikutnya ditetapkan: {n}.").format(n=self.next_number.value()),
        )
        self._show_example()

    @property
    def _forms(self) -> tuple[FieldForm, ...]:
        return (
            self._school_form,
            self._letterhead_form,
            self._principal_form,
            self._letters_form,
        )

    def refresh(self) -> None:
        self._show(self._context.settings.get())
        for form in self._forms:
            form.clear_errors()
        self.status.clear()
        self.preset_status.clear()
        self.left_logo.refresh()
        self.right_logo.refresh()

    def choose_preset(self) -> None:
        """Open "Pakai contoh kop…"; its lines are filled in once it is accepted."""
        dialog = PresetDialog(self)
        self.dialogs.open(dialog, lambda: self._use_preset(dialog.lines))

    def _use_preset(self, lines: tuple[str, str] | None) -> None:
        """Put the preset's lines in the fields, asking first when that would replace lines
        the school wrote; nothing is saved until "Simpan"."""
        if lines is None:
            return
        government, agency = lines
        typed = (self.government_line.text().strip(), self.agency_line.text().strip())
        if any(typed) and typed != lines:
            written = "\n".join(f"• {text}" for text in typed if text)
            if not self._context.prompter.confirm(
                self,
                self.tr("Contoh kop surat"),
                self.tr(
                    "Baris kop sudah berisi:\n{written}\n\nGanti dengan baris dari contoh?"
                ).format(written=written),
            ):
                return
        self.government_line.setText(government)
        self.agency_line.setText(agency)
        set_status(
            self.preset_status,
            self.tr("Baris kop diisi dari contoh. Periksa, lalu tekan Simpan."),
        )

    def _show(self, settings: Settings) -> None:
        self.school_name.setText(settings.school_name)
        self.city.setText(settings.city)
        index = self.timezone.findData(settings.timezone)
        if index < 0:
            # A zone chosen elsewhere (e.g. Asia/Pontianak) is kept, not silently replaced.
            self.timezone.addItem(
                f"{zone_abbreviation(settings.timezone)} ({settings.timezone})", settings.timezone
            )
            index = self.timezone.count() - 1
        self.timezone.setCurrentIndex(index)
        self.government_line.setText(settings.government_line)
        self.agency_line.setText(settings.agency_line)
        self.address_line.setText(settings.address_line)
        self.phone.setText(settings.school_phone)
        self.email.setText(settings.school_email)
        self.website.setText(settings.school_website)
        self.principal_name.setText(settings.principal_name)
        self.principal_nip.setText(settings.principal_nip)
        self.principal_niy.setText(settings.principal_niy)
        self.principal_nuptk.setText(settings.principal_nuptk)
        self.letter_code.setText(settings.letter_code)
        self.letter_format.setText(settings.letter_number_format)
        self._show_next_number()
        self._show_example()

    def save(self) -> None:
        for form in self._forms:
            form.clear_errors()
        self.status.clear()
        service = self._context.settings
        if self.save_settings(
            self._context,
            self._wanted(),
            status=self.status,
            show_error=lambda error: place_error(self._forms, error),
            title=self.tr("Pengaturan"),
        ):
            self._show(service.get())

    def _wanted(self) -> Settings:
        """The settings as the page's fields have them (logos are stored apart)."""
        return replace(
            self._context.settings.get(),
            school_name=self.school_name.text(),
            city=self.city.text(),
            timezone=str(self.timezone.currentData()),
            government_line=self.government_line.text().strip(),
            agency_line=self.agency_line.text().strip(),
            address_line=self.address_line.text().strip(),
            school_phone=self.phone.text().strip(),
            school_email=self.email.text().strip(),
            school_website=self.website.text().strip(),
            principal_name=self.principal_name.text().strip(),
            principal_nip=self.principal_nip.text().strip(),
            principal_niy=self.principal_niy.text().strip(),
            principal_nuptk=self.principal_nuptk.text().strip(),
            letter_code=self.letter_code.text().strip(),
            letter_number_format=self.letter_format.text().strip(),
        )

    def preview_letterhead(self) -> None:
        """ "Pratinjau kop…": the kop and signature block as they print. Unsaved lines are
        saved first (the preview is made from what is stored); a refused save stops here."""
        if self._wanted() != self._context.settings.get():
            self.save()
            if self._wanted() != self._context.settings.get():
                return
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        show_document(
            self._context,
            self,
            self.dialogs,
            lambda service: service.letterhead_sample(),
            what=self.tr("Pratinjau kop"),
        )
