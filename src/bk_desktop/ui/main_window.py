"""The main window: the tabs while unlocked, the lock panel while locked.

The tabs follow the order of the work (Beranda, Siswa, Pengajuan, Penyaringan, Konseling,
Pengaturan) and are made when first shown: each tab starts as an empty ``TabPage``, and the
first time it is shown its module is imported and its widget built inside that page. Start-up
therefore pays for Beranda alone, and a tab's object name (``requestsTab``…) is the same
wherever it is built.

The tabs are the rows of ``ui/tab_table.py``. Nobody wires which tab re-reads after which
write: every committed write sends a change notice naming the kinds of records it changed
(``Workspace.subscribe``, brought to the GUI thread by ``ChangeHub``), and each built tab whose
row shows one of those kinds is read again — at once if it is showing, else when it is next
shown. A notice that names none of a tab's kinds costs that tab nothing.

Locking (Ctrl+L, the idle timer) and closing both wait for background work that uses the
vault (a backup, an import, a new password) to finish first, because that work holds the open
database. Locking then keeps every open form's unsaved input as a draft inside the vault
(``ui/draft_keeping.py``), closes every dialog, destroys every tab and drops the key; unlocking
builds the tab that was showing, reopens the signed-in account's drafts where they were, and
builds the others again when they are opened. Closing the program keeps drafts the same way,
and a Windows log-off locks (``app.py`` wires the session signals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressDialog,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.changes import Change, Changes
from bk_desktop.domain.drafts import FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui import help_dialog
from bk_desktop.ui.changes import ChangeHub
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import KeepsDrafts
from bk_desktop.ui.kit.runner import log_bug, running_tasks, start_task
from bk_desktop.ui.kit.ui_state import restore_geometry, save_geometry
from bk_desktop.ui.lock import InactivityTimer, LockPanel, close_other_windows
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.reminders import Notifier, Reminders, tray_notifier
from bk_desktop.ui.style import icon
from bk_desktop.ui.tab_table import TABS, TabKey, TabSpec, index_of, tabs_for

if TYPE_CHECKING:
    from bk_desktop.ui.tabs.requests_tab import RequestsTab
    from bk_desktop.ui.tabs.screening_tab import ScreeningTab

HOME_TAB = index_of(TabKey.HOME)
STUDENTS_TAB = index_of(TabKey.STUDENTS)
REQUESTS_TAB = index_of(TabKey.REQUESTS)
SCREENING_TAB = index_of(TabKey.SCREENING)
SETTINGS_TAB = index_of(TabKey.SETTINGS)
TAB_PAGES = tuple(spec.page_name for spec in TABS)
"""Object names of the pages that hold the tabs (``homeTab``… once built)."""
APP_TITLE = "bk-desktop"

T = TypeVar("T", bound=QWidget)


class _Refreshable(Protocol):
    def refresh(self) -> None: ...


class TabPage(QWidget):
    """One page of the tab bar: empty until its tab is first shown, then holding that tab."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def fill(self, content: QWidget) -> None:
        self._layout.addWidget(content)
        if self.isVisible():
            content.show()  # a layout would show it only on the next turn of the event loop


class MainWindow(QMainWindow):
    """``lock_interval_ms`` overrides the idle time from the settings (tests use a short one);
    ``notifier`` takes the tray reminders (by default the system tray, when there is one)."""

    def __init__(
        self,
        access: VaultAccess,
        workspace: Workspace,
        *,
        kdf: KdfChooser,
        prompter: Prompter,
        lock_interval_ms: int | None = None,
        unlock_tick_ms: int = 1000,
        notifier: Notifier | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.kdf = kdf
        self.prompter = prompter
        self.tabs: QTabWidget | None = None
        self._specs: tuple[TabSpec, ...] = ()
        self._built: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self.changes = ChangeHub(self)
        self.changes.changed.connect(self._on_changes)
        self.lock_panel: LockPanel | None = None
        self._fixed_interval_ms = lock_interval_ms
        self._unlock_tick_ms = unlock_tick_ms
        self._tab_before_lock = HOME_TAB
        self._retired: list[QWidget] = []
        self._lock_pending = False
        self._closing = False
        self._after_unlock: list[tuple[bool, str, str]] = []
        """(failed, title, text) of what the lock could not keep, said after unlocking."""
        self.close_finished = False
        self.close_progress: QProgressDialog | None = None
        self.context = self._new_context(workspace)
        self.setObjectName("mainWindow")
        self.setMinimumSize(760, 480)
        # Where the guru left it; on a first start the whole screen (shown so by ``show()``).
        if not restore_geometry(self):
            self.setWindowState(Qt.WindowState.WindowMaximized)

        self.lock_action = QAction(icon("lock"), self.tr("&Kunci"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(InactivityTimer.LOCK_KEYS)
        self.lock_action.setToolTip(self.tr("Kunci sekarang (Ctrl+L): sembunyikan semua data"))
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self.tr("&Keluar"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.new_request_action = QAction(self.tr("&Pengajuan baru…"), self)
        self.new_request_action.setObjectName("newRequestAction")
        self.new_request_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_request_action.triggered.connect(self.new_request)
        self.find_action = QAction(self.tr("&Cari di tab ini"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.incident_action = QAction(self.tr("Laporkan &insiden data…"), self)
        self.incident_action.setObjectName("reportIncidentAction")
        self.incident_action.setToolTip(
            self.tr(
                "Laptop atau flashdisk cadangan hilang, catatan terlihat orang yang tidak "
                "berhak: catat segera, orang tua/wali diberi tahu dalam 3×24 jam"
            )
        )
        self.incident_action.triggered.connect(self.report_incident)
        self.guide_action = QAction(self.tr("&Alur layanan"), self)
        self.guide_action.setObjectName("guideAction")
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(lambda: self.show_help(help_dialog.FLOW))
        self.shortcuts_action = QAction(self.tr("&Pintasan papan ketik"), self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.triggered.connect(lambda: self.show_help(help_dialog.SHORTCUTS))
        self.about_action = QAction(self.tr("&Tentang bk-desktop"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(lambda: self.show_help(help_dialog.ABOUT))
        self.help_dialog: help_dialog.HelpDialog | None = None
        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.new_request_action)
        file_menu.addAction(self.find_action)
        file_menu.addSeparator()
        file_menu.addAction(self.incident_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("Ba&ntuan"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._tab_actions: list[QAction] = []
        for number in range(1, 10):
            action = QAction(self)
            action.setObjectName(f"showTab{number}Action")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, i=number - 1: self._show_nth(i))
            self.addAction(action)
            self._tab_actions.append(action)

        self.status_account = QLabel(self)
        self.status_account.setObjectName("statusAccount")
        self.statusBar().addWidget(self.status_account)

        self.inactivity = InactivityTimer(self._lock_interval(), self)
        self.inactivity.inactivity_detected.connect(self.lock)
        self.inactivity.lock_requested.connect(self.lock)

        self._build_tabs(HOME_TAB)
        self.refresh_from_settings()
        self.inactivity.activate()
        self.reminders = Reminders(notifier or tray_notifier(self), self._can_remind, self)
        self.reminders.start(self.workspace)
        # Drafts kept when the program last closed (or the computer logged off) reopen once
        # the window is on the screen.
        QTimer.singleShot(0, self.reopen_drafts)
        self._note_unlock()

    def _note_unlock(self) -> None:
        """Say once what the unlock did before the vault was used (erasures applied again)."""
        note = self.access.take_unlock_note()
        if note:
            self._after_unlock.append((False, self.tr("Penghapusan diterapkan lagi"), note))
            QTimer.singleShot(0, self._say_after_unlock)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.inactivity.watch(self.windowHandle())

    # -- building ------------------------------------------------------------------------

    def _new_context(self, workspace: Workspace) -> UiContext:
        self.changes.attach(workspace)
        return UiContext(
            workspace, self.kdf, self.prompter, replace_workspace=self.replace_workspace
        )

    @property
    def workspace(self) -> Workspace:
        return self.context.workspace

    @property
    def is_locked(self) -> bool:
        return self.lock_panel is not None

    def _build_tabs(self, index: int) -> None:
        """The tab bar with an empty page per tab; only the tab at ``index`` is built now."""
        tabs = QTabWidget(self)
        tabs.setObjectName("mainTabs")
        tabs.setDocumentMode(True)
        self._specs = tabs_for(self.workspace.account.role)
        for number, spec in enumerate(self._specs, start=1):
            position = tabs.addTab(TabPage(spec.page_name, tabs), icon(spec.icon), spec.title())
            if number <= len(self._tab_actions):
                tabs.setTabToolTip(position, f"{spec.title()} (Ctrl+{number})")
        corner = QToolButton(tabs)
        corner.setObjectName("lockButton")
        corner.setDefaultAction(self.lock_action)
        corner.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        corner.setAutoRaise(True)
        corner.setAccessibleName(self.tr("Kunci"))
        tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        tabs.setCurrentIndex(index if 0 <= index < tabs.count() else HOME_TAB)
        tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs = tabs
        self._built = {}
        self._stale = set()
        self.setCentralWidget(tabs)
        if self.isVisible():
            tabs.show()  # at once (after unlocking), not on the next turn of the event loop
        self.tab(tabs.currentIndex())

    def tab(self, index: int) -> QWidget | None:
        """The tab at ``index``, built now if it has not been yet; None while locked."""
        if self.tabs is None or not 0 <= index < self.tabs.count():
            return None
        built = self._built.get(index)
        if built is None:
            page = self.tabs.widget(index)
            assert isinstance(page, TabPage)
            built = self._make_tab(index, page)
            self._built[index] = built
            page.fill(built)
        return built

    def show_tab(self, where: int | TabKey) -> QWidget | None:
        """Switch to the tab at ``where`` (a position, or a key: the same key sits at another
        position for another role) building it if needed, and return it; ``None`` when the
        signed-in role has no such tab."""
        index = self.index_of(where) if isinstance(where, TabKey) else where
        if self.tabs is None or index < 0:
            return None
        self.tabs.setCurrentIndex(index)
        return self.tab(index)

    def index_of(self, key: TabKey) -> int:
        """Position of ``key`` among the signed-in role's tabs, -1 when it has none."""
        return next((i for i, spec in enumerate(self._specs) if spec.key is key), -1)

    def _make_tab(self, index: int, page: QWidget) -> QWidget:
        return self._specs[index].build(self, page)

    def _show_nth(self, index: int) -> None:
        """Ctrl+1…9: the tab at that position, if there is one and the window is unlocked."""
        if self.tabs is not None and 0 <= index < self.tabs.count():
            self.show_tab(index)

    def tab_of(self, kind: type[T]) -> T | None:
        """The built tab of class ``kind``, or None if it has not been built (or is locked)."""
        for widget in self._built.values():
            if isinstance(widget, kind):
                return widget
        return None

    def _refresh(self, *indexes: int) -> None:
        """Read again the tabs at ``indexes`` that have been built (the others read when made)."""
        for index in indexes:
            built = self._built.get(index)
            if built is not None:
                self._stale.discard(index)
                cast(_Refreshable, built).refresh()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """A write committed: built tabs that show what changed are read again, the showing
        one now and the others when they are next shown."""
        if self.tabs is None or not self.workspace.is_open:
            return
        if changes & {Change.SETTINGS, Change.ACCOUNTS}:
            self.refresh_from_settings()
        current = self.tabs.currentIndex()
        for index in list(self._built):
            spec = self._specs[index]
            if spec.shows & changes and (index == current or not spec.reads_when_shown):
                self._stale.add(index)
        if current in self._stale:
            self._refresh(current)

    def _lock_interval(self) -> int:
        if self._fixed_interval_ms is not None:
            return self._fixed_interval_ms
        minutes = self.workspace.settings().auto_lock_minutes if self.workspace.is_open else 5
        return max(1, minutes) * 60_000

    @Slot()
    def refresh_from_settings(self) -> None:
        """Title, status bar and idle time from the settings (call after they change)."""
        if self.is_locked or not self.workspace.is_open:
            return
        settings = self.workspace.settings()
        account = self.workspace.account
        self.setWindowTitle(f"{APP_TITLE} — {settings.school_name}")
        self.status_account.setText(
            self.tr("Masuk sebagai: {name} ({role})").format(
                name=account.name, role=account.role.label
            )
        )
        interval = self._lock_interval()
        if interval != self.inactivity.interval_ms:
            self.inactivity.set_interval(interval)

    def _can_remind(self) -> bool:
        return not self.is_locked and not self._closing and not self.busy()

    def busy(self) -> bool:
        """Whether background work holds the vault (a backup, an import, a new password).

        Every piece of background work in the window is a ``Task`` (``ui/kit/runner.py``)
        that is a child of some widget here, so one question answers it."""
        return bool(running_tasks(self))

    def _when_idle(self, slot: Callable[[], None]) -> None:
        """Call ``slot`` again once the background work now running has finished."""
        for task in running_tasks(self):
            task.finished.connect(slot)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        self.tab(index)
        if index in self._stale:
            self._refresh(index)
        self.refresh_from_settings()

    @Slot()
    def show_requests(self) -> None:
        self.show_tab(TabKey.REQUESTS)

    @Slot(int, bool)
    def open_request(self, request_id: int, for_screening: bool) -> None:
        """Show a request where its next step is taken: Penyaringan's form for one waiting
        for screening, else Pengajuan's list (on "Semua" when the filter hides it)."""
        if for_screening:
            screening = cast("ScreeningTab | None", self.show_tab(TabKey.SCREENING))
            if screening is not None and screening.select(request_id):
                return
        requests = cast("RequestsTab | None", self.show_tab(TabKey.REQUESTS))
        if requests is None or requests.select(request_id):
            return
        from bk_desktop.ui.tabs.requests_tab import ALL  # noqa: PLC0415

        requests.set_filter(ALL)
        requests.select(request_id)

    def replace_workspace(self, workspace: Workspace) -> None:
        """A restore handed back a workspace on the restored vault: show the restored data.

        Pengaturan reads itself again after a restore; every other tab built so far is read
        here (Siswa's list also takes its service from the new workspace then).
        """
        self.context.workspace = workspace
        self.changes.attach(workspace)
        self.reminders.start(workspace)
        self._refresh(*(i for i in self._built if i != self._settings_index()))
        self.refresh_from_settings()

    def _settings_index(self) -> int:
        return self.index_of(TabKey.SETTINGS)

    # -- locking -------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Hide every record, drop the key, and ask for the password again."""
        if self.is_locked or self._closing:
            return
        if self.busy():
            self._lock_pending = True
            self._when_idle(self._lock_when_idle)
            return
        self._lock_pending = False
        self.inactivity.deactivate()
        self.reminders.stop()
        # Serialise, write, then close: the drafts go into the vault while the key is still
        # there; a failed write never stops the lock (it is said after unlocking).
        self._after_unlock = self._keep_for_lock()
        closed_dialog = close_other_windows(self)
        self._tab_before_lock = self.tabs.currentIndex() if self.tabs is not None else HOME_TAB
        old = self.takeCentralWidget()
        self.tabs = None
        self._built = {}
        self._stale = set()
        if old is not None:
            old.hide()
            if closed_dialog:
                # Whoever opened that dialog is still on the stack; delete after unlocking.
                self._retired.append(old)
            else:
                old.deleteLater()
        account_id = self.workspace.account.id
        self.drop_key(keep_vault=True)
        self.lock_panel = LockPanel(
            self.access, account_id=account_id, tick_ms=self._unlock_tick_ms, parent=self
        )
        self.lock_panel.unlocked.connect(self._on_unlocked)
        self.setCentralWidget(self.lock_panel)
        self.setWindowTitle(self.tr("{app} — Terkunci").format(app=APP_TITLE))
        self.status_account.setText(self.tr("Terkunci"))
        self.lock_action.setEnabled(False)
        self.lock_panel.setFocus()

    @Slot()
    def _lock_when_idle(self) -> None:
        if self._lock_pending and not self.busy():
            QTimer.singleShot(0, self.lock)

    def drop_key(self, *, keep_vault: bool = False) -> None:
        """Record the lock and forget the vault's key; safe to call when already locked.

        ``keep_vault`` (the window's lock, not closing) keeps the instance lock with
        ``VaultAccess`` until the next unlock, so no second program opens or restores the
        vault behind a locked window."""
        workspace = self.workspace
        was_open = workspace.is_open
        try:
            workspace.lock(keep_instance_lock=keep_vault)
        except Exception as error:
            # Recording the lock failed (disk full…): the key must go all the same.
            if not isinstance(error, KnownError):
                log_bug(error, "MainWindow.drop_key")
            workspace.vault.close(keep_lock=keep_vault)
        if keep_vault and was_open:
            self.access.hold(workspace.vault.instance_lock)
        elif not keep_vault:
            self.access.release_held()

    @Slot(object)
    def _on_unlocked(self, workspace: Workspace) -> None:
        for widget in self._retired:
            widget.deleteLater()
        self._retired.clear()
        self.context = self._new_context(workspace)
        panel = self.takeCentralWidget()
        if panel is not None:
            panel.hide()
            panel.deleteLater()
        self.lock_panel = None
        self._build_tabs(self._tab_before_lock)
        self.lock_action.setEnabled(True)
        self.refresh_from_settings()
        self.inactivity.set_interval(self._lock_interval())
        self.inactivity.activate()
        self.reminders.start(workspace)
        self.reopen_drafts()
        if self._after_unlock:
            QTimer.singleShot(0, self._say_after_unlock)
        self._note_unlock()

    # -- drafts across a lock, a close and a log-off --------------------------------------

    def _keepers(self) -> list[tuple[int, KeepsDrafts]]:
        return [(i, tab) for i, tab in self._built.items() if isinstance(tab, KeepsDrafts)]

    def open_drafts(self) -> list[FormDraft]:
        """The unsaved input of every open form that creates or changes a record."""
        return [draft for _index, tab in self._keepers() for draft in tab.open_drafts()]

    def _keep_for_lock(self) -> list[tuple[bool, str, str]]:
        """Write the open forms' drafts into the vault; returns what to tell the user
        afterwards: a write that failed, work that cannot be kept (the import wizard)."""
        notes = [
            (False, self.tr("Impor dibatalkan"), text)
            for _index, tab in self._keepers()
            for text in tab.lost_on_lock()
        ]
        if not self.workspace.is_open:
            return notes
        try:
            DraftService(self.workspace).keep(self.open_drafts())
        except Exception as error:
            # Whatever it was, the lock goes on; a bug is logged by type and stack only.
            if isinstance(error, KnownError):
                reason = error.message
            else:
                log_bug(error, "MainWindow._keep_for_lock")
                reason = self.tr("Terjadi kesalahan tak terduga; rinciannya ada di berkas log.")
            notes.insert(
                0,
                (
                    True,
                    self.tr("Isian belum tersimpan tidak dapat disimpan"),
                    self.tr(
                        "Isian yang sedang diketik saat bk-desktop dikunci atau ditutup tidak "
                        "dapat disimpan sebagai draf, jadi isian itu hilang. {reason}"
                    ).format(reason=reason),
                ),
            )
        return notes

    @Slot()
    def reopen_drafts(self) -> None:
        """Open again, where they were, the forms whose drafts the signed-in account kept.

        The tab that was showing takes its drafts last, so its dialog ends up in front; a
        draft whose record is gone, or a second draft for a form that is already open,
        stays in the vault (Beranda lists the ones older than 30 days)."""
        if self.tabs is None or not self.workspace.is_open:
            return
        service = DraftService(self.workspace)
        try:
            kept = service.kept()
        except KnownError as error:
            self.prompter.error(self, self.tr("Draf"), error.message)
            return
        if not kept:
            return
        current = self.tabs.currentIndex()
        where = {form: i for i, spec in enumerate(self._specs) for form in spec.keeps}
        waiting = [d for d in reversed(kept) if d.form in where]  # newest first
        waiting.sort(key=lambda d: where[d.form] == current)
        reopened_in: list[int] = []
        for draft in waiting:
            index = where[draft.form]
            tab = self.tab(index)
            if isinstance(tab, KeepsDrafts) and tab.reopen_draft(draft.as_form_draft):
                service.reopened(draft.id)
                reopened_in.append(index)
        if reopened_in and current not in reopened_in:
            self.show_tab(reopened_in[-1])

    @Slot()
    def _say_after_unlock(self) -> None:
        notes, self._after_unlock = self._after_unlock, []
        for failed, title, text in notes:
            (self.prompter.error if failed else self.prompter.info)(self, title, text)

    @Slot()
    def on_system_quit(self) -> None:
        """The program quits without the window closing first (a Windows log-off, the
        system's quit): keep the drafts and drop the key, asking nothing."""
        if self.is_locked or not self.workspace.is_open:
            return
        self.inactivity.deactivate()
        self.reminders.stop()
        self._keep_for_lock()
        close_other_windows(self)
        self.drop_key()

    # -- closing -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_finished:
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        if self.busy():
            self._when_idle(self._close_when_idle)
            return
        self._closing = True
        self.inactivity.deactivate()
        self.reminders.stop()
        if self.is_locked or not self.workspace.is_open:
            # No key, so no backup; close now (calling close() from here would be ignored).
            save_geometry(self)
            self.close_finished = True
            event.accept()
            return
        for failed, title, text in self._keep_for_lock():
            if failed:
                self.prompter.error(self, title, text)
        close_other_windows(self)
        progress = QProgressDialog(self)
        progress.setObjectName("closeBackupProgress")
        progress.setWindowTitle(self.tr("Menutup bk-desktop"))
        progress.setLabelText(self.tr("Membuat cadangan otomatis…"))
        progress.setRange(0, 0)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumWidth(360)
        progress.show()
        self.close_progress = progress
        start_task(
            self.context.backups.automatic_backup,
            self,
            self._on_close_backup_done,
            self._on_close_backup_failed,
        )

    @Slot()
    def _close_when_idle(self) -> None:
        if not self.busy():
            QTimer.singleShot(0, self.close)

    def _on_close_backup_done(self, _path: object) -> None:
        self._finish_close()

    def _on_close_backup_failed(self, error: KnownError) -> None:
        if self.close_progress is not None:
            self.close_progress.hide()
        self.prompter.error(
            self,
            self.tr("Cadangan otomatis gagal"),
            self.tr(
                "{message}\n\nData tetap aman di brankas. Buat cadangan dari Beranda saat "
                "bk-desktop dibuka lagi."
            ).format(message=error.message),
        )
        self._finish_close()

    def _finish_close(self) -> None:
        save_geometry(self)
        if self.close_progress is not None:
            self.close_progress.hide()
            self.close_progress.deleteLater()
            self.close_progress = None
        self.drop_key()
        self.close_finished = True
        self.close()

    # -- help ----------------------------------------------------------------------------

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(keys, what they do) for Bantuan, read from the actions so the list is true."""

        def keys(action: QAction) -> str:
            return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        titles = [spec.title() for spec in self._specs]
        return [
            (
                keys(self.new_request_action),
                self.tr("Pengajuan baru (di tab Kotak Saran: catat entri)"),
            ),
            (keys(self.find_action), self.tr("Cari di tab yang sedang dibuka")),
            (
                self.tr("Ctrl+1 … Ctrl+{last}").format(last=min(len(titles), 9)),
                self.tr("Pindah ke tab: {tabs}").format(tabs=", ".join(titles[:9])),
            ),
            (keys(self.lock_action), self.tr("Kunci sekarang: sembunyikan semua data")),
            (keys(self.guide_action), self.tr("Bantuan: alur layanan")),
            (keys(self.quit_action), self.tr("Keluar dari program")),
            (self.tr("Tab"), self.tr("Pindah ke isian atau tombol berikutnya (juga dari daftar)")),
            (self.tr("Panah"), self.tr("Pindah baris di dalam daftar")),
            (self.tr("Enter"), self.tr("Memilih baris di daftar; menyimpan isian dialog")),
            (self.tr("Esc"), self.tr("Menutup dialog (ditanya dulu bila ada isian)")),
            (
                self.tr("Jadwal: panah, Enter"),
                self.tr("Pindah slot; menjadwalkan permohonan yang dipilih, atau membuka sesi"),
            ),
            (
                self.tr("Jadwal: Ctrl+panah, Shift+↑/↓"),
                self.tr("Memindahkan sesi 15 menit atau sehari; mengubah lamanya 15 menit"),
            ),
            (
                self.tr("Jadwal: Delete, tombol menu"),
                self.tr("Membatalkan sesi (dengan alasan); tidak hadir, kegiatan lain"),
            ),
        ]

    @Slot()
    def show_help(self, page: int = help_dialog.FLOW) -> None:
        """Bantuan at ``page``; one dialog, brought forward when it is already open."""
        dialog = self.help_dialog
        if dialog is None:
            dialog = help_dialog.HelpDialog(self.shortcut_list(), page, self)
            dialog.finished.connect(dialog.deleteLater)
            dialog.destroyed.connect(self._forget_help)
            self.help_dialog = dialog
            dialog.show()
            return
        dialog.pages.setCurrentIndex(page)
        dialog.activateWindow()

    def _forget_help(self) -> None:
        self.help_dialog = None

    @Slot()
    def report_incident(self) -> None:
        """Berkas → "Laporkan insiden data…": Pengaturan, at the incident register, its form
        open (every role may report; the koordinator handles)."""
        if self.tabs is None:
            return
        from bk_desktop.ui.tabs.admin.admin_tab import AdminTab  # noqa: PLC0415

        tab = self.show_tab(TabKey.SETTINGS)
        if isinstance(tab, AdminTab):
            tab.report_incident()

    def new_request(self) -> None:
        """Ctrl+N: Pengajuan, and its "Pengajuan baru" form; nothing while locked or where
        the account's role has no Pengajuan. On Kotak Saran it records an entry there."""
        if self.tabs is None:
            return
        here = self.tab(self.tabs.currentIndex())
        new_entry = getattr(here, "new_entry", None)
        if callable(new_entry):
            new_entry()
            return
        for index, spec in enumerate(self._specs):
            if spec.key is TabKey.REQUESTS:
                tab = self.show_tab(index)
                opener = getattr(tab, "new_request", None)
                if callable(opener):
                    opener()
                return

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+F: the search box of the tab showing (one marked ``searchField``), else a
        line in the status bar saying this tab has none."""
        if self.tabs is None:
            return
        tab = self.tab(self.tabs.currentIndex())
        boxes = [] if tab is None else tab.findChildren(QLineEdit)
        for box in boxes:
            if box.property("searchField") and box.isVisible() and box.isEnabled():
                box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                box.selectAll()
                return
        self.statusBar().showMessage(self.tr("Tab ini tidak memiliki kotak pencarian."), 4000)
