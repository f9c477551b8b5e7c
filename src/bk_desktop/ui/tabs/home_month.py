"""The kepala sekolah's month on Beranda, as tiles (``HomeService.month_figures``): permohonan
received, sessions held, cases opened and closed, and the share scheduled within 1×24 h. Counts
only; the month is the school's local month, named in each tile's note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

from bk_desktop.domain.deadlines import MonthShare
from bk_desktop.services.home import MonthFigures
from bk_desktop.ui.kit.tiles import CountTile


def show_share(tile: CountTile, share: MonthShare) -> None:
    """The month's share scheduled within 1×24 h, or "—" and why while nothing is measured
    (every Beranda shows it the same way)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("MonthTiles", text)

    if share.percent is None:
        tile.show_value(tr("—"))
        tile.note.setText(tr("belum ada data {month}").format(month=share.month_label))
        return
    tile.show_value(f"{share.percent}%")
    tile.note.setText(
        tr("{met} dari {decided} permohonan {month}").format(
            met=share.met, decided=share.decided, month=share.month_label
        )
    )


class MonthTiles(QWidget):
    """Five tiles in a row; ``show_figures`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeMonthTiles")
        self.received = CountTile(
            "homeMonthReceivedTile", self.tr("Permohonan diterima"), parent=self
        )
        self.held = CountTile("homeMonthHeldTile", self.tr("Sesi terlaksana"), parent=self)
        self.opened = CountTile("homeMonthOpenedTile", self.tr("Kasus dibuka"), parent=self)
        self.closed = CountTile("homeMonthClosedTile", self.tr("Kasus ditutup"), parent=self)
        self.share = CountTile("homeMonthShareTile", self.tr("Terjadwal ≤ 1×24 jam"), parent=self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for tile in self.tiles:
            row.addWidget(tile, 1)

    @property
    def tiles(self) -> tuple[CountTile, ...]:
        return (self.received, self.held, self.opened, self.closed, self.share)

    def show_figures(self, figures: MonthFigures) -> None:
        month = figures.month_label
        for tile, value in (
            (self.received, figures.received),
            (self.held, figures.sessions_held),
            (self.opened, figures.cases_opened),
            (self.closed, figures.cases_closed),
        ):
            tile.show_value(str(value))
            tile.note.setText(self.tr("bulan {month}").format(month=month))
        show_share(self.share, figures.share)


__all__ = ["MonthTiles", "show_share"]
