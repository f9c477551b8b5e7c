"""``bk-desktop``: the window by default; admin commands for IT staff and scheduled tasks.

In the manner of ``keepassxc-cli``: every command unlocks the vault, does one job and locks it
again. Passwords are read from the terminal, or one line per prompt from standard input when it
is not a terminal, and never from arguments or the environment. Exit codes: 0 success, 1 the
operation failed (one Indonesian line on stderr, never a traceback), 2 usage error.

One small module per command (``init``, ``verify``, ``backup``, ``restore``, ``passwd``,
``import_students``, ``demo_data``; the window and ``--demo`` in ``window``), each holding its
row of the command table (``commands.COMMANDS``). ``main`` reads and writes only through the
``Terminal`` it is given and returns the exit code instead of leaving the process, so the tests
run commands in-process. Qt is imported only when the window is opened, so the commands run on
a server without it.
"""

from bk_desktop.cli.run import main
from bk_desktop.cli.terminal import Terminal

__all__ = ["Terminal", "main"]
