"""Pengaturan → Layanan → Protokol darurat: the school's first steps when a screening finds a
student in danger, shown to the counsellor at that moment."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QGroupBox,
    QPlainTextEdit,
    QWidget,
)

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label, set_status, status_label
from bk_desktop.ui.kit.palette import ERROR_TEXT


class ProtocolSection(QGroupBox):
    """The protocol's text, with the shipped example to start from."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Protokol darurat"), parent)
        self._context = context
        intro = note_label(
            self.tr(
                "Ditampilkan kepada guru BK ketika asesmen awal menilai risiko siswa darurat. "
                "Tulis langkah yang berlaku di sekolah ini, termasuk siapa dan nomor berapa yang "
                "dihubungi."
            )
        )
        self.protocol = named(
            QPlainTextEdit(), "serviceEmergencyProtocol", self.tr("Protokol darurat")
        )
        self.protocol.setTabChangesFocus(True)
        lines = self.protocol.fontMetrics().lineSpacing()
        self.protocol.setFixedHeight(lines * 7 + 12)
        self.protocol_error = WrappingLabel()
        self.protocol_error.setObjectName("serviceEmergencyProtocolError")
        self.protocol_error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.protocol_error.hide()
        self.protocol_default_button = action_button(
            self.tr("Isi dengan contoh bawaan"),
            "serviceProtocolDefaultButton",
            self.tr("Isi protokol darurat dengan contoh bawaan"),
        )
        self.protocol_default_button.clicked.connect(self._use_default_protocol)
        self.protocol_status = status_label("serviceProtocolStatus")

        layout = group_layout(self)
        layout.addWidget(intro)
        layout.addWidget(self.protocol)
        layout.addWidget(self.protocol_error)
        layout.addLayout(button_row(self.protocol_default_button, self.protocol_status))

    def refresh(self, settings: Settings) -> None:
        """Show what is stored; edits not yet saved are dropped."""
        self._hide_protocol_error()
        self.protocol_status.clear()
        self.protocol.setPlainText(settings.emergency_protocol)

    def _hide_protocol_error(self) -> None:
        self.protocol_error.clear()
        self.protocol_error.hide()

    def show_error(self, error: ValidationError) -> bool:
        if error.field != "emergency_protocol":
            return False
        self.protocol_error.setText(error.message)
        self.protocol_error.show()
        return True

    def _use_default_protocol(self) -> None:
        self._hide_protocol_error()
        self.protocol.setPlainText(Settings().emergency_protocol)
        self.protocol.setFocus()
        set_status(self.protocol_status, self.tr("Contoh bawaan diisikan. Sesuaikan, lalu simpan."))

    def wanted(self, settings: Settings) -> Settings | None:
        """``settings`` with the protocol as typed, or None (said under the box) when empty."""
        self._hide_protocol_error()
        self.protocol_status.clear()
        text = self.protocol.toPlainText().strip()
        if not text:
            self.show_error(
                ValidationError(
                    self.tr(
                        "Protokol darurat tidak boleh kosong. Tulis langkah yang diambil bila "
                        "ada siswa dalam keadaan darurat, atau isi dengan contoh bawaan."
                    ),
                    "emergency_protocol",
                )
            )
            self.protocol.setFocus()
            return None
        return replace(settings, emergency_protocol=text)

    def stored(self) -> None:
        """After the page stored the settings: the text as stored (trimmed)."""
        self.protocol.setPlainText(self._context.settings.get().emergency_protocol)


__all__ = ["ProtocolSection"]
