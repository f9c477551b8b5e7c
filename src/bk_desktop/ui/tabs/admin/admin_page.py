"""The shape every Pengaturan page shares: a scrolling page that stores a change to the
school's settings record the same way everywhere and says so."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.labels import set_status
from bk_desktop.ui.kit.page import ScrollPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminPage", text)


def save_settings(
    parent: QWidget,
    context: UiContext,
    wanted: Settings,
    *,
    status: QLabel,
    show_error: Callable[[ValidationError], bool],
    title: str,
    note_refusal: bool = True,
) -> bool:
    """Store ``wanted`` and say in ``status`` what came of it; True when stored (changed or
    not). A refused value is shown under its input (with a line in ``status`` too, unless
    ``note_refusal`` is off), any other refusal in a message box over ``parent`` titled
    ``title``. Shared by every page and section of Pengaturan that edits the settings."""
    try:
        changed = context.settings.save(wanted)
    except ValidationError as error:
        if not show_error(error):
            context.prompter.error(parent, title, error.message)
        elif note_refusal:
            note_refused(status)
        return False
    except KnownError as error:
        context.prompter.error(parent, title, error.message)
        return False
    if changed:
        set_status(status, _tr("Tersimpan."))
    else:
        set_status(status, _tr("Tidak ada yang berubah."))
    return True


class Saved(Enum):
    """What one part of a page made of a press of its one "Simpan"."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    REFUSED = "refused"


def say_saved(status: QLabel, outcomes: Iterable[Saved]) -> None:
    """The one line beside a page's "Simpan" for what its parts made of it: a refusal first
    (shown under its input), then any change, else nothing changed."""
    seen = set(outcomes)
    if Saved.REFUSED in seen:
        note_refused(status)
    elif Saved.CHANGED in seen:
        set_status(status, _tr("Tersimpan."))
    else:
        set_status(status, _tr("Tidak ada yang berubah."))


class AdminPage(ScrollPage):
    """One page of Pengaturan. What it stores reaches the window as a change notice."""

    def save_settings(
        self,
        context: UiContext,
        wanted: Settings,
        *,
        status: QLabel,
        show_error: Callable[[ValidationError], bool],
        title: str,
        note_refusal: bool = True,
    ) -> bool:
        """``save_settings`` with this page as the parent of any message box."""
        return save_settings(
            self,
            context,
            wanted,
            status=status,
            show_error=show_error,
            title=title,
            note_refusal=note_refusal,
        )


def note_refused(status: QLabel) -> None:
    """The line beside a Save button when an input's value was refused (shown under it)."""
    set_status(status, _tr("Belum tersimpan. Perbaiki isian sesuai pesan di bawahnya."), ok=False)
