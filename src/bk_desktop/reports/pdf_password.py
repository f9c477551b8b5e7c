"""A saved PDF that opens only with the password the guru chose ("Simpan PDF…", issue 15).

The password is a PDF *user* password with AES-256 (PDF 2.0's standard security handler,
revision 6): without it the file's content cannot be read, whichever viewer opens it. The
*owner* password, which lifts the permissions, is random and thrown away, so nobody holds it;
the permissions let whoever knows the user password read, print (also at full quality) and
have the text read aloud, and nothing more. The program keeps neither password.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

ENCRYPTION = "AES-256"

ALLOWED = UserAccessPermissions.from_dict(
    {
        "print": True,
        "print_to_representation": True,  # full-quality printing, not a coarse image
        "extract_text_and_graphics": True,  # screen readers
    }
)
"""Reading and printing; no changes, no copying, no assembling into another document."""


def protect_pdf(data: bytes, password: str) -> bytes:
    """``data`` (a whole PDF) encrypted so that it opens only with ``password``.

    An empty password would protect nothing and is refused as a bug: the dialog asks for one
    before it gets here.
    """
    if not password:
        raise ValueError("protect_pdf needs a password")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=ALLOWED,
        algorithm=ENCRYPTION,
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
