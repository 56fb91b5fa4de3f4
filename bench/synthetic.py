"""Write a synthetic chronicle of N events, for benchmarks.

The content is valid, in the real format, and has the real shape:

- N events over 15 years (2012-2026), in year folders;
- about N/30 actors, N/10 locations and N/2 sources;
- 1-4 actors, 1-2 locations and 1-4 sources an event, and a few actors
  (``BUSY``) present in a third of all events each, as the army and the
  main armed groups are in a real chronicle;
- 0-6 claims an event, on topics of which a third are disputed (figures of
  two claimants that do not overlap) and the rest agree (one claim, one
  claimant, or overlapping figures);
- bodies of 150-600 words in paragraphs, each paragraph ending in a footnote
  citation of one of the event's sources;
- aliases of actors and locations in Latin, Cyrillic and Arabic script.

It is generated from a fixed seed, so a size always gives the same files.

    python -m bench.synthetic 2000 /tmp/chronicle-2000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

FIRST_YEAR, YEARS = 2012, 15
BUSY = 3  # actors each present in a third of all events
TYPES = ("battles", "explosions-remote-violence", "violence-against-civilians",
         "protests", "riots", "strategic-developments")  # fmt: skip
KINDS = (
    "state forces",
    "rebel group",
    "political militia",
    "external/other forces",
    "government body",
    "person",
)
SOURCE_KINDS = ("news agency", "newspaper", "broadcaster", "official statement")
LANGUAGES = ("en", "fr", "ru", "uk", "ar")
TOPICS = ("People killed", "Soldiers killed", "Civilians killed", "People displaced",
          "Vehicles destroyed", "Fighters captured", "Who controls the town")  # fmt: skip
OF = ("soldiers", "civilians", "fighters", "people", "vehicles")
FREE_CLAIMANTS = ("A local official", "Residents speaking to reporters", "A hospital source",
                  "The regional governor", "A humanitarian agency")  # fmt: skip
_VOCABULARY = (
    "army patrol convoy attack village market road town fighters soldiers civilians "
    "residents officials report reports said claimed according statement morning night "
    "district region border checkpoint vehicles drone strike ambush clashes killed wounded "
    "displaced fled returned control positions base camp north south east west river "
    "desert forces group armed local regional national government junta rebels militia "
    "witnesses hospital mayor elders week month later earlier several dozens hundreds "
    "the a of in on at by with from and but while after before during against toward"
)
WORDS = tuple(_VOCABULARY.split())
# Latin, Cyrillic and Arabic forms, combined with a number so every alias is distinct.
ALIAS_FORMS = (("Group", "Группа", "مجموعة"), ("Front", "Фронт", "جبهة"),
               ("Movement", "Движение", "حركة"))  # fmt: skip
PLACE_FORMS = (("Town", "Город", "مدينة"), ("Village", "Село", "قرية"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _body(rng: random.Random, i: int, sources: list[str]) -> str:
    """150-600 words in paragraphs of 40-110, each ending with a footnote citation."""
    target, paragraphs, total = rng.randint(150, 600), [], 0
    while total < target:
        length = min(rng.randint(40, 110), max(target - total, 20))
        words: list[str] = []
        while len(words) < length:
            words += _sentence(rng).split()
        text = " ".join(words[:length]).rstrip(".") + "."
        if not paragraphs:
            text = f"Event {i}: " + text
        if len(paragraphs) % 2:
            text = text.replace(" report ", " *report* ", 1)
        paragraphs.append(f"{text}[^{rng.choice(sources)}]")
        total += length
    return "\n\n".join(paragraphs) + "\n"


def _claims(rng: random.Random, i: int, date: str, acts: list[str], srcs: list[str]) -> str:
    count = rng.randint(0, 6)
    out, topics = [], rng.sample(TOPICS, k=min(len(TOPICS), max(1, (count + 1) // 2)))
    claimants = acts + list(FREE_CLAIMANTS)
    left = count
    for t, topic in enumerate(topics):
        if left <= 0:
            break
        size = left if t == len(topics) - 1 else min(left, rng.randint(1, 3))
        left -= size
        disputed = size >= 2 and rng.random() < 0.5  # with the single-claim topics: ~1/3
        of = rng.choice(OF)
        base = rng.randint(3, 40)
        people = rng.sample(claimants, k=min(size, len(claimants)))
        for k in range(size):
            by = people[k % len(people)] if disputed else people[0]
            figure = str(base * (4 if disputed and k % 2 else 1) + (k if not disputed else 0))
            if not disputed and size > 1:
                figure = f"{base}-{base + 5}" if k % 2 else str(base + 2)
            out.append(
                f"  - about: {topic}\n    by: {by}\n"
                f"    says: Claim {k + 1} of event {i} on this topic.\n"
                f"    figure: '{figure}'\n    of: {of}\n"
                f"    source: {rng.choice(srcs)}\n    date: '{date}'\n"
            )
    return ("claims:\n" + "".join(out)) if out else ""


def generate(root: Path, events: int, seed: int = 1) -> Path:
    """Write the chronicle under ``root`` and return it."""
    rng = random.Random(seed)
    actors, locations = max(10, events // 30), max(10, events // 10)
    sources = max(10, events // 2)
    _write(root / "index.md", "# Synthetic chronicle\n\nA generated chronicle for benchmarks.\n")
    _write(root / "about.md", "# About\n\n## Disputes {#disputes}\n\nGenerated.\n")
    for i in range(actors):
        latin, cyrillic, arabic = ALIAS_FORMS[i % len(ALIAS_FORMS)]
        _write(
            root / "actors" / f"actor-{i}.md",
            f"---\nname: Actor {i}\naliases: [{latin} {i}, {cyrillic} {i}, {arabic} {i}]\n"
            f"kind: {KINDS[i % len(KINDS)]}\n"
            + (f"affiliated_with: [actor-{i - 1}]\n" if i % 5 else "")
            + "---\nA generated actor.\n",
        )
    for i in range(locations):
        latin, cyrillic, arabic = PLACE_FORMS[i % len(PLACE_FORMS)]
        coords = f"lat: {10 + i % 10}.5\nlon: {-5 + i % 8}.25\n" if i % 3 else ""
        _write(
            root / "locations" / f"place-{i}.md",
            f"---\nname: Place {i}\naliases: [{latin} {i}, {cyrillic} {i}, {arabic} {i}]\n"
            f"region: Region {i % 8}\ncountry: ML\n{coords}---\nA generated place.\n",
        )
    for i in range(sources):
        year = FIRST_YEAR + i * YEARS // sources
        _write(
            root / "sources" / f"source-{i}.md",
            f"---\npublisher: Publisher {i % 40}\ntitle: Report {i}\ntitle_en: Report {i}\n"
            f"date: {year}-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"language: {LANGUAGES[i % len(LANGUAGES)]}\n"
            f"kind: {SOURCE_KINDS[i % len(SOURCE_KINDS)]}\n"
            f"url: https://example.org/report/{i}\n---\nA generated report.\n",
        )
    for i in range(events):
        year = FIRST_YEAR + i * YEARS // events
        month, day = 1 + (i * 12 * YEARS // events) % 12, 1 + i % 28
        ident = f"{year}-{month:02d}-{day:02d}-event-{i}"
        near = i * sources // events  # sources of the time, as reports follow events
        picks = rng.randint(1, 4)
        srcs = sorted(
            {f"source-{min(sources - 1, near + rng.randrange(20))}" for _ in range(picks)}
        )
        acts = {f"actor-{b}" for b in range(BUSY) if rng.random() < 1 / 3}
        wanted = rng.randint(1, 4)
        while len(acts) < wanted:
            acts.add(f"actor-{rng.randrange(BUSY, actors)}")
        acts = sorted(acts)
        locs = sorted({f"place-{rng.randrange(locations)}" for _ in range(rng.randint(1, 2))})
        date = f"{year}-{month:02d}-{day:02d}"
        _write(
            root / "events" / str(year) / f"{ident}.md",
            f"---\ntitle: Event {i} near {locs[0].replace('-', ' ').title()}\n"
            f"summary: A generated event, number {i}, with {len(acts)} actors.\n"
            f"date: {date}\ntype: {TYPES[i % len(TYPES)]}\n"
            f"actors: [{', '.join(acts)}]\nlocations: [{', '.join(locs)}]\n"
            f"sources: [{', '.join(srcs)}]\n"
            + _claims(rng, i, date, acts, srcs)
            + "---\n"
            + _body(rng, i, srcs),
        )
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[2]), int(sys.argv[1]))
