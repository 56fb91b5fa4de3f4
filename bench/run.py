"""The benchmark: check, build, floor and preview of synthetic chronicles.

    python -m bench.run                       N = 1,000 and 10,000, 3 runs each
    python -m bench.run --sizes 1000 --runs 1 --no-serve     a quick look

For each size it writes a synthetic chronicle (bench/synthetic.py) and
measures, each figure the median of ``--runs`` runs in fresh processes:

- ``chronicle check`` wall time, with its cache cold (removed first) and warm;
- the full ``mkdocs build --strict``: wall time, peak memory (max RSS of the
  process), output size, largest HTML page, search index size;
- the same for the floor (bench/measure.py: plain mkdocs-material, the same
  configuration without the chronicle plugin, building the Markdown the
  chronicle renders, written to disk);
- under ``mkdocs serve``: the time from saving an edit of one event
  to the rebuilt pages being served (the event's page, and the pages of its
  actors, locations, sources and chronicle month), polled over HTTP.

It prints each figure as it goes and writes the whole to ``bench/results.md``
(``--out``). Nothing is asserted: figures are for reading.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from importlib import metadata
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from bench.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TARGETS = {"check": 3.0, "ratio": 1.15, "scale": 11.0, "memory": 2048, "index": 10.0,
           "page": 1.0, "preview": 3.0}  # fmt: skip


def _run_measured(command: list[str]) -> tuple[float, float]:
    """Like _timed, but reads the child's own peak memory through wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{err.decode()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def _site_figures(site: Path) -> dict:
    total, largest, where = 0, 0, ""
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest:
                largest, where = size, path.relative_to(site).as_posix()
    index = site / "search" / "search_index.json"
    return {
        "output_mb": total / 1e6,
        "largest_kb": largest / 1e3,
        "largest_page": where,
        "index_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
        "pages": sum(1 for _ in site.rglob("index.html")),
    }


def _median(rows: list[dict]) -> dict:
    out = dict(rows[-1])
    for key, value in rows[0].items():
        if isinstance(value, float):
            out[key] = statistics.median(r[key] for r in rows)
    out["runs"] = [round(r["seconds"], 2) for r in rows]
    return out


def measure_check(content: Path, runs: int) -> dict:
    cache = Path(ENV["CHRONICLE_CACHE_DIR"])
    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(_run_measured([sys.executable, "-m", "generator.cli", "check", str(content)]))
        warm.append(_run_measured([sys.executable, "-m", "generator.cli", "check", str(content)]))
    return {
        "cold": statistics.median(s for s, _ in cold),
        "warm": statistics.median(s for s, _ in warm),
        "cold_runs": [round(s, 2) for s, _ in cold],
        "warm_runs": [round(s, 2) for s, _ in warm],
    }


def measure_builds(stages: dict[str, tuple[Path, Path]], runs: int) -> dict[str, dict]:
    """Each stage's build, the stages taking turns run by run, so that the machine's
    load at any moment weighs on all of them alike."""
    rows: dict[str, list] = {stage: [] for stage in stages}
    for _ in range(runs):
        for stage, (docs, site) in stages.items():
            shutil.rmtree(site, ignore_errors=True)
            seconds, peak = _run_measured(
                [sys.executable, "-m", "bench.measure", stage, str(docs), str(site)]
            )
            rows[stage].append({"seconds": seconds, "peak_mb": peak, **_site_figures(site)})
            print(f"    {stage} {seconds:7.1f} s  {peak:7.0f} MB", flush=True)
    return {stage: _median(found) for stage, found in rows.items()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


SHOWING = """
import json, sys
from pathlib import Path
from generator.content.index import build_chronicle
from generator.site.render import Renderer
chronicle = build_chronicle(Path(sys.argv[1]))
event = next(e for e in chronicle.events if e.src == sys.argv[2])
print(json.dumps(Renderer(chronicle).urls_showing(event)))
"""


def _pages_showing(content: Path, event_file: Path) -> list[str]:
    """The URLs of the pages that show an event, as the core computes them."""
    out = subprocess.run(
        [sys.executable, "-c", SHOWING, str(content), event_file.relative_to(content).as_posix()],
        cwd=ROOT, env=ENV, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def measure_serve(content: Path, edits: int) -> dict:
    """Seconds from saving an edit of one event to every page showing it served anew."""
    port = _free_port()
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # reads !ENV
    mount = urllib.parse.urlsplit(config.get("site_url") or "/").path.rstrip("/")
    base = f"http://127.0.0.1:{port}{mount}/"  # mkdocs serve mounts the site at site_url's path
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finally)
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.measure", "serve", str(content), str(port)],
        cwd=ROOT, env=ENV, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        events = sorted((content / "events").rglob("*.md"))
        event_file = events[len(events) // 2]
        urls = _pages_showing(content, event_file)
        start = time.perf_counter()
        while "Event" not in _get(base + urls[0]):
            if server.poll() is not None or time.perf_counter() - start > 1800:
                log.seek(0)
                sys.exit("mkdocs serve did not start:\n" + log.read().decode()[-3000:])
            time.sleep(1)
        first_build = time.perf_counter() - start
        time.sleep(3)  # let the watcher settle
        rows = []
        for n in range(edits):
            marker = f"edited{n}x{os.getpid()}"
            text = event_file.read_text(encoding="utf-8")
            text = re.sub(r"^title: (.*?)( edited\S*)?$", rf"title: \1 {marker}", text,
                          count=1, flags=re.MULTILINE)  # fmt: skip
            saved = time.perf_counter()
            event_file.write_text(text, encoding="utf-8")
            seen: dict[str, float] = {}
            while len(seen) < len(urls) and time.perf_counter() - saved < 600:
                for url in urls:
                    if url not in seen and marker in _get(base + url):
                        seen[url] = time.perf_counter() - saved
                time.sleep(0.05)
            if len(seen) < len(urls):
                sys.exit(f"pages not updated after an edit: {sorted(set(urls) - set(seen))}")
            rows.append({"event": seen[urls[0]], "all": max(seen.values())})
            print(f"    edit {n}: event page {rows[-1]['event']:.2f} s, "
                  f"all {len(urls)} pages {rows[-1]['all']:.2f} s", flush=True)  # fmt: skip
            time.sleep(2)
        return {
            "first_build": first_build,
            "pages": urls,
            "event": statistics.median(r["event"] for r in rows),
            "all": statistics.median(r["all"] for r in rows),
            "runs": [round(r["all"], 2) for r in rows],
        }
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 2**20:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "Markdown")
    )
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}; "
        f"CPython {platform.python_version()}, {versions}"
    )


def _commit() -> str:
    """The checkout's commit, and whether it has changes of its own."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" with uncommitted changes" if changed.strip() else "")


def report(results: dict, sizes: list[int], runs: int) -> str:
    load = results["load"]
    lines = [
        "# Benchmark results",
        "",
        (
            f"Measured {results['date']} at commit {results.get('commit', 'unknown')} by "
            "`python -m bench.run` (from a fresh clone: `python3 -m venv .venv && "
            ".venv/bin/pip install -c constraints.txt -e . && .venv/bin/python -m bench.run`; "
            "about half an hour to an hour on this machine)."
        ),
        "",
        f"Machine: {results['machine']}.",
        (
            f"The machine is shared with other engineers' work: load average {load[0]} at "
            f"the start and {load[1]} at the end of the run, so figures carry that noise; "
            f"each is the median of {runs} runs (every run listed)."
        ),
        "",
        "| figure | target | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |",
    ]

    def safe(cell, r: dict) -> str:
        try:
            return cell(r)
        except KeyError:
            return "not measured"

    def row(name: str, target: str, cell) -> None:
        cells = " | ".join(safe(cell, results[n]) for n in sizes)
        lines.append(f"| {name} | {target} | {cells} |")

    row("`chronicle check`, cache cold", "", lambda r: f"{r['check']['cold']:.2f} s")
    row("`chronicle check`, cache warm", "≤ 3 s at 10k", lambda r: f"{r['check']['warm']:.2f} s")
    row("`mkdocs build` wall", "", lambda r: f"{r['build']['seconds']:.1f} s")
    row("floor wall", "", lambda r: f"{r['floor']['seconds']:.1f} s")
    row("build / floor", "≤ 1.15", lambda r: f"{r['build']['seconds'] / r['floor']['seconds']:.2f}")
    row("build peak memory", "≤ 2 GB", lambda r: f"{r['build']['peak_mb']:.0f} MB")
    row("floor peak memory", "", lambda r: f"{r['floor']['peak_mb']:.0f} MB")
    row("build output", "", lambda r: f"{r['build']['output_mb']:.0f} MB")
    row("floor output", "", lambda r: f"{r['floor']['output_mb']:.0f} MB")
    row("pages (build)", "", lambda r: f"{r['build']['pages']:,}")
    row("largest HTML page", "≤ 1 MB",
        lambda r: f"{r['build']['largest_kb']:.0f} KB (`{r['build']['largest_page']}`)")  # fmt: skip
    row("largest HTML page (floor)", "", lambda r: f"{r['floor']['largest_kb']:.0f} KB")
    row("search index", "≤ 10 MB at 10k", lambda r: f"{r['build']['index_mb']:.1f} MB")
    row("search index (floor)", "", lambda r: f"{r['floor']['index_mb']:.1f} MB")
    if any("serve" in results[n] for n in sizes):
        row("edit saved → event page served (`mkdocs serve`)", "",
            lambda r: f"{r['serve']['event']:.2f} s")  # fmt: skip
        row("edit saved → every page showing it served", "≤ 3 s",
            lambda r: f"{r['serve']['all']:.2f} s")  # fmt: skip
    if len(sizes) > 1 and all(k in results[n] for n in sizes for k in ("build", "floor", "check")):
        small, big = results[sizes[0]], results[sizes[-1]]
        lines += [
            "",
            (
                f"t({sizes[-1]:,}) / t({sizes[0]:,}) "
                f"(target ≤ {sizes[-1] / sizes[0] * 1.1:.0f}): "
                f"build {big['build']['seconds'] / small['build']['seconds']:.1f}, "
                f"floor {big['floor']['seconds'] / small['floor']['seconds']:.1f}, "
                f"check (cold) {big['check']['cold'] / small['check']['cold']:.1f}."
            ),
        ]
    lines += ["", "What the figures mean, and where the time goes: [README.md](README.md).",
              "", "Every run, in seconds:", ""]  # fmt: skip
    for n in sizes:
        r = results[n]
        parts = []
        if "check" in r:
            parts.append(f"check cold {r['check']['cold_runs']}, warm {r['check']['warm_runs']}")
        for stage in ("build", "floor"):
            if stage in r:
                parts.append(f"{stage} {r[stage]['runs']}")
        lines.append(f"- N = {n:,}: " + "; ".join(parts) + _serve_note(r) + ".")
    return "\n".join(lines) + "\n"


def _serve_note(r: dict) -> str:
    if "serve" not in r:
        return ""
    s = r["serve"]
    return (
        f"; edit → every page {s['runs']} (first serve build {s['first_build']:.0f} s, "
        f"{len(s['pages'])} pages polled)"
    )


STAGES = ("check", "build", "floor", "serve")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--stages", nargs="+", choices=STAGES, default=list(STAGES),
        help="measure only these; the others are kept from bench/results.json",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    saved = args.out.with_suffix(".json")
    results: dict = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}
    results.update(
        date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        commit=_commit(),
    )
    start_load = os.getloadavg()[0]
    work = args.keep or Path(tempfile.mkdtemp(prefix="chronicle-bench-"))
    ENV["CHRONICLE_CACHE_DIR"] = str(work / "cache")
    try:
        for size in args.sizes:
            print(f"N = {size:,}", flush=True)
            content = generate(work / f"content-{size}", size)
            r = results.setdefault(str(size), {})
            if "check" in args.stages:
                r["check"] = measure_check(content, args.runs)
                print(f"  check: cold {r['check']['cold']:.2f} s, warm {r['check']['warm']:.2f} s")
            builds = {}
            if "build" in args.stages:
                builds["build"] = (content, work / f"site-{size}")
            if "floor" in args.stages:
                docs = work / f"floor-docs-{size}"
                subprocess.run([sys.executable, "-m", "bench.measure", "pages", str(content),
                                str(docs)], cwd=ROOT, env=ENV, check=True)  # fmt: skip
                builds["floor"] = (docs, work / f"floor-site-{size}")
            r.update(measure_builds(builds, args.runs))
            if "serve" in args.stages:
                r["serve"] = measure_serve(content, args.runs)
            saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["load"] = (f"{start_load:.1f}", f"{os.getloadavg()[0]:.1f}")
    saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
    sizes = sorted(int(n) for n in results if n.isdigit())
    text = report({**results, **{n: results[str(n)] for n in sizes}}, sizes, args.runs)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
