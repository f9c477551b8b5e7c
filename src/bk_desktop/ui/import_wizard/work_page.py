"""A wizard page that runs one background step at a time, with a busy line at its foot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QWizardPage,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.ui.import_wizard.common import tr
from bk_desktop.ui.kit.runner import Task, start_task

if TYPE_CHECKING:
    from bk_desktop.ui.import_wizard.wizard import ImportWizard


class WorkPage(QWizardPage):
    """A page that may run one background step, with a busy line at its foot."""

    def __init__(self, wizard: ImportWizard, name: str, title: str, subtitle: str) -> None:
        super().__init__(wizard)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._wizard = wizard
        self._task: Task | None = None
        self._advance = False
        self.setObjectName(name)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName(f"{name}BusyLabel")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName(f"{name}BusyBar")
        self.busy_bar.setAccessibleName(tr("Kemajuan"))
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_row = QHBoxLayout()
        self.busy_row.setSpacing(12)
        self.busy_row.addWidget(self.busy_label)
        self.busy_row.addWidget(self.busy_bar, 1)
        self.busy_label.hide()
        self.busy_bar.hide()

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def isComplete(self) -> bool:
        return not self.busy_now

    def run(
        self,
        label: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[KnownError], None],
    ) -> None:
        def done(result: Any) -> None:
            self._task = None
            self._set_busy(False)
            on_done(result)

        def failed(error: KnownError) -> None:
            self._task = None
            self._set_busy(False)
            on_failed(error)

        self.busy_label.setText(label)
        self.busy_bar.setRange(0, 0)
        self._task = start_task(work, self, done, failed)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.set_inputs_enabled(not busy)
        self.completeChanged.emit()  # the wizard re-enables its buttons here…
        self._wizard.set_busy(busy)  # …so Kembali and Batal are turned off after it

    def set_inputs_enabled(self, enabled: bool) -> None:
        """Pages turn their own inputs off while their step runs."""

    def go_on(self) -> None:
        """Leave the page after its background step succeeded."""
        self._advance = True
        self._wizard.next()

    def take_advance(self) -> bool:
        advance, self._advance = self._advance, False
        return advance
