"""Every colour the program draws with, in one place.

A colour that carries a status (error, warning, ok) is always paired with words and an icon
shape (docs/architecture.md, "Look and feel"), so nothing depends on telling colours apart;
the names say what a colour is for, not what it looks like, so a page asks for
``WARNING_BACKGROUND`` rather than a shade of orange.
"""

from __future__ import annotations

# The accent: chosen items, primary buttons, links.
ACCENT = "#1d6f8a"
ACCENT_DARK = "#15536a"
ON_ACCENT = "#ffffff"

# Text that carries a status, and quieter text.
ERROR_TEXT = "#b42318"
WARNING_TEXT = "#8a3c00"
OK_TEXT = "#1c6b34"
MUTED_TEXT = "#4b5563"

# Surfaces: cards and tiles, notes, status boxes.
CARD_BACKGROUND = "#ffffff"
CARD_BORDER = "#d5dbe1"
NOTE_BACKGROUND = "#fff7e0"
NOTE_BORDER = "#e6c76a"
DARURAT_BACKGROUND = "#fdecea"
WARNING_BACKGROUND = "#fff4e5"
WARNING_BORDER = "#e8a33d"
OK_BACKGROUND = "#eaf6ee"
OK_BORDER = "#9fd1ae"
KEY_BACKGROUND = "#f2f2f2"
KEY_BORDER = "#b0b0b0"

# Disabled primary buttons.
DISABLED_BACKGROUND = "#aab8c0"
DISABLED_BORDER = "#9aa8b0"
DISABLED_TEXT_ON_ACCENT = "#f3f5f7"

# The password strength meter, weakest first, and its empty trough.
STRENGTH_TOO_WEAK = ERROR_TEXT
STRENGTH_WEAK = "#c4590f"
STRENGTH_FAIR = "#9a7b00"
STRENGTH_STRONG = "#1c7a3a"
METER_EMPTY = "#b8c1ca"
METER_BORDER = "#c4ccd4"
METER_TROUGH = "#eef1f4"

# The window's light palette (``style.light_palette`` maps these onto Qt's colour roles).
WINDOW = "#f4f6f8"
TEXT = "#1f2937"
BASE = "#ffffff"
ALTERNATE_BASE = "#eef2f5"
BUTTON = "#e9edf1"
BRIGHT_TEXT = "#ffffff"
TOOLTIP_BASE = "#fffbe6"
PLACEHOLDER_TEXT = "#6b7280"
LIGHT = "#ffffff"
MIDLIGHT = "#e3e8ec"
MID = "#b8c1ca"
DARK = "#8f9aa5"
SHADOW = "#5b6670"
DISABLED_TEXT = "#8a949e"
DISABLED_BASE = "#f1f3f5"

# Jadwal's week: a planned session (the accent's border), a commitment, days without school,
# lesson-period bands.
SESSION_PLANNED_BACKGROUND = "#dcecf3"
COMMITMENT_BACKGROUND = "#e5e7eb"
COMMITMENT_BORDER = "#9ca3af"
HOLIDAY_BACKGROUND = "#eceff2"
OFF_DAY_BACKGROUND = DISABLED_BASE
LESSON_BAND = "#f3f7f9"
