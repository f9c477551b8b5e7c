"""A smaller ICU data library for the Linux bundle: Indonesian and English only.

Qt for Linux links ICU, and ``libicudata.so`` (32 MB, a fifth of the whole folder) holds the
data for every language on earth: word-break dictionaries for Chinese, Khmer and Thai, legacy
code pages, transliteration, and names of units, currencies and zones in 800 locales. The
program speaks Indonesian and English and reads its files through Python, so the library is
rebuilt with the locale data of ``root``, ``en*``, ``id*`` (and ``in*``, Indonesian's old code)
and everything that is not per-locale (collation root, normalisation, properties, break rules).
A locale that is missing falls back to ``root``, as ICU always does.

Windows needs none of this: there Qt uses the ICU that comes with Windows.

Tools: ``icupkg`` (Debian ``icu-devtools``) edits the data package, binutils read the
original library and ``gcc`` assembles the new one. Called by ``bk-desktop.spec``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEPT_LANGUAGES = ("root", "en", "id", "in")
_LOCALE = re.compile(r"^(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9]*)*\.res$")  # de_.res too
_TOOLS = {
    "icupkg": "icu-devtools",
    "nm": "binutils",
    "objdump": "binutils",
    "objcopy": "binutils",
    "gcc": "gcc",
}


class MissingTool(RuntimeError):
    """A build tool is not installed; the message names the Debian packages."""


def _run(*args: str) -> str:
    done = subprocess.run(args, check=True, capture_output=True, text=True)  # noqa: S603
    return done.stdout


def removable(item: str) -> bool:
    """Whether a data item (``coll/zh.res``, ``brkitr/cjdict.dict``, ``ibm-943.cnv``) can go."""
    name = item.rsplit("/", 1)[-1]
    tree = item.rsplit("/", 1)[0] if "/" in item else ""
    if tree == "translit" or name.endswith((".dict", ".cnv")):
        return True
    match = _LOCALE.match(name)
    return match is not None and match["language"] not in KEPT_LANGUAGES


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, address, size) of the one exported ``icudtNN_dat`` symbol."""
    for line in _run("nm", "-D", "-S", "--defined-only", str(library)).splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            return parts[3], int(parts[0], 16), int(parts[1], 16)
    raise ValueError(f"{library} exports no icudtNN_dat symbol")


def _rodata_address(library: Path) -> int:
    for line in _run("objdump", "-h", str(library)).splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1] == ".rodata":
            return int(parts[3], 16)
    raise ValueError(f"{library} has no .rodata section")


def _remove_items(listing: Path, full: Path, small: Path) -> None:
    """``icupkg -r``, refusing every broken dependency except on a word-break dictionary.

    The root break rules name the Thai, Lao, Khmer, Burmese and CJK dictionaries; without them
    ICU simply does not split words of those scripts (Qt breaks lines with its own tables).
    """
    args = ["icupkg", "-r", str(listing), str(full), str(small)]
    first = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    if first.returncode == 0:
        return
    missing = re.findall(r"depends on missing item (\S+)", first.stderr)
    if not missing or not all(item.endswith(".dict") for item in missing):
        raise RuntimeError(f"icupkg refused to trim ICU's data:\n{first.stderr}")
    _run(*args[:1], "--ignore-deps", *args[1:])


def trim_icu_library(library: Path, workdir: Path) -> Path:
    """Write a trimmed copy of ``library`` (same soname and symbol) into ``workdir``."""
    missing = [f"{tool} ({package})" for tool, package in _TOOLS.items() if not shutil.which(tool)]
    if missing:
        raise MissingTool(
            "Making the small ICU library needs: "
            + ", ".join(missing)
            + ". On Debian: apt-get install icu-devtools binutils gcc"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    symbol, address, size = _data_symbol(library)
    rodata = workdir / "rodata.bin"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(rodata))
    start = address - _rodata_address(library)
    full = workdir / f"{symbol.removesuffix('_dat')}l.dat"
    full.write_bytes(rodata.read_bytes()[start : start + size])
    items = _run("icupkg", "-l", str(full)).split()
    remove = [item for item in items if removable(item)]
    listing = workdir / "remove.txt"
    listing.write_text("\n".join(remove) + "\n", encoding="ascii")
    # Same file name in another folder: icupkg names the package's items after the output
    # file (icudt73l/coll/…), and ICU finds nothing under any other name.
    small = workdir / "small" / full.name
    small.parent.mkdir(exist_ok=True)
    small.unlink(missing_ok=True)
    _remove_items(listing, full, small)
    source = workdir / "icudata.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{small}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    out = workdir / library.name
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(out), str(source))
    return out
