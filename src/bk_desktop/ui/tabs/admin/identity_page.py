"""Pengaturan → Identitas sekolah: the name, letterhead lines, principal and time zone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QWidget

from bk_desktop.domain.dates import INDONESIAN_ZONES, zone_abbreviation
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, named, place_error
from bk_desktop.ui.kit.labels import status_label
from bk_desktop.ui.tabs.admin.admin_page import AdminPage


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
            self.tr("mis. Jl. Awang Long No. 1, Bontang · Telp. (0548) 21000"),
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
        letterhead.setLayout(self._letterhead_form)

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

        self.save_button = action_button(
            self.tr("Simpan"), "settingsSaveButton", self.tr("Simpan identitas sekolah")
        )
        self.save_button.setDefault(True)
        self.status = status_label("settingsSaveStatus")
        self.save_button.clicked.connect(self.save)

        for group in (school, letterhead, principal):
            self.body.addWidget(group)
        self.body.addLayout(button_row(self.save_button, self.status))
        self.finish()

    @property
    def _forms(self) -> tuple[FieldForm, ...]:
        return (self._school_form, self._letterhead_form, self._principal_form)

    def refresh(self) -> None:
        self._show(self._context.settings.get())
        for form in self._forms:
            form.clear_errors()
        self.status.clear()

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
        self.principal_name.setText(settings.principal_name)
        self.principal_nip.setText(settings.principal_nip)
        self.principal_niy.setText(settings.principal_niy)
        self.principal_nuptk.setText(settings.principal_nuptk)

    def save(self) -> None:
        for form in self._forms:
            form.clear_errors()
        self.status.clear()
        service = self._context.settings
        wanted = replace(
            service.get(),
            school_name=self.school_name.text(),
            city=self.city.text(),
            timezone=str(self.timezone.currentData()),
            government_line=self.government_line.text().strip(),
            agency_line=self.agency_line.text().strip(),
            address_line=self.address_line.text().strip(),
            principal_name=self.principal_name.text().strip(),
            principal_nip=self.principal_nip.text().strip(),
            principal_niy=self.principal_niy.text().strip(),
            principal_nuptk=self.principal_nuptk.text().strip(),
        )
        if self.save_settings(
            self._context,
            wanted,
            status=self.status,
            show_error=lambda error: place_error(self._forms, error),
            title=self.tr("Pengaturan"),
        ):
            self._show(service.get())
