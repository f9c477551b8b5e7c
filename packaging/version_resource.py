"""The Windows version resource of the executables, made from ``bk_desktop.__version__``.

Explorer's "Details" tab and the school's antivirus read these fields; a program without them
looks more suspicious than one with them. The file is PyInstaller's text form of the resource
(a Python expression of its ``versioninfo`` classes). PyInstaller reads it only when it builds
a Windows executable, and its reader needs ``pefile``, which is installed only on Windows; so
here the text is always parsed and checked with ``ast``, and where PyInstaller's reader is
available (Windows) it is also loaded the way the build will load it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

# Indonesian (0x0421) strings in UTF-16 (code page 1200 = 0x04B0).
LANGUAGE = 0x0421
CODEPAGE = 1200
PRODUCT = "bk-desktop"
DESCRIPTION = "bk-desktop — program ruang BK"

_TEMPLATE = """\
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('{table}', [
{strings}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [{language}, {codepage}])])
  ]
)
"""


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` → ``(0, 1, 0, 0)``: Windows wants four numbers; a suffix (rc1) is dropped."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"the version {version!r} does not start with a number")
    numbers = [int(part or 0) for part in match.groups()]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_text(version: str) -> str:
    fields = {
        "CompanyName": PRODUCT,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT,
        "OriginalFilename": f"{PRODUCT}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    strings = ",\n".join(
        f"        StringStruct({key!r}, {value!r})" for key, value in fields.items()
    )
    return _TEMPLATE.format(
        numbers=numeric_version(version),
        table=f"{LANGUAGE:04X}{CODEPAGE:04X}",
        strings=strings,
        language=LANGUAGE,
        codepage=CODEPAGE,
    )


def check_version_text(text: str, version: str) -> None:
    """Refuse a resource that is not one expression naming ``version`` in both forms."""
    call = ast.parse(text, mode="eval").body
    if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "VSVersionInfo"):
        raise ValueError("the version resource is not a VSVersionInfo(...) expression")
    if str(numeric_version(version)) not in text or repr(version) not in text:
        raise ValueError(f"the version resource does not name version {version}")


def write_version_file(version: str, path: Path) -> Path:
    """Write the resource for ``version`` to ``path`` after checking it; returns ``path``."""
    text = version_text(version)
    check_version_text(text, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        from PyInstaller.utils.win32.versioninfo import (  # noqa: PLC0415
            load_version_info_from_text_file,
        )
    except ImportError:  # not Windows: no pefile, and PyInstaller will not read the file
        return path
    load_version_info_from_text_file(str(path)).toRaw()  # exactly what the build will do
    return path
