"""Password entry: a password box (kept out of every draft), a field with a show/hide
toggle, a strength meter in colour and words, and the rows of a new password (typed twice,
measured, each with its message line)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.accounts import MIN_PASSWORD_LENGTH, Strength, password_strength
from bk_desktop.ui.kit import palette
from bk_desktop.ui.kit.drafts import mark_secret, on_change
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.style import set_role

_STRENGTH_COLOURS = {
    Strength.TOO_WEAK: palette.STRENGTH_TOO_WEAK,
    Strength.WEAK: palette.STRENGTH_WEAK,
    Strength.FAIR: palette.STRENGTH_FAIR,
    Strength.STRONG: palette.STRENGTH_STRONG,
}


def password_edit(object_name: str, accessible_name: str) -> QLineEdit:
    """A password box: hidden text, no predictive input, never part of a draft."""
    edit = named(QLineEdit(), object_name, accessible_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    mark_secret(edit)
    return edit


def show_passwords_toggle(edits: Iterable[QLineEdit], object_name: str) -> QCheckBox:
    """A "Tampilkan kata sandi" box for the password fields of one form."""
    boxes = list(edits)
    text = QCoreApplication.translate("PasswordField", "Tampilkan kata sandi")
    toggle = named(QCheckBox(text), object_name, text)

    def apply(checked: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if checked else QLineEdit.EchoMode.Password
        for edit in boxes:
            edit.setEchoMode(mode)

    toggle.toggled.connect(apply)
    return toggle


class PasswordField(QWidget):
    """A password line edit with the one "Tampilkan kata sandi" box under it.

    The program shows passwords one way everywhere (issue 10: a "Tampilkan" button beside
    one field that resized it when it read "Sembunyikan", a check box under the others): the
    box of ``show_passwords_toggle``, under the field so the field keeps its width.
    ``object_name`` goes to the line edit itself (what tests and screen readers address);
    the container and the box get ``<name>Field`` and ``<name>Toggle``.
    """

    text_changed = Signal(str)
    return_pressed = Signal()

    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{object_name}Field")
        self.line_edit = password_edit(object_name, accessible_name)
        self.line_edit.setParent(self)
        self.toggle = show_passwords_toggle([self.line_edit], f"{object_name}Toggle")
        self.toggle.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textChanged.connect(self.text_changed)
        self.line_edit.returnPressed.connect(self.return_pressed)

    def text(self) -> str:
        return self.line_edit.text()

    def clear(self) -> None:
        self.line_edit.clear()
        self.toggle.setChecked(False)


class StrengthMeter(QWidget):
    """How strong a new password is: a four-step bar plus the word for it (never colour alone)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(self.tr("Kekuatan kata sandi"))
        self.bar = QProgressBar(self)
        self.bar.setObjectName(f"{object_name}Bar")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.label = wrapping_label(self)
        self.label.setObjectName(f"{object_name}Label")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.strength: Strength | None = None
        self.update_for("")

    @Slot(str)
    def update_for(self, password: str) -> None:
        if not password:
            self.strength = None
            self.bar.setValue(0)
            self.label.setText(
                self.tr(
                    "Minimal {minimum} karakter. Kalimat pendek yang mudah diingat paling baik."
                ).format(minimum=MIN_PASSWORD_LENGTH)
            )
            self.label.setStyleSheet("")
            set_role(self.label, "muted")
            self._colour(palette.METER_EMPTY)
            return
        strength = password_strength(password)
        self.strength = strength
        self.bar.setValue(int(strength) + 1)
        words = self.tr("Kekuatan: {word}").format(word=self._word(strength))
        if len(password) < MIN_PASSWORD_LENGTH:
            words += " — " + self.tr("baru {count} dari minimal {minimum} karakter").format(
                count=len(password), minimum=MIN_PASSWORD_LENGTH
            )
        self.label.setText(words)
        set_role(self.label, "")
        self.label.setStyleSheet(f"color: {_STRENGTH_COLOURS[strength]}; font-weight: bold;")
        self._colour(_STRENGTH_COLOURS[strength])

    def _word(self, strength: Strength) -> str:
        return {
            Strength.TOO_WEAK: self.tr("Terlalu lemah"),
            Strength.WEAK: self.tr("Lemah"),
            Strength.FAIR: self.tr("Cukup"),
            Strength.STRONG: self.tr("Kuat"),
        }[strength]

    def _colour(self, colour: str) -> None:
        self.bar.setStyleSheet(
            f"QProgressBar {{ border: 1px solid {palette.METER_BORDER}; border-radius: 3px;"
            f" background: {palette.METER_TROUGH}; }}"
            f"QProgressBar::chunk {{ background: {colour}; border-radius: 2px; }}"
        )


class NewPasswordRows:
    """A new password and its repetition, with the strength meter and a message line under
    each; ``messages`` maps the ``ValidationError`` fields "password" and "repeat" to them.

    Every object name starts with ``prefix``: "<prefix>Password", "<prefix>Strength",
    "<prefix>PasswordMessage", "<prefix>PasswordRepeat", and the repetition's message line
    "<prefix>PasswordRepeatMessage" unless ``repeat_message_name`` says otherwise.
    """

    def __init__(
        self, parent: QWidget, prefix: str, caption: str, repeat_message_name: str = ""
    ) -> None:
        self.caption = caption
        self.password = PasswordField(f"{prefix}Password", caption, parent)
        self.strength = StrengthMeter(f"{prefix}Strength", parent)
        self.password.text_changed.connect(self.strength.update_for)
        self.password_message = message_label(f"{prefix}PasswordMessage", parent)
        self.repeat = PasswordField(
            f"{prefix}PasswordRepeat",
            parent.tr("Ulangi {caption}").format(caption=caption.lower()),
            parent,
        )
        self.repeat_message = message_label(
            repeat_message_name or f"{prefix}PasswordRepeatMessage", parent
        )
        self.messages: dict[str, QLabel] = {
            "password": self.password_message,
            "repeat": self.repeat_message,
        }
        # Either box changing may settle "Kedua kata sandi tidak sama": both lines go.
        for field in (self.password, self.repeat):
            on_change(field, self._clear_messages)

    def _clear_messages(self) -> None:
        for label in self.messages.values():
            if label.text():
                show_message(label, "")

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.caption, self.password)
        form.addRow("", self.strength)
        form.addRow("", self.password_message)
        form.addRow(self.password.tr("Ulangi kata sandi"), self.repeat)
        form.addRow("", self.repeat_message)

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()
