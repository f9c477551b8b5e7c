"""The "Pengaturan" tab: school identity, service rules, security, accounts, backups, and for
the koordinator the "Privasi" group (audit trail, data protection; issue 18).

A list of sections on the left and one page per section on the right. Every change goes
through the services of the ``UiContext``; slow work (key derivation, backup, restore) runs off
the window's thread behind a busy indicator. A group is a heading row in the list that cannot
be chosen (its place in the page stack holds an empty widget, so row and page index stay one
number) followed by its pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.drafts import FormDraft
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.runner import ModalRunner
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.tabs.admin.accounts_page import AccountsPage
from bk_desktop.ui.tabs.admin.audit_page import AuditPage
from bk_desktop.ui.tabs.admin.backup_page import BackupPage
from bk_desktop.ui.tabs.admin.consent_text_page import ConsentTextPage
from bk_desktop.ui.tabs.admin.data_protection_page import DataProtectionPage
from bk_desktop.ui.tabs.admin.data_requests_page import DataRequestsPage
from bk_desktop.ui.tabs.admin.identity_page import IdentityPage
from bk_desktop.ui.tabs.admin.incidents_page import IncidentsPage
from bk_desktop.ui.tabs.admin.retention_page import RetentionPage
from bk_desktop.ui.tabs.admin.security_page import SecurityPage
from bk_desktop.ui.tabs.admin.service_standard_page import ServiceStandardPage

IDENTITY, SERVICE, SECURITY, ACCOUNTS, BACKUP = range(5)

# The window property that keeps the open section while the tab itself is destroyed by a lock.
SECTION_PROPERTY = "bkSettingsSection"

HEADING_ROLE = Qt.ItemDataRole.UserRole + 1
"""Marks a list row that heads a group rather than opening a page."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminTab", text)


@runtime_checkable
class PrivacyPage(Protocol):
    """What the tab asks of every Privasi page: read everything again (after unlock,
    restore)."""

    def refresh(self) -> None: ...


@runtime_checkable
class KeepsDrafts(Protocol):
    """A page whose forms are kept as drafts across a lock (``ui/draft_keeping.py``)."""

    def open_drafts(self) -> list[FormDraft]: ...

    def reopen_draft(self, draft: FormDraft) -> bool: ...


def privacy_pages() -> tuple[tuple[str, Callable[[UiContext], QWidget]], ...]:
    """The koordinator's "Privasi" group, in order: (title, page factory). A later page
    (consent text, data requests, retention, incidents) is one more row here."""
    return (
        (_tr("Jejak audit"), AuditPage),
        (_tr("Naskah persetujuan"), ConsentTextPage),
        (_tr("Permohonan hak atas data"), DataRequestsPage),
        (_tr("Insiden data"), IncidentsPage),
        (_tr("Retensi"), RetentionPage),
        (_tr("Pelindungan data"), DataProtectionPage),
    )


class AdminTab(QWidget):
    """Pengaturan. Its saves reach the rest of the window as change notices (the title, the
    idle time and every tab that shows settings or accounts); it shows no kinds itself, being
    the editor of those records, and reads everything again only after a restore.

    A lock destroys the tab; the section that was open is kept on the window (a property
    naming no record, never on disk) and opened again when the tab is next shown, so a guru
    who was reading Keamanan finds Keamanan after unlocking.
    """

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsTab")
        self._context = context
        self.runner = ModalRunner(self)

        self.identity = IdentityPage(context)
        self.service = ServiceStandardPage(context)
        self.security = SecurityPage(context, self.runner)
        self.accounts = AccountsPage(context, self.runner)
        self.backup = BackupPage(context, self.runner)

        self.sections = tab_leaves(
            named(QListWidget(), "settingsSections", self.tr("Bagian pengaturan"))
        )
        self.pages = QStackedWidget()
        self.pages.setObjectName("settingsPages")
        sections: list[tuple[str, QWidget]] = [
            (self.tr("Identitas sekolah"), self.identity),
            (self.tr("Layanan"), self.service),
            (self.tr("Keamanan"), self.security),
            (self.tr("Akun guru BK"), self.accounts),
            (self.tr("Cadangan"), self.backup),
        ]
        if not context.workspace.account.role.is_counsellor:
            # The kepala sekolah keeps their own password, profile (name and NIP print on
            # letters) and the backups; the school's identity and service rules are the BK
            # room's to set.
            sections = sections[SECURITY:]
            for unused in (self.identity, self.service):
                unused.setParent(self)
                unused.hide()
        for title, page in sections:
            self.sections.addItem(title)
            self.pages.addWidget(page)
        # The pages of the "Privasi" group, by title; the koordinator's alone.
        self.privacy: dict[str, QWidget] = {}
        if context.workspace.account.role is Role.KOORDINATOR:
            self._add_group(self.tr("Privasi"), privacy_pages())
        else:
            # Whoever finds an incident reports it at once (UU PDP Ps. 46: the 3×24 h clock
            # runs from then); the page lists what this account reported, the koordinator
            # handles it.
            title = self.tr("Insiden data")
            page = IncidentsPage(context)
            self.privacy[title] = page
            self.sections.addItem(title)
            self.pages.addWidget(page)
        self.sections.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.sections.setFixedWidth(max(self.sections.sizeHintForColumn(0) + 40, 190))
        self._row = 0
        self.sections.currentRowChanged.connect(self._section_chosen)
        self.sections.setCurrentRow(0)
        self.sections.currentRowChanged.connect(self._remember_section)
        self._section_restored = False

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.sections)
        layout.addWidget(self.pages, 1)

        self.backup.session_replaced.connect(self._after_restore)
        self.refresh()

    def _add_group(
        self, title: str, pages: tuple[tuple[str, Callable[[UiContext], QWidget]], ...]
    ) -> None:
        heading = QListWidgetItem(title)
        heading.setFlags(Qt.ItemFlag.NoItemFlags)
        heading.setData(HEADING_ROLE, True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.sections.addItem(heading)
        self.pages.addWidget(QWidget())  # keeps row and page index one number
        for page_title, build in pages:
            page = build(self._context)
            self.privacy[page_title] = page
            item = QListWidgetItem(f"   {page_title}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page_title)
            self.sections.addItem(item)
            self.pages.addWidget(page)

    def _section_chosen(self, row: int) -> None:
        """Open the row's page; a group's heading passes on to the next row in the direction
        of travel (the arrow keys reach it; a click cannot)."""
        if self._is_heading(row):
            step = 1 if row >= self._row else -1
            target = row + step
            if not 0 <= target < self.sections.count() or self._is_heading(target):
                target = self._row
            self.sections.setCurrentRow(target)
            return
        self._row = row
        self.pages.setCurrentIndex(row)

    def _is_heading(self, row: int) -> bool:
        item = self.sections.item(row)
        return item is not None and bool(item.data(HEADING_ROLE))

    def row_of(self, page: QWidget) -> int:
        """The list row that opens ``page`` (-1 when this account has no such page)."""
        return self.pages.indexOf(page)

    def show_section(self, index: int) -> None:
        self.sections.setCurrentRow(index)

    def _remember_section(self, row: int) -> None:
        window = self.window()
        if window is not self:
            window.setProperty(SECTION_PROPERTY, row)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._section_restored:
            return
        self._section_restored = True
        kept = self.window().property(SECTION_PROPERTY)
        if isinstance(kept, int) and 0 <= kept < self.sections.count():
            self.show_section(kept)

    # -- drafts across a lock (ui/draft_keeping.py): the Privasi pages' forms -----------------

    def open_drafts(self) -> list[FormDraft]:
        return [d for page in self._draft_pages() for d in page.open_drafts()]

    def reopen_draft(self, draft: FormDraft) -> bool:
        """Open the page the draft was typed in, with its text back."""
        for widget in self.privacy.values():
            if isinstance(widget, KeepsDrafts) and widget.reopen_draft(draft):
                self.show_section(self.row_of(widget))
                return True
        return False

    def lost_on_lock(self) -> list[str]:
        return []

    def _draft_pages(self) -> list[KeepsDrafts]:
        return [page for page in self.privacy.values() if isinstance(page, KeepsDrafts)]

    def report_incident(self) -> None:
        """Berkas → "Laporkan insiden data…": the incidents page, its record form open."""
        page = next((p for p in self.privacy.values() if isinstance(p, IncidentsPage)), None)
        if page is None:
            return
        self.show_section(self.row_of(page))
        if page.dialogs.current is None:
            page.open_record()

    def is_busy(self) -> bool:
        """True while slow work runs; the window should not lock the vault meanwhile."""
        return self.runner.is_busy()

    def refresh(self) -> None:
        """Read everything again from the current workspace (after unlock, restore, …)."""
        if not self._context.workspace.is_open:
            return
        self.identity.refresh()
        self.service.refresh()
        self.security.refresh()
        self.accounts.refresh()
        self.backup.refresh()
        for page in self.privacy.values():
            if isinstance(page, PrivacyPage):
                page.refresh()

    def _after_restore(self) -> None:
        self.refresh()
