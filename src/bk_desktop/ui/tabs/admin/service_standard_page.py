"""Pengaturan → Layanan: the school's semesters, how the 1×24 h clock counts, the school day
and the session reminder, the emergency steps.

These are the school's own calendar and rules around the service standard. The standard fixes
the numbers (scheduling within 1×24 hours); the school decides the dates its semesters run,
whether weekends and holidays stop the clock, the hours and lesson periods of its day, and what
a counsellor does first when a screening finds a student in danger. Each of the four is a
section of its own module (``terms_section``, ``deadline_section``, ``hours_section``,
``protocol_section``); the page has one "Simpan" for all of them, so nobody wonders which of
several buttons keeps which change.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, button_row
from bk_desktop.ui.kit.labels import status_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage, Saved, say_saved
from bk_desktop.ui.tabs.admin.deadline_section import DeadlineSection
from bk_desktop.ui.tabs.admin.hours_section import SchoolHoursSection
from bk_desktop.ui.tabs.admin.protocol_section import ProtocolSection
from bk_desktop.ui.tabs.admin.terms_section import TermsSection


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
        self.body.addWidget(self.terms)
        self.body.addWidget(self.deadline)
        self.body.addWidget(self.hours)
        self.body.addWidget(self.protocol)
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
        wanted = self.protocol.wanted(sections)
        if wanted is None:
            return Saved.REFUSED
        try:
            changed = self._context.settings.save(wanted)
        except ValidationError as error:
            if not (
                self.deadline.show_error(error)
                or self.hours.show_error(error)
                or self.protocol.show_error(error)
            ):
                self._context.prompter.error(self, title, error.message)
            return Saved.REFUSED
        except KnownError as error:
            self._context.prompter.error(self, title, error.message)
            return Saved.REFUSED
        self.deadline.stored()
        self.hours.stored()
        self.protocol.stored()
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
