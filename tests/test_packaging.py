"""The cheap parts of packaging: the smoke-test hook, the version resource, the ICU trim rules.

The frozen build itself is checked by ``packaging/build.py`` in CI, not here: it takes half a
minute and needs PyInstaller.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bk_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Kopi-Pagi-Bontang-2026"


def _packaging_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _program(tmp_path: Path, *args: str, lines: int = 0, smoke: bool = False) -> str:
    env = {
        **os.environ,
        "BK_DESKTOP_KDF_TARGET": "0.01",
        "BK_DESKTOP_LOG_DIR": str(tmp_path / "logs"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT / "src"),
    }
    if smoke:
        env["BK_DESKTOP_SMOKE_TEST"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "bk_desktop", "--data-dir", str(tmp_path / "data"), *args],
        input=f"{PASSWORD}\n" * lines,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_smoke_hook_names_the_unlock_dialog_and_closes_it(tmp_path: Path) -> None:
    _program(tmp_path, "init", "--account", "Sari Wulandari", lines=2)
    assert _program(tmp_path, smoke=True).strip() == "smoke: dialog=unlockDialog icon=ok"


@pytest.mark.slow
def test_the_smoke_hook_names_the_setup_wizard_when_there_is_no_vault(tmp_path: Path) -> None:
    assert _program(tmp_path, smoke=True).strip() == "smoke: dialog=setupWizard icon=ok"
    assert not (tmp_path / "data" / "bk-desktop.vault").exists()


def test_the_version_resource_names_the_package_version() -> None:
    resource = _packaging_module("version_resource")
    text = resource.version_text(__version__)
    resource.check_version_text(text, __version__)
    assert resource.numeric_version("1.2") == (1, 2, 0, 0)
    assert resource.numeric_version("0.3.1rc2") == (0, 3, 1, 0)
    with pytest.raises(ValueError, match="does not name version"):
        resource.check_version_text(text, "9.9.9")


@pytest.mark.parametrize(
    ("item", "removed"),
    [
        ("coll/zh.res", True),
        ("coll/de_.res", True),
        ("lang/fr_CA.res", True),
        ("brkitr/cjdict.dict", True),
        ("ibm-943_P15A-2003.cnv", True),
        ("translit/root.res", True),
        ("coll/root.res", False),
        ("coll/id.res", False),
        ("coll/ucadata.icu", False),
        ("en_GB.res", False),
        ("zone/id_ID.res", False),
        ("in.res", False),
        ("pool.res", False),
        ("supplementalData.res", False),
        ("brkitr/word.brk", False),
        ("nfc.nrm", False),
    ],
)
def test_icu_keeps_indonesian_english_and_shared_data(item: str, removed: bool) -> None:
    assert _packaging_module("trim_icu").removable(item) is removed


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("screenshots", "main"),
        ("make_icons", "main"),
        ("build", "main"),
        ("trim_icu", "trim_icu_library"),
        ("version_resource", "write_version_file"),
    ],
)
def test_every_packaging_script_imports_against_todays_code(name: str, entry: str) -> None:
    """The scripts run only in CI's build step or by hand; an import they lost (a module moved
    in the program) must fail here, with the rest of the suite."""
    module = _packaging_module(name)
    assert callable(getattr(module, entry, None))


def test_the_build_checks_that_printing_is_bundled(tmp_path: Path) -> None:
    """PDFium is opened by name at run time, so only a look into the folder shows it is there."""
    build = _packaging_module("build")
    folder = tmp_path / "bk-desktop"
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    assert build.missing_parts(folder, linux=True) == [
        "PDFium",
        "QtPrintSupport",
        "Qt's CUPS plugin",
    ]
    (folder / "_internal" / "pypdfium2_raw").mkdir()
    (folder / "_internal" / "pypdfium2_raw" / "pdfium.dll").write_bytes(b"")
    (folder / "_internal" / "PySide6" / "QtPrintSupport.pyd").write_bytes(b"")
    assert build.missing_parts(folder, linux=False) == []
    assert build.missing_parts(folder, linux=True) == ["Qt's CUPS plugin"]
    plugins = folder / "_internal" / "PySide6" / "Qt" / "plugins" / "printsupport"
    plugins.mkdir(parents=True)
    (plugins / "libcupsprintersupport.so").write_bytes(b"")
    assert build.missing_parts(folder, linux=True) == []


def test_the_spec_bundles_printing_and_keeps_pdfium_past_the_link_trimming() -> None:
    spec = (ROOT / "packaging" / "bk-desktop.spec").read_text(encoding="utf-8")
    assert '"PySide6.QtPrintSupport"' not in spec
    assert 'LOADED_BY_NAME = ("pypdfium2_raw/",)' in spec
