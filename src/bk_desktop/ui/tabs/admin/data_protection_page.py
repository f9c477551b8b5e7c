"""Pengaturan → Privasi → Pelindungan data: the school's data-protection officer, and the
printed record of processing.

UU PDP asks a school to name whom a student or parent asks about their data; the officer's
contact is kept in the settings (``dpo_*``, checked like the school's own phone and e-mail)
and printed on the Catatan Kegiatan Pemrosesan Data Pribadi, which this page prints through
the #15 pipeline (reportlab loads only when it is asked for).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGroupBox, QLineEdit, QWidget

from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    group_layout,
    named,
    place_error,
)
from bk_desktop.ui.kit.labels import status_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage


class DataProtectionPage(AdminPage):
    """The officer's name, position, phone and e-mail; "Cetak catatan pemrosesan…"."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Pelindungan data"),
            self.tr(
                "Petugas pelindungan data pribadi sekolah adalah orang yang dihubungi siswa dan "
                "orang tua/wali tentang data mereka. Kontaknya dicetak pada catatan kegiatan "
                "pemrosesan data pribadi, yang menjelaskan data apa yang disimpan, untuk apa, "
                "berapa lama, di mana, dan siapa yang dapat mengaksesnya."
            ),
            parent,
        )
        self._context = context
        self.dpo_name = named(QLineEdit(), "dpoName", self.tr("Nama petugas"))
        self.dpo_position = named(QLineEdit(), "dpoPosition", self.tr("Jabatan petugas"))
        self.dpo_position.setPlaceholderText(self.tr("mis. Wakil Kepala Sekolah"))
        self.dpo_phone = named(QLineEdit(), "dpoPhone", self.tr("Telepon petugas"))
        self.dpo_phone.setPlaceholderText(self.tr("mis. 0812-5555-0101"))
        self.dpo_email = named(QLineEdit(), "dpoEmail", self.tr("Pos-el petugas"))
        self.dpo_email.setPlaceholderText(self.tr("mis. pdp@sekolah.sch.id"))

        group = QGroupBox(self.tr("Petugas pelindungan data pribadi"))
        self.form = FieldForm()
        self.form.add(self.tr("Nama"), self.dpo_name, keys=("dpo_name",))
        self.form.add(self.tr("Jabatan"), self.dpo_position, keys=("dpo_position",))
        self.form.add(self.tr("Telepon"), self.dpo_phone, keys=("dpo_phone",))
        self.form.add(self.tr("Pos-el"), self.dpo_email, keys=("dpo_email",))
        layout = group_layout(group)
        layout.addLayout(self.form)
        self.save_button = action_button(
            self.tr("Simpan"), "dpoSaveButton", self.tr("Simpan kontak petugas pelindungan data")
        )
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.status = status_label("dpoStatus")
        layout.addLayout(button_row(self.save_button, self.status))
        self.body.addWidget(group)

        record = QGroupBox(self.tr("Catatan kegiatan pemrosesan"))
        record_layout = group_layout(record)
        self.print_button = action_button(
            self.tr("Cetak catatan pemrosesan…"),
            "processingRecordButton",
            self.tr("Cetak catatan kegiatan pemrosesan data pribadi"),
        )
        self.print_button.setToolTip(
            self.tr(
                "Jenis dan jumlah data yang disimpan, tujuan dan dasar hukumnya, lama dan tempat "
                "penyimpanan, akun yang dapat mengakses, dan kontak petugas; tanpa nama siswa."
            )
        )
        self.print_button.clicked.connect(self.print_record)
        record_layout.addLayout(button_row(self.print_button))
        self.body.addWidget(record)
        self.dialogs = DialogSlot(self)
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        """Read the settings again; edits not yet saved are dropped."""
        self._show(self._context.settings.get())
        self.form.clear_errors()
        self.status.clear()

    def _show(self, settings: Settings) -> None:
        self.dpo_name.setText(settings.dpo_name)
        self.dpo_position.setText(settings.dpo_position)
        self.dpo_phone.setText(settings.dpo_phone)
        self.dpo_email.setText(settings.dpo_email)
        self.form.mark_clean()

    def save(self) -> None:
        self.form.clear_errors()
        self.status.clear()
        wanted = replace(
            self._context.settings.get(),
            dpo_name=self.dpo_name.text(),
            dpo_position=self.dpo_position.text(),
            dpo_phone=self.dpo_phone.text(),
            dpo_email=self.dpo_email.text(),
        )
        if self.save_settings(
            self._context,
            wanted,
            status=self.status,
            show_error=lambda error: place_error((self.form,), error),
            title=self.tr("Pelindungan data"),
        ):
            self._show(self._context.settings.get())

    def print_record(self) -> None:
        # reportlab loads on the first print, not with the window.
        from bk_desktop.services.privacy_documents import PrivacyDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415

        workspace = self._context.workspace
        show_document(
            self._context,
            self,
            self.dialogs,
            lambda _service: PrivacyDocuments(workspace).processing_record(),
            what=self.tr("Cetak catatan pemrosesan"),
        )
