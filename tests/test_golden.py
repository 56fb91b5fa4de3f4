"""The generated Markdown of the fixture chronicle, compared with tests/golden/."""

from __future__ import annotations

import difflib

from tests.conftest import FIXTURE
from tests.regenerate_golden import GOLDEN, SCHEMA_FILE, generated, stored

REGENERATE = "python -m tests.regenerate_golden"


def test_every_page_matches_its_golden_file():
    now, golden = generated(), stored()
    assert golden, f"no golden files in {GOLDEN}: run `{REGENERATE}`"
    differ = sorted(p for p in now.keys() & golden.keys() if now[p] != golden[p])
    missing = sorted(now.keys() - golden.keys())
    stale = sorted(golden.keys() - now.keys())
    if differ or missing or stale:
        header = (
            "generated output differs from tests/golden/; if the change is intended, run "
            f"`{REGENERATE}` and review the diff"
        )
        report = [header]
        report += [f"  differs: {p}" for p in differ]
        report += [f"  not in golden: {p}" for p in missing]
        report += [f"  no longer generated: {p}" for p in stale]
        first = differ[0] if differ else None
        if first:
            report += ["", f"first difference, in {first}:"]
            report += list(
                difflib.unified_diff(
                    golden[first].splitlines(),
                    now[first].splitlines(),
                    "golden",
                    "now",
                    lineterm="",
                    n=1,
                )
            )[:40]
        raise AssertionError("\n".join(report))


def test_golden_covers_every_page_of_the_fixture_chronicle():
    golden = stored()
    for folder in ("events", "actors", "locations", "sources"):
        for file in sorted((FIXTURE / folder).rglob("*.md")):
            assert f"{folder}/{file.stem}.md" in golden, file
    for page in (
        "index.md",
        "chronicle.md",
        "disputed.md",
        "actors/index.md",
        "locations/index.md",
        "sources/index.md",
        "schema/index.md",
        "events/index.md",
        "events/2024.md",
        SCHEMA_FILE,
        "events/river-post-raid/index.html",
    ):
        assert page in golden, page


def test_generation_is_deterministic():
    assert generated() == generated()
