"""The cost of the entries' history (generator/content/history.py) at N events.

    python -m bench.history                 # N = 10,000, 1,000 commits of 5 edits each
    python -m bench.history 1000 --commits 200 --runs 3

Writes the synthetic chronicle (bench/synthetic.py) into a new repository in a
scratch folder with ``git fast-import`` (one commit adding every file, then
``--commits`` commits each changing the figure of ``--edits`` events, every
tenth of them also moving one event into another folder, as a rename), then
reads its history ``--runs`` times cold (no cache: every version parsed once)
and ``--runs`` times warm (the versions' cache of the run before kept), each in
a fresh process, and prints the median wall time and the peak memory (max RSS)
of ``read_history``: one ``git log`` and one ``git cat-file --batch`` over the
whole history. Figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import generate

FIGURE = re.compile(rb"figure: (\d+)")


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def make_repository(top: Path, events: int, commits: int, edits: int, seed: int = 1) -> int:
    """The synthetic chronicle as a repository with a history; returns its commits."""
    content = top / "content"
    generate(content, events, seed)
    files = {p.relative_to(top).as_posix(): p.read_bytes() for p in sorted(content.rglob("*.md"))}
    rng = random.Random(seed)
    out = bytearray()
    when = 1_700_000_000

    def commit(message: str, changes: list[bytes]) -> None:
        nonlocal when
        when += 3600
        out.extend(b"commit refs/heads/main\n")
        out.extend(b"committer Bench <bench@example.org> %d +0000\n" % when)
        out.extend(_data(message.encode()))
        for change in changes:
            out.extend(change)

    commit("The synthetic chronicle", [b"M 100644 inline " + path.encode() + b"\n" + _data(text)
                                       for path, text in files.items()])  # fmt: skip
    events_paths = [p for p in files if p.startswith("content/events/")]
    for n in range(commits):
        changes = []
        for path in rng.sample(events_paths, edits):
            text = files[path]
            found = FIGURE.search(text)
            if found is None:
                text += b"\nEdited.\n"
            else:
                figure = int(found.group(1)) + 1
                text = text[: found.start(1)] + str(figure).encode() + text[found.end(1) :]
            files[path] = text
            changes.append(b"M 100644 inline " + path.encode() + b"\n" + _data(text))
        if n % 10 == 9:
            old = rng.choice(events_paths)
            new = "content/events/moved/" + old.rsplit("/", 1)[1]
            if new not in files:
                files[new] = files.pop(old)
                events_paths[events_paths.index(old)] = new
                changes.append(b"R " + old.encode() + b" " + new.encode() + b"\n")
        trailer = "\n\nCorrection: a figure was wrong" if n % 7 == 0 else ""
        commit(f"Edit {n}{trailer}", changes)
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=top, input=bytes(out), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=top, check=True)
    return commits + 1


def measure_once(content: Path, cache: Path) -> dict:
    """Run read_history in a fresh process: its seconds, peak MB and what it found."""
    script = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from generator.content.history import read_history\n"
        "start = time.perf_counter()\n"
        "h = read_history(Path(sys.argv[1]))\n"
        "seconds = time.perf_counter() - start\n"
        "own = resource.getrusage(resource.RUSAGE_SELF)\n"
        "git = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "peak = own.ru_maxrss / 1024\n"
        "cpu = own.ru_utime + own.ru_stime + git.ru_utime + git.ru_stime\n"
        "print(json.dumps({'seconds': seconds, 'cpu': cpu, 'peak_mb': peak, 'note': h.note,"
        " 'entries': len(h.revisions), 'records': len(h.records)}))\n"
    )
    import json

    done = subprocess.run(
        [sys.executable, "-c", script, str(content)],
        capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "CHRONICLE_CACHE_DIR": str(cache), "CHRONICLE_CACHE": "1"},
    )  # fmt: skip
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, nargs="?", default=10_000)
    parser.add_argument("--commits", type=int, default=1_000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as scratch:
        top = Path(scratch) / "repo"
        start = time.perf_counter()
        count = make_repository(top, args.events, args.commits, args.edits)
        made = time.perf_counter() - start
        print(f"repository: {args.events:,} events, {count:,} commits, made in {made:.1f} s")
        cache = Path(scratch) / "cache"
        figures = {}
        for state in ("cold", "warm"):
            rows = []
            for _ in range(args.runs):
                if state == "cold":
                    shutil.rmtree(cache, ignore_errors=True)  # every version parsed
                else:
                    measure_once(top / "content", cache)  # the cache written, then timed
                row = measure_once(top / "content", cache)
                rows.append(row)
                print(f"  {state} read_history {row['seconds']:6.2f} s wall, {row['cpu']:6.2f} s "
                      f"CPU (with git's), {row['peak_mb']:6.0f} MB", flush=True)  # fmt: skip
            figures[state] = (statistics.median(r["seconds"] for r in rows),
                              statistics.median(r["peak_mb"] for r in rows),
                              statistics.median(r["cpu"] for r in rows))  # fmt: skip
        last = rows[-1]
        print(
            f"history of {last['entries']:,} entries ({last['records']:,} revisions, "
            f"{count:,} commits), median of {args.runs}: "
            f"cold {figures['cold'][0]:.2f} s wall ({figures['cold'][2]:.2f} s CPU), "
            f"{figures['cold'][1]:.0f} MB peak; warm (the versions' cache kept) "
            f"{figures['warm'][0]:.2f} s wall ({figures['warm'][2]:.2f} s CPU), "
            f"{figures['warm'][1]:.0f} MB peak"
        )


if __name__ == "__main__":
    main()
