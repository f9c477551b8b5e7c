"""NIP (Nomor Induk Pegawai) as it is printed under a civil servant's signature.

An 18-digit NIP is read in four parts: birth date (8), TMT appointment month (6), gender (1),
serial (3). Printed documents separate them with spaces so a reader can check it at a glance.
The parts are not date-checked: PPPK numbers carry a non-month in the TMT part.
"""

from __future__ import annotations

import re

_NIP = re.compile(r"[0-9]{18}")


def format_nip(nip: str) -> str:
    """Space an 18-digit NIP the printed way: "19750101 200003 1 001"; else return it as given.

    Values that are not exactly 18 digits (already spaced, NUPTK, NIY, a typo) are shown as
    typed rather than reshaped, so nothing on a signed document differs from what was entered.
    """
    if not _NIP.fullmatch(nip):
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
