"""Run every ``benchmarks/figures_*.py`` and print each figure beside its floor.

    python benchmarks/run.py [--quick] [--json PATH]

Each module has ``measure(*, quick: bool = False)`` returning ``{name: {"value", "unit",
"floor", "ratio"}}``; ``floor`` and ``ratio`` are ``None`` for figures measured on their own.
The floor is measured in the same run, on the same machine, so the ratio is what to compare
across machines. Goals are printed for reference; nothing here passes or fails on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
KEYS = ("value", "unit", "floor", "ratio")
GOALS = {
    "encrypted_vs_plain": 1.25,
    "startup_to_first_window": 1.3,
    "unlock_to_main_window": 3.0,
    "peak_memory_5y": 2.0,
    "calendar_week_5y": 2.0,
    "dashboard_5y": 3.0,
    "dashboard_5y_kepala": 3.0,
    "pdf_session_summary": 2.0,
    # pdf_period_report_1000's bar is absolute (under 2 s, issue 16); its ratio to the bare
    # one-page document is printed for comparison across machines, with no goal of its own.
}


def discover() -> list[Path]:
    return sorted(HERE.glob("figures_*.py"))


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bk_benchmarks_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(module: ModuleType, *, quick: bool) -> dict[str, dict[str, Any]]:
    function = module.measure
    if "quick" in inspect.signature(function).parameters:
        figures = function(quick=quick)
    else:
        figures = function()
    checked: dict[str, dict[str, Any]] = {}
    for name, figure in figures.items():
        missing = [k for k in KEYS if k not in figure]
        if missing:
            raise ValueError(f"figure {name!r} lacks {missing}")
        checked[name] = {k: figure[k] for k in KEYS}
    return checked


def _number(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"
    if isinstance(value, float):
        return f"{value:.3f}{(' ' + unit) if unit else ''}"
    return f"{value}{(' ' + unit) if unit else ''}"


def table(figures: dict[str, dict[str, Any]]) -> str:
    rows = [("figure", "value", "floor", "ratio", "goal")]
    for name, f in figures.items():
        goal = GOALS.get(name)
        rows.append(
            (
                name,
                _number(f["value"], f["unit"]),
                _number(f["floor"], f["unit"]),
                "-" if f["ratio"] is None else f"{f['ratio']:.2f}",
                "-" if goal is None else f"<= {goal:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))

    figures: dict[str, dict[str, Any]] = {}
    failed = []
    for path in discover():
        start = time.perf_counter()
        print(f"measuring {path.stem} ...", file=sys.stderr, flush=True)
        try:
            figures.update(measure(load(path), quick=args.quick))
        except Exception:
            failed.append(path.stem)
            traceback.print_exc()
            continue
        print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)

    print(table(figures))
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
