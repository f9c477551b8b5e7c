"""Bantuan: the flow of the service in five steps with the standard's times, the keyboard
shortcuts, and which version this is.

A guru BK new to the program asks first "what do I do next, and by when?"; the flow answers
that in the program's own words (the tabs' names), the shortcut list is read from the window's
actions so it never promises a key that does nothing, and the version is what a helper on the
phone asks for first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bk_desktop import __version__
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.labels import WrappingLabel, note_label

FLOW, SHORTCUTS, ABOUT = range(3)


class HelpDialog(QDialog):
    """ "Bantuan": Alur layanan, Pintasan papan ketik, Tentang (the version)."""

    def __init__(
        self,
        shortcuts: Sequence[tuple[str, str]],
        page: int = FLOW,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Bantuan bk-desktop"))
        self.pages = QTabWidget(self)
        self.pages.setObjectName("helpPages")
        self.pages.addTab(self._flow_page(), self.tr("Alur layanan"))
        self.pages.addTab(self._shortcuts_page(shortcuts), self.tr("Pintasan papan ketik"))
        self.pages.addTab(self._about_page(), self.tr("Tentang"))
        self.pages.setCurrentIndex(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("helpButtons")
        set_button_texts(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def _flow_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("helpFlowPage")
        steps = (
            (
                self.tr("1. Pengajuan"),
                self.tr(
                    "Catat permohonan konseling saat diterima (tab Pengajuan, Ctrl+N): siapa "
                    "siswanya, dari siapa, dan seberapa mendesak. Saat itu jam 1×24 jam mulai "
                    "berjalan."
                ),
            ),
            (
                self.tr("2. Penyaringan"),
                self.tr(
                    "Lakukan asesmen awal (tab Penyaringan): tingkat risiko, bidang layanan, "
                    "dan keputusan layanan. Risiko darurat: ikuti protokol darurat sekolah dan "
                    "catat tindakan daruratnya."
                ),
            ),
            (
                self.tr("3. Jadwal"),
                self.tr(
                    "Sepakati waktu konseling dengan siswa yang bersedia, paling lambat 1×24 jam "
                    "sejak permohonan diterima (tab Jadwal): seret permohonan ke slot yang "
                    "kosong, atau pilih lalu tekan Enter pada slot. Beranda dan Jadwal "
                    "menunjukkan sisa waktunya."
                ),
            ),
            (
                self.tr("4. Konseling"),
                self.tr(
                    "Laksanakan sesi konseling individual selama 30–45 menit dengan menjaga "
                    "kerahasiaan, lalu catat hasilnya di tab Konseling: penilaian segera (UCA), "
                    "alternatif solusi, dan rencana aksi. Finalkan catatannya; yang diketahui "
                    "kemudian menjadi adendum."
                ),
            ),
            (
                self.tr("5. Tindak lanjut"),
                self.tr(
                    "Tinjau rencana aksi, catat hasil laijapen dan laijapang, dan tutup kasus "
                    "bila selesai (tab Konseling)."
                ),
            ),
        )
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        for title, text in steps:
            heading = QLabel(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            layout.addWidget(heading)
            layout.addWidget(WrappingLabel(text))
        layout.addWidget(
            note_label(
                self.tr(
                    "Waktu mengikuti standar pelayanan: penjadwalan dalam 1×24 jam sejak "
                    "diterima, sesi 30–45 menit. Pengaturan → Layanan menentukan apakah akhir "
                    "pekan dan hari libur menghentikan jam."
                )
            )
        )
        layout.addStretch(1)
        return page

    def _shortcuts_page(self, shortcuts: Sequence[tuple[str, str]]) -> QWidget:
        page = QWidget()
        page.setObjectName("helpShortcutsPage")
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(18)
        for row, (keys, what) in enumerate(shortcuts):
            key_label = QLabel(f"<b>{keys}</b>")
            key_label.setObjectName(f"helpShortcutKeys{row}")
            grid.addWidget(key_label, row, 0)
            grid.addWidget(QLabel(what), row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(shortcuts), 1)
        return page

    def _about_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("helpAboutPage")
        version = QLabel(self.tr("bk-desktop versi {version}").format(version=__version__))
        version.setObjectName("helpVersion")
        font = version.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        version.setFont(font)
        layout = QVBoxLayout(page)
        layout.addWidget(version)
        layout.addWidget(
            WrappingLabel(
                self.tr(
                    "Program ruang BK untuk layanan konseling individual. Semua data tersimpan "
                    "terenkripsi di komputer ini dan tidak dikirim ke mana pun. Sebutkan nomor "
                    "versi ini bila meminta bantuan."
                )
            )
        )
        layout.addStretch(1)
        return page


__all__ = ["ABOUT", "FLOW", "SHORTCUTS", "HelpDialog"]
