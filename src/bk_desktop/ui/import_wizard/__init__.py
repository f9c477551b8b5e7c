"""Importing students from a file: choose it, map its columns, look at the preview, then apply.

Pages: choose the file → (only when it is neither a Dapodik export nor matched by a saved
preset) map its columns → preview (counts and every warning with the student's name; nothing
is written yet) → the result. Reading a file, making the preview and applying it run in a
background thread, so a 2,000-row file never freezes the window; applying feeds a progress bar.
One module per page (``file_page``, ``mapping_page``, ``preview_page``, ``result_page``), their
shared base (``work_page``) and the wizard that holds them (``wizard``).

The vault has one connection. While a background step runs, nothing else may use it: the
wizard is modal over the main window (so no other tab can act), its Batal/Kembali buttons and
Esc are refused until the step ends, and the Siswa tab stops its list from reading rows while
the wizard is open. The main window's lock waits for the running task (it is a child ``Task``).
"""

from bk_desktop.ui.import_wizard.common import FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, RESULT_PAGE
from bk_desktop.ui.import_wizard.fields import FIELDS, field_object_name
from bk_desktop.ui.import_wizard.warnings_model import WarningsModel
from bk_desktop.ui.import_wizard.wizard import ImportWizard

__all__ = [
    "FIELDS",
    "FILE_PAGE",
    "MAPPING_PAGE",
    "PREVIEW_PAGE",
    "RESULT_PAGE",
    "ImportWizard",
    "WarningsModel",
    "field_object_name",
]
