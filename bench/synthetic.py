"""Write a synthetic chronicle of N events, for benchmarks.

The content is valid and shaped like the real one: events spread over years
in year folders, several actors, locations and sources each, claims with
figures (some disputed, some superseded) and accounts, footnote citations.
It is generated from a fixed seed, so a size always gives the same files.

    python -m bench.synthetic 2000 /tmp/chronicle-2000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

TYPES = ("battles", "explosions-remote-violence", "violence-against-civilians",
         "protests", "riots", "strategic-developments")  # fmt: skip
KINDS = ("state force", "rebel group", "jihadist group", "militia", "media", "other")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, events: int, seed: int = 1) -> Path:
    """Write the chronicle under ``root`` and return it."""
    rng = random.Random(seed)
    actors, locations = max(10, events // 40), max(10, events // 20)
    sources = max(10, events * 3 // 20)
    _write(root / "index.md", "# Synthetic chronicle\n\nA generated chronicle for benchmarks.\n")
    _write(root / "about.md", "# About\n\n## Disputes {#disputes}\n\nGenerated.\n")
    for i in range(actors):
        _write(
            root / "actors" / f"actor-{i}.md",
            f"---\nname: Actor {i}\naliases: [A{i}, Актор {i}, الفاعل {i}]\n"
            f"kind: {KINDS[i % len(KINDS)]}\n"
            + (f"affiliated_with: [actor-{i - 1}]\n" if i % 5 else "")
            + "---\nA generated actor.\n",
        )
    for i in range(locations):
        coords = f"lat: {10 + i % 10}.5\nlon: {-5 + i % 8}.25\n" if i % 3 else ""
        _write(
            root / "locations" / f"place-{i}.md",
            f"---\nname: Place {i}\naliases: [Lieu {i}]\nregion: Region {i % 8}\n"
            f"country: ML\n{coords}---\nA generated place.\n",
        )
    for i in range(sources):
        _write(
            root / "sources" / f"source-{i}.md",
            f"---\npublisher: Publisher {i % 25}\ntitle: Report {i}\ntitle_en: Report {i}\n"
            f"date: {2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}\nlanguage: en\n"
            f"kind: newspaper\nurl: https://example.org/report/{i}\n---\nA generated report.\n",
        )
    for i in range(events):
        year, month, day = 2020 + i * 6 // events, 1 + i % 12, 1 + i % 28
        ident = f"{year}-{month:02d}-{day:02d}-event-{i}"
        srcs = sorted({f"source-{rng.randrange(sources)}" for _ in range(rng.randint(1, 3))})
        acts = sorted({f"actor-{rng.randrange(actors)}" for _ in range(rng.randint(1, 3))})
        locs = sorted({f"place-{rng.randrange(locations)}" for _ in range(rng.randint(1, 2))})
        claims = []
        for j in range(rng.randint(0, 6)):
            figure = rng.choice(["6", "7", "80+", "<100", "25-82", "dozens", "12"])
            claims.append(
                f"  - about: {'People killed' if j % 2 else 'Who holds the town'}\n"
                f"    by: {rng.choice(acts)}\n"
                f"    says: Claim {j} about event {i}.\n"
                + (f"    figure: '{figure}'\n    of: soldiers\n" if j % 2 else "")
                + f"    source: {rng.choice(srcs)}\n    date: {year}-{month:02d}\n"
            )
        _write(
            root / "events" / str(year) / f"{ident}.md",
            f"---\ntitle: Event {i}\nsummary: Something happened at event {i}.\n"
            f"date: {year}-{month:02d}-{day:02d}\ntype: {TYPES[i % len(TYPES)]}\n"
            f"actors: [{', '.join(acts)}]\nlocations: [{', '.join(locs)}]\n"
            f"sources: [{', '.join(srcs)}]\n"
            + (("claims:\n" + "".join(claims)) if claims else "")
            + f"---\nA paragraph about event {i}[^{srcs[0]}].\n\n"
            f"Another paragraph, with *emphasis* and a [link](https://example.org/{i}).\n",
        )
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[2]), int(sys.argv[1]))
