"""Benchmarks: check, render and build synthetic chronicles of growing size.

    python -m bench.run [SIZES...]        (default: 200 1000 2000)

Each stage runs in a fresh process (bench/measure.py), so peak memory is its
own. Prints a table; nothing here is asserted: figures are for reading.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run(sizes: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            content = generate(Path(tmp) / f"content-{size}", size)
            site = Path(tmp) / f"site-{size}"
            for stage in ("check", "render", "build"):
                out = subprocess.run(
                    [sys.executable, "-m", "bench.measure", stage, str(content), str(site)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                row["events"] = size
                if stage == "build":
                    row["site_mb"] = round(_size_mb(site), 1)
                rows.append(row)
                print(_line(row), flush=True)
    return rows


def _line(row: dict) -> str:
    extra = (
        f"  {row['count']:>6} pages  {row['site_mb']:>7.1f} MB written" if "site_mb" in row else ""
    )
    return (
        f"{row['events']:>6} events  {row['stage']:<7} {row['seconds']:>7.2f} s  "
        f"{row['peak_mb']:>7.1f} MB peak{extra}"
    )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [200, 1000, 2000]
    print(f"{'':>6} {'':7} {'stage':<7} {'wall':>9}  {'memory':>12}")
    run(sizes)
