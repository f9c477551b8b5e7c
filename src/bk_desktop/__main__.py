"""``python -m bk_desktop`` runs the same entry point as the ``bk-desktop`` command."""

import sys

from bk_desktop.cli import main

sys.exit(main())
