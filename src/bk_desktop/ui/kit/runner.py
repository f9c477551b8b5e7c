"""The one background runner: slow work (key derivation, backups, imports, restore) off the
GUI thread, its outcome back on it.

A ``Task`` runs one callable in its own ``QThread``. The thread only stores the outcome;
``QThread.finished`` is delivered to the task on the GUI thread, which then emits
``succeeded(result)`` or ``failed(KnownError)``. Anything that is not a ``KnownError`` is a
bug: it is logged by type and stack only (its message may quote a record) and reported to the
widget as a ``KnownError`` carrying a generic Indonesian message, so no traceback ever reaches
the person at the desk.

The thread is parented to the application, not to the widget that asked, so closing a widget
while its task runs cannot destroy a running thread; the widget simply no longer hears of it.

Every piece of background work in the window is a ``Task`` that is a child of some widget of
it, so ``running_tasks(window)`` is the one answer to "may the vault be locked now?". A
``ModalRunner`` is a ``Task`` behind a modal busy indicator, one at a time, for work the user
should wait for (a backup, a restore, a new password in Pengaturan).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QProgressDialog, QWidget

from bk_desktop.domain.errors import KnownError

log = logging.getLogger(__name__)

T = TypeVar("T")

BUG_MESSAGE = (
    "Terjadi kesalahan program yang tidak terduga. Data yang sudah tersimpan tetap aman. "
    "Tutup lalu buka kembali bk-desktop; bila terulang, laporkan kepada petugas TI beserta "
    "waktu kejadiannya."
)


def bug_error() -> KnownError:
    """The generic message shown for a bug."""
    return KnownError(QCoreApplication.translate("Task", BUG_MESSAGE))


def describe_bug(error: BaseException) -> str:
    """A bug by its type and where it happened, never by its message or source lines.

    The message may quote a record (a name in an SQL error, a note in a ValueError), so only
    the exception's type and the file, line and function of each frame are kept.
    """
    frames = traceback.extract_tb(error.__traceback__)
    stack = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    return f"{type(error).__name__}\n{stack}"


def log_bug(error: BaseException, where: str) -> None:
    log.error("Bug in %s: %s", where, describe_bug(error))


class _Thread(QThread):
    def __init__(self, work: Callable[[], Any], name: str, parent: QObject | None) -> None:
        super().__init__(parent)
        self._work = work
        self.name = name
        self.result: Any = None
        self.error: KnownError | None = None
        self.bug: str | None = None

    def run(self) -> None:
        try:
            self.result = self._work()
        except KnownError as error:
            self.error = error
        except Exception as error:
            # Described here, logged on the GUI thread: the worker does as little as it can.
            self.bug = describe_bug(error)


class Task(QObject):
    """One piece of background work; connect to the signals before calling ``start``."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        name = getattr(work, "__qualname__", type(work).__name__)
        self._thread = _Thread(work, name, QCoreApplication.instance())
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.finished.connect(self._thread.deleteLater)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._thread.start()

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self._thread
        thread.wait()
        self._running = False
        try:
            if thread.bug is not None:
                log.error("Bug in %s: %s", thread.name, thread.bug)
                self.failed.emit(bug_error())
            elif thread.error is not None:
                self.failed.emit(thread.error)
            else:
                self.succeeded.emit(thread.result)
        finally:
            self.finished.emit()


def start_task(
    work: Callable[[], Any],
    parent: QObject,
    on_success: Callable[[Any], None],
    on_failure: Callable[[KnownError], None],
) -> Task:
    """Run ``work`` in the background and call one of the two handlers on the GUI thread."""
    task = Task(work, parent)
    task.succeeded.connect(on_success)
    task.failed.connect(on_failure)
    task.finished.connect(task.deleteLater)
    task.start()
    return task


def running_tasks(root: QObject) -> list[Task]:
    """The tasks started by ``root`` or any of its descendants that have not finished yet."""
    return [t for t in root.findChildren(Task) if t.running]


class BusyLine(QHBoxLayout):
    """What a form shows while its task runs: a line saying what happens and an endless bar
    (``object_name``); both hidden until ``show_busy(True)``."""

    def __init__(self, parent: QWidget, object_name: str, text: str) -> None:
        super().__init__()
        self.label = QLabel(text, parent)
        self.bar = QProgressBar(parent)
        self.bar.setObjectName(object_name)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.addWidget(self.label)
        self.addWidget(self.bar, 1)
        self.show_busy(False)

    def show_busy(self, busy: bool) -> None:
        self.label.setVisible(busy)
        self.bar.setVisible(busy)


class ModalRunner(QObject):
    """Slow work the user waits for, one job at a time, as a ``Task`` behind a modal busy
    indicator (shown only if the work takes a while).

    The work must not touch widgets. Its outcome is handed back on the window's thread: the
    result to ``on_done``, a ``KnownError`` (a bug arrives as the generic one) to
    ``on_error``. The handlers run before the task's ``finished``, so a lock that waits for
    the work (``MainWindow.busy``) lands after their bookkeeping, e.g. after the hand-over of a
    restored workspace. They must not block: a message box goes through ``later`` and opens
    once the handler has returned, where a lock may close it like any other dialog.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._owner = parent
        self._task: Task | None = None

    def is_busy(self) -> bool:
        return self._task is not None

    def run(
        self,
        label: str,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[KnownError], None],
    ) -> None:
        if self._task is not None:
            raise RuntimeError("a job is already running")
        dialog = QProgressDialog(label, "", 0, 0, self._owner)
        dialog.setObjectName("busyDialog")
        dialog.setWindowTitle(QCoreApplication.translate("ModalRunner", "Mohon tunggu"))
        dialog.setCancelButton(None)  # the work cannot be stopped half-way safely
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)  # starts the clock: it shows itself only if the work takes a while
        task = Task(work, self)
        task.succeeded.connect(lambda result: self._handle(dialog, on_done, result))
        task.failed.connect(lambda error: self._handle(dialog, on_error, error))
        task.finished.connect(lambda: self._end(task))
        self._task = task
        self.busy_changed.emit(True)
        task.start()

    def _handle(self, dialog: QProgressDialog, handler: Callable[[Any], None], value: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        handler(value)

    def _end(self, task: Task) -> None:
        task.deleteLater()
        if self._task is task:
            self._task = None
            self.busy_changed.emit(False)

    def later(self, show: Callable[[], None]) -> None:
        """Run ``show`` (a message box) from the event loop, after the current handler."""
        QTimer.singleShot(0, self, show)
