"""How much an .xlsx may hold, checked on the zip itself before openpyxl reads any of it.

An .xlsx is a zip of XML parts, and a 1 MB zip can unpack to gigabytes: openpyxl trusts it
and reads every shared string into memory at once. So before openpyxl sees the file, this
module reads what the zip *declares* and then streams each XML part through expat, keeping
only counters:

- at most ``MAX_MEMBERS`` parts, each stored or deflated (the methods whose reading Python
  bounds by the declared size), together at most ``MAX_UNPACKED_BYTES`` when unpacked; a part
  that unpacks to more than it declares fails its checksum here and is refused;
- no part with a document type declaration (the door to entity-expansion bombs);
- at most ``MAX_CELLS`` cells in all sheets, no value right of column ``MAX_COLUMNS``, and no
  text run (a shared string, an inline string, a value) longer than ``MAX_STRING_CHARS``,
  which is also Excel's own limit for a cell;
- at most ``MAX_SHARED_STRINGS`` shared strings, and ``MAX_PART_ELEMENTS`` elements in any
  other part (styles, workbook, relationships), which openpyxl turns into objects.

A real Dapodik export of a big school (a few thousand students, about sixty columns) stays
far inside every bound; the bounds keep a whole import under about 400 MB of memory
(``benchmarks/figures_import_bomb.py``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from xml.parsers import expat

from bk_desktop.domain.errors import KnownError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_CELLS = 2_000_000
MAX_COLUMNS = 200
MAX_STRING_CHARS = 32 * 1024
MAX_MEMBERS = 10_000
MAX_SHARED_STRINGS = 1_000_000
MAX_PART_ELEMENTS = 400_000

_CHUNK = 1024 * 1024
_CENTRAL_ENTRY = b"PK\x01\x02"
_BOUNDED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_ENCRYPTED = 0x1
_CELL_REF = re.compile(r"([A-Za-z]{1,3})\d*")


def _refuse(name: str, what: str) -> KnownError:
    return KnownError(f"Berkas “{name}” tidak dapat dibaca: {what}")


def _too_big(name: str, what: str) -> KnownError:
    return _refuse(
        name,
        f"{what}, jauh melebihi daftar siswa mana pun. Pastikan berkas yang dipilih benar, "
        "atau salin hanya lembar daftar siswa ke buku kerja baru lalu simpan sebagai .xlsx.",
    )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


def check_xlsx(data: bytes, name: str) -> None:
    """Refuse, with one Indonesian sentence, an .xlsx whose content is beyond the bounds."""
    # Each central-directory entry starts with this signature, so the count bounds the
    # number of parts before zipfile builds an object for every one of them.
    if data.count(_CENTRAL_ENTRY) > MAX_MEMBERS:
        raise _too_big(name, f"berisi lebih dari {MAX_MEMBERS:,} bagian".replace(",", "."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return  # not a readable zip at all: openpyxl's refusal explains it
    with archive:
        members = archive.infolist()
        for info in members:
            if info.flag_bits & _ENCRYPTED:
                raise _refuse(
                    name,
                    "sebagian isinya dilindungi kata sandi. Buka di Excel, hapus kata sandinya, "
                    "lalu simpan ulang sebagai .xlsx.",
                )
            if info.compress_type not in _BOUNDED_METHODS:
                raise _refuse(
                    name,
                    "bagiannya dipadatkan dengan cara yang tidak dipakai Excel. Buka di Excel "
                    "lalu simpan ulang sebagai .xlsx.",
                )
        declared = sum(info.file_size for info in members)
        if declared > MAX_UNPACKED_BYTES:
            raise _too_big(name, "isinya lebih dari 200 MB bila dibuka")
        counter = _Counter()
        for info in members:
            if info.filename.lower().endswith((".xml", ".rels")):
                _scan_part(archive, info, name, counter)


class _Counter:
    """Totals over the whole workbook."""

    def __init__(self) -> None:
        self.cells = 0


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, totals: _Counter
) -> None:
    part = info.filename.lower()
    if part.endswith("sharedstrings.xml"):
        scanner: _Scanner = _SharedStrings(name)
    elif "worksheets/" in part:
        scanner = _Sheet(name, totals)
    else:
        scanner = _Part(name)
    try:
        with archive.open(info) as stream:
            scanner.feed_all(stream.read)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        # A checksum that fails after reading exactly the declared size: the part holds
        # something other than what the zip says (a bomb, or plain damage).
        raise _refuse(
            name,
            "isinya rusak (ukuran atau checksum bagian di dalamnya tidak cocok). Unduh ulang "
            "atau simpan ulang dari Excel sebagai .xlsx.",
        ) from None
    except RuntimeError:
        # zipfile's answer to a part it cannot open (encryption it did not announce).
        raise _refuse(
            name,
            "sebagian isinya dilindungi kata sandi atau rusak. Simpan ulang dari Excel sebagai "
            ".xlsx tanpa kata sandi.",
        ) from None
    except expat.ExpatError:
        return  # malformed XML: openpyxl refuses it with the usual message


class _Scanner(ABC):
    """Streams one XML part through expat and calls the subclass's counters.

    Text is counted per ``TEXT_SCOPE`` element when one is named (a shared string or a cell
    may be split into runs that openpyxl joins), else per element.
    """

    TEXT_SCOPE: str | None = None

    def __init__(self, name: str) -> None:
        self.name = name
        self.text_run = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.buffer_text = True

    def feed_all(self, read: Callable[[int], bytes]) -> None:
        while chunk := read(_CHUNK):
            self.parser.Parse(chunk, False)
        self.parser.Parse(b"", True)

    def _doctype(self, *_: object) -> None:
        raise _refuse(
            self.name,
            "berisi deklarasi DOCTYPE/ENTITY yang tidak pernah ditulis Excel. Buka di Excel "
            "lalu simpan ulang sebagai .xlsx.",
        )

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if self.TEXT_SCOPE is None or local == self.TEXT_SCOPE:
            self.text_run = 0
        self.element(local, attributes)

    def _end(self, _tag: str) -> None:
        if self.TEXT_SCOPE is None:
            self.text_run = 0

    def _text(self, data: str) -> None:
        self.text_run += len(data)
        if self.text_run > MAX_STRING_CHARS:
            raise _refuse(
                self.name,
                "ada sel berisi teks lebih dari 32.768 karakter, melebihi batas Excel sendiri. "
                "Pastikan berkas yang dipilih adalah daftar siswa.",
            )

    @abstractmethod
    def element(self, local: str, attributes: dict[str, str]) -> None:
        """Count one opening tag (``local`` is its name without namespace)."""


class _Part(_Scanner):
    """Styles, workbook, relationships…: openpyxl makes an object of nearly every element."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.elements = 0

    def element(self, local: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_PART_ELEMENTS:
            raise _too_big(self.name, "salah satu bagiannya (mis. gaya sel) terlalu besar")


class _SharedStrings(_Scanner):
    TEXT_SCOPE = "si"

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.strings = 0

    def element(self, local: str, attributes: dict[str, str]) -> None:
        if local == "si":
            self.strings += 1
            if self.strings > MAX_SHARED_STRINGS:
                raise _too_big(self.name, "berisi lebih dari 1.000.000 teks berbeda")


class _Sheet(_Scanner):
    """Counts cells and finds the rightmost cell that holds a value.

    A cell without an ``r`` reference follows the previous one, as openpyxl places it. Empty
    formatted cells right of the bound are allowed (Excel writes them for borders); a value
    there is refused rather than dropped unseen.
    """

    TEXT_SCOPE = "c"

    def __init__(self, name: str, totals: _Counter) -> None:
        super().__init__(name)
        self.totals = totals
        self.column = 0
        self.cell_reference = ""

    def element(self, local: str, attributes: dict[str, str]) -> None:
        if local == "row":
            self.column = 0
        elif local == "c":
            self.totals.cells += 1
            if self.totals.cells > MAX_CELLS:
                raise _too_big(self.name, "berisi lebih dari 2.000.000 sel")
            reference = attributes.get("r", "")
            match = _CELL_REF.match(reference)
            self.column = _column_number(match.group(1)) if match else self.column + 1
            self.cell_reference = reference
        elif local in ("v", "is", "f") and self.column > MAX_COLUMNS:
            where = f" (sel {self.cell_reference})" if self.cell_reference else ""
            raise _refuse(
                self.name,
                f"ada isi di kolom ke-{self.column}{where}; daftar siswa paling banyak "
                f"{MAX_COLUMNS} kolom. Hapus kolom yang tidak perlu, lalu simpan ulang.",
            )
