"""The four bidang layanan as a row of check boxes: the asesmen and the case both ask it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from bk_desktop.domain.screening import Bidang
from bk_desktop.ui.kit.forms import named


def bidang_row(parent: QWidget, prefix: str) -> tuple[QWidget, dict[Bidang, QCheckBox]]:
    """A row named ``{prefix}Bidang`` with one box per bidang (``{prefix}BidangPribadi``…)."""
    row = QWidget(parent)
    row.setObjectName(f"{prefix}Bidang")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(20)
    boxes: dict[Bidang, QCheckBox] = {}
    for bidang in Bidang:
        boxes[bidang] = named(
            QCheckBox(bidang.label, row),
            f"{prefix}Bidang{bidang.value.capitalize()}",
            QCoreApplication.translate("bidang_row", "Bidang {name}").format(
                name=bidang.label.lower()
            ),
        )
        layout.addWidget(boxes[bidang])
    layout.addStretch(1)
    return row, boxes
