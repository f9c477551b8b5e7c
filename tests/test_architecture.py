"""The dependency rule of docs/architecture.md, checked by reading every import."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bk_desktop"

# layer -> project layers it may import
# ``files`` is neutral: the shipped resources and the atomic file write, usable from anywhere.
ALLOWED: dict[str, set[str]] = {
    "files": {"files"},
    "domain": {"domain", "files"},
    "storage": {"storage", "domain", "files"},
    "reports": {"reports", "domain", "files"},
    "importers": {"importers", "domain", "files"},
    "services": {"services", "domain", "storage", "reports", "importers", "files"},
    "ui": {"ui", "services", "domain", "files"},
    # The command line is an entry point beside ``app``: it works through services, names the
    # vault's files (``VaultPaths``) and catches storage's typed errors as ``app`` does, writes
    # the log (``logs``) and hands the window to ``app``, which it imports only then.
    "cli": {"cli", "services", "domain", "storage", "files", "logs", "app"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_pyside6_is_imported_only_in_ui_and_app() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if _layer(path) not in {"ui", "app"}
        for name in _imports(path)
        if name.split(".")[0] == "PySide6"
    ]
    assert offenders == []


def test_layers_import_only_downwards() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        if layer not in ALLOWED:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "bk_desktop" and len(parts) > 1 and parts[1] not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_check_sees_every_layer() -> None:
    layers = {_layer(p) for p in PACKAGE.rglob("*.py")}
    assert set(ALLOWED) <= layers


def _walks_up(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        (isinstance(node, ast.Name) and node.id == "__file__")
        or (isinstance(node, ast.Constant) and node.value == "_MEIPASS")
        for node in ast.walk(tree)
    )


def test_nothing_finds_files_by_walking_up_from_its_source() -> None:
    """Shipped files are package data found through ``files.resources``, never via a checkout."""
    offenders = [
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if _walks_up(path)
    ]
    assert offenders == []
