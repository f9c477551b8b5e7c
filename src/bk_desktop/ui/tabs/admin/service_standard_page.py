"""Pengaturan → Layanan: the school's semesters, how the 1×24 h clock counts, the school day
and the session reminder, the emergency steps, and Kotak Saran's other channels.

These are the school's own calendar and rules around the service standard. The standard fixes
the numbers (scheduling within 1×24 hours); the school decides the dates its semesters run,
whether weekends and holidays stop the clock, the hours and lesson periods of its day, and what
a counsellor does first when a screening finds a student in danger. Each of the four is a
section of its own module (``terms_section``, ``deadline_section``, ``hours_section``,
``protocol_section``); the page has one "Simpan" for all of them, so nobody wonders which of
several buttons keeps which change.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QListWidget, QWidget

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import message_label, note_label, show_message, status_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage, Saved, say_saved
from bk_desktop.ui.tabs.admin.deadline_section import DeadlineSection
from bk_desktop.ui.tabs.admin.hours_section import SchoolHoursSection
from bk_desktop.ui.tabs.admin.protocol_section import ProtocolSection
from bk_desktop.ui.tabs.admin.terms_section import TermsSection


class ChannelsSection(QGroupBox):
    """Kotak Saran's other channels: the school's own ways an entry comes in (a WhatsApp
    number, letters, the parents' meeting), offered as "Lainnya" when an entry is registered.
    The three of the standard (guru BK, kepala sekolah, the box) are always there."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Saluran kotak saran lainnya"), parent)
        self._context = context
        intro = note_label(
            self.tr(
                "Selain langsung ke guru BK, melalui kepala sekolah dan kotak saran, saluran "
                "yang dipakai sekolah ini; ditawarkan saat mencatat entri."
            )
        )
        self.channels = named(
            QListWidget(self), "serviceComplaintChannels", self.tr("Saluran lainnya")
        )
        self.channels.setMaximumHeight(self.channels.fontMetrics().lineSpacing() * 6 + 12)
        self.new_channel = named(
            QLineEdit(self), "serviceComplaintChannelNew", self.tr("Nama saluran baru")
        )
        self.new_channel.setPlaceholderText(self.tr("mis. Formulir daring sekolah"))
        self.new_channel.returnPressed.connect(self._add)
        self.add_button = action_button(
            self.tr("Tambah"), "serviceComplaintChannelAdd", self.tr("Tambah saluran")
        )
        self.add_button.clicked.connect(self._add)
        self.remove_button = action_button(
            self.tr("Hapus yang dipilih"),
            "serviceComplaintChannelRemove",
            self.tr("Hapus saluran yang dipilih"),
        )
        self.remove_button.clicked.connect(self._remove)
        self.error = message_label("serviceComplaintChannelsError", self)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.new_channel, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = group_layout(self)
        layout.addWidget(intro)
        layout.addWidget(self.channels)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def names(self) -> tuple[str, ...]:
        return tuple(self.channels.item(i).text() for i in range(self.channels.count()))

    def refresh(self, settings: Settings) -> None:
        """Show what is stored; edits not yet saved are dropped."""
        show_message(self.error, "")
        self.channels.clear()
        self.channels.addItems(list(settings.complaint_channels))
        self.new_channel.clear()

    @Slot()
    def _add(self) -> None:
        name = " ".join(self.new_channel.text().split())
        if not name:
            return
        if name.casefold() in {n.casefold() for n in self.names()}:
            show_message(self.error, self.tr("Saluran “{name}” sudah ada.").format(name=name))
            return
        show_message(self.error, "")
        self.channels.addItem(name)
        self.new_channel.clear()
        self.new_channel.setFocus()

    @Slot()
    def _remove(self) -> None:
        show_message(self.error, "")
        for item in self.channels.selectedItems():
            self.channels.takeItem(self.channels.row(item))

    def wanted(self, settings: Settings) -> Settings:
        """``settings`` with the channels as listed (a name typed but not added counts too)."""
        pending = " ".join(self.new_channel.text().split())
        names = self.names()
        if pending and pending.casefold() not in {n.casefold() for n in names}:
            names = (*names, pending)
        return replace(settings, complaint_channels=names)

    def show_error(self, error: ValidationError) -> bool:
        if error.field != "complaint_channels":
            return False
        show_message(self.error, error.message)
        return True

    def stored(self) -> None:
        self.refresh(self._context.settings.get())


class ServiceStandardPage(AdminPage):
    """Semesters and the current one, the 1×24 h clock's school days, school hours and the
    reminder, the emergency protocol."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Layanan"),
            self.tr(
                "Kalender sekolah dan aturan layanan BK: semester yang sedang berjalan, cara "
                "menghitung batas waktu penjadwalan 1×24 jam, jam sekolah dan pengingat sesi, dan "
                "langkah yang diambil bila ada siswa dalam keadaan darurat."
            ),
            parent,
        )
        self._context = context
        self.terms = TermsSection(context)
        self.deadline = DeadlineSection(context)
        self.hours = SchoolHoursSection(context)
        self.protocol = ProtocolSection(context)
        self.channels = ChannelsSection(context)
        self.body.addWidget(self.terms)
        self.body.addWidget(self.deadline)
        self.body.addWidget(self.hours)
        self.body.addWidget(self.protocol)
        self.body.addWidget(self.channels)
        self.save_button = action_button(
            self.tr("Simpan"), "serviceSaveButton", self.tr("Simpan pengaturan layanan")
        )
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.status = status_label("serviceStatus")
        self.poster_button = action_button(
            self.tr("Cetak poster standar pelayanan…"),
            "servicePosterButton",
            self.tr("Cetak poster standar pelayanan untuk dinding ruang BK"),
        )
        self.poster_button.setToolTip(
            self.tr(
                "Satu halaman A4 berisi persyaratan, prosedur, jangka waktu, produk, biaya "
                "(gratis) dan cara menyampaikan pengaduan, sesuai pengaturan di halaman ini."
            )
        )
        self.poster_button.clicked.connect(self.print_poster)
        self.dialogs = DialogSlot(self)
        self.body.addLayout(button_row(self.save_button, self.poster_button, self.status))
        self.finish()

    def refresh(self) -> None:
        """Read everything again; edits not yet saved are dropped."""
        settings = self._context.settings.get()
        self.terms.refresh()
        self.deadline.refresh(settings)
        self.hours.refresh(settings)
        self.protocol.refresh(settings)
        self.channels.refresh(settings)

    def save(self) -> None:
        """Store every section as shown: the semester being added or changed and the current
        one, then the clock rules, the school hours and reminder, and the protocol together as
        one change of the settings."""
        self.status.clear()
        outcomes = [self.terms.save(), self._save_settings()]
        say_saved(self.status, outcomes)

    def _save_settings(self) -> Saved:
        title = self.tr("Pengaturan")
        sections = self.hours.wanted(self.deadline.wanted(self._context.settings.get()))
        protocol = self.protocol.wanted(sections)
        if protocol is None:
            return Saved.REFUSED
        wanted = self.channels.wanted(protocol)
        try:
            changed = self._context.settings.save(wanted)
        except ValidationError as error:
            if not (
                self.deadline.show_error(error)
                or self.hours.show_error(error)
                or self.protocol.show_error(error)
                or self.channels.show_error(error)
            ):
                self._context.prompter.error(self, title, error.message)
            return Saved.REFUSED
        except KnownError as error:
            self._context.prompter.error(self, title, error.message)
            return Saved.REFUSED
        self.deadline.stored()
        self.hours.stored()
        self.protocol.stored()
        self.channels.stored()
        return Saved.CHANGED if changed else Saved.UNCHANGED

    def print_poster(self) -> None:
        """The Standar Pelayanan poster as the stored settings count it (unsaved changes on
        this page are saved first, so the wall says what the program does)."""
        outcome = self._save_settings()
        if outcome is Saved.REFUSED:
            return
        if outcome is Saved.CHANGED:
            say_saved(self.status, [outcome])
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        show_document(
            self._context,
            self,
            self.dialogs,
            lambda service: service.service_standard_poster(),
            what=self.tr("Poster standar pelayanan"),
        )

    def showEvent(self, event: QShowEvent) -> None:
        # The date moves on while the window stays open: say again which term today is in.
        super().showEvent(event)
        if self._context.workspace.is_open:
            self.terms.show_current()


__all__ = ["ServiceStandardPage"]
